import Foundation
import GrassrootsCore
import SQLKit

extension AlertStore {
    /// Stores a checked CAP message with its affected units, inside the caller's transaction.
    func record(_ cap: CAPAlert, xml: String, source: String, scope: Scope, db: any SQLDatabase) async throws -> Alert {
        // The scope's own unit (for the operator's system scope, the top of the tree) keeps the alert.
        let root = try await db.select().columns(TerritoryUnit.columns).from("units").within(scope).orderBy("depth").limit(1).first().map(TerritoryUnit.init(row:))
        guard let root else { throw AccessDenied() }
        // Each receiving unit keeps its own copy: two streets may receive the same warning centre's alert.
        if try await db.raw("""
            SELECT 1 AS x FROM alerts WHERE path = \(bind: root.path) AND sender = \(bind: cap.sender) AND identifier = \(bind: cap.identifier)
            """).first() != nil {
            throw StoreError.conflict(Bilingual("已收到过该预警（\(cap.sender) / \(cap.identifier)）", "This alert was already received (\(cap.sender) / \(cap.identifier))"))
        }
        // An Update or Cancel changes only the alerts within the caller's scope; one outside it is "never received".
        var referenced: [Int] = []
        for reference in cap.references {
            let ids = try await db.select().column("id").from("alerts").where("sender", .equal, SQLBind(reference.sender))
                .where("identifier", .equal, SQLBind(reference.identifier)).within(scope).orderBy("id").all()
                .map { try $0.decode(column: "id", as: Int.self) }
            guard !ids.isEmpty else {
                throw ValidationError("alert.references", Bilingual("引用的预警 \(reference.sender),\(reference.identifier) 未收到过，无法更新或解除",
                                                                    "The referenced alert \(reference.sender),\(reference.identifier) was never received, so it cannot be updated or cancelled"))
            }
            referenced += ids
        }
        var units = try await Self.affected(cap, scope: scope, db: db)
        if units.isEmpty, let first = referenced.first {
            // A Cancel or Update without areas keeps the areas of what it refers to.
            let ids = try await db.raw("SELECT unit_id FROM alert_units WHERE alert_id = \(bind: first)").all().map { try $0.decode(column: "unit_id", as: Int.self) }
            units = try await db.select().columns(TerritoryUnit.columns).from("units").where("id", .in, SQLBind.group(ids)).all().map(TerritoryUnit.init(row:))
        }
        guard !units.isEmpty else {
            throw ValidationError("info.area", Bilingual("预警区域未覆盖您辖区内的任何单元：请在 geocode 中给出统计用区划代码或网格编码，或给出覆盖辖区内小区位置的 polygon/circle",
                                                         "The alert's areas cover none of your units: give a division or grid code as a geocode, or a polygon/circle around your compounds' positions"))
        }
        let info = cap.infos.first { $0.language.lowercased().hasPrefix("zh") } ?? cap.infos.first
        let earlier = referenced.isEmpty ? nil : try await Self.alert(referenced[0], scope: .system, db: db)
        let state = cap.msgType == .cancel ? "cancelled" : "active"
        let id = try await db.insert(into: "alerts")
            .columns("source", "identifier", "sender", "sent", "status", "msg_type", "event", "severity", "urgency", "certainty", "headline", "area_desc",
                     "unit_id", "path", "state", "replaces_id", "cap_xml", "recorded_by", "recorded_at")
            .values(SQLBind(source), SQLBind(cap.identifier), SQLBind(cap.sender), SQLBind(Timestamp.format(cap.sent)), SQLBind(cap.status.rawValue),
                    SQLBind(cap.msgType.rawValue), SQLBind(info?.event ?? earlier?.event ?? ""), SQLBind(info?.severity.rawValue ?? earlier?.severity ?? "Unknown"),
                    SQLBind(info?.urgency.rawValue ?? earlier?.urgency ?? "Unknown"), SQLBind(info?.certainty.rawValue ?? earlier?.certainty ?? "Unknown"),
                    SQLBind(String((info?.headline ?? earlier?.headline ?? "").prefix(200))),
                    SQLBind(String((info?.areas.map(\.areaDesc).joined(separator: "；") ?? earlier?.areaDesc ?? "").prefix(500))),
                    SQLBind(root.id), SQLBind(root.path), SQLBind(state), SQLBind(referenced.first), SQLBind(xml), SQLBind(scope.username), SQLBind(context.nowText))
            .returning("id").first()!.decode(column: "id", as: Int.self)
        for unit in units {
            try await db.insert(into: "alert_units").columns("alert_id", "unit_id", "path").values(SQLBind(id), SQLBind(unit.id), SQLBind(unit.path)).run()
        }
        if !referenced.isEmpty {
            try await db.update("alerts").set("state", to: SQLBind(cap.msgType == .cancel ? "cancelled" : "updated"))
                .where("id", .in, SQLBind.group(referenced)).run()
        }
        try await AuditLog.record(db, scope, source == "issued" ? "issue" : "receive", "alert", id: id, path: root.path,
                                  detail: "\(cap.msgType.rawValue) \(cap.status.rawValue)", now: context.clock())
        return try await Self.alert(id, scope: scope, db: db)
    }

