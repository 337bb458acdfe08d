import ArgumentParser
import Foundation
import GrassrootsCore
import GrassrootsStore

/// `grassroots import divisions FILE`.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data from CSV files.", subcommands: [Divisions.self, Households.self, Residents.self])

    struct Divisions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import statistical divisions: CSV code,name,level,parent_code (level 1 province … 5 village/community), UTF-8 or GB18030.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "The file's top-tier rows may name a parent the system does not hold (a county's file names its prefecture): they become roots.")
        var roots = false

        func run() async throws {
            do {
                try await database.with { context in
                    let started = Date()
                    let summary = try await DivisionImporter(context).importCSV(.file(file), scope: .system, roots: roots,
                                                                                progress: { ProgressBar(label: "divisions")($0, $1) })
                    print("Imported divisions in \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(summary.inserted) new, \(summary.updated) updated.")
                    print(summary.kinds.map { "\($0.label.zh) \($0.count)" }.joined(separator: "，"))
                }
            } catch { throw reportFailure(error) }
        }
    }
}

/// Options shared by the household and resident imports.
struct RegistryImportOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The CSV file (UTF-8 with or without BOM, or GB18030), columns mapped by header.") var file: String
    @Flag(help: "Import the good rows and write the bad ones, with the reason, to the reject file.") var skipInvalid = false
    @Option(help: "Where bad rows go with --skip-invalid (default FILE.rejects.csv).") var rejectFile: String?

    /// Reads the file, runs `body` (the import), prints the summary and writes the reject file.
    func run(_ label: String, _ body: @escaping (RegistryImporter, String, Bool) async throws -> RegistryImportResult) async throws {
        do {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw GrassrootsCore.ValidationError("file", Bilingual("无法读取文件 \(file)", "Cannot read the file \(file)"))
            }
            let text = try CSV.decode(data)
            let started = Date()
            let result = try await database.with { context in try await body(RegistryImporter(context), text, skipInvalid) }
            print("Imported \(result.summary.inserted) \(label) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; \(result.summary.rejected) rows rejected.")
            if !result.rejected.isEmpty {
                let path = rejectFile ?? file + ".rejects.csv"
                let rows = result.rejected.sorted { $0.error.line < $1.error.line }.map { ["\($0.error.line)"] + $0.fields + [$0.error.text(.zh)] }
                try CSV.document(header: ["line"] + result.header + ["error"], rows: rows).write(to: URL(fileURLWithPath: path))
                print("Rejected rows written to \(path).")
            }
        } catch { throw reportFailure(error) }
    }
}

extension Import {
    struct Households: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import households: grid_code, compound, building, room, address, note (or 网格代码, 小区, 楼栋, 房号, 地址, 备注).")
        @OptionGroup var options: RegistryImportOptions

        func run() async throws {
            try await options.run("households") { importer, text, skip in
                try await importer.importHouseholds(text, scope: .system, skipInvalid: skip, progress: { ProgressBar(label: "households")($0, $1) })
            }
        }
    }

    struct Residents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import residents into existing households: grid_code, compound, building, room, name, sex, birth_date, id_number, phone, political_status, residence_status, categories, is_head.")
        @OptionGroup var options: RegistryImportOptions

        func run() async throws {
            try await options.run("residents") { importer, text, skip in
                try await importer.importResidents(text, scope: .system, skipInvalid: skip, progress: { ProgressBar(label: "residents")($0, $1) })
            }
        }
    }
}

/// `grassroots user add|reset-password|disable|enable|unlock`.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.",
                                                    subcommands: [Add.self, ResetPassword.self, Disable.self, Enable.self, Unlock.self])

    /// The password from the flag, else from GRASSROOTS_PASSWORD (which keeps it out of shell history).
    static func password(_ given: String?) throws -> String {
        guard let password = given ?? ProcessInfo.processInfo.environment["GRASSROOTS_PASSWORD"] else {
            throw GrassrootsCore.ValidationError("password", Bilingual("请用 --password 或环境变量 GRASSROOTS_PASSWORD 提供密码", "Give --password or set GRASSROOTS_PASSWORD"))
        }
        return password
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account with a role and a scope unit (by division or grid code).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Division or grid code of the scope unit.") var scope: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "Department code (for a department_officer), e.g. CG.") var department: String?
        @Option(help: "Password (at least 8 characters); read from GRASSROOTS_PASSWORD when omitted.") var password: String?

        func run() async throws {
            do {
                let role = try Role.parse(role)
                let password = try User.password(password)
                try await database.with { context in
                    let unit = try await UnitStore(context).unit(code: scope, scope: .system)
                    var departmentID: Int?
                    if let department {
                        guard let found = try await DepartmentStore(context).departments().first(where: { $0.code == department }) else {
                            throw ValidationError("department", Bilingual("没有代码为“\(department)”的部门", "There is no department with code “\(department)”"))
                        }
                        departmentID = found.id
                    }
                    let account = try await AccountStore(context).create(username: username, displayName: name ?? username, password: password,
                                                                         role: role, scopeUnitID: unit.id, departmentID: departmentID, by: .system)
                    print("Added \(account.username) (\(role.rawValue)) with scope \(unit.name).")
                }
            } catch { throw reportFailure(error) }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password for an account.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String
        @Option(help: "New password; read from GRASSROOTS_PASSWORD when omitted.") var password: String?

        func run() async throws {
            do {
                let password = try User.password(password)
                try await database.with { context in
                    try await AccountStore(context).resetPassword(username: username, password: password, by: .system)
                    print("Password reset for \(username).")
                }
            } catch { throw reportFailure(error) }
        }
    }
}

