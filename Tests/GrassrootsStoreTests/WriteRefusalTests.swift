import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import Logging
import SQLKit
import Testing

/// A database that cannot take a write says so in the store's terms — `storageFull` for a full disk, `readOnly` for a
/// read-only database — keeps nothing of the refused transaction, and takes writes again once the cause is gone.
/// (Tests/e2e/test_faults_disk.py fills a real disk and mounts a file read-only; test_faults_postgres.py turns a
/// PostgreSQL database read-only under load.)
@Suite struct WriteRefusalTests {
    static func households(_ context: StoreContext) async throws -> Int {
        try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM households")
    }

    /// Inserts `rooms` households in one transaction under the first building.
    static func addHouseholds(_ context: StoreContext, rooms: Int, prefix: String) async throws {
        let database = context.database, now = context.nowText
        try await database.write { db in
            let b = try await db.raw("SELECT id, parent_id, path FROM units WHERE kind = 'building' ORDER BY id LIMIT 1").first()!
            let building = try b.decode(column: "id", as: Int.self), compound = try b.decode(column: "parent_id", as: Int.self)
            let path = try b.decode(column: "path", as: String.self)
            let grid = try await db.raw("SELECT parent_id FROM units WHERE id = \(bind: compound)").first()!.decode(column: "parent_id", as: Int.self)
            for i in 0..<rooms {
                try await db.raw("""
                    INSERT INTO households (building_id, compound_id, grid_id, path, room, address, created_at, updated_at)
                    VALUES (\(bind: building), \(bind: compound), \(bind: grid), \(bind: path), \(bind: "\(prefix)-\(i)"),
                            \(bind: String(repeating: "很长的地址", count: 40)), \(bind: now), \(bind: now))
                    """).run()
            }
        }
    }

    @Test func fullSQLiteDiskRefusesTheWholeTransactionAndRecovers() async throws {
        let context = try await Fixtures.city(.sqlite)
        defer { Task { try? await context.database.close() } }
        let health = try await context.database.writeHealth()
        #expect(health.problem == nil && (health.freeBytes ?? 0) > WriteHealth.minimumFreeBytes)
        let before = try await Self.households(context)
        // The file may not grow past its present size: to SQLite this is a full disk (SQLITE_FULL), as on a real one.
        let pages = try await context.database.read { try await $0.raw("PRAGMA page_count").first()!.decode(column: "page_count", as: Int.self) }
        try await context.database.write { try await $0.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages))").run() }
        do { try await Self.addHouseholds(context, rooms: 2_000, prefix: "满"); Issue.record("2,000 households fitted in a full file") }
        catch let error as StoreError { guard case .storageFull = error else { Issue.record("expected storageFull, got \(error)"); return } }
        #expect(try await Self.households(context) == before)

        try await context.database.write { try await $0.raw("PRAGMA max_page_count = 1073741823").run() }
        try await Self.addHouseholds(context, rooms: 2_000, prefix: "有空")
        #expect(try await Self.households(context) == before + 2_000)
    }

    @Test func readOnlySQLiteConnectionRefusesWrites() async throws {
        let context = try await Fixtures.city(.sqlite)
        let path = try await context.database.read { try await $0.raw("PRAGMA database_list").first()!.decode(column: "file", as: String.self) }
        let before = try await Self.households(context)
        // The writer connection turns read-only, as SQLite opens a file it may not write (SQLITE_READONLY either way).
        try await context.database.write { try await $0.raw("PRAGMA query_only = ON").run() }
        do { try await Self.addHouseholds(context, rooms: 3, prefix: "只读"); Issue.record("a write went through a read-only connection") }
        catch let error as StoreError { guard case .readOnly = error else { Issue.record("expected readOnly, got \(error)"); return } }
        #expect(try await Self.households(context) == before)
        try await context.database.close()

        // Opened again (as after the file was made writable and the server restarted), it writes.
        let reopened = StoreContext(database: try await SQLiteStore.open(path: path, logger: Logger(label: "test")), cipher: .testing, clock: context.clock)
        defer { Task { try? await reopened.database.close() } }
        try await Self.addHouseholds(reopened, rooms: 3, prefix: "可写")
        #expect(try await Self.households(reopened) == before + 3)
    }

    @Test func readOnlyPostgresRefusesWritesAndTheProbeSaysSo() async throws {
        guard Fixtures.engines.contains(.postgres) else { return }
        let context = try await Fixtures.city(.postgres)
        let name = try await context.database.read { try await $0.raw("SELECT current_database() AS n").first()!.decode(column: "n", as: String.self) }
        #expect(try await context.database.writeHealth() == WriteHealth(problem: nil, freeBytes: nil))
        try await context.database.read { try await $0.raw("ALTER DATABASE \(ident: name) SET default_transaction_read_only = on").run() }
        try await context.database.close()
        // A new pool: its sessions start read-only, as on a standby.
        let url = { var p = URLComponents(string: ProcessInfo.processInfo.environment["GRASSROOTS_TEST_POSTGRES_URL"]!)!; p.path = "/" + name; return p.string! }()
        let readOnly = try await PostgresStore.open(url: url, logger: Logger(label: "test"))
        let stuck = StoreContext(database: readOnly, cipher: .testing, clock: context.clock)
        let before = try await Self.households(stuck)
        #expect(try await readOnly.writeHealth().problem == .readOnly)
        do { try await Self.addHouseholds(stuck, rooms: 3, prefix: "只读"); Issue.record("a write went through a read-only database") }
        catch let error as StoreError { guard case .readOnly = error else { Issue.record("expected readOnly, got \(error)"); return } }
        #expect(try await Self.households(stuck) == before)
        try await readOnly.read { db in
            // ALTER DATABASE is itself a write: this session first asks for read-write transactions again.
            try await db.raw("SET default_transaction_read_only = off").run()
            try await db.raw("ALTER DATABASE \(ident: name) RESET default_transaction_read_only").run()
        }
        try await readOnly.close()
    }
}
