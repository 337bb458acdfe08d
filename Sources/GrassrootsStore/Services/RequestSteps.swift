import Foundation
import GrassrootsCore
import SQLKit

extension RequestStore {
    /// A step by the handling side: accept, reply (the answer the resident reads), note progress, pass the request up
    /// one tier, dispatch it down to a unit under the handler, or (from a street) summon departments.
    /// A reply may carry `publicReply`, the answer for the public list (Open311), written without the resident's details.
    public func act(_ id: Int, _ action: RequestAction, note: String, publicReply: String = "", targetUnitID: Int? = nil, departmentIDs: [Int] = [],
                    scope: Scope) async throws -> ServiceRequest {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        let note = note.trimmed, publicReply = publicReply.trimmed
        if [.reply, .note].contains(action) {
            guard (1...2000).contains(note.count) else { throw ValidationError("note", Bilingual("请填写答复或办理情况（最多2000字）", "Write the answer or progress (at most 2000 characters)")) }
        }
        guard publicReply.isEmpty || action == .reply else {
            throw ValidationError("public_reply", Bilingual("公开答复只能随答复一起填写", "A public answer goes with a reply"))
        }
        guard publicReply.count <= 500 else { throw ValidationError("public_reply", Bilingual("公开答复最多500字", "The public answer takes at most 500 characters")) }
        return try await context.database.write { db in
            let request = try await Self.handled(id, scope: scope, db: db)
            guard action.allowed(from: request.status) else {
                throw StoreError.conflict(Bilingual("诉求当前为“\(request.status.label.zh)”，不能“\(action.label.zh)”",
                                                    "The request is “\(request.status.label.en)”: “\(action.label.en)” is not possible now"))
            }
            let now = context.clock(), nowText = context.nowText
            let update = db.update("requests").set("updated_at", to: SQLBind(nowText)).where("id", .equal, SQLBind(id))
            if request.respondedAt == nil, action != .note { update.set("responded_at", to: SQLBind(nowText)) }
            var unitName = request.handlerName
            switch action {
            case .accept:
                update.set("status", to: SQLBind(RequestStatus.accepted.rawValue))
            case .reply:
                update.set("status", to: SQLBind(RequestStatus.replied.rawValue)).set("replied_at", to: SQLBind(nowText)).set("status_note", to: SQLBind(note))
                if !publicReply.isEmpty { update.set("public_reply", to: SQLBind(publicReply)) }
            case .note:
                update.set("status_note", to: SQLBind(note))
            case .escalate:
                let handler = try await UnitStore.unit(request.handlerUnitID, scope: .system, db: db)
                guard let parentID = handler.parentID, handler.kind > .street else {
                    throw StoreError.conflict(Bilingual("街道层级无法再上报，请吹哨职能部门", "A street passes a request on by summoning departments"))
                }
                let parent = try await UnitStore.unit(parentID, scope: .system, db: db)
                unitName = parent.name
                update.set("handler_unit_id", to: SQLBind(parent.id)).set("handler_path", to: SQLBind(parent.path))
                    .set("level", to: SQLBind(Self.level(of: parent).rawValue)).set("handler_staff_id", to: SQLBind(Int?.none))
                    .set("status", to: SQLBind(RequestStatus.accepted.rawValue))
            case .dispatch:
                guard let targetUnitID else { throw ValidationError("unit_id", Bilingual("请选择派往的单元", "Choose where to dispatch it")) }
                let target = try await UnitStore.unit(targetUnitID, scope: scope, db: db)
                guard target.path.hasPrefix(request.handlerPath), target.id != request.handlerUnitID else {
                    throw ValidationError("unit_id", Bilingual("只能派往本级以下的单元", "Dispatch only to a unit below the handler"))
                }
                let route = try await Self.route(target, db: db)
                unitName = route.unit.name
                update.set("handler_unit_id", to: SQLBind(route.unit.id)).set("handler_path", to: SQLBind(route.unit.path))
                    .set("level", to: SQLBind(route.level.rawValue)).set("handler_staff_id", to: SQLBind(route.staffID))
            case .summon:
                guard scope.role.raisesSummons else { throw AccessDenied(Bilingual("只有街道或社区可以吹哨", "Only a street or community can summon departments")) }
                let urgency: Urgency = request.timeClass == .urgent ? .emergency : request.timeClass == .complex ? .complex : .general
                let definition = try SummonsInput(unitID: request.unitID, matter: MatterKind.residentProblem.rawValue, urgency: urgency.rawValue,
                                                  title: String("诉求\(id)：\(request.categoryName)".prefix(100)),
                                                  description: note.isEmpty ? request.description : note + "\n\n" + request.description,
                                                  departmentIDs: departmentIDs).validated()
                let summons = try await SummonsStore(context).raise(definition, scope: scope, db: db)
                unitName = summons.streetName
                update.set("summons_id", to: SQLBind(summons.id)).set("level", to: SQLBind(RequestLevel.department.rawValue))
                    .set("status", to: SQLBind(RequestStatus.accepted.rawValue))
            case .withdraw, .submit, .feedback, .reopen, .flag, .approveFlag, .rejectFlag:
                throw StoreError.conflict(Bilingual("该操作不由办理方进行", "This step is not the handler's"))
            }
            try await update.run()
            try await Self.event(db, id, action, scope.username, unit: unitName, note: note, now: now)
            try await Self.tellResident(id, after: action, path: request.path, db: db, context: context)
            try await AuditLog.record(db, scope, action.rawValue, "request", id: id, path: request.path, now: now)
            return try await Self.request(id, db: db)
        }
    }

