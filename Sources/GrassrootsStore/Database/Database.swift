import Foundation
import Logging
import SQLKit

/// The two engines the store speaks; SQL is shared, and the few DDL differences live in `DDL`.
public enum Engine: String, Sendable {
    case sqlite, postgres
}

/// Access to the database. Reads may run concurrently; every write runs in one transaction,
/// so a failed operation leaves nothing half-written.
public protocol Database: Sendable {
    /// Which engine this is.
    var engine: Engine { get }
    /// Runs `body` with a connection for reading.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` inside one transaction; any error rolls everything back.
    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Reserves `count` new ids for `table`, for bulk inserts that need ids (and paths) before inserting.
    /// Must be called inside `write`, with that transaction's connection.
    func reserveIDs(_ table: String, count: Int, on db: any SQLDatabase) async throws -> [Int]
    /// After rows were inserted with ids chosen by the caller, moves the table's id generator past them.
    func syncIDs(_ table: String, on db: any SQLDatabase) async throws
    /// Whether writes can succeed now (a full disk, a read-only file or server), told without writing.
    func writeHealth() async throws -> WriteHealth
    /// Closes every connection.
    func close() async throws
}

/// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL URL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// `DATABASE_URL` when set, else the SQLite file at `path`.
    public static func resolve(sqlitePath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseLocation {
        if sqlitePath == nil, let url = environment["DATABASE_URL"], !url.isEmpty { return .postgres(url: url) }
        return .sqlite(path: sqlitePath ?? "grassroots.sqlite")
    }

    /// Opens the database (but does not migrate it).
    public func open(logger: Logger = Logger(label: "grassroots.db")) async throws -> any Database {
        switch self {
        case .sqlite(let path): try await SQLiteStore.open(path: path, logger: logger)
        case .postgres(let url): try await PostgresStore.open(url: url, logger: logger)
        }
    }
}

/// Runs `body` between `begin` and COMMIT on one connection, rolling back on any error,
/// so a failed operation leaves nothing half-written.
func inTransaction<T>(_ db: any SQLDatabase, begin: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
    try await db.raw(SQLQueryString(stringLiteral: begin)).run()
    do {
        let result = try await body(db)
        try await db.raw("COMMIT").run()
        return result
    } catch {
        try? await db.raw("ROLLBACK").run()
        throw error
    }
}

extension SQLRow {
    /// Decodes a column that SQLite returns as integer 0/1 and PostgreSQL as a number too.
    public func flag(_ column: String) throws -> Bool { try decode(column: column, as: Int.self) != 0 }

    /// A stored timestamp column (ISO 8601 text), nil when empty.
    func date(_ column: String) throws -> Date? { try decode(column: column, as: String?.self).flatMap(Timestamp.parse) }
}
