import Foundation
import SQLKit

/// Buffers rows per table and writes them in multi-row inserts (with COPY on PostgreSQL), inside the caller's transaction.
/// Bulk paths must batch: one statement per row costs about 30 µs here, a batched row about 4 µs.
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

    init(database: any Database, db: any SQLDatabase, order: [String]) {
        self.database = database; self.db = db; self.order = order
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
        if buffers[table]!.rows.count >= (copying ? Self.copyBatch : Self.batch) { try await flush() }
    }

    /// COPY pays on PostgreSQL (one stream instead of a statement per 400 rows); SQLite has no COPY.
    private var copying: Bool { Self.useCopy && db is PostgresTransaction }

    /// Writes everything buffered.
    mutating func flush() async throws {
        for table in order {
            guard let buffer = buffers[table], !buffer.rows.isEmpty else { continue }
            if copying, let postgres = db as? PostgresTransaction {
                try await postgres.copy(into: table, columns: buffer.columns, rows: buffer.rows)
            } else {
                let insert = db.insert(into: table).columns(buffer.columns)
                for row in buffer.rows { insert.values(row.map { SQLBind($0) }) }
                try await insert.run()
            }
            buffers[table]!.rows.removeAll(keepingCapacity: true)
        }
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
