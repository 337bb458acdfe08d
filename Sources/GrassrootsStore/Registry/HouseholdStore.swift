import Foundation
import GrassrootsCore
import SQLKit

/// Households and their residents, always within the caller's scope.
public struct HouseholdStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The household with its residents.
    public func household(_ id: Int, scope: Scope) async throws -> Household {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        let cipher = context.cipher
        return try await context.database.read { db in try await Self.household(id, scope: scope, cipher: cipher, db: db) }
    }

    static func household(_ id: Int, scope: Scope, cipher: PersonalDataCipher, db: any SQLDatabase) async throws -> Household {
        guard let row = try await db.select().columns(Household.columns).from("households").where("id", .equal, SQLBind(id))
            .within(scope).first() else {
            throw StoreError.notFound(Bilingual("找不到该户（编号 \(id)）", "No household with id \(id) in your scope"))
        }
        var household = try Household(row: row)
        household.residents = try await ResidentStore.residents(householdID: id, cipher: cipher, db: db).map { $0.shown(to: scope) }
        return household
    }

    /// The households of a building, ordered by room.
    public func households(buildingID: Int, scope: Scope) async throws -> [Household] {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        return try await context.database.read { db in
            _ = try await UnitStore.unit(buildingID, scope: scope, db: db)
            return try await db.select().columns(Household.columns).from("households").where("building_id", .equal, SQLBind(buildingID))
                .orderBy("room").all().map(Household.init(row:))
        }
    }

    /// Adds a household to a building.
    public func create(buildingID: Int, _ input: HouseholdInput, scope: Scope) async throws -> Household {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        let input = try input.validated()
        let cipher = context.cipher
        return try await context.database.write { db in
            let building = try await UnitStore.unit(buildingID, scope: scope, db: db)
            guard building.kind == .building else {
                throw ValidationError("building_id", Bilingual("户只能建在楼栋下", "A household belongs to a building"))
            }
            let placement = try await Self.placement(of: building, db: db)
            let now = context.nowText
            let id = try await db.insert(into: "households")
                .columns("building_id", "compound_id", "grid_id", "path", "room", "address", "note", "created_at", "updated_at")
                .values(SQLBind(building.id), SQLBind(placement.compound), SQLBind(placement.grid), SQLBind(building.path),
                        SQLBind(input.room), SQLBind(input.address), SQLBind(input.note), SQLBind(now), SQLBind(now))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "household", id: id, path: building.path, now: context.clock())
            return try await Self.household(id, scope: scope, cipher: cipher, db: db)
        }
    }

    /// Changes a household's room, address and note.
    public func update(_ id: Int, _ input: HouseholdInput, scope: Scope) async throws -> Household {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        let input = try input.validated()
        let cipher = context.cipher
        return try await context.database.write { db in
            let existing = try await Self.household(id, scope: scope, cipher: cipher, db: db)
            try await db.update("households").set("room", to: SQLBind(input.room)).set("address", to: SQLBind(input.address))
                .set("note", to: SQLBind(input.note)).set("updated_at", to: SQLBind(context.nowText))
                .where("id", .equal, SQLBind(id)).run()
            var changed: [String] = []
            if existing.room != input.room { changed.append("room") }
            if existing.address != input.address { changed.append("address") }
            if existing.note != input.note { changed.append("note") }
            try await AuditLog.record(db, scope, "update", "household", id: id, path: existing.path,
                                      detail: changed.joined(separator: ","), now: context.clock())
            return try await Self.household(id, scope: scope, cipher: cipher, db: db)
        }
    }

    /// The compound and grid above a building, found from its path.
    static func placement(of building: TerritoryUnit, db: any SQLDatabase) async throws -> (compound: Int, grid: Int) {
        let rows = try await db.select().columns("id", "kind").from("units").where("id", .in, SQLBind.group(building.pathIDs))
            .where("kind", .in, SQLBind.group(["compound", "grid"])).all()
        var compound: Int?, grid: Int?
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            if try row.decode(column: "kind", as: String.self) == "compound" { compound = id } else { grid = id }
        }
        guard let compound, let grid else {
            throw ValidationError("building_id", Bilingual("该楼栋不在某个网格的小区之下", "This building is not inside a compound of a grid"))
        }
        return (compound, grid)
    }
}