    /// The scope's units an alert covers: those named by a geocode (12-digit division codes, 6- and 9-digit prefixes
    /// padded, 15-digit grid codes), and the communities of compounds and grids whose position (or, for an imported
    /// boundary without a position, the centre of its outer rings) lies inside an area.
    /// A unit under another matched unit is left out.
    static func affected(_ cap: CAPAlert, scope: Scope, db: any SQLDatabase) async throws -> [TerritoryUnit] {
        let areas = cap.infos.flatMap(\.areas)
        var codes = Set<String>()
        for code in areas.flatMap(\.geocodes).map({ $0.value.trimmed }) where code.allSatisfy(\.isNumber) {
            switch code.count {
            case 6, 9: codes.insert(code + String(repeating: "0", count: 12 - code.count))
            case 12, 15: codes.insert(code)
            default: break
            }
        }
        var found: [Int: TerritoryUnit] = [:]
        if !codes.isEmpty {
            for row in try await db.select().columns(TerritoryUnit.columns).from("units").where("code", .in, SQLBind.group(Array(codes))).within(scope).all() {
                let unit = try TerritoryUnit(row: row)
                found[unit.id] = unit
            }
        }
        if areas.contains(where: { !$0.polygons.isEmpty || !$0.circles.isEmpty }) {
            var inside = Set<Int>()
            for row in try await db.raw("""
                SELECT id, path, latitude, longitude FROM units WHERE kind IN ('community', 'grid', 'compound') AND latitude IS NOT NULL AND longitude IS NOT NULL
                  AND path >= \(bind: scope.path) AND path < \(bind: scope.upperBound)
                """).all() {
                let lat = try row.decode(column: "latitude", as: Double.self), lon = try row.decode(column: "longitude", as: Double.self)
                guard areas.contains(where: { $0.contains(latitude: lat, longitude: lon) }) else { continue }
                inside.formUnion(try row.decode(column: "path", as: String.self).split(separator: "/").compactMap { Int($0) })
            }
            // Units with an imported boundary and no position count by the centre of their outer rings.
            for row in try await db.raw("""
                SELECT path, boundary FROM units WHERE kind IN ('community', 'grid') AND boundary IS NOT NULL AND latitude IS NULL
                  AND path >= \(bind: scope.path) AND path < \(bind: scope.upperBound)
                """).all() {
                guard let feature = BoundaryStore.feature(try row.decode(column: "boundary", as: String.self)) else { continue }
                let centres = feature.polygons.compactMap(\.rings.first).map { ring in
                    (lat: ring.map { $0[1] }.reduce(0, +) / Double(ring.count), lon: ring.map { $0[0] }.reduce(0, +) / Double(ring.count))
                }
                guard centres.contains(where: { c in areas.contains { $0.contains(latitude: c.lat, longitude: c.lon) } }) else { continue }
                inside.formUnion(try row.decode(column: "path", as: String.self).split(separator: "/").compactMap { Int($0) })
            }
            if !inside.isEmpty {
                for row in try await db.select().columns(TerritoryUnit.columns).from("units").where("id", .in, SQLBind.group(Array(inside)))
                    .where("kind", .equal, SQLBind(UnitKind.community.rawValue)).within(scope).all() {
                    let unit = try TerritoryUnit(row: row)
                    found[unit.id] = unit
                }
            }
        }
        let all = Array(found.values)
        return all.filter { unit in !all.contains { $0.id != unit.id && unit.path.hasPrefix($0.path) } }.sorted { $0.path < $1.path }
    }
}
