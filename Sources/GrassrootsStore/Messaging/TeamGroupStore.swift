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

/// Whose work group it is: a unit's team (street, community, grid) or a department's.
public enum TeamGroupOwner: Sendable, Equatable {
    case unit(Int), department(Int)
}

/// The work groups of units' teams and of departments (WeCom and DingTalk robots). A unit's are kept by those who
/// issue directives in its scope; a department's by its own officers. A directive issued posts to the unit groups of
/// its area, an escalation to those of the tier it is raised to, a summons to its departments' and its street's.
public struct TeamGroupStore: Sendable {
    let context: StoreContext

    public init(_ context: StoreContext) { self.context = context }

    /// The owner as the table holds it, once the scope is found to keep its groups.
    struct Owned {
        let unitID: Int, departmentID: Int?, path: String, name: String
        /// The owner's groups in SQL, for `team_groups` unqualified.
        var condition: SQLQueryString {
            departmentID.map { "department_id = \(bind: $0)" } ?? "unit_id = \(bind: unitID) AND department_id IS NULL"
        }
    }

    static func owned(_ owner: TeamGroupOwner, scope: Scope, db: any SQLDatabase) async throws -> Owned {
        switch owner {
        case .unit(let id):
            guard scope.role.issuesDirectives else { throw AccessDenied() }
            let unit = try await UnitStore.unit(id, scope: scope, db: db)
            return Owned(unitID: unit.id, departmentID: nil, path: unit.path, name: unit.name)
        case .department(let id):
            guard scope.role == .departmentOfficer && scope.departmentID == id else { throw AccessDenied() }
            let department = try await DepartmentStore.department(id, db: db)
            let unit = try await db.raw("SELECT u.id, u.path FROM departments d JOIN units u ON u.id = d.unit_id WHERE d.id = \(bind: id)").first()!
            return Owned(unitID: try unit.decode(column: "id", as: Int.self), departmentID: id, path: try unit.decode(column: "path", as: String.self),
                         name: department.name)
        }
    }

    /// Adds a group; its token and secret are sealed before they are written.
    public func add(_ owner: TeamGroupOwner, _ input: TeamGroupInput, scope: Scope) async throws -> TeamGroup {
        try await context.database.write { db in
            let o = try await Self.owned(owner, scope: scope, db: db)
            let id = try await db.insert(into: "team_groups")
                .columns("unit_id", "department_id", "path", "platform", "name", "token_enc", "secret_enc", "created_by", "created_at")
                .values(SQLBind(o.unitID), SQLBind(o.departmentID), SQLBind(o.path), SQLBind(input.platform.rawValue), SQLBind(input.name),
                        SQLBind(context.cipher.encrypt(input.token)), SQLBind(input.secret.map(context.cipher.encrypt)), SQLBind(scope.username),
                        SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "team_group", id: id, path: o.path, detail: input.platform.rawValue, now: context.clock())
            return TeamGroup(id: id, unitID: o.unitID, platform: input.platform, name: input.name, signed: input.secret != nil,
                             createdBy: scope.username, createdAt: context.clock(), last: nil)
        }
    }

    /// The owner's groups, oldest first, each with its last message.
    public func groups(_ owner: TeamGroupOwner, scope: Scope) async throws -> [TeamGroup] {
        try await context.database.read { db in
            let o = try await Self.owned(owner, scope: scope, db: db)
            return try await db.raw("""
                SELECT g.id, g.unit_id, g.platform, g.name, CASE WHEN g.secret_enc IS NULL THEN 0 ELSE 1 END AS signed, g.created_by, g.created_at,
                       m.status, m.last_error, COALESCE(m.sent_at, m.created_at) AS at
                FROM (SELECT * FROM team_groups WHERE \(o.condition) AND removed_at IS NULL) g
                LEFT JOIN messages m ON m.id = (SELECT MAX(id) FROM messages WHERE group_id = g.id)
                ORDER BY g.id
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
    public func remove(_ id: Int, of owner: TeamGroupOwner, scope: Scope) async throws {
        try await context.database.write { db in
            let o = try await Self.owned(owner, scope: scope, db: db)
            guard try await db.raw("""
                UPDATE team_groups SET removed_at = \(bind: context.nowText) WHERE id = \(bind: id) AND \(o.condition) AND removed_at IS NULL RETURNING id
                """).first() != nil else {
                throw StoreError.notFound(Bilingual("找不到该工作群（编号 \(id)）", "No work group with id \(id) here"))
            }
            try await db.update("messages").set("status", to: SQLBind(MessageStatus.failed.rawValue)).set("last_error", to: SQLBind("工作群已移除"))
                .where("group_id", .equal, SQLBind(id)).where("status", .equal, SQLBind(MessageStatus.queued.rawValue)).run()
            try await AuditLog.record(db, scope, "delete", "team_group", id: id, path: o.path, detail: nil, now: context.clock())
        }
    }

    /// Posts a test message to a group at once, night or not: staff are checking the robot now.
    public func test(_ id: Int, of owner: TeamGroupOwner, scope: Scope) async throws {
        try await context.database.write { db in
            let o = try await Self.owned(owner, scope: scope, db: db)
            guard try await MessageStore.queueGroupPosts(db, .groupTest, record: ("team_group", id, o.path), groups: """
                SELECT id, \(bind: MessageText.groupTest(unit: o.name)) AS body FROM team_groups WHERE id = \(bind: id) AND \(o.condition)
                """, context: context, urgent: true) == 1 else {
                throw StoreError.notFound(Bilingual("找不到该工作群（编号 \(id)）", "No work group with id \(id) here"))
            }
        }
    }
}
