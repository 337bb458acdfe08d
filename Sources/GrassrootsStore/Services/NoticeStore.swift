import Foundation
import GrassrootsCore
import SQLKit

/// A notice to the households of a community, grid or compound.
public struct Notice: Sendable, Codable, Equatable {
    public let id: Int
    public let unitID: Int
    public let unitName: String
    public let title: String
    public let body: String
    public let askAck: Bool
    /// Households the notice went to (counted when published).
    public let households: Int
    public let acknowledged: Int
    public let publishedBy: String
    public let publishedAt: Date
}

/// A community's service information: opening hours of its service centre, matters that can be done online, and
/// who each grid's workers are.
public struct ServiceInfo: Sendable, Codable, Equatable {
    public let openingHours: String
    public let onlineMatters: String
    public let phone: String
    public let address: String
}

/// A community's public page: its service information, its grid workers and its notices.
public struct CommunityPage: Sendable, Codable, Equatable {
    public let communityName: String
    public let code: String
    public let info: ServiceInfo?
    public let gridWorkers: [GridWorkers]
    public let notices: [Notice]

    public struct GridWorkers: Sendable, Codable, Equatable {
        public let grid: String
        public let names: [String]
    }
}

/// Notices, acknowledgements and service information (the online community, 网上社区).
public struct NoticeStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Staff (a grid worker for their grid) publish a notice to a community, grid or compound, asking for
    /// acknowledgement or not, and with `text` also by SMS to every household there (after the quiet hours).
    public func publish(unitID: Int, title: String, body: String, askAck: Bool, text: Bool = false, scope: Scope) async throws -> Notice {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        var v = Validator()
        v.check((1...100).contains(title.trimmed.count), "title", Bilingual("标题为1–100字", "The title needs 1–100 characters"))
        v.check((1...8000).contains(body.trimmed.count), "body", Bilingual("请填写通知内容（最多8000字）", "Write the notice (at most 8000 characters)"))
        try v.finish()
        return try await context.database.write { db in
            let id = try await Self.insert(unitID: unitID, title: title.trimmed, body: body.trimmed, askAck: askAck, text: text ? .afterQuietHours : nil,
                                           scope: scope, context: context, db: db)
            return try await Self.notices(db, where: "n.id = \(bind: id)").first!
        }
    }

    /// Publishes inside the caller's transaction (a plan's activation publishes with everything else it raises).
    /// Whether a notice also goes by SMS to each household, and when: an emergency's at once, others after the
    /// quiet hours.
    enum Texting { case now, afterQuietHours }

    static func insert(unitID: Int, title: String, body: String, askAck: Bool, text: Texting? = nil, scope: Scope, context: StoreContext,
                       db: any SQLDatabase) async throws -> Int {
        let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
        guard [.community, .grid, .compound].contains(unit.kind) else {
            throw ValidationError("unit_id", Bilingual("通知发往社区、网格或小区", "A notice goes to a community, grid or compound"))
        }
        let households = try await db.raw("SELECT COUNT(*) AS n FROM households WHERE path >= \(bind: unit.path) AND path < \(bind: unit.path + "~")")
            .first()!.decode(column: "n", as: Int.self)
        let id = try await db.insert(into: "notices").columns("unit_id", "path", "title", "body", "ask_ack", "households", "published_by", "published_at")
            .values(SQLBind(unit.id), SQLBind(unit.path), SQLBind(title), SQLBind(body), SQLBind(askAck ? 1 : 0), SQLBind(households),
                    SQLBind(scope.username), SQLBind(context.nowText))
            .returning("id").first()!.decode(column: "id", as: Int.self)
        if let text {
            try await MessageStore.queueHouseholdSMS(db, .noticePublished, record: ("notice", id, unit.path), area: unit.path,
                                                     body: MessageText.notice(title: title, from: unit.name), context: context, urgent: text == .now)
        }
        try await AuditLog.record(db, scope, "publish", "notice", id: id, path: unit.path, now: context.clock())
        return id
    }

    /// Notices the scope sees: staff those of their territory; a resident those of their community, grid and compound.
    public func notices(scope: Scope) async throws -> [Notice] {
        try await context.database.read { db in
            try await Self.notices(db, where: "n.path >= \(bind: scope.path) AND n.path < \(bind: scope.upperBound)")
        }
    }

    /// A resident confirms their household has read a notice; saying it twice changes nothing.
    public func acknowledge(_ id: Int, scope: Scope) async throws -> Notice {
        guard scope.role == .resident else { throw AccessDenied(Bilingual("由居民确认已读", "Residents confirm they have read a notice")) }
        return try await context.database.write { db in
            guard let notice = try await Self.notices(db, where: "n.id = \(bind: id) AND n.path >= \(bind: scope.path) AND n.path < \(bind: scope.upperBound)").first else {
                throw StoreError.notFound(Bilingual("没有编号为 \(id) 的通知", "No notice \(id) for you"))
            }
            guard notice.askAck else { throw StoreError.conflict(Bilingual("该通知无需确认", "This notice asks for no acknowledgement")) }
            let path = try await db.select().column("path").from("notices").where("id", .equal, SQLBind(id)).first()!.decode(column: "path", as: String.self)
            guard let household = try await HouseholdStore.linked(to: scope, db: db), try await HouseholdStore.household(household.id, liesWithin: path, db: db) else {
                throw AccessDenied(Bilingual("您的住户不在该通知范围内", "Your household is not among this notice's"))
            }
            try await db.raw("""
                INSERT INTO notice_acks (notice_id, household_id, account_id, at) VALUES (\(bind: id), \(bind: household.id), \(bind: scope.accountID), \(bind: context.nowText))
                ON CONFLICT (notice_id, household_id) DO NOTHING
                """).run()
            return try await Self.notices(db, where: "n.id = \(bind: id)").first!
        }
    }

    /// The households that have not yet confirmed, by building and room (no names), for the staff who follow up.
    public func unread(_ id: Int, scope: Scope) async throws -> [(building: String, room: String)] {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        return try await context.database.read { db in
            guard try await Self.notices(db, where: "n.id = \(bind: id) AND n.path >= \(bind: scope.path) AND n.path < \(bind: scope.upperBound)").first != nil else {
                throw StoreError.notFound(Bilingual("没有编号为 \(id) 的通知", "No notice \(id) in your scope"))
            }
            return try await db.raw("""
                SELECT b.name AS building, h.room FROM households h JOIN units b ON b.id = h.building_id JOIN notices n ON n.id = \(bind: id)
                WHERE h.path >= n.path AND h.path < n.path || '~'
                  AND NOT EXISTS (SELECT 1 FROM notice_acks a WHERE a.notice_id = n.id AND a.household_id = h.id)
                ORDER BY b.path, h.room LIMIT 2000
                """).all().map { (try $0.decode(column: "building", as: String.self), try $0.decode(column: "room", as: String.self)) }
        }
    }

    /// Where a notice's texts stand (a count per state) and those that failed, with the reason, for the staff who
    /// follow up; nil when the notice sent none.
    public func texts(_ id: Int, scope: Scope) async throws -> (counts: [MessageStatus: Int], failed: [Message])? {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        return try await context.database.read { db in
            _ = try await Self.notice(id, scope: scope, db: db)
            return try await MessageStore.texts(kind: "notice", id: id, db: db, cipher: context.cipher)
        }
    }

    /// Sends a notice's failed texts again (after the gateway was mended, say); returns how many.
    public func resendTexts(_ id: Int, scope: Scope) async throws -> Int {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        return try await context.database.write { db in
            let path = try await Self.notice(id, scope: scope, db: db)
            let count = try await MessageStore.requeueFailed(kind: "notice", id: id, db: db, context: context)
            try await AuditLog.record(db, scope, "resend_texts", "notice", id: id, path: path, detail: "\(count)", now: context.clock())
            return count
        }
    }

    /// The path of a notice in the scope, or not found.
    static func notice(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> String {
        guard let row = try await db.raw("""
            SELECT path FROM notices WHERE id = \(bind: id) AND path >= \(bind: scope.path) AND path < \(bind: scope.upperBound)
            """).first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的通知", "No notice \(id) in your scope"))
        }
        return try row.decode(column: "path", as: String.self)
    }

    /// Sets a community's service information.
    public func setServiceInfo(communityID: Int, openingHours: String, onlineMatters: String, phone: String, address: String, scope: Scope) async throws {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        var v = Validator()
        v.check((1...200).contains(openingHours.trimmed.count), "opening_hours", Bilingual("请填写开放时间（最多200字）", "Give the opening hours (at most 200 characters)"))
        v.check(onlineMatters.trimmed.count <= 2000, "online_matters", Bilingual("网上可办事项最多2000字", "Online matters take at most 2000 characters"))
        v.check(phone.trimmed.count <= 40, "phone", Bilingual("电话最多40字", "The phone takes at most 40 characters"))
        v.check(address.trimmed.count <= 200, "address", Bilingual("地址最多200字", "The address takes at most 200 characters"))
        try v.finish()
        try await context.database.write { db in
            let unit = try await UnitStore.unit(communityID, scope: scope, db: db)
            guard unit.kind == .community else { throw ValidationError("community_id", Bilingual("请选择社区", "Choose a community")) }
            try await db.delete(from: "service_info").where("unit_id", .equal, SQLBind(unit.id)).run()
            try await db.insert(into: "service_info").columns("unit_id", "opening_hours", "online_matters", "phone", "address", "updated_by", "updated_at")
                .values(SQLBind(unit.id), SQLBind(openingHours.trimmed), SQLBind(onlineMatters.trimmed), SQLBind(phone.trimmed), SQLBind(address.trimmed),
                        SQLBind(scope.username), SQLBind(context.nowText)).run()
            try await AuditLog.record(db, scope, "set_service_info", "community", id: unit.id, path: unit.path, now: context.clock())
        }
    }

    /// A community's public page, by its division code: anyone may read it.
    public func page(code: String) async throws -> CommunityPage {
        try await context.database.read { db in
            guard let row = try await db.select().columns(TerritoryUnit.columns).from("units").where("code", .equal, SQLBind(code))
                .where("kind", .equal, SQLBind(UnitKind.community.rawValue)).first() else {
                throw StoreError.notFound(Bilingual("没有代码为 \(code) 的社区", "No community with code \(code)"))
            }
            let community = try TerritoryUnit(row: row)
            let info = try await db.raw("SELECT opening_hours, online_matters, phone, address FROM service_info WHERE unit_id = \(bind: community.id)").first().map { r in
                ServiceInfo(openingHours: try r.decode(column: "opening_hours", as: String.self), onlineMatters: try r.decode(column: "online_matters", as: String.self),
                            phone: try r.decode(column: "phone", as: String.self), address: try r.decode(column: "address", as: String.self))
            }
            var workers: [CommunityPage.GridWorkers] = []
            for r in try await db.raw("""
                SELECT g.name AS grid, s.name FROM units g LEFT JOIN staff s ON s.unit_id = g.id AND s.role IN ('grid_worker', 'grid_leader')
                WHERE g.parent_id = \(bind: community.id) AND g.kind = 'grid' ORDER BY g.code, g.id, s.id
                """).all() {
                let grid = try r.decode(column: "grid", as: String.self), name = try r.decode(column: "name", as: String?.self)
                if workers.last?.grid == grid { workers[workers.count - 1] = .init(grid: grid, names: workers.last!.names + [name].compactMap { $0 }) }
                else { workers.append(.init(grid: grid, names: [name].compactMap { $0 })) }
            }
            let notices = try await Self.notices(db, where: "n.path >= \(bind: community.path) AND n.path < \(bind: community.path + "~")")
            return CommunityPage(communityName: community.name, code: code, info: info, gridWorkers: workers, notices: notices)
        }
    }

    static func notices(_ db: any SQLDatabase, where condition: SQLQueryString) async throws -> [Notice] {
        try await db.raw("""
            SELECT n.id, n.unit_id, u.name AS unit_name, n.title, n.body, n.ask_ack, n.households, n.published_by, n.published_at,
                   (SELECT COUNT(*) FROM notice_acks a WHERE a.notice_id = n.id) AS acknowledged
            FROM notices n JOIN units u ON u.id = n.unit_id WHERE \(condition) ORDER BY n.published_at DESC, n.id DESC LIMIT 200
            """).all().map { row in
                Notice(id: try row.decode(column: "id", as: Int.self), unitID: try row.decode(column: "unit_id", as: Int.self),
                       unitName: try row.decode(column: "unit_name", as: String.self), title: try row.decode(column: "title", as: String.self),
                       body: try row.decode(column: "body", as: String.self), askAck: try row.flag("ask_ack"), households: try row.decode(column: "households", as: Int.self),
                       acknowledged: try row.decode(column: "acknowledged", as: Int.self), publishedBy: try row.decode(column: "published_by", as: String.self),
                       publishedAt: try row.date("published_at")!)
            }
    }
}
