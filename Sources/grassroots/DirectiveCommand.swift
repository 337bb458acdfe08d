import ArgumentParser
import Foundation
import GrassrootsCore
import GrassrootsStore

/// `grassroots directive issue|progress`: issue a directive from the terminal and read its roll-up, timed.
struct DirectiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "directive", abstract: "Issue directives and read their progress.",
                                                    subcommands: [Issue.self, Progress.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Draft and issue a directive to every target below a unit.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Division or grid code of the issuing unit.") var unit: String
        @Option(help: "Title.") var title: String
        @Option(help: "screening, visit, notice, survey, inspection, supply or custom.") var kind = "notice"
        @Option(help: "households, households_with_category, residents_with_category, compounds or buildings.") var target = "households"
        @Option(help: "Resident category code, for category targets.") var category: String?
        @Option(help: "Deadline in Beijing time, e.g. \"2027-01-01 18:00\".") var deadline: String
        @Option(help: "A file with the form, one field a line: label | type | required | option/option.") var formFile: String?

        func run() async throws {
            do {
                var form = FormSchema.empty
                if let formFile {
                    guard let data = FileManager.default.contents(atPath: formFile) else {
                        throw GrassrootsCore.ValidationError("form-file", Bilingual("无法读取文件 \(formFile)", "Cannot read the file \(formFile)"))
                    }
                    form = try FormSchema.parse(lines: try CSV.decode(data))
                }
                let input = DirectiveInput(title: title, kind: kind, target: target, category: category, deadline: deadline, form: form)
                try await database.with { context in
                    let unit = try await UnitStore(context).unit(code: unit, scope: .system)
                    let draft = try await DirectiveStore(context).create(unitID: unit.id, input, scope: .system)
                    let started = Date()
                    let issued = try await DirectiveStore(context).issue(draft.id, scope: .system)
                    let ms = Date().timeIntervalSince(started) * 1000
                    print("Issued directive \(issued.id) to \(issued.targetCount) targets in \(String(format: "%.1f", ms)) ms (cascade and roll-up).")
                }
            } catch { throw reportFailure(error) }
        }
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a directive's progress tree (tab-separated) and how long reading it took.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The directive id.") var id: Int
        @Option(help: "Tiers below the issuing unit (0 to 3).") var levels = 2
        @Option(help: "Read it this many times and report the median (for benchmarks).") var times = 1

        func validate() throws {
            guard (0...3).contains(levels) else { throw ArgumentParser.ValidationError("--levels must be 0 to 3") }
            guard (1...10_000).contains(times) else { throw ArgumentParser.ValidationError("--times must be 1 to 10000") }
        }

        func run() async throws {
            do {
                try await database.with { context in
                    let store = ProgressStore(context)
                    var durations: [Double] = [], tree: [UnitProgress] = []
                    for _ in 0..<self.times {
                        let started = Date()
                        tree = try await store.tree(directiveID: id, levels: levels, scope: .system)
                        durations.append(Date().timeIntervalSince(started) * 1000)
                    }
                    let rootDepth = tree.first?.depth ?? 0
                    print(["unit", "kind", "total", "done", "absent", "refused", "not_applicable", "pending", "reached"].joined(separator: "\t"))
                    for row in tree {
                        let c = row.counts
                        print([String(repeating: "  ", count: row.depth - rootDepth) + row.name, row.kind.rawValue, "\(c.total)", "\(c.done)", "\(c.absent)",
                               "\(c.refused)", "\(c.notApplicable)", "\(c.pending)", c.reachedShare.map { String(format: "%.1f%%", $0 * 100) } ?? "—"]
                            .joined(separator: "\t"))
                    }
                    let median = durations.sorted()[durations.count / 2]
                    FileHandle.standardError.write(Data("Read \(tree.count) units in \(String(format: "%.2f", median)) ms (median of \(durations.count)).\n".utf8))
                }
            } catch { throw reportFailure(error) }
        }
    }
}
