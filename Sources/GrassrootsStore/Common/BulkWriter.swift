import Foundation
import SQLKit

/// Buffers rows per table and writes them in multi-row inserts (with COPY on PostgreSQL), inside the caller's transaction.
/// Bulk paths must batch: one statement per row costs about 30 µs here, a batched row about 4 µs (less with native binds).
struct BulkWriter {
    let database: any Database
    let db: any SQLDatabase
    /// Tables are flushed in this order, so foreign keys always point at rows already written.
    let order: [String]
    private var buffers: [String: (columns: [String], rows: [[any Encodable & Sendable]])] = [:]
    private var nextIDs: [String: Int] = [:]
    /// Rows per statement: well under SQLite's and PostgreSQL's bind limits for our widest table.
    static let batch = 400
    /// Rows per COPY on PostgreSQL, which has no bind limit; `GRASSROOTS_BULK=insert` turns COPY off (to compare).
    static let copyBatch = 20_000
    static let useCopy = ProcessInfo.processInfo.environment["GRASSROOTS_BULK"] != "insert"
    /// SQLite's rows go with native binds past sql-kit's serializer; `GRASSROOTS_BULK=insert` turns that off too.
    static let useNativeBinds = useCopy
    /// Binds per native SQLite statement, under SQLite's limit of 32,766: fewer, larger statements parse less SQL.
    static let nativeBinds = 30_000
    /// With `overlap`, the insert (SQLite, native binds) or COPY (PostgreSQL) of a full batch runs while the caller
    /// reads and checks the next rows, one at a time and in order. Such a caller settles it before a statement of its
    /// own, and ends with `finish()` or `settle()` on every path, its error paths too: an insert still running after
    /// the transaction ended would run outside it.
    let overlap: Bool
    private var running: Task<Void, any Error>?

    init(database: any Database, db: any SQLDatabase, order: [String], overlap: Bool = false) {
        self.database = database; self.db = db; self.order = order; self.overlap = overlap
    }

    /// Hands out ids locally: rows still in the buffers are not in the table yet, so the database cannot count them.
    mutating func ids(_ table: String, count: Int) async throws -> [Int] {
        if nextIDs[table] == nil { nextIDs[table] = try await database.reserveIDs(table, count: 1, on: db)[0] }
        let first = nextIDs[table]!
        nextIDs[table] = first + count
        return Array(first..<(first + count))
    }

    /// Buffers one row of `table`, its values in the order of `TableColumns.bulk[table]`.
    mutating func add(_ table: String, _ values: [any Encodable & Sendable]) async throws {
        buffers[table, default: (TableColumns.bulk[table]!, [])].rows.append(values)
        let buffer = buffers[table]!
        let full = copying ? Self.copyBatch : native != nil ? Self.nativeBinds / buffer.columns.count : Self.batch
        if buffer.rows.count >= full { try await flush(leavingLastRunning: overlap) }
    }

    /// The SQLite writer, when rows go to it with native binds.
    private var native: SQLiteWriter? { Self.useNativeBinds ? db as? SQLiteWriter : nil }

    /// COPY pays on PostgreSQL (one stream instead of a statement per 400 rows); SQLite has no COPY.
    private var copying: Bool { Self.useCopy && db is PostgresTransaction }

    /// Writes everything buffered; with `leavingLastRunning`, the last insert may still be running on return.
    mutating func flush(leavingLastRunning: Bool = false) async throws {
        for table in order {
            guard let buffer = buffers[table], !buffer.rows.isEmpty else { continue }
            if copying, let postgres = db as? PostgresTransaction {
                try await settle()
                running = Task { try await postgres.copy(into: table, columns: buffer.columns, rows: buffer.rows) }
            } else if let sqlite = native {
                try await settle()
                running = Task { try await sqlite.insert(into: table, columns: buffer.columns, rows: buffer.rows) }
            } else {
                let insert = db.insert(into: table).columns(buffer.columns)
                for row in buffer.rows { insert.values(row.map { SQLBind($0) }) }
                try await insert.run()
            }
            buffers[table]!.rows.removeAll(keepingCapacity: true)
        }
        if !leavingLastRunning { try await settle() }
    }

    /// Waits for the insert still running, if any, and reports its failure.
    mutating func settle() async throws {
        guard let task = running else { return }
        running = nil
        try await task.value
    }

    /// A row's value that is none of the plain types: nil for a nil optional (NULL), else the value inside.
    /// (Casting an `Any` to `String` or `Int` already looks through optionals that hold one.)
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { unwrapped($0.value) }
    }

    /// Writes what is buffered and moves the id generators past the ids handed out.
    mutating func finish() async throws {
        try await flush()
        for table in nextIDs.keys.sorted() { try await database.syncIDs(table, on: db) }
    }
}

/// The columns bulk paths write, per table, and the order that keeps foreign keys satisfied.
enum TableColumns {
    static let bulk: [String: [String]] = [
        "units": ["id", "parent_id", "kind", "code", "name", "path", "depth", "created_at"],
        "organizations": ["id", "unit_id", "path", "kind", "name", "leader_name", "member_count", "has_party_org", "created_at"],
        "staff": ["unit_id", "path", "role", "name", "phone_enc", "created_at"],
        "households": ["id", "building_id", "compound_id", "grid_id", "path", "room", "address", "note", "created_at", "updated_at"],
        "residents": ["id", "household_id", "path", "name", "sex", "birth_date", "id_number_enc", "id_number_hash", "phone_enc",
                      "political_status", "residence_status", "branch_id", "is_head", "created_at", "updated_at"],
        "resident_category_links": ["resident_id", "category_code"],
        "submissions": ["idempotency_key", "assignment_id", "directive_id", "username", "previous_outcome", "outcome", "received_at"],
        "directive_progress": ["directive_id", "unit_id", "parent_id", "path", "depth", "kind", "total", "pending", "done", "absent",
                               "refused", "not_applicable"],
    ]

    static let order = ["units", "organizations", "staff", "households", "residents", "resident_category_links", "submissions", "directive_progress"]
}
