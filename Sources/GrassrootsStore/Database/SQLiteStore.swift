import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// SQLite in WAL mode: one writer connection behind an async lock (SQLite has one writer anyway,
/// and serializing here avoids busy retries), and a few reader connections for concurrent reads.
public final class SQLiteStore: Database, @unchecked Sendable {
    public let engine = Engine.sqlite
    private let writer: SQLiteConnection
    private let readers: ConnectionPool<SQLiteConnection>
    private let writeLock = AsyncLock()
    private let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.writer = writer
        self.readers = ConnectionPool(readers)
        self.logger = logger
    }

    /// Opens (creating if needed) the file at `path` with WAL, foreign keys and a busy timeout.
    public static func open(path: String, readers: Int = 4, logger: Logger) async throws -> SQLiteStore {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: directory.isEmpty ? "." : directory) else {
            throw StoreError.unavailable("cannot write to the database folder \(directory)")
        }
        func connect() async throws -> SQLiteConnection {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000",
                           "PRAGMA synchronous = NORMAL",
                           // 64 MB of page cache: bulk imports otherwise spill index pages to disk mid-transaction.
                           "PRAGMA cache_size = -65536"] {
                _ = try await connection.query(pragma, [])
            }
            return connection
        }
        let writer = try await connect()
        var pool: [SQLiteConnection] = []
        for _ in 0..<readers { pool.append(try await connect()) }
        return SQLiteStore(writer: writer, readers: pool, logger: logger)
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { connection in
            try await mapDriverErrors { try await body(connection.sql(queryLogLevel: nil)) }
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeLock.with {
            // IMMEDIATE takes the write lock at the start, so a transaction never fails half-way on a busy database.
            try await inTransaction(writer.sql(queryLogLevel: nil), begin: "BEGIN IMMEDIATE") { db in
                try await mapDriverErrors { try await body(db) }
            }
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

/// A mutual-exclusion lock for async code that holds across suspension points.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func with<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if !locked { locked = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }
}
