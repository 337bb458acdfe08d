import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// CAP alerts in and out on the demo city: affected units from geocodes and from geometry, Update and Cancel,
/// broken and unknown documents refused whole, Exercise alerts starting only drills, our own alerts round-tripping.
@Suite struct EmergencyAlertTests {
    static func cap(identifier: String, status: String = "Actual", msgType: String = "Alert", references: String? = nil,
                    area: String = "<geocode><valueName>统计用区划代码</valueName><value>513401001003</value></geocode>") -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>\(identifier)</identifier>
              <sender>lsz-weather@example.cn</sender>
              <sent>2026-11-18T08:00:00+08:00</sent>
              <status>\(status)</status>
              <msgType>\(msgType)</msgType>
              <scope>Public</scope>
              \(references.map { "<references>\($0)</references>" } ?? "")
              <info>
                <language>zh-CN</language>
                <category>Met</category>
                <event>暴雨</event>
                <urgency>Immediate</urgency>
                <severity>Severe</severity>
                <certainty>Likely</certainty>
                <headline>西昌市气象台发布暴雨橙色预警</headline>
                <area><areaDesc>北城街道</areaDesc>\(area)</area>
              </info>
            </alert>
            """.utf8)
    }

    @Test(arguments: Fixtures.engines)
    func twoStreetsReceiveOneAlertAndEachUpdatesOnlyItsOwn(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let other = try await context.database.read { db in
            try await db.raw("SELECT MIN(code) AS c FROM units WHERE kind = 'street' AND code <> '513401001000'").first()!.decode(column: "c", as: String.self)
        }
        let north = try await Fixtures.scope(context, code: "513401001000", role: .streetAdmin)
        let south = try await Fixtures.scope(context, code: other, role: .streetAdmin)
        let both = "<geocode><valueName>统计用区划代码</valueName><value>513401001000</value></geocode>"
            + "<geocode><valueName>统计用区划代码</valueName><value>\(other)</value></geocode>"
        let store = AlertStore(context)
        let northCopy = try await store.receive(Self.cap(identifier: "LSZ-2026-101", area: both), scope: north)
        let southCopy = try await store.receive(Self.cap(identifier: "LSZ-2026-101", area: both), scope: south)
        #expect(northCopy.id != southCopy.id && northCopy.units.map(\.unitID) != southCopy.units.map(\.unitID))
        await Fixtures.expectError(StoreError.self) { try await store.receive(Self.cap(identifier: "LSZ-2026-101", area: both), scope: south) }

        // The north street's Cancel ends its own copy; the south street's stays active.
        let reference = "lsz-weather@example.cn,LSZ-2026-101,2026-11-18T08:00:00+08:00"
        let cancel = try await store.receive(Self.cap(identifier: "LSZ-2026-102", msgType: "Cancel", references: reference, area: both), scope: north)
        #expect(cancel.state == "cancelled")
        #expect(try await store.alert(northCopy.id, scope: north).state == "cancelled")
        #expect(try await store.alert(southCopy.id, scope: south).state == "active")

        // An Update naming an alert only another street received is refused whole, and changes nothing.
        let onlyNorth = try await store.receive(Self.cap(identifier: "LSZ-2026-103", area: both), scope: north)
        await Fixtures.expectError(ValidationError.self) {
            try await store.receive(Self.cap(identifier: "LSZ-2026-104", msgType: "Update",
                                             references: "lsz-weather@example.cn,LSZ-2026-103,2026-11-18T08:00:00+08:00", area: both), scope: south)
        }
        #expect(try await store.alert(onlyNorth.id, scope: north).state == "active")
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM alerts WHERE identifier = 'LSZ-2026-104'") == 0)
    }

    /// Migration 015 rebuilds `alerts` on SQLite: what was received before it, its units and the incidents it
    /// started all survive, and the foreign keys still hold.
    @Test(arguments: Fixtures.engines)
    func alertsReceivedBeforeMigration015Survive(engine: Engine) async throws {
        // Every migration but 015, so that today's demo code (which writes the later migrations' columns) can write
        // the rows 015 must keep; none of the others touches alerts.
        let context = try await Fixtures.empty(engine, migrations: Migrator.all.filter { $0.name != "015_alert_scope" })
        defer { Task { try? await context.database.close() } }
        _ = try await DemoCity(context).build(households: 1_000)
        let city = try await Fixtures.scope(context, code: "513401000000", role: .cityAdmin)
        let first = try await AlertStore(context).receive(Self.cap(identifier: "LSZ-2026-201"), scope: city)
        let update = try await AlertStore(context).receive(Self.cap(identifier: "LSZ-2026-202", msgType: "Update",
                                                                    references: "lsz-weather@example.cn,LSZ-2026-201,2026-11-18T08:00:00+08:00"), scope: city)
        try await context.database.write { db in
            try await db.raw("""
                INSERT INTO emergency_plans (unit_id, path, title, event_kind, created_by, created_at)
                SELECT id, path, '防汛预案', 'flood', 'test', '2026-11-18T00:00:00Z' FROM units WHERE code = '513401000000'
                """).run()
            try await db.raw("""
                INSERT INTO incidents (plan_id, level, alert_id, unit_id, path, drill, status, estimate_json, activated_by, activated_at)
                SELECT p.id, 'IV', \(bind: update.id), p.unit_id, p.path, 0, 'active', '{}', 'test', '2026-11-18T00:00:00Z' FROM emergency_plans p
                """).run()
        }
        let before = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM alert_units")
        #expect(try await Migrator.migrate(context.database) == ["015_alert_scope"])
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM alert_units") == before && before > 0)
        #expect(try await Fixtures.count(context, "SELECT MAX(alert_id) AS n FROM incidents") == update.id)
        #expect(try await AlertStore(context).alert(update.id, scope: city).replacesID == first.id)
        #expect(try await AlertStore(context).alert(first.id, scope: city).state == "updated")
        if engine == .sqlite {
            #expect(try await context.database.read { db in try await db.raw("PRAGMA foreign_key_check").all().count } == 0)
        }
        // The new uniqueness: a street may now keep its own copy of what the city received.
        let street = try await Fixtures.scope(context, code: "513401001000", role: .streetAdmin)
        _ = try await AlertStore(context).receive(Self.cap(identifier: "LSZ-2026-201"), scope: street)
    }

    @Test(arguments: Fixtures.engines)
    func receivedAlertsFindTheirUnitsAndUpdatesAndCancelsFollow(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: "513401000000", role: .cityAdmin)
        let store = AlertStore(context)
        let first = try await store.receive(Self.cap(identifier: "LSZ-2026-001"), scope: scope)
        let named = try await UnitStore(context).unit(code: "513401001003", scope: .system)
        #expect(first.units.map(\.name) == [named.name])
        #expect(first.severity == "Severe" && first.state == "active" && first.source == "received")
        await Fixtures.expectError(StoreError.self) { try await store.receive(Self.cap(identifier: "LSZ-2026-001"), scope: scope) }

        // Geometry: a circle around one compound's position reaches its community.
        let compound = try await Fixtures.count(context, """
            SELECT MIN(c.id) AS n FROM units c JOIN units m ON m.code = '513401001005' WHERE c.kind = 'compound' AND c.path LIKE m.path || '%'
            """)
        try await context.database.write { db in
            try await db.raw("UPDATE units SET latitude = 27.9, longitude = 102.26 WHERE id = \(bind: compound)").run()
        }
        let byCircle = try await store.receive(Self.cap(identifier: "LSZ-2026-002", area: "<circle>27.9,102.26 1</circle>"), scope: scope)
        let circled = try await UnitStore(context).unit(code: "513401001005", scope: .system)
        #expect(byCircle.units.map(\.unitID) == [circled.id])

        // A community with an imported boundary and no position counts by the centre of its area.
        try await context.database.write { db in
            try await db.raw("""
                UPDATE units SET boundary = '{"type":"Polygon","coordinates":[[[102.2,27.8],[102.3,27.8],[102.3,27.9],[102.2,27.9],[102.2,27.8]]]}'
                WHERE code = '513401001006'
                """).run()
        }
        let byPolygon = try await store.receive(Self.cap(identifier: "LSZ-2026-010",
                                                         area: "<polygon>27.84,102.24 27.84,102.26 27.86,102.26 27.86,102.24 27.84,102.24</polygon>"), scope: scope)
        let bounded = try await UnitStore(context).unit(code: "513401001006", scope: .system)
        #expect(byPolygon.units.map(\.unitID) == [bounded.id])

        let update = try await store.receive(Self.cap(identifier: "LSZ-2026-003", msgType: "Update",
                                                      references: "lsz-weather@example.cn,LSZ-2026-001,2026-11-18T08:00:00+08:00"), scope: scope)
        let updated = try await store.alert(first.id, scope: scope)
        #expect(update.replacesID == first.id && updated.state == "updated")
        let cancel = try await store.receive(Self.cap(identifier: "LSZ-2026-004", msgType: "Cancel",
                                                      references: "lsz-weather@example.cn,LSZ-2026-003,2026-11-18T08:00:00+08:00"), scope: scope)
        let cancelledUpdate = try await store.alert(update.id, scope: scope)
        #expect(cancel.state == "cancelled" && cancelledUpdate.state == "cancelled")

        // Refused whole: an unknown reference, an area outside the city, a broken document.
        let before = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM alerts")
        await Fixtures.expectError(ValidationError.self) {
            try await store.receive(Self.cap(identifier: "LSZ-2026-005", msgType: "Cancel", references: "x@y,NOPE,2026-11-18T08:00:00+08:00"), scope: scope)
        }
        await Fixtures.expectError(ValidationError.self) {
            try await store.receive(Self.cap(identifier: "LSZ-2026-006", area: "<geocode><valueName>统计用区划代码</valueName><value>110101000000</value></geocode>"), scope: scope)
        }
        await Fixtures.expectError(ValidationError.self) { try await store.receive(Data("<alert><identifier>x</alert>".utf8), scope: scope) }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM alerts") == before)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM alert_units WHERE alert_id NOT IN (SELECT id FROM alerts)") == 0)
    }

    @Test(arguments: Fixtures.engines)
    func anExerciseAlertStartsOnlyADrillAndOurOwnAlertsRoundTrip(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: EmergencyStoreTests.street, role: .streetAdmin)
        let exercise = try await AlertStore(context).receive(Self.cap(identifier: "LSZ-EX-1", status: "Exercise"), scope: scope)
        #expect(exercise.isExercise)
        let plan = try await EmergencyStoreTests.plan(context, scope: scope)
        let incident = try await IncidentStore(context).activate(ActivationInput(planID: plan.id, level: ResponseLevel.suggested(bySeverity: exercise.severity).rawValue,
                                                                                 unitIDs: exercise.units.map(\.unitID), drill: false, alertID: exercise.id), scope: scope)
        #expect(incident.drill && incident.level == .ii && incident.alertID == exercise.id)

        let community = try await UnitStore(context).unit(code: EmergencyStoreTests.community, scope: .system)
        let ours = try await AlertStore(context).issue(AlertInput(event: "暴雨", eventKind: "flood", severity: "Extreme", headline: "北城街道暴雨红色预警 <演练>",
                                                                  description: "请低洼小区居民转移 & 注意安全", unitIDs: [community.id], exercise: true), scope: scope)
        #expect(ours.source == "issued" && ours.units.map(\.unitID) == [community.id])
        let xml = try await AlertStore(context).xml(ours.id, scope: nil)
        let parsed = try CAPParser.parse(Data(xml.utf8))
        #expect(parsed.status == .exercise && parsed.infos.first?.headline == "北城街道暴雨红色预警 <演练>")
        #expect(parsed.geocodes(named: AlertStore.divisionCode) == [community.code!])
        #expect(try await AlertStore(context).published().map(\.alert.id) == [ours.id])
        let cancelled = try await AlertStore(context).cancel(ours.id, note: "预警解除", scope: scope)
        let original = try await AlertStore(context).alert(ours.id, scope: scope)
        #expect(cancelled.msgType == .cancel && original.state == "cancelled")
        let cancelXML = try CAPParser.parse(Data(try await AlertStore(context).xml(cancelled.id, scope: nil).utf8))
        #expect(cancelXML.references == [parsed.reference])
        await Fixtures.expectError(StoreError.self) {
            try await IncidentStore(context).activate(ActivationInput(planID: plan.id, level: "II", drill: true, alertID: ours.id), scope: scope)
        }
        await Fixtures.expectError(StoreError.self) { try await AlertStore(context).xml(exercise.id, scope: nil) }
    }
}
