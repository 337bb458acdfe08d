import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// SQLite in WAL mode: one writer connection (SQLite has one writer anyway, and serializing here avoids busy
/// retries), and a few reader connections for concurrent reads. Writes that arrive while another is running
/// are committed together (group commit): many small field submissions then share one transaction's fixed cost.
public final class SQLiteStore: Database, @unchecked Sendable {
    public let engine = Engine.sqlite
    private let writer: SQLiteConnection
    private let readers: ConnectionPool<SQLiteConnection>
    private let queue = WriteQueue()
    /// At most this many waiting writes share one transaction, so a burst does not hold every caller for long.
    static let maxBatch = 64
    private let logger: Logger
    private let path: String

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.path = path
        self.writer = writer
        self.readers = ConnectionPool(readers)
        self.logger = logger
    }

    /// Opens (creating if needed) the file at `path` with WAL, foreign keys and a busy timeout.
    public static func open(path: String, readers: Int = 4, logger: Logger) async throws -> SQLiteStore {
        let directory = WriteHealth.folder(of: path)
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw StoreError.readOnly("数据库所在目录不可写（只读挂载或无权限）：\(directory) | cannot write to the database folder \(directory) (a read-only mount or no permission)")
        }
        func connect() async throws -> SQLiteConnection {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            do {
                for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000",
                               "PRAGMA synchronous = NORMAL",
                               // 64 MB of page cache: bulk imports otherwise spill index pages to disk mid-transaction.
                               "PRAGMA cache_size = -65536"] {
                    _ = try await connection.query(pragma, [])
                }
            } catch {
                // Not a database (or unreadable): close what was opened, or the connection outlives the failed open.
                try? await connection.close()
                throw error
            }
            return connection
        }
        var opened: [SQLiteConnection] = []
        do {
            for _ in 0...readers { opened.append(try await connect()) }
        } catch {
            for connection in opened { try? await connection.close() }
            throw error
        }
        return SQLiteStore(path: path, writer: opened[0], readers: Array(opened.dropFirst()), logger: logger)
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { connection in
            try await mapDriverErrors { try await body(connection.sql(queryLogLevel: nil)) }
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // The body runs before this call returns (the caller waits for its batch), so it never really escapes.
        try await withoutActuallyEscaping(body) { body in
            let job = WriteJob(body)
            return try await withCheckedThrowingContinuation { continuation in
                job.continuation = continuation
                Task {
                    guard await queue.enqueue(job) else { return }
                    while case let batch = await queue.take(Self.maxBatch), !batch.isEmpty { await run(batch) }
                }
            }
        }
    }

    /// One transaction for the batch (IMMEDIATE takes the write lock at the start, so it never fails half-way on
    /// a busy database). Should any write fail, the batch is rolled back and each write runs again in a transaction
    /// of its own, so the failing one fails alone. Failures are rare (validation runs before writing), so the
    /// common path costs no savepoints.
    private func run(_ batch: [any PendingWrite]) async {
        let db = SQLiteWriter(base: writer.sql(queryLogLevel: nil), connection: writer)
        if batch.count > 1, await transaction(batch, db) { for job in batch { job.finish() }; return }
        for job in batch {
            _ = await transaction([job], db)
            job.finish()
        }
    }

    /// Runs `jobs` in one transaction; true when all succeeded and it committed.
    private func transaction(_ jobs: [any PendingWrite], _ db: any SQLDatabase) async -> Bool {
        do {
            try await db.raw("BEGIN IMMEDIATE").run()
            for job in jobs where !(await job.run(db)) {
                try await db.raw("ROLLBACK").run()
                return false
            }
            try await db.raw("COMMIT").run()
            return true
        } catch {
            // BEGIN or COMMIT failed (a full disk shows here, when the WAL cannot grow): nothing of the batch is kept.
            try? await db.raw("ROLLBACK").run()
            let error = storeError(error)
            for job in jobs { job.fail(error) }
            return false
        }
    }

    public func reserveIDs(_ table: String, count: Int, on db: any SQLDatabase) async throws -> [Int] {
        // Safe because the single writer holds the lock for the whole transaction.
        let max = try await db.raw("SELECT COALESCE(MAX(id), 0) AS m FROM \(ident: table)").first()?.decode(column: "m", as: Int.self) ?? 0
        return Array((max + 1)..<(max + 1 + count))
    }

    public func syncIDs(_ table: String, on db: any SQLDatabase) async throws {
        // SQLite's rowid allocation always continues from MAX(id): nothing to move.
    }

    public func writeHealth() async throws -> WriteHealth { WriteHealth.sqlite(path: path) }

    public func close() async throws {
        try await writer.close()
        for connection in await readers.drain() { try await connection.close() }
    }
}

/// A fixed set of connections handed out one caller at a time.
actor ConnectionPool<Connection: Sendable> {
    private var idle: [Connection]
    private var waiters: [CheckedContinuation<Connection, Never>] = []

    init(_ connections: [Connection]) { idle = connections }

    func with<T: Sendable>(_ body: @Sendable (Connection) async throws -> T) async throws -> T {
        let connection = await checkout()
        defer { checkin(connection) }
        return try await body(connection)
    }

    private func checkout() async -> Connection {
        if let c = idle.popLast() { return c }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func checkin(_ connection: Connection) {
        if waiters.isEmpty { idle.append(connection) } else { waiters.removeFirst().resume(returning: connection) }
    }

    func drain() -> [Connection] { defer { idle = [] }; return idle }
}
