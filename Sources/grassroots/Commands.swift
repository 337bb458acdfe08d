import ArgumentParser
import Foundation
import GrassrootsCore
import GrassrootsStore

/// `grassroots import divisions FILE`.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data from CSV files.", subcommands: [Divisions.self])

    struct Divisions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import statistical divisions: CSV code,name,level,parent_code (level 1 province … 5 village/community), UTF-8 or GB18030.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            do {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw GrassrootsCore.ValidationError("file", Bilingual("无法读取文件 \(file)", "Cannot read the file \(file)"))
                }
                let text = try CSV.decode(data)
                try await database.with { context in
                    let started = Date()
                    let summary = try await DivisionImporter(context).importCSV(text, scope: .system, progress: { ProgressBar(label: "divisions")($0, $1) })
                    print("Imported divisions in \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(summary.inserted) new, \(summary.updated) updated.")
                }
            } catch { throw reportFailure(error) }
        }
    }
}

/// `grassroots user add` and `grassroots user reset-password`.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [Add.self, ResetPassword.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account with a role and a scope unit (by division or grid code).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Division or grid code of the scope unit.") var scope: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "Password (at least 8 characters); read from GRASSROOTS_PASSWORD when omitted.") var password: String?

        func run() async throws {
            do {
                let role = try Role.parse(role)
                guard let password = password ?? ProcessInfo.processInfo.environment["GRASSROOTS_PASSWORD"] else {
                    throw GrassrootsCore.ValidationError("password", Bilingual("请用 --password 或环境变量 GRASSROOTS_PASSWORD 提供密码", "Give --password or set GRASSROOTS_PASSWORD"))
                }
                try await database.with { context in
                    let unit = try await UnitStore(context).unit(code: scope, scope: .system)
                    let account = try await AccountStore(context).create(username: username, displayName: name ?? username, password: password,
                                                                         role: role, scopeUnitID: unit.id, by: .system)
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
                guard let password = password ?? ProcessInfo.processInfo.environment["GRASSROOTS_PASSWORD"] else {
                    throw GrassrootsCore.ValidationError("password", Bilingual("请用 --password 或环境变量 GRASSROOTS_PASSWORD 提供密码", "Give --password or set GRASSROOTS_PASSWORD"))
                }
                try await database.with { context in
                    try await AccountStore(context).resetPassword(username: username, password: password, by: .system)
                    print("Password reset for \(username).")
                }
            } catch { throw reportFailure(error) }
        }
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
