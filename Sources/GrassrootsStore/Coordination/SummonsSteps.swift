import Foundation
import GrassrootsCore
import SQLKit

/// The writes behind each summons step, kept apart from the public operations that check and call them.
extension SummonsStore {
    /// Opens the summons and starts every called department's clocks from now.
    func send(_ db: any SQLDatabase, _ id: Int, urgency: Urgency, scope: Scope, note: String = "") async throws {
        let now = context.clock()
        guard let limit = try await CoordinationSettings.timeLimits(db).first(where: { $0.urgency == urgency }) else {
            throw StoreError.unavailable("no time limit configured for \(urgency.rawValue)")
        }
        let clocks = limit.clocks(sent: now, calendar: try await CoordinationSettings.calendar(db))
        try await db.update("summons").set("status", to: SQLBind(SummonsStatus.open.rawValue)).set("sent_at", to: SQLBind(Timestamp.format(now)))
            .where("id", .equal, SQLBind(id)).run()
        try await db.update("summons_targets").set("respond_due", to: SQLBind(Timestamp.format(clocks.respondDue)))
            .set("arrive_due", to: SQLBind(clocks.arriveDue.map(Timestamp.format)))
            .set("resolve_due", to: SQLBind(Timestamp.format(clocks.resolveDue)))
            .where("summons_id", .equal, SQLBind(id)).run()
        try await event(db, id, nil, scope, .street, "send", note)
        try await tellDepartments(id, db: db)
    }

    /// Writes the status and the timestamps one step changes.
    func apply(_ db: any SQLDatabase, _ action: SummonsAction, target: SummonsTarget, next: TargetStatus, note: String, until: Date?) async throws {
        let now = SQLBind(context.nowText)
        let update = db.update("summons_targets").set("status", to: SQLBind(next.rawValue)).where("id", .equal, SQLBind(target.id))
        switch action {
        case .accept: update.set("accepted_at", to: now)
        case .arrive:
            update.set("arrived_at", to: now)
            if target.acceptedAt == nil { update.set("accepted_at", to: now) }
        case .record: break
        case .requestClosure: update.set("closure_requested_at", to: now)
        case .requestExtension, .requestReturn:
            update.set("pending_request", to: SQLBind(action == .requestReturn ? PendingRequest.return.rawValue : PendingRequest.extension_.rawValue))
                .set("pending_until", to: SQLBind(until.map(Timestamp.format))).set("pending_reason", to: SQLBind(note)).set("pending_at", to: now)
        case .close: update.set("closed_at", to: now)
        case .reopen: update.set("closure_requested_at", to: SQLBind(String?.none))
        case .approveRequest, .denyRequest:
            if action == .approveRequest, target.pendingRequest == .return { update.set("returned_at", to: now) }
            if action == .approveRequest, target.pendingRequest == .extension_, let until = target.pendingUntil, let due = target.clocks?.resolveDue {
                update.set("resolve_due", to: SQLBind(Timestamp.format(until)))
                // Kept so that an evaluation recomputed as of an earlier moment uses the limit that held then.
                try await db.insert(into: "summons_extensions").columns("target_id", "previous_due", "new_due", "approved_at")
                    .values(SQLBind(target.id), SQLBind(Timestamp.format(due)), SQLBind(Timestamp.format(until)), now).run()
            }
            update.set("pending_request", to: SQLBind(String?.none)).set("pending_until", to: SQLBind(String?.none))
                .set("pending_reason", to: SQLBind(String?.none)).set("pending_at", to: SQLBind(String?.none))
        }
        try await update.run()
    }

    /// Adds a step to the timeline.
    @discardableResult
    func event(_ db: any SQLDatabase, _ summonsID: Int, _ targetID: Int?, _ scope: Scope, _ side: Side, _ action: String, _ note: String) async throws -> Int {
        try await db.insert(into: "summons_events").columns("summons_id", "target_id", "at", "account_id", "username", "side", "action", "note")
            .values(SQLBind(summonsID), SQLBind(targetID), SQLBind(context.nowText), SQLBind(scope.accountID == 0 ? nil : scope.accountID),
                    SQLBind(scope.username), SQLBind(side.rawValue), SQLBind(action), SQLBind(note))
            .returning("id").first()!.decode(column: "id", as: Int.self)
    }

    /// The side the scope acts for on this department's part, if any: officers for their own department only,
    /// the street through a street role over the summons's unit. Pages offer steps by it; `act` checks it.
    public static func actingSide(_ scope: Scope, target: SummonsTarget, summons: Summons) -> Side? {
        if scope.role == .departmentOfficer, scope.departmentID == target.departmentID { return .department }
        if scope.role.decidesForStreet, scope.contains(summons.path) { return .street }
        return nil
    }

    static func authorize(_ action: SummonsAction, target: SummonsTarget, summons: Summons, scope: Scope) throws {
        guard actingSide(scope, target: target, summons: summons) == action.side else {
            throw AccessDenied(action.side == .department
                ? Bilingual("只有被呼叫部门的人员可以“\(action.label.zh)”", "Only officers of the summoned department can “\(action.label.en)”")
                : Bilingual("只有街道可以“\(action.label.zh)”（事不完、人不撤）", "Only the street can “\(action.label.en)”"))
        }
    }

    /// The departments and stations a summons calls: every id must exist; a station brings its department along,
    /// and a department called both alone and through its station is called once, through the station.
    static func resolveTargets(_ definition: SummonsDefinition, db: any SQLDatabase) async throws -> [(department: Int, station: Int?)] {
        var targets: [(department: Int, station: Int?)] = []
        if !definition.stationIDs.isEmpty {
            let rows = try await db.select().columns("id", "department_id").from("stations").where("id", .in, SQLBind.group(definition.stationIDs)).all()
            let found = try rows.map { (department: try $0.decode(column: "department_id", as: Int.self), station: Optional(try $0.decode(column: "id", as: Int.self))) }
            guard found.count == definition.stationIDs.count else {
                throw ValidationError("station_ids", Bilingual("所选派驻机构有不存在的", "A chosen station does not exist"))
            }
            targets += found
        }
        if !definition.departmentIDs.isEmpty {
            let found = try await db.select().column("id").from("departments").where("id", .in, SQLBind.group(definition.departmentIDs)).all()
                .map { try $0.decode(column: "id", as: Int.self) }
            guard found.count == definition.departmentIDs.count else {
                throw ValidationError("department_ids", Bilingual("所选部门有不存在的", "A chosen department does not exist"))
            }
            targets += found.filter { id in !targets.contains { $0.department == id } }.map { ($0, nil) }
        }
        return targets
    }
}