extension User {
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account; its sessions and API tokens end at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String

        func run() async throws {
            do {
                try await database.with { try await AccountStore($0).setDisabled(username: username, true, by: .system) }
                print("Disabled \(username); its sessions and tokens have ended.")
            } catch { throw reportFailure(error) }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String

        func run() async throws {
            do {
                try await database.with { try await AccountStore($0).setDisabled(username: username, false, by: .system) }
                print("Enabled \(username).")
            } catch { throw reportFailure(error) }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clear a username's failed logins so it may sign in again at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String

        func run() async throws {
            do {
                try await database.with { try await AccountStore($0).unlock(username: username, by: .system) }
                print("Unlocked \(username).")
            } catch { throw reportFailure(error) }
        }
    }
}

/// `grassroots export coverage|residents|cadres --unit CODE`: CSV that Excel opens (UTF-8 with BOM).
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export CSV (UTF-8 with BOM) for a unit's subtree.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "What to export: coverage, residents (identity and phone numbers masked) or cadres (with the period's evaluation).") var what: String
    @Option(help: "Division or grid code of the unit.") var unit: String
    @Option(help: "Output file (default: standard output).") var output: String?
    @Option(help: "For cadres: the period, 2026, 2026Q4 or 2026-11 (default: this year).") var period: String?

    func validate() throws {
        guard ["coverage", "residents", "cadres"].contains(what) else {
            throw ArgumentParser.ValidationError("export coverage, residents or cadres, not “\(what)”")
        }
        if let period { do { _ = try Period(period) } catch { throw ArgumentParser.ValidationError("--period: write 2026, 2026Q4 or 2026-11, not “\(period)”") } }
    }

    func run() async throws {
        do {
            let data = try await database.with { context -> Data in
                let root = try await UnitStore(context).unit(code: unit, scope: .system)
                if what == "cadres" {
                    let scope = Scope(path: root.path, role: .cityAdmin, accountID: 0, username: "system")
                    let evaluation = try await CadreEvaluationStore(context).evaluation(period: period ?? Period.year(of: context.clock()).code, scope: scope)
                    return CadreExport.csv(evaluation, today: WorkingCalendar.dayKey(context.clock()), language: .zh)
                }
                if what == "residents" {
                    return CSV.document(header: RegistryExport.residentHeader, rows: try await RegistryExport(context).residents(under: root.id, scope: .system))
                }
                return try await CoverageStore(context).report(unitID: root.id, scope: .system).csv
            }
            if let output { try data.write(to: URL(fileURLWithPath: output)) } else { FileHandle.standardOutput.write(data) }
        } catch { throw reportFailure(error) }
    }
}

/// `grassroots verify`: recompute derived data and compare.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check invariants: paths, depths, placements. Exits non-zero on any violation.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let checks: [Verifier.Check]
        do {
            checks = try await database.with { context in try await Verifier(context).run() }
        } catch { throw reportFailure(error) }
        for check in checks { print("\(check.violations == 0 ? "ok  " : "FAIL") \(check.name)\(check.violations == 0 ? "" : ": \(check.violations) rows")") }
        if checks.contains(where: { $0.violations > 0 }) { throw ExitCode.failure }
    }
}

/// `grassroots checkup --unit CODE --period P`: the check-up report in a terminal, the same figures as the page.
struct Checkup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the check-up (体检) of the city, a street or a community for a period.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Division code of the city, a street or a community.") var unit: String
    @Option(help: "2026Q4, 2026-11 or 2026 (default: this quarter).") var period: String?

    func validate() throws {
        if let period { do { _ = try Period(period) } catch { throw ArgumentParser.ValidationError("--period: write 2026Q4, 2026-11 or 2026, not “\(period)”") } }
    }

    func run() async throws {
        let report: CheckupReport
        do {
            report = try await database.with { context -> CheckupReport in
                let root = try await UnitStore(context).unit(code: unit, scope: .system)
                return try await CheckupStore(context).report(unitID: root.id, period: period ?? Period.quarter(of: context.clock()).code, scope: .system)
            }
        } catch { throw reportFailure(error) }
        let score = { (s: Double?) in s.map { String(format: "%5.1f", $0) } ?? "  无数据" }
        print("\(report.unit.unitName)  \(report.unit.period)  综合 \(score(report.unit.overall))")
        for index in CheckupIndex.allCases {
            print("\n\(index.label.zh)  \(score(report.unit.scores.score(index)))")
            for v in report.unit.scores.values where v.measure.index == index {
                print("  \(v.measure.label.zh.padding(toLength: 14, withPad: "　", startingAt: 0)) \(score(v.value.map { $0 * 100 }))  \(v.share.hits)/\(v.share.of)")
            }
        }
        if report.trend.count > 1 { print("\n趋势  " + report.trend.map { "\($0.period) \(score($0.overall))" }.joined(separator: "  ")) }
        print("\n最需改进：" + report.unit.scores.weakest().map { "\($0.measure.label.zh) \(score($0.value.map { $0 * 100 }))" }.joined(separator: "；"))
        if !report.children.isEmpty {
            print("\n下级单位排名")
            for (i, c) in report.children.enumerated() { print("  \(i + 1). \(c.unitName)  \(score(c.overall))") }
        }
    }
}
