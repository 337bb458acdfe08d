import Foundation

/// A polygon as GeoJSON gives it: an outer ring and holes, each ring a closed list of [longitude, latitude].
public struct Polygon: Sendable, Equatable {
    public let rings: [[[Double]]]

    /// Whether the point lies inside the outer ring and outside every hole (ray casting; a point on an edge may fall
    /// either way, which placement does not need to decide).
    public func contains(longitude x: Double, latitude y: Double) -> Bool {
        guard let outer = rings.first, Self.inside(outer, x, y) else { return false }
        return !rings.dropFirst().contains { Self.inside($0, x, y) }
    }

    static func inside(_ ring: [[Double]], _ x: Double, _ y: Double) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let (xi, yi, xj, yj) = (ring[i][0], ring[i][1], ring[j][0], ring[j][1])
            if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { inside.toggle() }
            j = i
        }
        return inside
    }
}

/// One feature of an imported boundary file: the unit's code and its area.
public struct BoundaryFeature: Sendable, Equatable {
    public let code: String
    public let polygons: [Polygon]
    /// The geometry as it will be stored and exported.
    public let geometryJSON: String

    /// Whether any of the polygons contains the point.
    public func contains(longitude: Double, latitude: Double) -> Bool { polygons.contains { $0.contains(longitude: longitude, latitude: latitude) } }
}

/// Reads a GeoJSON FeatureCollection of Polygon or MultiPolygon features whose `properties.code` names a unit,
/// reporting every bad feature with its position and reason.
public enum GeoJSON {
    public static func boundaries(_ data: Data) throws -> [BoundaryFeature] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], root["type"] as? String == "FeatureCollection",
              let features = root["features"] as? [[String: Any]] else {
            throw ValidationError("file", Bilingual("文件应为 GeoJSON FeatureCollection", "The file must be a GeoJSON FeatureCollection"))
        }
        var v = Validator()
        var out: [BoundaryFeature] = []
        for (index, feature) in features.enumerated() {
            let n = index + 1
            guard let code = (feature["properties"] as? [String: Any])?["code"] as? String, !code.isEmpty else {
                v.fail("features", Bilingual("第\(n)个要素缺少 properties.code", "Feature \(n) has no properties.code")); continue
            }
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String, let coordinates = geometry["coordinates"] else {
                v.fail("features", Bilingual("第\(n)个要素（\(code)）缺少几何", "Feature \(n) (\(code)) has no geometry")); continue
            }
            let raw: [Any]
            switch type {
            case "Polygon": raw = [coordinates]
            case "MultiPolygon": raw = coordinates as? [Any] ?? []
            default: v.fail("features", Bilingual("第\(n)个要素（\(code)）应为 Polygon 或 MultiPolygon，而非 \(type)", "Feature \(n) (\(code)) must be a Polygon or MultiPolygon, not \(type)")); continue
            }
            let polygons = raw.map { polygon(($0 as? [Any]) ?? []) }
            guard !polygons.isEmpty, polygons.allSatisfy({ $0 != nil }) else {
                v.fail("features", Bilingual("第\(n)个要素（\(code)）的坐标无效：每个环至少4个点且首尾相同，经度−180–180，纬度−90–90",
                                             "Feature \(n) (\(code)) has bad coordinates: rings need 4+ positions, closed, longitude −180–180, latitude −90–90")); continue
            }
            let json = String(decoding: try JSONSerialization.data(withJSONObject: geometry, options: [.sortedKeys]), as: UTF8.self)
            out.append(BoundaryFeature(code: code, polygons: polygons.compactMap { $0 }, geometryJSON: json))
        }
        let codes = out.map(\.code)
        for code in Set(codes) where codes.filter({ $0 == code }).count > 1 {
            v.fail("features", Bilingual("代码 \(code) 出现多次", "Code \(code) appears more than once"))
        }
        try v.finish()
        return out
    }

    /// A polygon's rings, or nil when any ring is not a closed list of at least four valid positions.
    static func polygon(_ rings: [Any]) -> Polygon? {
        var out: [[[Double]]] = []
        for ring in rings {
            guard let positions = ring as? [[Any]], positions.count >= 4 else { return nil }
            let points = positions.compactMap { p -> [Double]? in
                guard p.count >= 2, let x = (p[0] as? NSNumber)?.doubleValue, let y = (p[1] as? NSNumber)?.doubleValue,
                      (-180...180).contains(x), (-90...90).contains(y) else { return nil }
                return [x, y]
            }
            guard points.count == positions.count, points.first == points.last else { return nil }
            out.append(points)
        }
        return out.isEmpty ? nil : Polygon(rings: out)
    }
}
