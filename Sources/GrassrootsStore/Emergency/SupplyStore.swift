import Foundation
import GrassrootsCore
import SQLKit

/// Supply requests (物资代购代送) for quarantined and vulnerable households, delivered by confirmed party members
/// registered at the community (在职党员报到).
///
/// A request is routed in the same transaction as it is raised: to the approved member placed in the household's
/// grid with the fewest deliveries under way, else to one of the same community; when there is none it stays open
/// for the community to assign by hand. The volunteer marks their own delivery delivered, once.
public struct SupplyStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Raises a request: staff for a household in scope (a quarantine request needs someone of the household in
    /// quarantine), a resident for their own household.
    public func request(householdID: Int?, _ input: SupplyInput, scope: Scope) async throws -> SupplyRequest {
        guard scope.role.reportsFieldWork || scope.role == .resident else {
            throw AccessDenied(Bilingual("由工作人员或居民本户提出物资需求", "Staff, or a resident for their own household, raise supply requests"))
        }
        let (items, reason) = try input.validated()
        let context = context, today = WorkingCalendar.dayKey(context.clock())
        return try await context.database.write { db in
            let household: (id: Int, path: String, gridID: Int)
            if scope.role == .resident {
                guard let own = try await HouseholdStore.linked(to: scope, db: db) else {
                    throw AccessDenied(Bilingual("您的账号尚未关联住户，请联系社区", "Your account is not linked to a household; ask the community"))
                }
                guard householdID == nil || householdID == own.id else { throw AccessDenied(Bilingual("只能为本户提出需求", "You may ask for your own household only")) }
                household = try await Self.household(own.id, within: "/", db: db)
            } else {
                guard let householdID else { throw ValidationError("household_id", Bilingual("请指明住户", "Choose the household")) }
                household = try await Self.household(householdID, within: scope.path, db: db)
            }
            if reason == .quarantine {
                let quarantined = try await db.raw("""
                    SELECT COUNT(*) AS n FROM quarantines WHERE household_id = \(bind: household.id) AND status = 'active' AND ends_on >= \(bind: today)
                    """).first()!.decode(column: "n", as: Int.self)
                guard quarantined > 0 else {
                    throw ValidationError("reason", Bilingual("该户没有正在居家隔离的人员；困难群体请选“困难群体”", "Nobody in this household is in quarantine; choose “vulnerable” for a vulnerable household"))
                }
            }
            let volunteer = try await Self.route(gridID: household.gridID, db: db)
            let id = try await db.insert(into: "supply_requests")
                .columns("household_id", "path", "items", "reason", "status", "volunteer_id", "requested_by", "requested_at", "assigned_at")
                .values(SQLBind(household.id), SQLBind(household.path), SQLBind(items), SQLBind(reason.rawValue),
                        SQLBind((volunteer == nil ? SupplyStatus.open : .assigned).rawValue), SQLBind(volunteer), SQLBind(scope.username),
                        SQLBind(context.nowText), SQLBind(volunteer == nil ? nil : context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "request", "supply_request", id: id, path: household.path,
                                      detail: volunteer.map { "assigned to member registration \($0)" } ?? "open", now: context.clock())
            return try await Self.request(id, db: db)
        }
    }

    /// Requests the scope sees, newest first, optionally of one status: staff and the auditor those of their
    /// territory; a party member the deliveries assigned to them; a resident their household's.
    public func list(scope: Scope, status: SupplyStatus? = nil) async throws -> [SupplyRequest] {
        try await context.database.read { db in
            var condition: SQLQueryString
            switch scope.role {
            case _ where scope.role.reportsFieldWork || scope.role == .auditor:
                condition = "s.path >= \(bind: scope.path) AND s.path < \(bind: scope.upperBound)"
            case .partyMember:
                condition = "m.account_id = \(bind: scope.accountID)"
            case .resident:
                condition = "s.household_id = \(bind: try await HouseholdStore.linked(to: scope, db: db)?.id ?? 0)"
            default: throw AccessDenied()
            }
            if let status { condition = "\(condition) AND s.status = \(bind: status.rawValue)" }
            return try await db.raw("\(unsafeRaw: SupplyRequest.select) WHERE \(condition) ORDER BY s.requested_at DESC, s.id DESC LIMIT 500").all().map(SupplyRequest.init(row:))
        }
    }

    /// The volunteer marks their own delivery delivered; only once.
    public func markDelivered(_ id: Int, scope: Scope) async throws -> SupplyRequest {
        guard scope.role == .partyMember else { throw AccessDenied(Bilingual("由承接配送的党员确认送达", "The delivering member marks it delivered")) }
        let context = context
        return try await context.database.write { db in
            guard let member = try await db.raw("SELECT id FROM member_registrations WHERE account_id = \(bind: scope.accountID) AND status = 'approved'")
                .first()?.decode(column: "id", as: Int.self) else {
                throw AccessDenied(Bilingual("您的报到尚未经社区确认", "Your registration has not been confirmed by the community"))
            }
            // Guarded on the status and the volunteer, so a second tap or another member changes nothing.
            let changed = try await db.raw("""
                UPDATE supply_requests SET status = 'delivered', delivered_at = \(bind: context.nowText)
                WHERE id = \(bind: id) AND volunteer_id = \(bind: member) AND status = 'assigned' RETURNING path
                """).first()
            guard let changed else {
                let current = try await db.raw("SELECT status, volunteer_id FROM supply_requests WHERE id = \(bind: id)").first()
                guard let current, try current.decode(column: "volunteer_id", as: Int?.self) == member else {
                    throw StoreError.notFound(Bilingual("没有分派给您的编号为 \(id) 的配送", "No delivery \(id) assigned to you"))
                }
                let status = SupplyStatus(rawValue: try current.decode(column: "status", as: String.self)) ?? .open
                throw StoreError.conflict(status == .delivered ? Bilingual("该配送已确认送达", "This delivery is marked delivered already")
                                                               : Bilingual("该需求已\(status.label.zh)", "This request is \(status.label.en.lowercased())"))
            }
            try await AuditLog.record(db, scope, "deliver", "supply_request", id: id, path: try changed.decode(column: "path", as: String.self), now: context.clock())
            return try await Self.request(id, db: db)
        }
    }

    /// Staff assign (or reassign) an open or assigned request to an approved member of the household's community.
    public func assign(_ id: Int, volunteerID: Int, scope: Scope) async throws -> SupplyRequest {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        let context = context
        return try await context.database.write { db in
            let request = try await Self.request(id, within: scope, db: db)
            guard [.open, .assigned].contains(request.status) else {
                throw StoreError.conflict(Bilingual("该需求已\(request.status.label.zh)，不能再分派", "This request is \(request.status.label.en.lowercased()); it cannot be assigned"))
            }
            let path = try await db.raw("SELECT path FROM supply_requests WHERE id = \(bind: id)").first()!.decode(column: "path", as: String.self)
            let member = try await db.raw("SELECT path FROM member_registrations WHERE id = \(bind: volunteerID) AND status = 'approved'").first()?
                .decode(column: "path", as: String.self)
            guard let member, path.hasPrefix(member) else {
                throw ValidationError("volunteer_id", Bilingual("请选择本社区已确认报到的党员", "Choose a confirmed party member of the household's community"))
            }
            try await db.raw("""
                UPDATE supply_requests SET status = 'assigned', volunteer_id = \(bind: volunteerID), assigned_at = \(bind: context.nowText) WHERE id = \(bind: id)
                """).run()
            try await AuditLog.record(db, scope, "assign", "supply_request", id: id, path: path, detail: "member registration \(volunteerID)", now: context.clock())
            return try await Self.request(id, db: db)
        }
    }

    /// Staff cancel an open or assigned request, saying why.
    public func cancel(_ id: Int, note: String, scope: Scope) async throws -> SupplyRequest {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        var v = Validator()
        v.check(note.trimmed.count <= 200, "note", Bilingual("说明最多200字", "The note takes at most 200 characters"))
        try v.finish()
        let context = context
        return try await context.database.write { db in
            let request = try await Self.request(id, within: scope, db: db)
            guard [.open, .assigned].contains(request.status) else {
                throw StoreError.conflict(Bilingual("该需求已\(request.status.label.zh)，不能取消", "This request is \(request.status.label.en.lowercased()); it cannot be cancelled"))
            }
            let path = try await db.raw("""
                UPDATE supply_requests SET status = 'cancelled', note = \(bind: note.trimmed) WHERE id = \(bind: id) RETURNING path
                """).first()!.decode(column: "path", as: String.self)
            try await AuditLog.record(db, scope, "cancel", "supply_request", id: id, path: path, now: context.clock())
            return try await Self.request(id, db: db)
        }
    }

    /// Approved members in scope who can deliver, those with the fewest deliveries under way first.
    public func volunteers(scope: Scope) async throws -> [SupplyVolunteer] {
        guard scope.role.reportsFieldWork || scope.role == .auditor else { throw AccessDenied() }
        return try await context.database.read { db in
            try await db.raw("""
                SELECT m.id, m.name, g.name AS grid_name,
                       (SELECT COUNT(*) FROM supply_requests s WHERE s.volunteer_id = m.id AND s.status = 'assigned') AS open_count
                FROM member_registrations m LEFT JOIN units g ON g.id = m.grid_id
                WHERE m.status = 'approved' AND m.path >= \(bind: scope.path) AND m.path < \(bind: scope.upperBound)
                ORDER BY open_count, m.id LIMIT 500
                """).all().map { row in
                    SupplyVolunteer(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                                    gridName: try row.decode(column: "grid_name", as: String?.self), open: try row.decode(column: "open_count", as: Int.self))
                }
        }
    }

    /// The approved member of the grid with the fewest deliveries under way, else one of the grid's community; nil when none.
    static func route(gridID: Int, db: any SQLDatabase) async throws -> Int? {
        let load: SQLQueryString = "(SELECT COUNT(*) FROM supply_requests s WHERE s.volunteer_id = m.id AND s.status = 'assigned')"
        if let id = try await db.raw("""
            SELECT m.id FROM member_registrations m WHERE m.status = 'approved' AND m.grid_id = \(bind: gridID) ORDER BY \(load), m.id LIMIT 1
            """).first()?.decode(column: "id", as: Int.self) { return id }
        return try await db.raw("""
            SELECT m.id FROM member_registrations m JOIN units g ON g.parent_id = m.community_id
            WHERE m.status = 'approved' AND g.id = \(bind: gridID) ORDER BY \(load), m.id LIMIT 1
            """).first()?.decode(column: "id", as: Int.self)
    }

    static func household(_ id: Int, within path: String, db: any SQLDatabase) async throws -> (id: Int, path: String, gridID: Int) {
        guard let row = try await db.raw("""
            SELECT id, path, grid_id FROM households WHERE id = \(bind: id) AND path >= \(bind: path) AND path < \(bind: path + "~")
            """).first() else {
            throw StoreError.notFound(Bilingual("您的辖区内没有编号为 \(id) 的住户", "No household \(id) in your scope"))
        }
        return (id, try row.decode(column: "path", as: String.self), try row.decode(column: "grid_id", as: Int.self))
    }

    static func request(_ id: Int, within scope: Scope? = nil, db: any SQLDatabase) async throws -> SupplyRequest {
        let condition: SQLQueryString = scope.map { "s.id = \(bind: id) AND s.path >= \(bind: $0.path) AND s.path < \(bind: $0.upperBound)" } ?? "s.id = \(bind: id)"
        guard let row = try await db.raw("\(unsafeRaw: SupplyRequest.select) WHERE \(condition)").first() else {
            throw StoreError.notFound(Bilingual("您的辖区内没有编号为 \(id) 的物资需求", "No supply request \(id) in your scope"))
        }
        return try SupplyRequest(row: row)
    }
}
