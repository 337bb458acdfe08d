import Foundation
import GrassrootsCore
import SQLKit

/// The filters of Open311 GeoReport v2 `GET requests`.
public struct Open311Filter: Sendable, Equatable {
    public var ids: [Int] = []
    public var serviceCodes: [String] = []
    public var start: Date?
    public var end: Date?
    public var statuses: [String] = []
    /// Creates a filter.
    public init(ids: [Int] = [], serviceCodes: [String] = [], start: Date? = nil, end: Date? = nil, statuses: [String] = []) {
        self.ids = ids; self.serviceCodes = serviceCodes; self.start = start; self.end = end; self.statuses = statuses
    }
}

/// Open311 GeoReport v2 over the request store: API keys (each bound to the unit whose territory it files into),
/// posting, the public list with the standard filters, and tokens.
public struct Open311Store: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Issues a key for another system (a hotline, an app) filing into `unitID`'s territory; the key is shown once.
    public func createKey(name: String, unitID: Int, scope: Scope) async throws -> String {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("接口密钥由市级签发", "The city issues API keys")) }
        guard (1...60).contains(name.trimmed.count) else { throw ValidationError("name", Bilingual("名称为1–60个字", "The name needs 1–60 characters")) }
        let key = "o311_" + AccountStore.randomToken()
        try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            let id = try await db.insert(into: "open311_keys").columns("name", "key_hash", "unit_id", "created_at")
                .values(SQLBind(name.trimmed), SQLBind(AccountStore.digest(key)), SQLBind(unit.id), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "open311_key", id: id, path: unit.path, now: context.clock())
        }
        return key
    }

    /// The system an API key belongs to: the scope it files into and the key's own id, by which it finds what it filed.
    public struct Client: Sendable, Equatable {
        public let keyID: Int
        public let scope: Scope
    }

    /// The client holding `key`, or nil for an unknown key.
    public func client(forKey key: String) async throws -> Client? {
        try await context.database.read { db in
            guard let row = try await db.raw("""
                SELECT k.id, k.name, u.path FROM open311_keys k JOIN units u ON u.id = k.unit_id WHERE k.key_hash = \(bind: AccountStore.digest(key))
                """).first() else { return nil }
            let scope = Scope(path: try row.decode(column: "path", as: String.self), role: .communityStaff, accountID: 0,
                              username: "open311:" + (try row.decode(column: "name", as: String.self)))
            return Client(keyID: try row.decode(column: "id", as: Int.self), scope: scope)
        }
    }

    /// Files a request from another system: `addressID` may name a unit of the key's territory by its division or grid
    /// code; otherwise the request lands at the key's own unit, whose staff dispatch it.
    public func submit(serviceCode: String, description: String, addressID: String?, address: String, latitude: Double?, longitude: Double?,
                       name: String, phone: String, kind: String?, media: [PhotoStore.Kept] = [], client: Client) async throws -> (request: ServiceRequest, token: String) {
        let key = client.scope
        let token = UUID().uuidString.lowercased()
        let request = try await context.database.write { db in
            guard let category = try await RequestCategoryStore.categories(db).first(where: { $0.serviceCode == serviceCode && $0.active }) else {
                throw ValidationError("service_code", Bilingual("未知的服务代码“\(serviceCode)”", "Unknown service_code “\(serviceCode)”"))
            }
            var unitID: Int
            if let code = addressID?.trimmed, !code.isEmpty {
                guard let row = try await db.select().column("id").from("units").where("code", .equal, SQLBind(code)).within(key).first() else {
                    throw ValidationError("address_id", Bilingual("address_id 应为本密钥辖区内的区划或网格代码", "address_id must be a division or grid code within the key's territory"))
                }
                unitID = try row.decode(column: "id", as: Int.self)
            } else {
                unitID = try await db.select().column("id").from("units").where("path", .equal, SQLBind(key.path)).first()!.decode(column: "id", as: Int.self)
            }
            let input = try RequestInput(kind: kind ?? RequestKind.report.rawValue, categoryID: category.id, unitID: unitID, address: address, latitude: latitude,
                                         longitude: longitude, description: description, contactName: name, contactPhone: phone).validated()
            let request = try await RequestStore(context).submit(input, scope: key, source: "open311", token: token, keyID: client.keyID, db: db)
            try await PhotoStore.add(media, kind: "request", recordID: request.id, path: request.path, keyID: client.keyID, now: context.nowText, db: db)
            return request
        }
        return (request, token)
    }

    /// The list: by default the last 90 days, at most 1,000, newest first. Anyone sees the requests listed publicly
    /// (`Entry.full` false: shown coarsened); a client also sees in full what it filed itself.
    public func requests(_ filter: Open311Filter, client: Client? = nil) async throws -> [Entry] {
        try await context.database.read { db in
            var condition = Self.visible(to: client)
            if !filter.ids.isEmpty { condition = condition + " AND r.id IN (\(binds: filter.ids))" }
            if !filter.serviceCodes.isEmpty { condition = condition + " AND c.service_code IN (\(binds: filter.serviceCodes))" }
            let start = filter.start ?? (filter.ids.isEmpty ? context.clock().addingTimeInterval(-90 * 86400) : nil)
            if let start { condition = condition + " AND r.created_at >= \(bind: Timestamp.format(start))" }
            if let end = filter.end { condition = condition + " AND r.created_at <= \(bind: Timestamp.format(end))" }
            let open = filter.statuses.contains("open"), closed = filter.statuses.contains("closed")
            if open != closed { condition = condition + (open ? " AND r.status <> 'closed'" : " AND r.status = 'closed'") }
            let rows = try await db.raw("""
                \(unsafeRaw: ServiceRequest.select.replacingOccurrences(of: "SELECT ", with: Self.extraColumns, options: .anchored))
                WHERE \(condition) ORDER BY r.id DESC LIMIT 1000
                """).all()
            let requests = try rows.map { (try ServiceRequest(row: $0), try $0.decode(column: "open311_key_id", as: Int?.self), try $0.decode(column: "photo_id", as: Int?.self)) }
            let places = try await Self.coarsePlaces(requests.map(\.0.path), db: db)
            return requests.map { r, keyID, photoID in
                Entry(request: r, full: client != nil && keyID == client?.keyID, place: places[r.path], photoID: photoID)
            }
        }
    }

    /// The key that filed a request, and its first photo (Open311's `media_url`).
    static let extraColumns = "SELECT r.open311_key_id, (SELECT MIN(p.id) FROM photos p WHERE p.record_kind = 'request' AND p.record_id = r.id) AS photo_id, "

    /// What a reader of Open311 sees: the requests listed publicly (agreed by the resident or public by category, and
    /// not withdrawn), and what the reader's own key filed.
    static func visible(to client: Client?) -> SQLQueryString {
        let own: SQLQueryString = client.map { "r.open311_key_id = \(bind: $0.keyID)" } ?? "1 = 0"
        return "(\(own) OR ((r.is_public = 1 OR c.is_public = 1) AND r.withdrawn = 0))"
    }

    /// A request's photo, to the readers who see the request: its file's location and type, or nil.
    public func media(_ photoID: Int, client: Client?) async throws -> (Photo, Data)? {
        let row = try await context.database.read { db in
            try await db.raw("""
                SELECT p.id, p.sha256, p.content_type, p.bytes, p.record_id FROM photos p
                JOIN requests r ON r.id = p.record_id AND p.record_kind = 'request' JOIN request_categories c ON c.id = r.category_id
                WHERE p.id = \(bind: photoID) AND \(Self.visible(to: client))
                """).first()
        }
        guard let row else { return nil }
        let photo = try Photo(row: row)
        return FileManager.default.contents(atPath: PhotoStore(context).location(photo.sha256).path).map { (photo, $0) }
    }

    /// For each path, its deepest compound or community: the most of a place the public is told. (Paths are chains of
    /// unit ids, so one query over every id they name finds all of them.)
    static func coarsePlaces(_ paths: [String], db: any SQLDatabase) async throws -> [String: TerritoryUnit] {
        let ids = Set(paths.flatMap { path in path.split(separator: "/").compactMap { Int($0) } })
        guard !ids.isEmpty else { return [:] }
        var units: [Int: TerritoryUnit] = [:]
        for chunk in chunked(Array(ids), size: 500) {
            for row in try await db.select().columns(TerritoryUnit.columns).from("units").where("id", .in, SQLBind.group(Array(chunk)))
                .where("kind", .in, SQLBind.group([UnitKind.compound.rawValue, UnitKind.community.rawValue])).all() {
                let unit = try TerritoryUnit(row: row)
                units[unit.id] = unit
            }
        }
        var places: [String: TerritoryUnit] = [:]
        for path in Set(paths) {
            places[path] = path.split(separator: "/").compactMap { Int($0) }.reversed().lazy.compactMap { units[$0] }.first
        }
        return places
    }

    /// A request of the Open311 list with how much of it the reader may see.
    public struct Entry: Sendable {
        public let request: ServiceRequest
        /// The reader's own client filed it: every field is shown. Otherwise only the compound or community, the
        /// category, the status, the dates and the public answer.
        public let full: Bool
        /// The compound (or, where there is none, the community) holding the request's place: the coarse address.
        public let place: TerritoryUnit?
        /// The request's first photo, if it has one.
        public let photoID: Int?
    }

    /// The request a token was given for.
    public func request(token: String) async throws -> ServiceRequest? {
        try await context.database.read { db in
            guard let id = try await db.select().column("id").from("requests").where("token", .equal, SQLBind(token)).first()?
                .decode(column: "id", as: Int.self) else { return nil }
            return try await RequestStore.request(id, db: db)
        }
    }
}
