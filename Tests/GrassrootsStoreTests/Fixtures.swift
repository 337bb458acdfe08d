import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import Logging
import SQLKit
import Testing

/// Builds a small city in one line, on SQLite and (when GRASSROOTS_TEST_POSTGRES_URL is set) on PostgreSQL.
enum Fixtures {
    /// The engines store tests run on here.
    static var engines: [Engine] {
        ProcessInfo.processInfo.environment["GRASSROOTS_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A fresh, migrated, empty database of `engine` (its own SQLite file, or its own PostgreSQL database).
    static func empty(_ engine: Engine, migrations: [Migration] = Migrator.all) async throws -> StoreContext {
        let db: any Database
        switch engine {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            db = try await SQLiteStore.open(path: dir.appendingPathComponent("t.sqlite").path, logger: Logger(label: "test"))
        case .postgres:
            let base = ProcessInfo.processInfo.environment["GRASSROOTS_TEST_POSTGRES_URL"]!
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await PostgresStore.open(url: base, logger: Logger(label: "test"))
            try await admin.read { db in try await db.raw("CREATE DATABASE \(ident: String(name))").run() }
            try await admin.close()
            var parts = URLComponents(string: base)!
            parts.path = "/" + name
            db = try await PostgresStore.open(url: parts.string!, logger: Logger(label: "test"))
        }
        try await Migrator.migrate(db, migrations: migrations)
        return StoreContext(database: db, cipher: .testing, clock: { Date(timeIntervalSince1970: 1_795_000_000) })
    }

    /// A migrated database holding the demo city at its smallest scale (1,000 households).
    static func city(_ engine: Engine) async throws -> StoreContext {
        let context = try await empty(engine)
        _ = try await DemoCity(context).build(households: 1_000)
        return context
    }

    /// A scope rooted at the unit with `code`, for `role`.
    static func scope(_ context: StoreContext, code: String, role: Role) async throws -> Scope {
        let unit = try await UnitStore(context).unit(code: code, scope: .system)
        return Scope(path: unit.path, role: role, accountID: 0, username: "test-\(role.rawValue)")
    }

    /// A single integer from SQL written by hand in a test, to check store figures against.
    static func count(_ context: StoreContext, _ sql: String) async throws -> Int {
        try await context.database.read { db in
            try await db.raw(SQLQueryString(stringLiteral: sql)).first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Expects `body` to throw an error of `type` (a store error, a validation error, a refusal), recording any other outcome.
    static func expectError<E: Error, R>(_ type: E.Type, _ body: () async throws -> R, sourceLocation: SourceLocation = #_sourceLocation) async {
        do { _ = try await body(); Issue.record("expected \(type)", sourceLocation: sourceLocation) }
        catch is E {} catch { Issue.record("expected \(type), got \(error)", sourceLocation: sourceLocation) }
    }
}
