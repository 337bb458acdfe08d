import Foundation
import GrassrootsCore
import SQLKit

/// Plans (预案): each unit's actions per response level, kept as typed JSON per action.
public struct PlanStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Saves a plan of a unit within the scope. Departments named by summons actions must exist.
    public func create(unitID: Int, _ input: PlanInput, scope: Scope) async throws -> EmergencyPlan {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        let plan = try input.validated()
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            guard unit.kind <= .community else {
                throw ValidationError("unit_id", Bilingual("预案由市、街道或社区制定", "Plans are made by the city, a street or a community"))
            }
            try await Self.checkDepartments(plan.actions.values.flatMap { $0 }, db: db)
            let id = try await db.insert(into: "emergency_plans").columns("unit_id", "path", "title", "event_kind", "summary", "created_by", "created_at")
                .values(SQLBind(unit.id), SQLBind(unit.path), SQLBind(plan.title), SQLBind(plan.kind.rawValue), SQLBind(plan.summary),
                        SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for (level, actions) in plan.actions {
                for (position, action) in actions.enumerated() {
                    try await db.insert(into: "plan_actions").columns("plan_id", "level", "position", "action", "spec_json")
                        .values(SQLBind(id), SQLBind(level.rawValue), SQLBind(position), SQLBind(action.kind.rawValue),
                                SQLBind(String(decoding: try encoder.encode(action), as: UTF8.self))).run()
                }
            }
            try await AuditLog.record(db, scope, "create", "emergency_plan", id: id, path: unit.path, detail: plan.kind.rawValue, now: context.clock())
            return try await Self.plan(id, scope: scope, db: db)
        }
    }

    /// Adds an action at the end of a level of a plan made within the scope.
    public func addAction(planID: Int, level raw: String, _ action: PlanAction, scope: Scope) async throws -> EmergencyPlan {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        var v = Validator()
        let level = ResponseLevel.pick(raw, field: "level", names: Bilingual("响应级别", "Response level"), &v)
        action.check(line: 1, &v)
        try v.finish()
        return try await context.database.write { db in
            let plan = try await Self.plan(planID, scope: scope, db: db)
            guard scope.contains(plan.path) else { throw AccessDenied(Bilingual("只能由制定单位修改预案", "Only the unit that made the plan changes it")) }
            guard plan.actions(at: level!).count < 20 else {
                throw ValidationError("level", Bilingual("\(level!.label.zh)最多20项措施", "\(level!.label.en) has at most 20 actions"))
            }
            try await Self.checkDepartments([action], db: db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            try await db.insert(into: "plan_actions").columns("plan_id", "level", "position", "action", "spec_json")
                .values(SQLBind(planID), SQLBind(level!.rawValue), SQLBind(plan.actions(at: level!).count), SQLBind(action.kind.rawValue),
                        SQLBind(String(decoding: try encoder.encode(action), as: UTF8.self))).run()
            try await AuditLog.record(db, scope, "add_action", "emergency_plan", id: planID, path: plan.path, detail: level!.rawValue, now: context.clock())
            return try await Self.plan(planID, scope: scope, db: db)
        }
    }

    /// The plan, if the scope may use it: made within the scope, or above it (a street's plan serves its communities).
    public func plan(_ id: Int, scope: Scope) async throws -> EmergencyPlan {
        try await context.database.read { db in try await Self.plan(id, scope: scope, db: db) }
    }

    /// Plans made within the scope or above it, newest first.
    public func plans(scope: Scope) async throws -> [EmergencyPlan] {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        return try await context.database.read { db in
            let ids = try await db.raw("""
                SELECT id FROM emergency_plans WHERE \(scope.withinOrAbove())
                ORDER BY id DESC LIMIT 200
                """).all().map { try $0.decode(column: "id", as: Int.self) }
            var plans: [EmergencyPlan] = []
            for id in ids { plans.append(try await Self.plan(id, scope: scope, db: db)) }
            return plans
        }
    }

    /// Summons actions must name departments that exist.
    static func checkDepartments(_ actions: [PlanAction], db: any SQLDatabase) async throws {
        let named = Set(actions.flatMap { $0.departmentIDs ?? [] })
        guard !named.isEmpty else { return }
        let known = Set(try await db.select().column("id").from("departments").where("id", .in, SQLBind.group(Array(named))).all()
            .map { try $0.decode(column: "id", as: Int.self) })
        let missing = named.subtracting(known).sorted()
        guard missing.isEmpty else {
            throw ValidationError("actions", Bilingual("没有编号为 \(missing.map(String.init).joined(separator: "、")) 的部门", "No department with id \(missing.map(String.init).joined(separator: ", "))"))
        }
    }

    static func plan(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> EmergencyPlan {
        guard scope.role.readsRegistry,
              let row = try await db.raw("""
                SELECT p.id, p.unit_id, u.name AS unit_name, p.path, p.title, p.event_kind, p.summary, p.created_by, p.created_at
                FROM emergency_plans p JOIN units u ON u.id = p.unit_id WHERE p.id = \(bind: id)
                """).first(),
              case let path = try row.decode(column: "path", as: String.self), scope.concerns(path) else {
            throw StoreError.notFound(Bilingual("找不到该预案（编号 \(id)）", "No plan with id \(id) in your scope"))
        }
        var byLevel: [ResponseLevel: [PlanAction]] = [:]
        for action in try await db.raw("SELECT level, spec_json FROM plan_actions WHERE plan_id = \(bind: id) ORDER BY position").all() {
            guard let level = ResponseLevel(rawValue: try action.decode(column: "level", as: String.self)) else { continue }
            byLevel[level, default: []].append(try JSONDecoder().decode(PlanAction.self, from: Data(try action.decode(column: "spec_json", as: String.self).utf8)))
        }
        return EmergencyPlan(id: id, unitID: try row.decode(column: "unit_id", as: Int.self), unitName: try row.decode(column: "unit_name", as: String.self),
                             path: path, title: try row.decode(column: "title", as: String.self),
                             eventKind: HazardKind(rawValue: try row.decode(column: "event_kind", as: String.self)) ?? .other,
                             summary: try row.decode(column: "summary", as: String.self),
                             levels: ResponseLevel.allCases.compactMap { level in byLevel[level].map { PlanLevel(level: level, actions: $0) } },
                             createdBy: try row.decode(column: "created_by", as: String.self), createdAt: try row.date("created_at") ?? .distantPast)
    }
}
