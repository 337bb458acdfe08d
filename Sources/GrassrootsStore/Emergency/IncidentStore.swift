import Foundation
import GrassrootsCore
import SQLKit

/// Activates a plan level in one step — every directive issued through Mobilization, the summons raised, the notices
/// published, all in one transaction — and stands it down. Drills are activations marked as such.
public struct IncidentStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Activates `input.level` of a plan for units of the scope (default: the plan's unit, if within the scope).
    /// If any action cannot be carried out, nothing is activated and the error names the unit and the action.
    public func activate(_ input: ActivationInput, scope: Scope) async throws -> Incident {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        var v = Validator()
        let level = ResponseLevel.pick(input.level, field: "level", names: Bilingual("响应级别", "Response level"), &v)
        v.check((1...60).contains(input.perWorkerHour), "per_worker_hour", Bilingual("每人每小时入户数应为1–60", "Households per worker-hour must be 1–60"))
        v.check(input.unitIDs.count <= 200, "unit_ids", Bilingual("一次最多启动200个单元", "Activate at most 200 units at once"))
        try v.finish()
        let database = context.database, context = context
        return try await database.write { db in
            let plan = try await PlanStore.plan(input.planID, scope: scope, db: db)
            let actions = plan.actions(at: level!)
            guard !actions.isEmpty else {
                throw ValidationError("level", Bilingual("该预案在\(level!.label.zh)没有响应措施", "This plan has no actions at \(level!.label.en)"))
            }
            var units: [TerritoryUnit] = []
            for id in input.unitIDs.isEmpty ? [plan.unitID] : Array(Set(input.unitIDs)).sorted() {
                let unit = try await UnitStore.unit(id, scope: scope, db: db)
                guard unit.path.hasPrefix(plan.path), unit.kind <= .compound else {
                    throw ValidationError("unit_ids", Bilingual("“\(unit.name)”不在预案“\(plan.title)”的范围内", "“\(unit.name)” lies outside the plan “\(plan.title)”"))
                }
                units.append(unit)
            }
            // An Exercise alert can only start a drill; real alerts start what the user chose.
            var alert: Alert?
            if let alertID = input.alertID { alert = try await AlertStore.alert(alertID, scope: scope, db: db) }
            if let alert, alert.msgType == .cancel || alert.state == "cancelled" {
                throw StoreError.conflict(Bilingual("该预警已解除，不能据此启动响应", "This alert was cancelled; it cannot start a response"))
            }
            let drill = input.drill || alert?.isExercise == true
            let estimate = CapacityEstimate(grids: try await Self.grids(under: units, db: db), perWorkerHour: input.perWorkerHour)
            let root = units.count == 1 ? units[0] : try await UnitStore.unit(plan.unitID, scope: .system, db: db)
            let id = try await db.insert(into: "incidents")
                .columns("plan_id", "level", "alert_id", "unit_id", "path", "drill", "status", "estimate_json", "activated_by", "activated_at")
                .values(SQLBind(plan.id), SQLBind(level!.rawValue), SQLBind(input.alertID), SQLBind(root.id), SQLBind(root.path), SQLBind(drill ? 1 : 0),
                        SQLBind(IncidentStatus.active.rawValue), SQLBind(String(decoding: try JSONEncoder().encode(estimate), as: UTF8.self)),
                        SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            let prefix = drill ? "【演练】" : ""
            for unit in units {
                try await db.insert(into: "incident_units").columns("incident_id", "unit_id").values(SQLBind(id), SQLBind(unit.id)).run()
                for (index, action) in actions.enumerated() {
                    do {
                        for ref in try await carryOut(action, title: prefix + action.title, at: unit, drill: drill, scope: scope, db: db) {
                            try await db.insert(into: "incident_items").columns("incident_id", "kind", "ref_id")
                                .values(SQLBind(id), SQLBind(action.kind.rawValue), SQLBind(ref)).run()
                        }
                    } catch let error as ValidationError {
                        let what = error.errors.map(\.message)
                        throw ValidationError("actions", Bilingual("第\(index + 1)项措施“\(action.title)”无法在“\(unit.name)”执行：\(what.map(\.zh).joined(separator: "；"))",
                                                                   "Action \(index + 1) “\(action.title)” cannot run at “\(unit.name)”: \(what.map(\.en).joined(separator: "; "))"))
                    }
                }
            }
            try await AuditLog.record(db, scope, drill ? "drill" : "activate", "incident", id: id, path: root.path,
                                      detail: "plan \(plan.id) level \(level!.rawValue)", now: context.clock())
            return try await Self.incident(id, scope: scope, db: db)
        }
    }

    /// The capacity estimate for units of the scope, shown before activation.
    public func estimate(unitIDs: [Int], perWorkerHour: Double = CapacityEstimate.defaultRate, scope: Scope) async throws -> CapacityEstimate {
        try await context.database.read { db in
            var units: [TerritoryUnit] = []
            for id in unitIDs { units.append(try await UnitStore.unit(id, scope: scope, db: db)) }
            return CapacityEstimate(grids: try await Self.grids(under: units, db: db), perWorkerHour: perWorkerHour)
        }
    }

    /// Stands an active incident down, with a summary of what happened. A drill's open directives are cancelled (they
    /// leave the worklists); a real incident's run on to their deadlines. Every record stays.
    public func standDown(_ id: Int, summary: String, scope: Scope) async throws -> Incident {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        guard summary.trimmed.count <= 4000 else { throw ValidationError("summary", Bilingual("总结不超过4000字", "The summary is at most 4,000 characters")) }
        return try await context.database.write { db in
            let incident = try await Self.incident(id, scope: scope, db: db)
            guard scope.contains(incident.path) else { throw AccessDenied(Bilingual("只能由启动单位终止响应", "Only the activating unit stands it down")) }
            guard incident.status == .active else { throw StoreError.conflict(Bilingual("该响应已终止", "This incident was already stood down")) }
            try await db.update("incidents").set("status", to: SQLBind(IncidentStatus.stoodDown.rawValue)).set("stood_down_by", to: SQLBind(scope.username))
                .set("stood_down_at", to: SQLBind(context.nowText)).set("summary", to: SQLBind(summary.trimmed)).where("id", .equal, SQLBind(id)).run()
            if incident.drill {
                // The exercise is over: its open tasks leave the front line's worklists; their records stay for the review.
                let ids = incident.items.filter { $0.kind == .directive }.map(\.id)
                if !ids.isEmpty {
                    try await db.update("directives").set("status", to: SQLBind(DirectiveStatus.cancelled.rawValue)).set("cancelled_at", to: SQLBind(context.nowText))
                        .where("id", .in, SQLBind.group(ids)).where("status", .equal, SQLBind(DirectiveStatus.issued.rawValue)).run()
                }
            }
            try await AuditLog.record(db, scope, "stand_down", "incident", id: id, path: incident.path, now: context.clock())
            return try await Self.incident(id, scope: scope, db: db)
        }
    }

    /// The incident with its live roll-up, if it covers the scope or lies within it.
    public func incident(_ id: Int, scope: Scope) async throws -> Incident {
        try await context.database.read { db in try await Self.incident(id, scope: scope, db: db) }
    }

    /// Where all the messages of what the incident raised stand (its notices' texts to households, its directives' to
    /// workers, posts to work groups), for its page: the counts per state, every state present.
    public func messages(_ id: Int, scope: Scope) async throws -> [MessageStatus: Int] {
        try await context.database.read { db in
            _ = try await Self.incident(id, scope: scope, db: db)
            return try await MessageStore.summary(of: """
                SELECT m.status FROM incident_items i JOIN messages m ON m.record_kind = i.kind AND m.record_id = i.ref_id WHERE i.incident_id = \(bind: id)
                """, db: db)
        }
    }

    /// Incidents within the scope or above it, newest first; `drill` filters real ones or drills.
    public func incidents(scope: Scope, drill: Bool? = nil, limit: Int = 100) async throws -> [Incident] {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        return try await context.database.read { db in
            var ids: [Int] = []
            for row in try await db.raw("""
                SELECT id, drill FROM incidents WHERE \(scope.withinOrAbove())
                ORDER BY activated_at DESC, id DESC LIMIT \(bind: limit)
                """).all() {
                let isDrill = try row.decode(column: "drill", as: Int.self) == 1
                if drill == nil || drill == isDrill { ids.append(try row.decode(column: "id", as: Int.self)) }
            }
            var list: [Incident] = []
            for id in ids { list.append(try await Self.incident(id, scope: scope, db: db)) }
            return list
        }
    }

    /// Carries out one action at one unit; returns the ids of what it raised.
    private func carryOut(_ action: PlanAction, title: String, at unit: TerritoryUnit, drill: Bool, scope: Scope,
                          db: any SQLDatabase) async throws -> [Int] {
        let now = context.clock()
        switch action.kind {
        case .directive:
            let hours = action.deadlineHours ?? 24
            let input = DirectiveInput(title: title, kind: action.directiveKind?.rawValue ?? "custom", target: action.target?.rawValue ?? "households",
                                       category: action.category, responsible: action.responsible?.rawValue ?? "grid_worker",
                                       priority: drill ? "normal" : "critical", deadline: LocalTime.inputValue(now.addingTimeInterval(Double(hours * 3600 + 60))),
                                       instructions: action.instructions ?? "", form: action.form ?? .empty, stallHours: max(1, min(hours / 4, 720)))
            let id = try await DirectiveStore.insert(unitID: unit.id, try input.validated(now: now), drill: drill, scope: scope, context: context, db: db)
            let draft = try await DirectiveStore.directive(id, scope: scope, db: db)
            try await DirectiveStore.issue(draft, scope: scope, context: context, database: context.database, db: db)
            return [id]
        case .summons:
            let input = SummonsInput(unitID: unit.id, matter: action.matter?.rawValue ?? "", urgency: "emergency", title: title,
                                     description: action.body ?? "", departmentIDs: action.departmentIDs ?? [])
            return [try await SummonsStore(context).raise(try input.validated(), drill: drill, scope: scope, db: db).id]
        case .notice:
            var ids: [Int] = []
            for target in unit.kind <= .street ? try await Self.communities(under: unit, db: db) : [unit.id] {
                // An emergency's notice reaches every household's phone at once, night or not. A drill's is published
                // in the app only: a drill exercises the staff, and a text saying 【演练】 to a whole area at night would
                // alarm more than it tests.
                ids.append(try await NoticeStore.insert(unitID: target, title: String(title.prefix(100)), body: action.body ?? "", askAck: true,
                                                        text: drill ? nil : .now, scope: scope, context: context, db: db))
            }
            return ids
        }
    }

    /// A notice goes to a community, grid or compound: one activated at a street or the city goes to each community below.
    private static func communities(under unit: TerritoryUnit, db: any SQLDatabase) async throws -> [Int] {
        let ids = try await db.raw("""
            SELECT id FROM units WHERE kind = 'community' AND path >= \(bind: unit.path) AND path < \(bind: unit.path + "~") ORDER BY code, id
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else {
            throw ValidationError("unit_id", Bilingual("“\(unit.name)”下没有社区，通知无处发布", "“\(unit.name)” has no community to publish the notice to"))
        }
        return ids
    }

    /// Each grid's households and grid staff under the units (a compound counts as its own share of its grid).
    static func grids(under units: [TerritoryUnit], db: any SQLDatabase) async throws -> [(name: String, households: Int, staff: Int)] {
        var grids: [(name: String, households: Int, staff: Int)] = []
        for unit in units {
            let staffed: SQLQueryString = "(SELECT COUNT(*) FROM staff s WHERE s.unit_id = g.id AND s.role IN ('grid_worker','grid_leader'))"
            let rows = unit.kind == .compound
                ? try await db.raw("""
                    SELECT g.name, (SELECT COUNT(*) FROM households h WHERE h.compound_id = \(bind: unit.id)) AS households, \(staffed) AS staff
                    FROM units g WHERE g.id = \(bind: unit.parentID ?? 0)
                    """).all()
                : try await db.raw("""
                    SELECT g.name, (SELECT COUNT(*) FROM households h WHERE h.grid_id = g.id) AS households, \(staffed) AS staff
                    FROM units g WHERE g.kind = 'grid' AND g.path >= \(bind: unit.path) AND g.path < \(bind: unit.path + "~")
                    """).all()
            for row in rows {
                grids.append((try row.decode(column: "name", as: String.self), try row.decode(column: "households", as: Int.self),
                              try row.decode(column: "staff", as: Int.self)))
            }
        }
        return grids
    }
}
