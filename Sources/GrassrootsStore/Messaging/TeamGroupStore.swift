import Foundation
import GrassrootsCore
import SQLKit

/// A unit team's work group, as its page lists it: never its token or secret, which only the sender decrypts.
public struct TeamGroup: Sendable, Equatable {
    public let id: Int
    public let unitID: Int
    public let platform: RobotPlatform
    public let name: String
    /// A DingTalk robot that signs its posts (加签).
    public let signed: Bool
    public let createdBy: String
    public let createdAt: Date
    /// The last message posted to it, to show whether the robot works.
    public let last: (status: MessageStatus, error: String?, at: Date)?

    public static func == (a: TeamGroup, b: TeamGroup) -> Bool { a.id == b.id && a.name == b.name && a.signed == b.signed && a.last?.status == b.last?.status }
}

/// The work groups of units' teams (WeCom and DingTalk robots), kept by those who issue directives in the unit's scope.
/// A directive issued posts to the groups in its area; an escalation to the groups of the tier it is raised to.
public struct TeamGroupStore: Sendable {
    let context: StoreContext

    public init(_ context: StoreContext) { self.context = context }

    /// Adds a group to a unit; its token and secret are sealed before they are written.
    public func add(unitID: Int, _ input: TeamGroupInput, scope: Scope) async throws -> TeamGroup {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            let id = try await db.insert(into: "team_groups").columns("unit_id", "path", "platform", "name", "token_enc", "secret_enc", "created_by", "created_at")
                .values(SQLBind(unit.id), SQLBind(unit.path), SQLBind(input.platform.rawValue), SQLBind(input.name), SQLBind(context.cipher.encrypt(input.token)),
                        SQLBind(input.secret.map(context.cipher.encrypt)), SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "team_group", id: id, path: unit.path, detail: input.platform.rawValue, now: context.clock())
            return TeamGroup(id: id, unitID: unit.id, platform: input.platform, name: input.name, signed: input.secret != nil,
                             createdBy: scope.username, createdAt: context.clock(), last: nil)
        }
    }

    /// The unit's groups, oldest first, each with its last message.
    public func groups(unitID: Int, scope: Scope) async throws -> [TeamGroup] {
        try await context.database.read { db in
            _ = try await UnitStore.unit(unitID, scope: scope, db: db)
            return try await db.raw("""
                SELECT g.id, g.unit_id, g.platform, g.name, CASE WHEN g.secret_enc IS NULL THEN 0 ELSE 1 END AS signed, g.created_by, g.created_at, m.status, m.last_error,
                       COALESCE(m.sent_at, m.created_at) AS at
                FROM team_groups g LEFT JOIN messages m ON m.id = (SELECT MAX(id) FROM messages WHERE group_id = g.id)
                WHERE g.unit_id = \(bind: unitID) AND g.removed_at IS NULL ORDER BY g.id
                """).all().map { row in
                    let status = try row.decode(column: "status", as: String?.self).flatMap(MessageStatus.init(rawValue:))
                    return TeamGroup(id: try row.decode(column: "id", as: Int.self), unitID: try row.decode(column: "unit_id", as: Int.self),
                                     platform: RobotPlatform(rawValue: try row.decode(column: "platform", as: String.self)) ?? .wecom,
                                     name: try row.decode(column: "name", as: String.self), signed: try row.flag("signed"),
                                     createdBy: try row.decode(column: "created_by", as: String.self),
                                     createdAt: Timestamp.parse(try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
                                     last: try status.map { ($0, try row.decode(column: "last_error", as: String?.self),
                                                             Timestamp.parse(try row.decode(column: "at", as: String.self)) ?? .distantPast) })
                }
        }
    }

    /// Removes a group: nothing more is posted to it, and what was waiting for it fails with the reason.
    public func remove(_ id: Int, unitID: Int, scope: Scope) async throws {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            guard try await db.update("team_groups").set("removed_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id))
                .where("unit_id", .equal, SQLBind(unit.id)).where("removed_at", .is, SQLLiteral.null).returning("id").first() != nil else {
                throw StoreError.notFound(Bilingual("找不到该工作群（编号 \(id)）", "No work group with id \(id) on this unit"))
            }
            try await db.update("messages").set("status", to: SQLBind(MessageStatus.failed.rawValue)).set("last_error", to: SQLBind("工作群已移除"))
                .where("group_id", .equal, SQLBind(id)).where("status", .equal, SQLBind(MessageStatus.queued.rawValue)).run()
            try await AuditLog.record(db, scope, "delete", "team_group", id: id, path: unit.path, detail: nil, now: context.clock())
        }
    }

    /// Posts a test message to a group at once, night or not: staff are checking the robot now.
    public func test(_ id: Int, unitID: Int, scope: Scope) async throws {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            try await MessageStore.queueGroupPosts(db, .groupTest, record: ("unit", unit.id, unit.path), groups: """
                SELECT id, \(bind: MessageText.groupTest(unit: unit.name)) AS body FROM team_groups
                WHERE id = \(bind: id) AND unit_id = \(bind: unit.id) AND removed_at IS NULL
                """, context: context, urgent: true)
        }
    }
}