    /// The resident says whether the answer solved the matter and how satisfied they are; not solved sends it back.
    /// Staff of the tier above the handler may record it from a call-back (电话回访), never the handler itself.
    /// Each answer must be chosen: a missing one is refused, never read as an answer (the three rates come from these).
    public func feedback(_ id: Int, solved: Bool?, satisfaction: String, comment: String, scope: Scope) async throws -> ServiceRequest {
        var v = Validator()
        v.check(solved != nil, "solved", Bilingual("请选择问题是否解决", "Choose whether it was solved"))
        let rating = Satisfaction.pick(satisfaction, field: "satisfaction", names: Bilingual("满意度", "Satisfaction"), &v)
        v.check(comment.trimmed.count <= 500, "comment", Bilingual("评价最多500字", "The comment takes at most 500 characters"))
        try v.finish()
        let solved = solved == true  // chosen: checked above
        return try await context.database.write { db in
            let request = scope.role == .resident ? try await Self.own(id, scope: scope, db: db) : try await Self.above(id, scope: scope, db: db)
            guard request.status == .replied else {
                throw StoreError.conflict(Bilingual("诉求答复后才能评价", "You can rate a request once it has been answered"))
            }
            let now = context.clock()
            try await db.update("requests").set("solved", to: SQLBind(solved ? 1 : 0)).set("satisfaction", to: SQLBind(rating!.rawValue))
                .set("feedback_comment", to: SQLBind(comment.trimmed)).set("updated_at", to: SQLBind(context.nowText))
                .set("status", to: SQLBind(solved ? RequestStatus.closed.rawValue : RequestStatus.accepted.rawValue))
                .set("closed_at", to: SQLBind(solved ? context.nowText : nil)).where("id", .equal, SQLBind(id)).run()
            let actor = scope.role == .resident ? scope.username : scope.username + "（电话回访）"
            try await Self.event(db, id, .feedback, actor, unit: "", note: "\(solved ? "已解决" : "未解决")，\(rating!.label.zh)。\(comment.trimmed)", now: now)
            if !solved { try await Self.event(db, id, .reopen, "system", unit: request.handlerName, note: "居民反映未解决，重新办理", now: now) }
            try await AuditLog.record(db, scope, "feedback", "request", id: id, path: request.path, now: now)
            return try await Self.request(id, db: db)
        }
    }

