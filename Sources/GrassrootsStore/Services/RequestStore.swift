import Foundation
import GrassrootsCore
import SQLKit

/// Resident requests: filing (by residents, staff on their behalf, or other systems), routing to the grid worker of
/// the place, reading by scope, and the timeline.
public struct RequestStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Files a request. A resident files for their own household (or a place in their community); staff file at a
    /// place of their scope on a resident's behalf. The request goes to the grid of the place (its grid worker), or to
    /// the community, street or city the place is.
    public func submit(_ input: RequestInput, scope: Scope, source: String? = nil, photos: [Int] = []) async throws -> ServiceRequest {
        guard scope.role == .resident || scope.role.reportsFieldWork else { throw AccessDenied() }
        let input = try input.validated()
        let source = source ?? (scope.role == .resident ? "resident" : "staff")
        return try await context.database.write { db in
            try await submit(input, scope: scope, source: source, token: nil, photos: photos, db: db)
        }
    }

    func submit(_ input: RequestInput, scope: Scope, source: String, token: String?, keyID: Int? = nil, photos: [Int] = [], db: any SQLDatabase) async throws -> ServiceRequest {
        let category = try await RequestCategoryStore.leaf(input.categoryID!, db: db)
        var unit = try await UnitStore.unit(input.unitID!, scope: scope, db: db)
        var household: Int?
        if scope.role == .resident, let own = try await HouseholdStore.linked(to: scope, db: db) {
            household = own.id
            // Naming only the community means "at home": the request goes to the household's own building and grid.
            if unit.kind <= .community { unit = try await UnitStore.unit(own.buildingID, scope: .system, db: db) }
        }
        guard unit.kind >= .city else { throw ValidationError("unit_id", Bilingual("请选择市以下的单元", "Choose a unit at or below the city")) }
        let route = try await Self.route(unit, db: db)
        let limit = try await RequestCategoryStore.limit(category.timeClass!, db: db)
        let now = context.clock()
        let (respond, resolve) = limit.deadlines(from: now)
        let id = try await db.insert(into: "requests")
            .columns("kind", "category_id", "time_class", "unit_id", "path", "household_id", "handler_unit_id", "handler_path", "level", "handler_staff_id",
                     "address", "latitude", "longitude", "description", "contact_name", "contact_phone_enc", "source", "account_id", "token", "status",
                     "respond_by", "resolve_by", "created_by", "created_at", "updated_at", "is_public", "open311_key_id")
            .values(SQLBind(input.kind), SQLBind(category.id), SQLBind(category.timeClass!.rawValue), SQLBind(unit.id), SQLBind(unit.path), SQLBind(household),
                    SQLBind(route.unit.id), SQLBind(route.unit.path), SQLBind(route.level.rawValue), SQLBind(route.staffID), SQLBind(input.address),
                    SQLBind(input.latitude), SQLBind(input.longitude), SQLBind(input.description), SQLBind(input.contactName),
                    SQLBind(input.contactPhone.isEmpty ? nil : context.cipher.encrypt(input.contactPhone)), SQLBind(source),
                    SQLBind(scope.accountID == 0 ? nil : scope.accountID), SQLBind(token), SQLBind(RequestStatus.submitted.rawValue),
                    SQLBind(Timestamp.format(respond)), SQLBind(Timestamp.format(resolve)), SQLBind(scope.username), SQLBind(context.nowText), SQLBind(context.nowText),
                    SQLBind(input.isPublic ? 1 : 0), SQLBind(keyID))
            .returning("id").first()!.decode(column: "id", as: Int.self)
        try await PhotoStore.attach(photos, kind: "request", recordID: id, path: unit.path, scope: scope, db: db)
        try await Self.event(db, id, .submit, scope.username, unit: route.unit.name, note: route.note, now: now)
        try await AuditLog.record(db, scope, "submit", "request", id: id, path: unit.path, detail: source, now: now)
        return try await Self.request(id, db: db)
    }

    /// Requests the scope sees, newest first: a resident's own; staff those at places of their scope or handled there.
    public func list(scope: Scope, status: RequestStatus? = nil, limit: Int = 500) async throws -> [ServiceRequest] {
        try await context.database.read { db in
            var condition = try Self.visible(scope)
            if let status { condition = condition + " AND r.status = \(bind: status.rawValue)" }
            return try await db.raw("\(unsafeRaw: ServiceRequest.select) WHERE \(condition) ORDER BY r.id DESC LIMIT \(literal: limit)").all().map(ServiceRequest.init(row:))
        }
    }

    /// One request the scope sees.
    public func request(_ id: Int, scope: Scope) async throws -> ServiceRequest {
        try await context.database.read { db in try await Self.request(id, scope: scope, db: db) }
    }

    /// The request's steps, oldest first.
    public func timeline(_ id: Int, scope: Scope) async throws -> [RequestEvent] {
        try await context.database.read { db in
            _ = try await Self.request(id, scope: scope, db: db)
            return try await Self.timeline(id, db: db)
        }
    }

    /// The contact phone of a request, for the staff handling it (audited, like every reveal of personal data).
    public func revealPhone(_ id: Int, scope: Scope) async throws -> String? {
        guard scope.role.mayRevealIdentity else { throw AccessDenied() }
        return try await context.database.write { db in
            let request = try await Self.request(id, scope: scope, db: db)
            let sealed = try await db.select().column("contact_phone_enc").from("requests").where("id", .equal, SQLBind(id)).first()?
                .decode(column: "contact_phone_enc", as: String?.self)
            try await AuditLog.record(db, scope, "reveal_phone", "request", id: id, path: request.path, now: context.clock())
            return sealed.flatMap(context.cipher.decrypt)
        }
    }

    static func timeline(_ id: Int, db: any SQLDatabase) async throws -> [RequestEvent] {
        try await db.raw("SELECT action, actor, unit_name, note, at FROM request_events WHERE request_id = \(bind: id) ORDER BY id").all().map { row in
            RequestEvent(action: RequestAction(rawValue: try row.decode(column: "action", as: String.self)) ?? .note,
                         actor: try row.decode(column: "actor", as: String.self), unitName: try row.decode(column: "unit_name", as: String.self),
                         note: try row.decode(column: "note", as: String.self), at: try row.date("at")!)
        }
    }

    /// Who sees which requests, as SQL.
    static func visible(_ scope: Scope) throws -> SQLQueryString {
        if scope.role == .resident { return "r.account_id = \(bind: scope.accountID)" }
        guard scope.role.reportsFieldWork || scope.role == .auditor else { throw AccessDenied() }
        return """
            ((r.path >= \(bind: scope.path) AND r.path < \(bind: scope.upperBound)) OR (r.handler_path >= \(bind: scope.path) AND r.handler_path < \(bind: scope.upperBound)))
            """
    }

    static func request(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> ServiceRequest {
        guard let row = try await db.raw("\(unsafeRaw: ServiceRequest.select) WHERE r.id = \(bind: id) AND \(try visible(scope))").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的诉求", "No request \(id) for you"))
        }
        return try ServiceRequest(row: row)
    }

    static func request(_ id: Int, db: any SQLDatabase) async throws -> ServiceRequest {
        try await request(id, scope: .system, db: db)
    }

    static func event(_ db: any SQLDatabase, _ id: Int, _ action: RequestAction, _ actor: String, unit: String, note: String, now: Date) async throws {
        try await db.insert(into: "request_events").columns("request_id", "action", "actor", "unit_name", "note", "at")
            .values(SQLBind(id), SQLBind(action.rawValue), SQLBind(actor), SQLBind(unit), SQLBind(note), SQLBind(Timestamp.format(now))).run()
    }

    /// Where a request at `unit` goes: the grid worker of its grid; without a worker, the community; a community,
    /// street or the city itself when that is the place.
    static func route(_ unit: TerritoryUnit, db: any SQLDatabase) async throws -> (unit: TerritoryUnit, level: RequestLevel, staffID: Int?, note: String) {
        let lineage = try await db.select().columns(TerritoryUnit.columns).from("units").where("id", .in, SQLBind.group(unit.pathIDs)).all()
            .map(TerritoryUnit.init(row:))
        func at(_ kind: UnitKind) -> TerritoryUnit? { lineage.first { $0.kind == kind } }
        if let grid = at(.grid) {
            let worker = try await db.raw("""
                SELECT id FROM staff WHERE unit_id = \(bind: grid.id) AND role IN ('grid_worker', 'grid_leader') ORDER BY role DESC, id LIMIT 1
                """).first()?.decode(column: "id", as: Int.self)
            if let worker { return (grid, .grid, worker, "") }
            if let community = at(.community) { return (community, .community, nil, "网格“\(grid.name)”无网格员，转社区办理") }
        }
        if let community = at(.community) { return (community, .community, nil, "") }
        if let street = at(.street) { return (street, .street, nil, "") }
        return (at(.city) ?? unit, .city, nil, "")
    }
}
