import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

/// A database that goes away answers 503 with a plain message in the user's language (no 500, no detail), and the
/// same requests work again once it is back. Tests/e2e/test_faults_postgres.py restarts a real PostgreSQL.
@Suite struct DatabaseFaultWebTests {
    /// Delegates to a real store; while `down`, every operation fails as the PostgreSQL store reports a lost server.
    final class Switchable: Database, @unchecked Sendable {
        let base: any Database
        private let lock = NSLock()
        private var isDown = false

        init(_ base: any Database) { self.base = base }

        var down: Bool {
            get { lock.withLock { isDown } }
            set { lock.withLock { isDown = newValue } }
        }

        var engine: Engine { base.engine }
        func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            if down { throw StoreError.unavailable("PostgreSQL is unavailable: server (SQLSTATE 57P01) at 10.0.0.5") }
            return try await base.read(body)
        }
        func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            if down { throw StoreError.unavailable("PostgreSQL is unavailable: serverClosedConnection at 10.0.0.5") }
            return try await base.write(body)
        }
        func reserveIDs(_ table: String, count: Int, on db: any SQLDatabase) async throws -> [Int] { try await base.reserveIDs(table, count: count, on: db) }
        func syncIDs(_ table: String, on db: any SQLDatabase) async throws { try await base.syncIDs(table, on: db) }
        func writeHealth() async throws -> WriteHealth { try await base.writeHealth() }
        func close() async throws { try await base.close() }
    }

    @Test func unavailableDatabaseAnswers503AndRecovers() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sqlite = try await SQLiteStore.open(path: dir.appendingPathComponent("f.sqlite").path, logger: Logger(label: "test"))
        try await Migrator.migrate(sqlite)
        let database = Switchable(sqlite)
        let context = StoreContext(database: database, cipher: .testing)
        _ = try await DemoCity(context).build(households: 1_000)
        defer { Task { try? await sqlite.close() } }
        let app = buildApplication(WebConfiguration(), stores: Stores(context))
        try await app.test(.router) { client in
            let headers = try await MobilizationWebTests.bearer(client, "beicheng")
            let cookie = try await AuthorizationTests.login(client, "beicheng")
            database.down = true
            try await client.execute(uri: "/api/v1/directives", method: .get, headers: headers) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(body?["error"] as? String == "数据库暂时不可用，请稍后重试")
                #expect((body?["fields"] as? [Any])?.isEmpty == true)
                #expect(!String(buffer: response.body).contains("57P01") && !String(buffer: response.body).contains("10.0.0.5"))
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie + "; lang=en"]) { response in
                #expect(response.status == .serviceUnavailable)
                let page = String(buffer: response.body)
                #expect(page.contains("The database is unavailable; try again shortly") && !page.contains("serverClosedConnection"))
            }
            database.down = false
            try await client.execute(uri: "/api/v1/directives", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// An unreachable PostgreSQL is reported within the store's lease timeout (5 s), not after the pool's 60 s.
    @Test func unreachablePostgresIsReportedPromptly() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .error  // the pool logs every refused attempt at info
        let started = ContinuousClock.now
        do {
            _ = try await DatabaseLocation.postgres(url: "postgres://grassroots@127.0.0.1:9/none").open(logger: logger)
            Issue.record("opening a PostgreSQL URL with nothing listening succeeded")
        } catch let error as StoreError {
            guard case .unavailable = error else { Issue.record("expected unavailable, got \(error)"); return }
        }
        #expect(ContinuousClock.now - started < .seconds(15))
    }
}
