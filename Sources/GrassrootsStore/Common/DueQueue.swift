import Foundation
import SQLKit

/// A table of things to send (webhook deliveries, messages) read by senders: the rows whose status is `status` and
/// whose `next_attempt_at` has come, oldest first. On PostgreSQL several servers send, so each claims its rows with
/// `FOR UPDATE SKIP LOCKED` and moves them out of the due set for ten minutes (the lease) in the same statement: no
/// other server sends them meanwhile, and if this one dies mid-send they fall due again when the lease runs out. Ten
/// minutes is far beyond 100 sends at a sender's 10-second timeout each. SQLite has one server: a plain read.
struct DueQueue {
    let table: String
    let columns: [String]
    var status = "pending"
    var limit = 100
    /// Only the rows whose `column` holds one of `values` (a sender's channels), when given.
    var only: (column: String, values: [String])?

    func claim(_ context: StoreContext) async throws -> [any SQLRow] {
        let now = context.nowText
        guard context.database.engine == .postgres else {
            return try await context.database.read { db in
                let query = db.select().columns(columns.map { SQLColumn($0) }).from(table).where("status", .equal, SQLBind(status))
                    .where("next_attempt_at", .lessThanOrEqual, SQLBind(now))
                if let only { query.where(SQLColumn(only.column), .in, SQLBind.group(only.values)) }
                return try await query.orderBy("id").limit(limit).all()
            }
        }
        let lease = Timestamp.format(context.clock().addingTimeInterval(600))
        let filter: SQLQueryString = only.map { "AND \(ident: $0.column) IN (\(binds: $0.values))" } ?? ""
        let rows = try await context.database.write { db in
            try await db.raw("""
                UPDATE \(ident: table) SET next_attempt_at = \(bind: lease) WHERE id IN (
                  SELECT id FROM \(ident: table) WHERE status = \(bind: status) AND next_attempt_at <= \(bind: now) \(filter)
                  ORDER BY id LIMIT \(literal: limit) FOR UPDATE SKIP LOCKED)
                RETURNING \(unsafeRaw: columns.joined(separator: ", "))
                """).all()
        }
        // RETURNING has no order; oldest first, as on SQLite.
        return try rows.sorted { try $0.decode(column: "id", as: Int.self) < $1.decode(column: "id", as: Int.self) }
    }
}
