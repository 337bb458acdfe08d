import Foundation
import GrassrootsCore
import SQLKit

/// Finds compounds and buildings by name under a grid (as import files name them), creating them when missing.
struct PlaceResolver {
    struct Building { let id: Int; let path: String; let compound: Int; let grid: Int }

    let grids: [String: (id: Int, path: String, depth: Int)]
    let db: any SQLDatabase
    let now: String
    /// "gridID|compound name" → (id, path), and "compoundID|building name" → building.
    private var compounds: [String: (id: Int, path: String)] = [:]
    private var buildings: [String: Building] = [:]

    init(grids: [String: (id: Int, path: String, depth: Int)], db: any SQLDatabase, now: String) async throws {
        self.grids = grids; self.db = db; self.now = now
        let gridIDs = grids.values.map(\.id)
        for chunk in chunked(gridIDs, size: 500) {
            for row in try await db.raw("""
                SELECT c.id AS cid, c.parent_id AS gid, c.name AS cname, c.path AS cpath, b.id AS bid, b.name AS bname, b.path AS bpath
                FROM units c LEFT JOIN units b ON b.parent_id = c.id AND b.kind = 'building'
                WHERE c.kind = 'compound' AND c.parent_id IN (\(binds: Array(chunk)))
                """).all() {
                let cid = try row.decode(column: "cid", as: Int.self), gid = try row.decode(column: "gid", as: Int.self)
                compounds["\(gid)|\(try row.decode(column: "cname", as: String.self))"] = (cid, try row.decode(column: "cpath", as: String.self))
                if let bid = try row.decode(column: "bid", as: Int?.self) {
                    buildings["\(cid)|\(try row.decode(column: "bname", as: String.self))"] =
                        Building(id: bid, path: try row.decode(column: "bpath", as: String.self), compound: cid, grid: gid)
                }
            }
        }
    }

    /// The building named by `place`, created (with its compound) when it does not exist yet.
    mutating func building(_ place: RegistryImporter.Place, bulk: inout BulkWriter) async throws -> Building {
        let grid = grids[place.grid]!
        let compoundKey = "\(grid.id)|\(place.compound)"
        if compounds[compoundKey] == nil {
            let id = try await bulk.ids("units", count: 1)[0]
            let path = grid.path + "\(id)/"
            try await bulk.add("units", [id, grid.id, "compound", nil as String?, place.compound, path, grid.depth + 1, now])
            compounds[compoundKey] = (id, path)
        }
        let compound = compounds[compoundKey]!
        let buildingKey = "\(compound.id)|\(place.building)"
        if let building = buildings[buildingKey] { return building }
        let id = try await bulk.ids("units", count: 1)[0]
        let building = Building(id: id, path: compound.path + "\(id)/", compound: compound.id, grid: grid.id)
        try await bulk.add("units", [id, compound.id, "building", nil as String?, place.building, building.path, grid.depth + 2, now])
        buildings[buildingKey] = building
        return building
    }

    /// An existing building, without creating anything.
    func existingBuilding(_ place: RegistryImporter.Place) -> Building? {
        guard let grid = grids[place.grid], let compound = compounds["\(grid.id)|\(place.compound)"] else { return nil }
        return buildings["\(compound.id)|\(place.building)"]
    }

    /// "buildingID|room" → household id, for the named buildings.
    func households(_ places: Set<RegistryImporter.Place>) async throws -> [String: Int] {
        let ids = places.compactMap { existingBuilding($0)?.id }
        var map: [String: Int] = [:]
        for chunk in chunked(ids, size: 500) {
            for row in try await db.select().columns("id", "building_id", "room").from("households").where("building_id", .in, SQLBind.group(Array(chunk))).all() {
                map["\(try row.decode(column: "building_id", as: Int.self))|\(try row.decode(column: "room", as: String.self))"] = try row.decode(column: "id", as: Int.self)
            }
        }
        return map
    }
}
