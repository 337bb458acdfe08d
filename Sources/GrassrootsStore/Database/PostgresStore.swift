import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
// postgres-nio's pool module: `PostgresClient` throws its `ConnectionPoolError` unwrapped.
import _ConnectionPoolModule

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
        try await withConnection { connection in try await body(LiveConnection(connection)) }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await Self.transaction(PostgresTransaction(base: LiveConnection(connection), connection: connection), on: connection, body)
        }
    }

    public func writeHealth() async throws -> WriteHealth { try await read { try await WriteHealth.postgres($0) } }

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

// Faults: PostgreSQL restarting, unreachable or closing connections. A request must then get a prompt
// `StoreError.unavailable` (503), never hang, and the pool reconnects by itself once the server is back.
extension PostgresStore {
    /// How long an operation waits for a pooled connection before it is told the database is unavailable. The pool
    /// keeps reconnecting in the background (100 ms between attempts, growing); without a bound a request would wait
    /// while PostgreSQL is down until the pool gives up after 60 s, long after any client has.
    static let leaseTimeout = Duration.seconds(5)

    /// Leases a connection (waiting at most `leaseTimeout`) and runs `body` on it; constraint errors become the store's
    /// own, and a lost or unreachable database becomes `StoreError.unavailable`.
    func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await mapDriverErrors {
                try await leasing { connection in
                    // The pool may hand out a connection the server closed a moment ago; a query on it would never be answered.
                    guard !connection.isClosed else { throw LiveConnection.closed }
                    return try await body(connection)
                }
            }
        } catch let error as PSQLError where Self.isConnectionLoss(error) {
            throw StoreError.unavailable("PostgreSQL is unavailable: \(error.code)" + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""))
        } catch let error as _ConnectionPoolModule.ConnectionPoolError {
            // After 60 s without a connection the pool fails every lease at once until it connects again; or it is shutting down.
            throw StoreError.unavailable("PostgreSQL is unavailable: \(error)")
        }
    }

    private func leasing<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let lease = LeaseDeadline()
        return try await withoutActuallyEscaping(body) { body in
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await self.client.withConnection { connection in
                        guard lease.begin() else { throw CancellationError() }
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: Self.leaseTimeout)
                    return nil
                }
                // The first to finish: the operation (its value or error), or the timer, which wins only before the lease.
                while let finished = try await group.next() {
                    if let value = finished { group.cancelAll(); return value }
                    if lease.expire() {
                        group.cancelAll()
                        throw StoreError.unavailable("no PostgreSQL connection within \(Self.leaseTimeout)")
                    }
                }
                throw CancellationError()
            }
        }
    }

    /// BEGIN … COMMIT on one connection, rolled back on an error unless the error ended the connection: the server has
    /// then discarded the transaction itself, and a ROLLBACK written to a connection that is already closed is never
    /// answered (postgres-nio drops it), which hung every in-flight write when PostgreSQL restarted.
    static func transaction<T>(_ db: any SQLDatabase, on connection: PostgresConnection, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.raw("BEGIN").run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            if !connection.isClosed, !isConnectionLoss(error) { try? await db.raw("ROLLBACK").run() }
            throw error
        }
    }

    /// Whether `error` means the database went away: the connection was lost or refused, or the server is shutting
    /// down, starting up or out of connections (SQLSTATE class 08, 57P…, 53300, or any FATAL, which ends the session).
    static func isConnectionLoss(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300" || ["FATAL", "PANIC"].contains(error.serverInfo?[.severity] ?? "")
        default:
            return false
        }
    }
}

/// Whether an operation got its connection in time: whichever of `begin` (leased) and `expire` (timed out) comes first wins.
final class LeaseDeadline: Sendable {
    private let leased = NIOLockedValueBox<Bool?>(nil)

    func begin() -> Bool { leased.withLockedValue { state in if state == nil { state = true }; return state == true } }
    func expire() -> Bool { leased.withLockedValue { state in if state == nil { state = false }; return state == false } }
}

/// sql-kit over one pooled connection, failing a statement with `StoreError.unavailable` once the connection has
/// closed. postgres-nio writes a statement to its channel without a promise, so one that reaches a channel closed a
/// moment earlier (PostgreSQL restarting while a transaction is between statements) is dropped and never answered.
/// A statement's caller is therefore released as soon as the connection is seen closed (checked before sending and
/// every 250 ms while waiting); the abandoned statement is the price of never hanging.
struct LiveConnection: SQLDatabase {
    let base: any SQLDatabase
    let connection: PostgresConnection

    init(_ connection: PostgresConnection) {
        self.base = connection.sql(queryLogLevel: nil)
        self.connection = connection
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    static let closed = StoreError.unavailable("PostgreSQL closed the connection")

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        connection.isClosed ? eventLoop.makeFailedFuture(Self.closed) : base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        guard !connection.isClosed else { throw Self.closed }
        let (base, connection) = (self.base, self.connection)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = StatementOutcome(continuation)
            // A timer on the connection's event loop rather than tasks: a statement costs a scheduled check, not two tasks.
            let watchdog = connection.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(250), delay: .milliseconds(250)) { task in
                if connection.isClosed { outcome.finish(Self.closed); task.cancel() }
            }
            base.execute(sql: query, onRow).whenComplete { result in
                watchdog.cancel()
                switch result {
                case .success: outcome.finish(nil)
                case .failure(let error): outcome.finish(error)
                }
            }
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

/// Resumes a statement's caller once: with the statement's result, or with the watchdog's error, whichever is first.
final class StatementOutcome: Sendable {
    private let continuation: NIOLockedValueBox<CheckedContinuation<Void, any Error>?>

    init(_ continuation: CheckedContinuation<Void, any Error>) { self.continuation = NIOLockedValueBox(continuation) }

    func finish(_ error: (any Error)?) {
        guard let continuation = self.continuation.withLockedValue({ value in defer { value = nil }; return value }) else { return }
        if let error { continuation.resume(throwing: error) } else { continuation.resume() }
    }
}
