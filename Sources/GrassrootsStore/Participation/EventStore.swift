import Foundation
import GrassrootsCore
import SQLKit

/// Community events (比邻节, 党课开放日, volunteer activities): sign-up within the capacity — guarded in one statement,
/// so a full event stays full when many sign up at once — attendance, and the iCalendar feed.
public struct EventStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The community schedules an event.
    public func create(communityID: Int, kind: String, title: String, description: String, place: String, startsAt: String, endsAt: String,
                       capacity: Int, scope: Scope) async throws -> CommunityEvent {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        var v = Validator()
        let kind = EventKind.pick(kind, field: "kind", names: Bilingual("活动类型", "Kind"), &v)
        v.check((1...100).contains(title.trimmed.count), "title", Bilingual("活动名称为1–100字", "The title needs 1–100 characters"))
        v.check(description.trimmed.count <= 2000, "description", Bilingual("介绍最多2000字", "The description takes at most 2000 characters"))
        v.check((1...100).contains(place.trimmed.count), "place", Bilingual("请填写地点", "Give the place"))
        let start = v.capture { try LocalTime.parse(startsAt, field: "starts_at") }
        let end = v.capture { try LocalTime.parse(endsAt, field: "ends_at") }
        if let start, let end { v.check(end > start && end.timeIntervalSince(start) <= 7 * 86400, "ends_at", Bilingual("结束应晚于开始，活动最长7天", "It must end after it starts, within 7 days")) }
        v.check((1...10_000).contains(capacity), "capacity", Bilingual("名额应为1–10000", "Capacity must be 1–10,000"))
        try v.finish()
        return try await context.database.write { db in
            let community = try await UnitStore.unit(communityID, scope: scope, db: db)
            guard community.kind == .community else { throw ValidationError("community_id", Bilingual("请选择社区", "Choose a community")) }
            let id = try await db.insert(into: "events")
                .columns("community_id", "path", "kind", "title", "description", "place", "starts_at", "ends_at", "capacity", "created_by", "created_at", "updated_at")
                .values(SQLBind(community.id), SQLBind(community.path), SQLBind(kind!.rawValue), SQLBind(title.trimmed), SQLBind(description.trimmed), SQLBind(place.trimmed),
                        SQLBind(Timestamp.format(start!)), SQLBind(Timestamp.format(end!)), SQLBind(capacity), SQLBind(scope.username), SQLBind(context.nowText),
                        SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "event", id: id, path: community.path, now: context.clock())
            return try await Self.event(id, db: db)
        }
    }

    /// Events of the scope's communities, soonest first (a community's feed: `path` of the community).
    public func events(under path: String) async throws -> [CommunityEvent] {
        try await context.database.read { db in
            try await db.raw("\(unsafeRaw: CommunityEvent.select) WHERE e.path >= \(bind: path) AND e.path < \(bind: path + "~") ORDER BY e.starts_at DESC LIMIT 500")
                .all().map(CommunityEvent.init(row:))
        }
    }

    /// An account of the event's community signs up, once, while places remain and before it starts.
    public func signUp(_ id: Int, name: String, scope: Scope) async throws -> CommunityEvent {
        guard (1...50).contains(name.trimmed.count) else { throw ValidationError("name", Bilingual("请填写姓名", "Give your name")) }
        return try await context.database.write { db in
            let event = try await Self.event(id, db: db)
            guard scope.contains(event.path) else { throw StoreError.notFound(Bilingual("没有编号为 \(id) 的活动", "No event \(id) for you")) }
            guard context.clock() < event.startsAt else { throw StoreError.conflict(Bilingual("活动已开始，不能再报名", "The event has started")) }
            let already = try await db.select().column("event_id").from("event_signups").where("event_id", .equal, SQLBind(id))
                .where("account_id", .equal, SQLBind(scope.accountID)).first()
            guard already == nil else { throw StoreError.conflict(Bilingual("您已报名", "You have already signed up")) }
            guard try await db.raw("""
                UPDATE events SET signed_up = signed_up + 1 WHERE id = \(bind: id) AND signed_up < capacity RETURNING signed_up
                """).first() != nil else { throw StoreError.conflict(Bilingual("名额已满", "The event is full")) }
            try await db.insert(into: "event_signups").columns("event_id", "account_id", "name", "signed_at")
                .values(SQLBind(id), SQLBind(scope.accountID), SQLBind(name.trimmed), SQLBind(context.nowText)).run()
            return try await Self.event(id, db: db)
        }
    }

    /// Who signed up, and whether they came.
    public func signups(_ id: Int, scope: Scope) async throws -> [(accountID: Int, name: String, attended: Bool)] {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        return try await context.database.read { db in
            let event = try await Self.event(id, db: db)
            guard scope.contains(event.path) else { throw StoreError.notFound(Bilingual("没有编号为 \(id) 的活动", "No event \(id) in your scope")) }
            return try await db.raw("SELECT account_id, name, attended FROM event_signups WHERE event_id = \(bind: id) ORDER BY signed_at").all().map {
                (try $0.decode(column: "account_id", as: Int.self), try $0.decode(column: "name", as: String.self), try $0.flag("attended"))
            }
        }
    }

    /// The community marks who attended, once the event has started.
    public func markAttendance(_ id: Int, attended accounts: Set<Int>, scope: Scope) async throws {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        try await context.database.write { db in
            let event = try await Self.event(id, db: db)
            guard scope.contains(event.path) else { throw StoreError.notFound(Bilingual("没有编号为 \(id) 的活动", "No event \(id) in your scope")) }
            guard context.clock() >= event.startsAt else { throw StoreError.conflict(Bilingual("活动开始后才能登记到场", "Attendance is recorded once the event starts")) }
            try await db.update("event_signups").set("attended", to: SQLBind(0)).where("event_id", .equal, SQLBind(id)).run()
            if !accounts.isEmpty {
                try await db.update("event_signups").set("attended", to: SQLBind(1)).where("event_id", .equal, SQLBind(id))
                    .where("account_id", .in, SQLBind.group(accounts.sorted())).run()
            }
            try await AuditLog.record(db, scope, "attendance", "event", id: id, path: event.path, detail: "\(accounts.count)", now: context.clock())
        }
    }

    static func event(_ id: Int, db: any SQLDatabase) async throws -> CommunityEvent {
        guard let row = try await db.raw("\(unsafeRaw: CommunityEvent.select) WHERE e.id = \(bind: id)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的活动", "No event \(id)"))
        }
        return try CommunityEvent(row: row)
    }
}
