import Foundation
import GrassrootsCore
import SQLKit

/// A member's or unit's confirmed service in a period: the quarterly service card sent to the employer's party
/// organization.
public struct ServiceCard: Sendable, Codable, Equatable {
    public let period: String
    public let name: String
    public let employer: String
    public let employerPartyOrg: String
    public let communityName: String
    public let posts: [ServicePost]
    public let hours: Double
    public let records: [ServiceHours]
}

/// Service hours — counted only against a real event (one the member attended) or a project the member or unit
/// carries, and only once the community confirms them — and the year-end two-way scores.
public struct HoursStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Records hours for a member (`memberID`) or a unit (`memberUnitID`) against an event or a project (`needID`). A
    /// party member or liaison records their own, which wait for the community; the community's own records count
    /// at once.
    public func record(memberID: Int?, memberUnitID: Int?, eventID: Int?, needID: Int?, servedOn: String, hours: Double, description: String,
                       scope: Scope) async throws -> ServiceHours {
        var v = Validator()
        v.check((memberID == nil) != (memberUnitID == nil), "member_id", Bilingual("请选择党员或单位之一", "Choose a member or a unit"))
        v.check((eventID == nil) != (needID == nil), "event_id", Bilingual("服务时长须对应一项活动或一个项目", "Hours count against one event or one project"))
        let day = v.capture { try WorkingCalendar.parseDay(servedOn, field: "served_on") }
        if let day { v.check(day <= WorkingCalendar.dayKey(context.clock()), "served_on", Bilingual("服务日期不能晚于今天", "The date cannot be in the future")) }
        v.check(Hours.valid(hours, max: 24), "hours", Bilingual("时长应在 0.5 到 24 小时之间（以半小时计）", "Hours must be 0.5–24, in half hours"))
        v.check((2...500).contains(description.trimmed.count), "description", Bilingual("请说明服务内容", "Say what was done"))
        try v.finish()
        return try await context.database.write { db in
            let (communityID, path, own) = try await Self.subject(memberID: memberID, memberUnitID: memberUnitID, scope: scope, db: db)
            if let eventID {
                let event = try await EventStore.event(eventID, db: db)
                guard event.path == path, event.startsAt <= context.clock() else {
                    throw ValidationError("event_id", Bilingual("请选择本社区已举行的活动", "Choose an event of this community that has taken place"))
                }
                if let memberID {
                    let attended = try await db.raw("""
                        SELECT COUNT(*) AS n FROM event_signups s JOIN member_registrations r ON r.account_id = s.account_id
                        WHERE s.event_id = \(bind: eventID) AND r.id = \(bind: memberID) AND s.attended = 1
                        """).first()!.decode(column: "n", as: Int.self)
                    guard attended == 1 else { throw ValidationError("event_id", Bilingual("该党员未登记到场，不能计入时长", "The member is not recorded as attending")) }
                }
            }
            if let needID {
                let need = try await NeedStore.need(needID, db: db)
                guard need.status != .open, need.memberID == memberID || (memberUnitID != nil && need.memberUnitID == memberUnitID) else {
                    throw ValidationError("need_id", Bilingual("只能计入本人或本单位认领的项目", "Only a project the member or unit carries counts"))
                }
            }
            let status: ReviewStatus = own ? .pending : .approved
            let id = try await db.insert(into: "service_hours")
                .columns("member_id", "member_unit_id", "community_id", "path", "event_id", "need_id", "served_on", "hours", "description", "status", "recorded_by",
                         "recorded_at", "decided_by", "decided_at")
                .values(SQLBind(memberID), SQLBind(memberUnitID), SQLBind(communityID), SQLBind(path), SQLBind(eventID), SQLBind(needID), SQLBind(day!), SQLBind(hours),
                        SQLBind(description.trimmed), SQLBind(status.rawValue), SQLBind(scope.username), SQLBind(context.nowText),
                        SQLBind(own ? nil : scope.username), SQLBind(own ? nil : context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "record", "service_hours", id: id, path: path, detail: Hours.text(hours), now: context.clock())
            return try await Self.hours(db, where: "h.id = \(bind: id)").first!
        }
    }

    /// The community confirms or refuses hours recorded by a member or liaison.
    public func decide(_ id: Int, approve: Bool, scope: Scope) async throws -> ServiceHours {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        return try await context.database.write { db in
            guard let path = try await db.raw("SELECT path FROM service_hours WHERE id = \(bind: id) AND status = 'pending'").first()?.decode(column: "path", as: String.self),
                  scope.contains(path) else { throw StoreError.notFound(Bilingual("没有待确认的记录 \(id)", "No record \(id) waiting for you")) }
            try await db.update("service_hours").set("status", to: SQLBind((approve ? ReviewStatus.approved : .rejected).rawValue))
                .set("decided_by", to: SQLBind(scope.username)).set("decided_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id)).run()
            try await AuditLog.record(db, scope, approve ? "approve" : "reject", "service_hours", id: id, path: path, now: context.clock())
            return try await Self.hours(db, where: "h.id = \(bind: id)").first!
        }
    }

    /// Records of the scope's communities, waiting ones first (a party member or liaison: their own).
    public func list(scope: Scope) async throws -> [ServiceHours] {
        try await context.database.read { db in
            let condition: SQLQueryString
            switch scope.role {
            case .partyMember: condition = "h.member_id IN (SELECT id FROM member_registrations WHERE account_id = \(bind: scope.accountID))"
            case .unitLiaison: condition = "h.member_unit_id IN (SELECT member_unit_id FROM accounts WHERE id = \(bind: scope.accountID))"
            default:
                guard scope.role.keepsCouncil || scope.role == .auditor else { throw AccessDenied() }
                condition = "h.path >= \(bind: scope.path) AND h.path < \(bind: scope.upperBound)"
            }
            return try await Self.hours(db, where: condition)
        }
    }

    /// A member's confirmed service in a quarter (or any period), for their employer's party organization.
    public func card(memberID: Int, period raw: String, scope: Scope) async throws -> ServiceCard {
        let period = try Period(raw)
        return try await context.database.read { db in
            let member = try await RegistrationStore.member(memberID, db: db)
            guard scope.contains(member.path) && scope.role != .partyMember || member.accountID == scope.accountID && scope.role == .partyMember else {
                throw StoreError.notFound(Bilingual("没有编号为 \(memberID) 的报到党员", "No registered member \(memberID) for you"))
            }
            let records = try await Self.hours(db, where: """
                h.member_id = \(bind: memberID) AND h.status = 'approved' AND h.served_on >= \(bind: WorkingCalendar.dayKey(period.start))
                  AND h.served_on < \(bind: WorkingCalendar.dayKey(period.end))
                """)
            return ServiceCard(period: period.code, name: member.name, employer: member.employer, employerPartyOrg: member.employerPartyOrg,
                               communityName: member.communityName, posts: member.posts, hours: records.map(\.hours).reduce(0, +), records: records)
        }
    }

    /// The year-end two-way score: the community rates a unit, or the unit's liaison rates the community (1–5); again
    /// replaces the earlier score.
    public func score(year: Int, memberUnitID: Int, stars: Int, comment: String, scope: Scope) async throws {
        guard (2000...2100).contains(year) else { throw ValidationError("year", Bilingual("年度无效", "Invalid year")) }
        guard (1...5).contains(stars) else { throw ValidationError("stars", Bilingual("评分为1–5星", "Give 1–5 stars")) }
        try await context.database.write { db in
            guard let row = try await db.raw("SELECT community_id, path FROM member_units WHERE id = \(bind: memberUnitID)").first() else {
                throw StoreError.notFound(Bilingual("没有编号为 \(memberUnitID) 的报到单位", "No registered unit \(memberUnitID)"))
            }
            let path = try row.decode(column: "path", as: String.self)
            let rater: String
            if scope.role == .unitLiaison {
                let own = try await RegistrationStore.linkedUnit(of: scope, db: db)
                guard own == memberUnitID else { throw AccessDenied(Bilingual("只能为本单位报到的社区评分", "Rate only the community your unit registered with")) }
                rater = "unit"
            } else {
                guard scope.role.keepsCouncil, scope.contains(path) else { throw AccessDenied() }
                rater = "community"
            }
            try await db.delete(from: "unit_scores").where("year", .equal, SQLBind(year)).where("member_unit_id", .equal, SQLBind(memberUnitID))
                .where("rater", .equal, SQLBind(rater)).run()
            try await db.insert(into: "unit_scores").columns("year", "community_id", "member_unit_id", "rater", "stars", "comment", "rated_by", "rated_at")
                .values(SQLBind(year), SQLBind(try row.decode(column: "community_id", as: Int.self)), SQLBind(memberUnitID), SQLBind(rater), SQLBind(stars),
                        SQLBind(comment.trimmed), SQLBind(scope.username), SQLBind(context.nowText)).run()
            try await AuditLog.record(db, scope, "score", "member_unit", id: memberUnitID, path: path, detail: "\(year) \(rater) \(stars)", now: context.clock())
        }
    }

    /// The year's scores of the scope's units, both ways, with their confirmed hours.
    public func scores(year: Int, scope: Scope) async throws -> [(unit: String, hours: Double, byCommunity: Int?, byUnit: Int?)] {
        try await context.database.read { db in
            try await db.raw("""
                SELECT m.name,
                  (SELECT COALESCE(SUM(h.hours), 0) FROM service_hours h WHERE h.member_unit_id = m.id AND h.status = 'approved'
                     AND h.served_on >= \(bind: "\(year)-01-01") AND h.served_on <= \(bind: "\(year)-12-31")) AS hours,
                  (SELECT stars FROM unit_scores s WHERE s.member_unit_id = m.id AND s.year = \(bind: year) AND s.rater = 'community') AS by_community,
                  (SELECT stars FROM unit_scores s WHERE s.member_unit_id = m.id AND s.year = \(bind: year) AND s.rater = 'unit') AS by_unit
                FROM member_units m WHERE m.path >= \(bind: scope.path) AND m.path < \(bind: scope.upperBound) ORDER BY m.name
                """).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "hours", as: Double.self),
                                  try $0.decode(column: "by_community", as: Int?.self), try $0.decode(column: "by_unit", as: Int?.self)) }
        }
    }

    /// Who the hours are for, where, and whether the recorder is that person or unit (then the record waits).
    static func subject(memberID: Int?, memberUnitID: Int?, scope: Scope, db: any SQLDatabase) async throws -> (community: Int, path: String, own: Bool) {
        if let memberID {
            let member = try await RegistrationStore.member(memberID, db: db)
            guard member.status == .approved else { throw ValidationError("member_id", Bilingual("该党员报到尚未确认", "This member's registration is not confirmed")) }
            let own = scope.role == .partyMember && member.accountID == scope.accountID
            guard own || scope.role.keepsCouncil && scope.contains(member.path) else { throw AccessDenied() }
            return (member.communityID, member.path, own)
        }
        guard let row = try await db.raw("SELECT community_id, path FROM member_units WHERE id = \(bind: memberUnitID!)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(memberUnitID!) 的报到单位", "No registered unit \(memberUnitID!)"))
        }
        let path = try row.decode(column: "path", as: String.self)
        let liaison = try await RegistrationStore.linkedUnit(of: scope, db: db)
        let own = scope.role == .unitLiaison && liaison == memberUnitID
        guard own || scope.role.keepsCouncil && scope.contains(path) else { throw AccessDenied() }
        return (try row.decode(column: "community_id", as: Int.self), path, own)
    }

    static func hours(_ db: any SQLDatabase, where condition: SQLQueryString) async throws -> [ServiceHours] {
        try await db.raw("\(unsafeRaw: ServiceHours.select) WHERE \(condition) ORDER BY CASE h.status WHEN 'pending' THEN 0 ELSE 1 END, h.served_on DESC, h.id DESC LIMIT 1000").all().map(ServiceHours.init(row:))
    }
}
