import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through postgres-nio's `PostgresClient` (a connection pool), used when `DATABASE_URL` is set.
public final class PostgresStore: Database, @unchecked Sendable {
    public let engine = Engine.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>

    private init(client: PostgresClient) {
        self.client = client
        self.runner = Task { await client.run() }
    }

    /// Connects to `url` (`postgres://user:password@host:port/database`, or `?host=/socket/dir` for a Unix socket)
    /// and checks that the server answers.
    public static func open(url: String, logger: Logger) async throws -> PostgresStore {
        let store = PostgresStore(client: PostgresClient(configuration: try configuration(from: url), backgroundLogger: logger))
        do {
            _ = try await store.read { try await $0.raw("SELECT 1 AS one").first() }
        } catch {
            store.runner.cancel()
            throw StoreError.unavailable("cannot reach PostgreSQL at \(redacted(url)): \(String(reflecting: error))")
        }
        return store
    }

    /// Parses a PostgreSQL URL into a client configuration, with a clear error for a malformed one.
    static func configuration(from url: String) throws -> PostgresClient.Configuration {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
              let user = parts.user, !user.isEmpty else {
            throw StoreError.unavailable("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        let password = parts.password?.removingPercentEncoding
        var config: PostgresClient.Configuration
        if let socketDir = parts.queryItems?.first(where: { $0.name == "host" })?.value, socketDir.hasPrefix("/") {
            let port = parts.port ?? 5432
            config = .init(unixSocketPath: "\(socketDir)/.s.PGSQL.\(port)", username: user, password: password,
                           database: database.isEmpty ? user : database)
        } else {
            config = .init(host: parts.host ?? "localhost", port: parts.port ?? 5432, username: user, password: password,
                           database: database.isEmpty ? user : database, tls: .disable)
        }
        // One more than the requests had before: a server holds one connection for LISTEN (see `ProgressChannel`).
        config.options.maximumConnections = 11
        return config
    }

    private static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return "(unparseable URL)" }
        if parts.password != nil { parts.password = "***" }
        return parts.string ?? "(unparseable URL)"
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await mapDriverErrors {
            try await client.withConnection { connection in try await body(connection.sql(queryLogLevel: nil)) }
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await mapDriverErrors {
            try await client.withConnection { connection in
                try await inTransaction(connection.sql(queryLogLevel: nil), begin: "BEGIN", body)
            }
        }
    }

    public func reserveIDs(_ table: String, count: Int, on db: any SQLDatabase) async throws -> [Int] {
        guard count > 0 else { return [] }
        return try await db.raw("""
            SELECT nextval(pg_get_serial_sequence(\(bind: table), 'id')) AS id FROM generate_series(1, \(bind: count))
            """).all().map { try $0.decode(column: "id", as: Int.self) }
    }

    public func syncIDs(_ table: String, on db: any SQLDatabase) async throws {
        try await db.raw("""
            SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM \(ident: table)), 1))
            """).run()
    }

    /// Holds one pooled connection listening on `channel`, calling `receive` with each payload in order, until the
    /// connection drops (throws) or the task is cancelled. `onListening` runs once the server confirmed the LISTEN.
    func listen(channel: String, receive: (String) async -> Void, onListening: () -> Void) async throws {
        try await mapDriverErrors {
            try await client.withConnection { connection in
                try await connection.listen(on: channel) { notifications in
                    onListening()
                    for try await notification in notifications { await receive(notification.payload) }
                }
            }
        }
    }

    public func close() async throws {
        runner.cancel()
        _ = await runner.value
    }
}