    /// The resident withdraws a request not yet answered; it then counts in no rate.
    public func withdraw(_ id: Int, scope: Scope) async throws -> ServiceRequest {
        try await context.database.write { db in
            let request = try await Self.own(id, scope: scope, db: db)
            guard RequestAction.withdraw.allowed(from: request.status) else {
                throw StoreError.conflict(Bilingual("已答复或已办结的诉求不能撤回", "An answered or closed request cannot be withdrawn"))
            }
            try await db.update("requests").set("withdrawn", to: SQLBind(1)).set("status", to: SQLBind(RequestStatus.closed.rawValue))
                .set("closed_at", to: SQLBind(context.nowText)).set("updated_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id)).run()
            try await Self.event(db, id, .withdraw, scope.username, unit: "", note: "", now: context.clock())
            try await AuditLog.record(db, scope, "withdraw", "request", id: id, path: request.path, now: context.clock())
            return try await Self.request(id, db: db)
        }
    }

    /// The handler asks to keep a request out of the satisfaction rate, with the reason; the tier above decides.
    public func flag(_ id: Int, reason: String, note: String, scope: Scope) async throws -> ServiceRequest {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        var v = Validator()
        let reason = FlagReason.pick(reason, field: "flag_reason", names: Bilingual("理由类别", "Reason"), &v)
        v.check((5...500).contains(note.trimmed.count), "flag_note", Bilingual("请说明理由（5–500字）", "Explain why (5–500 characters)"))
        try v.finish()
        return try await context.database.write { db in
            let request = try await Self.handled(id, scope: scope, db: db)
            guard RequestAction.flag.allowed(from: request.status), request.flagStatus != "pending", request.flagStatus != "approved" else {
                throw StoreError.conflict(Bilingual("该诉求现在不能申请不计满意度", "This request cannot be flagged now"))
            }
            try await db.update("requests").set("flag_reason", to: SQLBind(reason!.rawValue)).set("flag_note", to: SQLBind(note.trimmed))
                .set("flag_status", to: SQLBind("pending")).where("id", .equal, SQLBind(id)).run()
            try await Self.event(db, id, .flag, scope.username, unit: request.handlerName, note: "\(reason!.label.zh)：\(note.trimmed)", now: context.clock())
            try await AuditLog.record(db, scope, "flag", "request", id: id, path: request.path, now: context.clock())
            return try await Self.request(id, db: db)
        }
    }

    /// The tier above the handler approves or refuses the exclusion.
    public func decideFlag(_ id: Int, approve: Bool, note: String, scope: Scope) async throws -> ServiceRequest {
        try await context.database.write { db in
            let request = try await Self.above(id, scope: scope, db: db)
            guard request.flagStatus == "pending" else { throw StoreError.conflict(Bilingual("没有待审核的申请", "No exclusion is waiting for a decision")) }
            try await db.update("requests").set("flag_status", to: SQLBind(approve ? "approved" : "rejected")).where("id", .equal, SQLBind(id)).run()
            try await Self.event(db, id, approve ? .approveFlag : .rejectFlag, scope.username, unit: "", note: note.trimmed, now: context.clock())
            try await AuditLog.record(db, scope, approve ? "approve_flag" : "reject_flag", "request", id: id, path: request.path, now: context.clock())
            return try await Self.request(id, db: db)
        }
    }

    /// A request the scope handles: its handler unit lies within the scope.
    static func handled(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> ServiceRequest {
        let request = try await request(id, scope: scope, db: db)
        guard scope.contains(request.handlerPath) else {
            throw AccessDenied(Bilingual("该诉求由“\(request.handlerName)”办理", "“\(request.handlerName)” handles this request"))
        }
        return request
    }

    /// A request whose handler lies strictly below the scope: what the tier above checks (call-backs, exclusions).
    static func above(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> ServiceRequest {
        guard [.cityAdmin, .streetAdmin, .communityStaff].contains(scope.role) else { throw AccessDenied() }
        let request = try await request(id, scope: scope, db: db)
        guard request.handlerPath.hasPrefix(scope.path), request.handlerPath != scope.path else {
            throw AccessDenied(Bilingual("应由办理单位的上一级进行", "The tier above the handler does this"))
        }
        return request
    }

    /// A request the resident filed.
    static func own(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> ServiceRequest {
        guard scope.role == .resident else { throw AccessDenied(Bilingual("只有提出诉求的居民可以评价或撤回", "Only the resident who filed it can rate or withdraw it")) }
        return try await request(id, scope: scope, db: db)
    }

    static func level(of unit: TerritoryUnit) -> RequestLevel {
        switch unit.kind {
        case .grid: .grid
        case .community: .community
        case .street: .street
        default: .city
        }
    }
}
