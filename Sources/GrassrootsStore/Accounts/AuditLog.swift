import Foundation
import GrassrootsCore
import SQLKit

/// One entry of the audit log: who did what, when, to which record, where in the territory.
public struct AuditEntry: Sendable, Codable, Equatable {
    public let id: Int
    public let at: String
    public let username: String
    public let action: String
    public let entity: String
    public let entityID: Int?
    public let unitPath: String?
    public let detail: String?
}

/// Writes and searches the audit log. Writes happen inside the caller's transaction, so a change
/// and its audit entry land together or not at all.
public enum AuditLog {
    /// Records `action` on `entity` by the scope's account. `detail` must hold no personal data.
    public static func record(_ db: any SQLDatabase, _ scope: Scope, _ action: String, _ entity: String,
                              id: Int?, path: String?, detail: String? = nil, now: Date) async throws {
        try await db.insert(into: "audit_log")
            .columns("at", "account_id", "username", "action", "entity", "entity_id", "unit_path", "detail")
            .values(SQLBind(Timestamp.format(now)), SQLBind(scope.accountID == 0 ? nil : scope.accountID), SQLBind(scope.username),
                    SQLBind(action), SQLBind(entity), SQLBind(id), SQLBind(path), SQLBind(detail))
            .run()
    }

    /// Entries within the scope's subtree, newest first, optionally filtered by username, action or entity.
    public static func search(_ database: any Database, scope: Scope, username: String? = nil, action: String? = nil,
                              entity: String? = nil, limit: Int = 200) async throws -> [AuditEntry] {
        guard scope.role.readsAudit else { throw AccessDenied() }
        return try await database.read { db in
            let query = db.select().columns("id", "at", "username", "action", "entity", "entity_id", "unit_path", "detail")
                .from("audit_log")
                .where("unit_path", .greaterThanOrEqual, SQLBind(scope.path)).where("unit_path", .lessThan, SQLBind(scope.upperBound))
            if let username, !username.isEmpty { query.where("username", .equal, SQLBind(username)) }
            if let action, !action.isEmpty { query.where("action", .equal, SQLBind(action)) }
            if let entity, !entity.isEmpty { query.where("entity", .equal, SQLBind(entity)) }
            return try await query.orderBy("id", .descending).limit(min(max(limit, 1), 1000)).all().map { row in
                AuditEntry(id: try row.decode(column: "id", as: Int.self), at: try row.decode(column: "at", as: String.self),
                           username: try row.decode(column: "username", as: String.self),
                           action: try row.decode(column: "action", as: String.self),
                           entity: try row.decode(column: "entity", as: String.self),
                           entityID: try row.decode(column: "entity_id", as: Int?.self),
                           unitPath: try row.decode(column: "unit_path", as: String?.self),
                           detail: try row.decode(column: "detail", as: String?.self))
            }
        }
    }
}
