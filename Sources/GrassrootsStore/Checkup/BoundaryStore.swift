import Foundation
import GrassrootsCore
import SQLKit

/// A compound whose position lies outside its grid's boundary, with the grid whose boundary holds it (if any).
public struct Misplacement: Sendable, Codable, Equatable {
    public let compoundID: Int
    public let compound: String
    public let grid: String
    public let containingGrid: String?
}

/// GeoJSON boundaries of streets, communities and grids, compounds' positions, and the check of each compound's
/// position against its grid.
public struct BoundaryStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Stores every feature's geometry on the street, community or grid its code names, all or nothing.
    @discardableResult
    public func importBoundaries(_ data: Data, scope: Scope) async throws -> Int {
        guard scope.role.administers else { throw AccessDenied() }
        let features = try GeoJSON.boundaries(data)
        return try await context.database.write { db in
            var v = Validator()
            var targets: [(Int, String)] = []
            for feature in features {
                guard let row = try await db.select().columns("id", "kind").from("units").where("code", .equal, SQLBind(feature.code)).within(scope).first(),
                      ["street", "community", "grid"].contains(try row.decode(column: "kind", as: String.self)) else {
                    v.fail("features", Bilingual("代码 \(feature.code) 不是您辖区内的街道、社区或网格", "Code \(feature.code) is no street, community or grid of your scope")); continue
                }
                targets.append((try row.decode(column: "id", as: Int.self), feature.geometryJSON))
            }
            try v.finish()
            for (id, json) in targets { try await db.update("units").set("boundary", to: SQLBind(json)).where("id", .equal, SQLBind(id)).run() }
            try await AuditLog.record(db, scope, "import_boundaries", "units", id: nil, path: scope.path, detail: "\(targets.count)", now: context.clock())
            return targets.count
        }
    }

    /// Sets compounds' positions from a FeatureCollection of Points whose `properties.id` is the compound's id.
    @discardableResult
    public func importPositions(_ data: Data, scope: Scope) async throws -> Int {
        guard scope.role.administers else { throw AccessDenied() }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let features = root["features"] as? [[String: Any]] else {
            throw ValidationError("file", Bilingual("文件应为 GeoJSON FeatureCollection", "The file must be a GeoJSON FeatureCollection"))
        }
        var v = Validator()
        var collected: [(Int, Double, Double)] = []
        for (index, f) in features.enumerated() {
            let geometry = f["geometry"] as? [String: Any], c = geometry?["coordinates"] as? [NSNumber]
            guard let id = ((f["properties"] as? [String: Any])?["id"] as? NSNumber)?.intValue, geometry?["type"] as? String == "Point", let c, c.count >= 2,
                  (-180...180).contains(c[0].doubleValue), (-90...90).contains(c[1].doubleValue) else {
                v.fail("features", Bilingual("第\(index + 1)个要素应为带 properties.id 的有效 Point", "Feature \(index + 1) must be a valid Point with properties.id")); continue
            }
            collected.append((id, c[0].doubleValue, c[1].doubleValue))
        }
        try v.finish()
        let points = collected
        return try await context.database.write { db in
            for (id, lon, lat) in points {
                let unit = try await UnitStore.unit(id, scope: scope, db: db)
                guard unit.kind == .compound else { throw ValidationError("features", Bilingual("编号 \(id) 不是小区", "Unit \(id) is not a compound")) }
                try await db.update("units").set("longitude", to: SQLBind(lon)).set("latitude", to: SQLBind(lat)).where("id", .equal, SQLBind(id)).run()
            }
            return points.count
        }
    }

    /// The compounds under a unit whose position lies outside their grid's boundary, with the grid that holds them.
    public func misplaced(under unitID: Int, scope: Scope) async throws -> [Misplacement] {
        try await context.database.read { db in
            try await Self.misplaced(under: try await UnitStore.unit(unitID, scope: scope, db: db), db: db).map(\.misplacement)
        }
    }

    /// A misplaced compound with the ids a move needs.
    struct Found {
        let misplacement: Misplacement
        let compoundID: Int, gridID: Int, holderID: Int?
    }

    static func misplaced(under unit: TerritoryUnit, db: any SQLDatabase) async throws -> [Found] {
        let grids = try await db.raw("SELECT id, name, boundary FROM units WHERE kind = 'grid' AND boundary IS NOT NULL AND path >= \(bind: unit.path) AND path < \(bind: unit.path + "~")")
            .all().compactMap { row -> (Int, String, BoundaryFeature)? in
                guard let feature = Self.feature(try row.decode(column: "boundary", as: String.self)) else { return nil }
                return (try row.decode(column: "id", as: Int.self), try row.decode(column: "name", as: String.self), feature)
            }
        let compounds = try await db.raw("""
            SELECT c.id, c.name, c.parent_id, g.name AS grid, c.longitude, c.latitude FROM units c JOIN units g ON g.id = c.parent_id
            WHERE c.kind = 'compound' AND c.longitude IS NOT NULL AND c.path >= \(bind: unit.path) AND c.path < \(bind: unit.path + "~") ORDER BY c.path
            """).all()
        var out: [Found] = []
        for row in compounds {
            let lon = try row.decode(column: "longitude", as: Double.self), lat = try row.decode(column: "latitude", as: Double.self)
            let holder = grids.first { $0.2.contains(longitude: lon, latitude: lat) }
            let parent = try row.decode(column: "parent_id", as: Int.self), id = try row.decode(column: "id", as: Int.self)
            if holder?.0 != parent {
                out.append(Found(misplacement: Misplacement(compoundID: id, compound: try row.decode(column: "name", as: String.self),
                                                            grid: try row.decode(column: "grid", as: String.self), containingGrid: holder?.1),
                                 compoundID: id, gridID: parent, holderID: holder?.0))
            }
        }
        return out
    }

    /// The units under a unit (itself included) with a boundary, as a FeatureCollection.
    public func export(under unitID: Int, scope: Scope) async throws -> Data {
        try await context.database.read { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            let rows = try await db.raw("""
                SELECT code, name, kind, boundary FROM units WHERE boundary IS NOT NULL AND path >= \(bind: unit.path) AND path < \(bind: unit.path + "~") ORDER BY path
                """).all()
            var features: [[String: Any]] = []
            for row in rows {
                let geometry = try JSONSerialization.jsonObject(with: Data(try row.decode(column: "boundary", as: String.self).utf8))
                features.append(["type": "Feature", "geometry": geometry, "properties": ["code": try row.decode(column: "code", as: String?.self) ?? "",
                                                                                         "name": try row.decode(column: "name", as: String.self),
                                                                                         "kind": try row.decode(column: "kind", as: String.self)]])
            }
            return try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features], options: [.sortedKeys])
        }
    }

    /// The boundaries of the given units, by id, for the check-up's map.
    public func boundaries(of ids: [Int]) async throws -> [Int: BoundaryFeature] {
        guard !ids.isEmpty else { return [:] }
        return try await context.database.read { db in
            var out: [Int: BoundaryFeature] = [:]
            for row in try await db.raw("SELECT id, boundary FROM units WHERE boundary IS NOT NULL AND id IN (\(binds: ids))").all() {
                out[try row.decode(column: "id", as: Int.self)] = Self.feature(try row.decode(column: "boundary", as: String.self))
            }
            return out
        }
    }

    /// A stored geometry read back through the same checks as an import (nil if it no longer passes them).
    static func feature(_ geometry: String) -> BoundaryFeature? {
        let wrapped = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"stored\"},\"geometry\":\(geometry)}]}"
        return try? GeoJSON.boundaries(Data(wrapped.utf8)).first
    }
}
