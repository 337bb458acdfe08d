import Foundation
import GrassrootsCore
import SQLKit

/// Raises summons, sends them with their clocks, records every step of the called departments and the street's
/// decisions, and keeps the timeline. A department never closes a summons alone: the street verifies.
public struct SummonsStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Raises a summons at a unit of the scope. A street's (or the city's) is sent at once and its clocks start;
    /// a community's waits for its street.
    public func raise(_ input: SummonsInput, scope: Scope) async throws -> Summons {
        guard scope.role.raisesSummons else { throw AccessDenied() }
        let definition = try input.validated()
        return try await context.database.write { db in try await raise(definition, scope: scope, db: db) }
    }

    /// Raises a summons inside the caller's transaction (a request escalated to departments raises one with its own change).
    func raise(_ definition: SummonsDefinition, drill: Bool = false, scope: Scope, db: any SQLDatabase) async throws -> Summons {
        let unit = try await UnitStore.unit(definition.unitID, scope: scope, db: db)
        guard let street = try await db.select().columns("id", "path").from("units").where("id", .in, SQLBind.group(unit.pathIDs))
            .where("kind", .equal, SQLBind("street")).first() else {
            throw ValidationError("unit_id", Bilingual("事发单元应在某个街道/乡镇之内", "The unit must lie within a street or township"))
        }
        let streetID = try street.decode(column: "id", as: Int.self)
        let targets = try await Self.resolveTargets(definition, db: db)
        let raisedBy = try await db.select().column("id").from("units").where("path", .equal, SQLBind(scope.path)).first()?
            .decode(column: "id", as: Int.self) ?? streetID
        let sent = scope.role.decidesForStreet
        let id = try await db.insert(into: "summons")
            .columns("street_unit_id", "unit_id", "path", "raised_unit_id", "matter", "urgency", "title", "description", "status", "created_by",
                     "created_at", "drill")
            .values(SQLBind(streetID), SQLBind(unit.id), SQLBind(unit.path), SQLBind(raisedBy), SQLBind(definition.matter.rawValue),
                    SQLBind(definition.urgency.rawValue), SQLBind(definition.title), SQLBind(definition.description),
                    SQLBind(SummonsStatus.pendingStreet.rawValue), SQLBind(scope.username), SQLBind(context.nowText), SQLBind(drill ? 1 : 0))
            .returning("id").first()!.decode(column: "id", as: Int.self)
        for target in targets {
            try await db.insert(into: "summons_targets").columns("summons_id", "department_id", "station_id", "status")
                .values(SQLBind(id), SQLBind(target.department), SQLBind(target.station), SQLBind(TargetStatus.summoned.rawValue)).run()
        }
        try await event(db, id, nil, scope, .street, "raise", definition.title)
        if sent { try await send(db, id, urgency: definition.urgency, scope: scope) }
        try await AuditLog.record(db, scope, "raise", "summons", id: id, path: unit.path, detail: definition.urgency.rawValue, now: context.clock())
        return try await Self.summons(id, scope: scope, db: db)
    }

    /// The street sends on (`send` true) or declines a summons its community raised; declining needs a reason.
    public func decide(_ id: Int, send: Bool, note: String, scope: Scope) async throws -> Summons {
        guard scope.role.decidesForStreet else { throw AccessDenied(Bilingual("只有街道可以审核社区的吹哨", "Only the street decides on a community's summons")) }
        let note = note.trimmed
        guard send || !note.isEmpty else { throw ValidationError("note", Bilingual("不同意时请说明理由", "Give a reason when declining")) }
        return try await context.database.write { db in
            let summons = try await Self.summons(id, scope: scope, db: db)
            guard scope.contains(summons.path) else { throw AccessDenied() }
            guard summons.status == .pendingStreet else {
                throw StoreError.conflict(Bilingual("该吹哨已处理（\(summons.status.label.zh)）", "This summons was already decided (\(summons.status.rawValue))"))
            }
            if send {
                try await self.send(db, id, urgency: summons.urgency, scope: scope, note: note)
            } else {
                try await db.update("summons").set("status", to: SQLBind(SummonsStatus.declined.rawValue)).set("closed_at", to: SQLBind(context.nowText))
                    .where("id", .equal, SQLBind(id)).run()
            }
            if !send { try await event(db, id, nil, scope, .street, "decline", note) }
            try await AuditLog.record(db, scope, send ? "send" : "decline", "summons", id: id, path: summons.path, now: context.clock())
            return try await Self.summons(id, scope: scope, db: db)
        }
    }

    /// Takes one step on a called department's part. `until` is the new due date an extension asks for;
    /// `summonsID`, when given (a page's URL), must be the summons the part belongs to.
    public func act(targetID: Int, _ action: SummonsAction, note: String, until: String? = nil, in summonsID: Int? = nil, photos: [Int] = [],
                    scope: Scope) async throws -> Summons {
        let note = note.trimmed
        var v = Validator()
        v.check(!action.needsNote || !note.isEmpty, "note", Bilingual("请填写“\(action.label.zh)”的说明", "Say what was done or why (“\(action.label.en)”)"))
        v.check(note.count <= 4000, "note", Bilingual("说明最多4000字", "At most 4000 characters"))
        let untilDate = action == .requestExtension ? v.capture { try LocalTime.parse(until ?? "", field: "until") } : nil
        try v.finish()
        return try await context.database.write { db in
            guard let row = try await db.raw("\(unsafeRaw: SummonsTarget.select) WHERE t.id = \(bind: targetID)").first() else {
                throw StoreError.notFound(Bilingual("找不到该部门任务（编号 \(targetID)）", "No summoned department with id \(targetID)"))
            }
            let target = try SummonsTarget(row: row)
            if let summonsID, summonsID != target.summonsID {
                throw StoreError.notFound(Bilingual("该吹哨没有编号为 \(targetID) 的部门任务", "Summons \(summonsID) has no called department \(targetID)"))
            }
            let summons = try await Self.summons(target.summonsID, scope: scope, db: db)
            try Self.authorize(action, target: target, summons: summons, scope: scope)
            guard summons.status == .open else {
                throw StoreError.conflict(Bilingual("该吹哨不在处置中（\(summons.status.label.zh)）", "This summons is not open (\(summons.status.rawValue))"))
            }
            let next = try action.next(from: target.status, pending: target.pendingRequest, arrivedBefore: target.arrivedAt != nil)
            if let untilDate, let due = target.clocks?.resolveDue, untilDate <= due {
                throw ValidationError("until", Bilingual("延期后的时限应晚于现在的办结时限 \(LocalTime.format(due))",
                                                         "The new limit must be later than the current one, \(LocalTime.format(due))"))
            }
            try await apply(db, action, target: target, next: next, note: note, until: untilDate)
            let detail = untilDate.map { "\(note)（延至 \(LocalTime.format($0))）" } ?? note
            let step = try await event(db, summons.id, target.id, scope, action.side, action.rawValue, detail)
            // Evidence of the step (the scene, the work done), seen by those who see the summons.
            try await PhotoStore.attach(photos, kind: "summons_step", recordID: step, path: summons.path, scope: scope, db: db)
            try await tellOtherSide(action, summons: summons, target: target, db: db)
            if try await db.select().column("id").from("summons_targets").where("summons_id", .equal, SQLBind(summons.id))
                .where("status", .notIn, SQLBind.group([TargetStatus.closed.rawValue, TargetStatus.returned.rawValue])).first() == nil {
                try await db.update("summons").set("status", to: SQLBind(SummonsStatus.closed.rawValue)).set("closed_at", to: SQLBind(context.nowText))
                    .where("id", .equal, SQLBind(summons.id)).run()
            }
            try await AuditLog.record(db, scope, action.rawValue, "summons", id: summons.id, path: summons.path, detail: target.departmentName, now: context.clock())
            return try await Self.summons(summons.id, scope: scope, db: db)
        }
    }

    /// The summons, if the scope may see it.
    public func summons(_ id: Int, scope: Scope) async throws -> Summons {
        try await context.database.read { db in try await Self.summons(id, scope: scope, db: db) }
    }

    /// The timeline of a summons, oldest first.
    public func timeline(_ id: Int, scope: Scope) async throws -> [SummonsEvent] {
        try await context.database.read { db in
            _ = try await Self.summons(id, scope: scope, db: db)
            return try await db.select().columns("id", "target_id", "at", "username", "side", "action", "note").from("summons_events")
                .where("summons_id", .equal, SQLBind(id)).orderBy("id").all().map { row in
                    SummonsEvent(id: try row.decode(column: "id", as: Int.self), targetID: try row.decode(column: "target_id", as: Int?.self),
                                 at: try row.date("at")!, username: try row.decode(column: "username", as: String.self),
                                 side: Side(rawValue: try row.decode(column: "side", as: String.self)) ?? .street,
                                 action: try row.decode(column: "action", as: String.self), note: try row.decode(column: "note", as: String.self))
                }
        }
    }

    /// The summons the scope sees, newest first: a street's or community's within its territory, an officer's those
    /// calling its department (once sent).
    public func list(scope: Scope, status: SummonsStatus? = nil, limit: Int = 200) async throws -> [Summons] {
        try await context.database.read { db in
            var summons = try await db.raw("""
                \(unsafeRaw: Summons.select) WHERE \(Self.visible(scope)) \(status.map { SQLQueryString("AND s.status = \(bind: $0.rawValue)") } ?? "")
                ORDER BY s.id DESC LIMIT \(bind: min(max(limit, 1), 1000))
                """).all().map(Summons.init(row:))
            let targets = try await Self.targets(of: summons.map(\.id), db: db)
            for index in summons.indices { summons[index].targets = targets[summons[index].id] ?? [] }
            return summons
        }
    }

    static func visible(_ scope: Scope) -> SQLQueryString {
        if let department = scope.departmentID, scope.role == .departmentOfficer {
            return "s.status IN ('open', 'closed') AND s.id IN (SELECT summons_id FROM summons_targets WHERE department_id = \(bind: department))"
        }
        guard scope.role.raisesSummons || scope.role == .auditor else { return "1 = 0" }
        return "s.path >= \(bind: scope.path) AND s.path < \(bind: scope.upperBound)"
    }

    static func summons(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Summons {
        guard let row = try await db.raw("\(unsafeRaw: Summons.select) WHERE s.id = \(bind: id) AND \(visible(scope))").first() else {
            throw StoreError.notFound(Bilingual("找不到该吹哨（编号 \(id)）", "No summons with id \(id) in your scope"))
        }
        var summons = try Summons(row: row)
        summons.targets = try await targets(of: [id], db: db)[id] ?? []
        return summons
    }

    static func targets(of ids: [Int], db: any SQLDatabase) async throws -> [Int: [SummonsTarget]] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(grouping: try await db.raw("\(unsafeRaw: SummonsTarget.select) WHERE t.summons_id IN (\(binds: ids)) ORDER BY t.id")
            .all().map(SummonsTarget.init(row:)), by: \.summonsID)
    }
}
