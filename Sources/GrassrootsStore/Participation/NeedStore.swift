import Foundation
import GrassrootsCore
import SQLKit

/// Needs a community publishes, claimed by a registered unit or member and carried out as a project the community
/// accepts; and units adopting unmanaged compounds (认领).
public struct NeedStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The community publishes a need.
    public func publish(communityID: Int, title: String, description: String, scope: Scope) async throws -> Need {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        var v = Validator()
        v.check((1...100).contains(title.trimmed.count), "title", Bilingual("需求名称为1–100字", "The title needs 1–100 characters"))
        v.check((5...2000).contains(description.trimmed.count), "description", Bilingual("请说明需求（5–2000字）", "Describe the need (5–2000 characters)"))
        try v.finish()
        return try await context.database.write { db in
            let community = try await UnitStore.unit(communityID, scope: scope, db: db)
            guard community.kind == .community else { throw ValidationError("community_id", Bilingual("需求由社区发布", "A community publishes needs")) }
            let id = try await db.insert(into: "needs").columns("community_id", "path", "title", "description", "status", "created_by", "created_at")
                .values(SQLBind(community.id), SQLBind(community.path), SQLBind(title.trimmed), SQLBind(description.trimmed), SQLBind(NeedStatus.open.rawValue),
                        SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "publish", "need", id: id, path: community.path, now: context.clock())
            return try await Self.need(id, db: db)
        }
    }

    /// A unit liaison (for their unit) or an approved party member claims an open need with a commitment; staff may
    /// record a claim for a registered unit. The need becomes a project.
    public func claim(_ id: Int, commitment: String, memberUnitID: Int? = nil, scope: Scope) async throws -> Need {
        guard (5...1000).contains(commitment.trimmed.count) else {
            throw ValidationError("commitment", Bilingual("请写明承诺内容（5–1000字）", "State the commitment (5–1000 characters)"))
        }
        return try await context.database.write { db in
            let need = try await Self.need(id, db: db)
            let path = try await UnitStore.unit(need.communityID, scope: .system, db: db).path
            guard scope.contains(path) else { throw StoreError.notFound(Bilingual("没有编号为 \(id) 的需求", "No need \(id) for you")) }
            var unitID: Int?, memberID: Int?
            switch scope.role {
            case .unitLiaison:
                unitID = try await RegistrationStore.linkedUnit(of: scope, db: db)
                guard unitID != nil else { throw AccessDenied(Bilingual("请先完成单位报到", "Register your unit first")) }
            case .partyMember:
                memberID = try await db.raw("SELECT id FROM member_registrations WHERE account_id = \(bind: scope.accountID) AND status = 'approved'").first()?
                    .decode(column: "id", as: Int.self)
                guard memberID != nil else { throw AccessDenied(Bilingual("报到经社区确认后才能认领", "Claim once the community has confirmed your registration")) }
            default:
                guard scope.role.keepsCouncil, let memberUnitID else { throw AccessDenied() }
                guard try await db.raw("SELECT COUNT(*) AS n FROM member_units WHERE id = \(bind: memberUnitID) AND community_id = \(bind: need.communityID)").first()!
                    .decode(column: "n", as: Int.self) == 1 else { throw ValidationError("member_unit_id", Bilingual("请选择在本社区报到的单位", "Choose a unit registered here")) }
                unitID = memberUnitID
            }
            guard need.status == .open else { throw StoreError.conflict(Bilingual("该需求已被认领", "This need has already been claimed")) }
            // Guarded on the status, so two claims at once cannot both win.
            guard try await db.raw("""
                UPDATE needs SET status = 'project', member_unit_id = \(bind: unitID), member_id = \(bind: memberID), commitment = \(bind: commitment.trimmed),
                  claimed_at = \(bind: context.nowText) WHERE id = \(bind: id) AND status = 'open' RETURNING id
                """).first() != nil else { throw StoreError.conflict(Bilingual("该需求已被认领", "This need has already been claimed")) }
            try await AuditLog.record(db, scope, "claim", "need", id: id, path: path, now: context.clock())
            return try await Self.need(id, db: db)
        }
    }

    /// Progress of a project (by the community); acceptance at 100 %.
    public func progress(_ id: Int, percent: Int, accept: Bool, scope: Scope) async throws -> Need {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        return try await context.database.write { db in
            let need = try await Self.need(id, db: db)
            let path = try await UnitStore.unit(need.communityID, scope: scope, db: db).path
            guard need.status == .project else { throw StoreError.conflict(Bilingual("只有实施中的项目可以更新进度", "Only a project under way takes progress")) }
            guard (need.progress...100).contains(percent) else { throw ValidationError("progress", Bilingual("进度应在 \(need.progress) 到 100 之间", "Progress must be \(need.progress)–100")) }
            guard !accept || percent == 100 else { throw ValidationError("progress", Bilingual("完成100%后才能验收", "Accept at 100 %")) }
            let update = db.update("needs").set("progress", to: SQLBind(percent)).where("id", .equal, SQLBind(id))
            if accept { update.set("status", to: SQLBind(NeedStatus.accepted.rawValue)).set("accepted_by", to: SQLBind(scope.username)).set("accepted_at", to: SQLBind(context.nowText)) }
            try await update.run()
            try await AuditLog.record(db, scope, accept ? "accept" : "progress", "need", id: id, path: path, detail: "\(percent)", now: context.clock())
            return try await Self.need(id, db: db)
        }
    }

    /// Needs of the scope's communities, unmatched first.
    public func needs(scope: Scope) async throws -> [Need] {
        try await context.database.read { db in
            try await db.raw("\(unsafeRaw: Need.select) WHERE n.path >= \(bind: scope.path) AND n.path < \(bind: scope.upperBound) ORDER BY n.status, n.id DESC LIMIT 500")
                .all().map(Need.init(row:))
        }
    }

    /// A registered unit adopts an unmanaged compound (no property manager and no owners' committee) for a term.
    public func adopt(compoundID: Int, memberUnitID: Int, responsibilities: String, startsOn: String, endsOn: String, scope: Scope) async throws {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        var v = Validator()
        v.check((5...1000).contains(responsibilities.trimmed.count), "responsibilities", Bilingual("请写明认领职责（5–1000字）", "State the responsibilities (5–1000 characters)"))
        let start = v.capture { try WorkingCalendar.parseDay(startsOn, field: "starts_on") }
        let end = v.capture { try WorkingCalendar.parseDay(endsOn, field: "ends_on") }
        if let start, let end { v.check(end > start, "ends_on", Bilingual("期限结束应晚于开始", "The term must end after it starts")) }
        try v.finish()
        try await context.database.write { db in
            let compound = try await UnitStore.unit(compoundID, scope: scope, db: db)
            guard compound.kind == .compound else { throw ValidationError("compound_id", Bilingual("请选择小区", "Choose a compound")) }
            let managed = try await db.raw("""
                SELECT COUNT(*) AS n FROM organizations WHERE unit_id = \(bind: compound.id) AND kind IN ('property_company', 'owners_committee')
                """).first()!.decode(column: "n", as: Int.self)
            guard managed == 0 else { throw ValidationError("compound_id", Bilingual("该小区已有物业或业委会，不属于无人管理小区", "This compound has a property manager or owners' committee")) }
            guard let unitPath = try await db.raw("SELECT path FROM member_units WHERE id = \(bind: memberUnitID)").first()?.decode(column: "path", as: String.self),
                  compound.path.hasPrefix(unitPath) else {
                throw ValidationError("member_unit_id", Bilingual("请选择在该小区所在社区报到的单位", "Choose a unit registered with the compound's community"))
            }
            let overlapping = try await db.raw("SELECT COUNT(*) AS n FROM adoptions WHERE compound_id = \(bind: compound.id) AND starts_on <= \(bind: end!) AND ends_on >= \(bind: start!)")
                .first()!.decode(column: "n", as: Int.self)
            guard overlapping == 0 else { throw StoreError.conflict(Bilingual("该小区在此期间已有认领单位", "Another unit adopts this compound in that term")) }
            let id = try await db.insert(into: "adoptions").columns("compound_id", "path", "member_unit_id", "responsibilities", "starts_on", "ends_on", "created_by", "created_at")
                .values(SQLBind(compound.id), SQLBind(compound.path), SQLBind(memberUnitID), SQLBind(responsibilities.trimmed), SQLBind(start!), SQLBind(end!),
                        SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "adopt", "compound", id: id, path: compound.path, now: context.clock())
        }
    }

    /// Adoptions in force today within the scope: compound, unit, responsibilities, term.
    public func adoptions(scope: Scope) async throws -> [(compound: String, unit: String, responsibilities: String, startsOn: String, endsOn: String)] {
        let today = WorkingCalendar.dayKey(context.clock())
        return try await context.database.read { db in
            try await db.raw("""
                SELECT c.name AS compound, m.name AS unit, a.responsibilities, a.starts_on, a.ends_on FROM adoptions a JOIN units c ON c.id = a.compound_id
                JOIN member_units m ON m.id = a.member_unit_id WHERE a.path >= \(bind: scope.path) AND a.path < \(bind: scope.upperBound) AND a.ends_on >= \(bind: today)
                ORDER BY c.path
                """).all().map { (try $0.decode(column: "compound", as: String.self), try $0.decode(column: "unit", as: String.self),
                                  try $0.decode(column: "responsibilities", as: String.self), try $0.decode(column: "starts_on", as: String.self),
                                  try $0.decode(column: "ends_on", as: String.self)) }
        }
    }

    static func need(_ id: Int, db: any SQLDatabase) async throws -> Need {
        guard let row = try await db.raw("\(unsafeRaw: Need.select) WHERE n.id = \(bind: id)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的需求", "No need \(id)"))
        }
        return try Need(row: row)
    }
}
