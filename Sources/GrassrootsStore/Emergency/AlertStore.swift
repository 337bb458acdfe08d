import Foundation
import GrassrootsCore
import SQLKit

/// Alerts (预警): CAP 1.2 documents received from warning centres and our own, published as CAP and Atom.
public struct AlertStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Records a received CAP 1.2 document: the affected units are found from its geocodes (division or grid codes)
    /// and from the positions inside its polygons and circles; an Update supersedes and a Cancel cancels the alerts it
    /// references. A broken document, one that covers none of the scope's units, or one referencing an unknown alert
    /// is refused whole, with what to fix.
    public func receive(_ document: Data, scope: Scope) async throws -> Alert {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        let cap = try CAPParser.parse(document)
        guard [.alert, .update, .cancel].contains(cap.msgType) else {
            throw ValidationError("alert.msgType", Bilingual("只处理 Alert、Update 和 Cancel 消息（收到 \(cap.msgType.rawValue)）",
                                                             "Only Alert, Update and Cancel messages are processed (got \(cap.msgType.rawValue))"))
        }
        let xml = String(decoding: document, as: UTF8.self)
        return try await context.database.write { db in
            try await record(cap, xml: xml, source: "received", scope: scope, db: db)
        }
    }

    /// Issues an alert of our own for units of the scope, as CAP 1.2 (status `Exercise` for a drill).
    public func issue(_ input: AlertInput, scope: Scope) async throws -> Alert {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        var v = Validator()
        v.check((1...60).contains(input.event.trimmed.count), "event", Bilingual("事件名称为1–60字", "The event needs 1–60 characters"))
        let kind = HazardKind.pick(input.eventKind, field: "event_kind", names: Bilingual("事件类型", "Event kind"), &v)
        let severity = CAPSeverity(rawValue: input.severity.trimmed), urgency = CAPUrgency(rawValue: input.urgency.trimmed)
        let certainty = CAPCertainty(rawValue: input.certainty.trimmed)
        v.check(severity != nil, "severity", Bilingual("请选择严重程度：Extreme、Severe、Moderate、Minor", "Choose a severity: Extreme, Severe, Moderate, Minor"))
        v.check(urgency != nil, "urgency", Bilingual("请选择紧急程度", "Choose an urgency"))
        v.check(certainty != nil, "certainty", Bilingual("请选择确定程度", "Choose a certainty"))
        v.check((1...100).contains(input.headline.trimmed.count), "headline", Bilingual("标题为1–100字", "The headline needs 1–100 characters"))
        v.check((1...4000).contains(input.description.trimmed.count), "description", Bilingual("请写明预警内容（最多4000字）", "Describe the warning (at most 4,000 characters)"))
        v.check(input.instruction.count <= 2000, "instruction", Bilingual("防御指引不超过2000字", "The instruction is at most 2,000 characters"))
        v.check(!input.unitIDs.isEmpty && input.unitIDs.count <= 200, "unit_ids", Bilingual("请选择1–200个预警区域", "Choose 1–200 areas"))
        v.check((1...720).contains(input.expiresHours), "expires_hours", Bilingual("有效期为1–720小时", "It expires after 1–720 hours"))
        try v.finish()
        let now = context.clock()
        return try await context.database.write { db in
            var areas: [CAPArea] = []
            for id in Array(Set(input.unitIDs)).sorted() {
                let unit = try await UnitStore.unit(id, scope: scope, db: db)
                guard let code = unit.code else { continue }
                areas.append(CAPArea(areaDesc: unit.name, geocodes: [CAPValuePair(valueName: Self.divisionCode, value: code)]))
            }
            let sequence = try await db.raw("SELECT COUNT(*) AS n FROM alerts WHERE source = 'issued'").first()!.decode(column: "n", as: Int.self) + 1
            let info = CAPInfo(language: "zh-CN", categories: kind!.capCategories.sorted().compactMap(CAPCategory.init(rawValue:)).ifEmpty(.other),
                               event: input.event.trimmed, urgency: urgency!, severity: severity!, certainty: certainty!, effective: now,
                               expires: now.addingTimeInterval(Double(input.expiresHours) * 3600), senderName: "西昌市城市基层治理平台",
                               headline: input.headline.trimmed, description: input.description.trimmed,
                               instruction: input.instruction.trimmed.isEmpty ? nil : input.instruction.trimmed, areas: areas)
            let cap = CAPAlert(identifier: "grassroots-\(Self.stamp(now))-\(sequence)", sender: Self.sender, sent: now,
                               status: input.exercise ? .exercise : .actual, msgType: .alert, scope: .public, infos: [info])
            return try await record(cap, xml: CAPWriter.xml(cap), source: "issued", scope: scope, db: db)
        }
    }

    /// Cancels an alert of our own by publishing a CAP Cancel that references it.
    public func cancel(_ id: Int, note: String, scope: Scope) async throws -> Alert {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        guard (1...500).contains(note.trimmed.count) else { throw ValidationError("note", Bilingual("请说明解除原因（最多500字）", "Say why it is cancelled (at most 500 characters)")) }
        let now = context.clock()
        return try await context.database.write { db in
            let alert = try await Self.alert(id, scope: scope, db: db)
            guard alert.source == "issued", alert.state == "active" else {
                throw StoreError.conflict(Bilingual("只能解除本平台发布且仍有效的预警", "Only an active alert issued here can be cancelled"))
            }
            let original = try await Self.document(id, db: db)
            let cap = CAPAlert(identifier: "grassroots-\(Self.stamp(now))-cancel-\(id)", sender: Self.sender, sent: now, status: original.status,
                               msgType: .cancel, scope: .public, note: note.trimmed, references: [original.reference], infos: original.infos)
            return try await record(cap, xml: CAPWriter.xml(cap), source: "issued", scope: scope, db: db)
        }
    }

    /// Alerts recorded within the scope or above it, newest first.
    public func alerts(scope: Scope, limit: Int = 100) async throws -> [Alert] {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        return try await context.database.read { db in
            var list: [Alert] = []
            for row in try await db.raw("""
                SELECT id FROM alerts WHERE \(scope.withinOrAbove())
                ORDER BY recorded_at DESC, id DESC LIMIT \(bind: limit)
                """).all() {
                list.append(try await Self.alert(try row.decode(column: "id", as: Int.self), scope: scope, db: db))
            }
            return list
        }
    }

    /// One alert the scope sees.
    public func alert(_ id: Int, scope: Scope) async throws -> Alert {
        try await context.database.read { db in try await Self.alert(id, scope: scope, db: db) }
    }

    /// Our published alerts, newest first, with their CAP documents: public, for the Atom feed and CAP links.
    public func published(limit: Int = 50) async throws -> [(alert: Alert, xml: String)] {
        try await context.database.read { db in
            try await db.raw("\(unsafeRaw: Alert.select) WHERE source = 'issued' ORDER BY recorded_at DESC, id DESC LIMIT \(bind: limit)").all().map {
                (try Alert(row: $0, units: []), try $0.decode(column: "id", as: Int.self))
            }.asyncMap { pair in (pair.0, try await Self.xml(pair.1, db: db)) }
        }
    }

    /// The CAP document of one of our published alerts (public), or of any alert the scope sees.
    public func xml(_ id: Int, scope: Scope?) async throws -> String {
        try await context.database.read { db in
            if let scope { _ = try await Self.alert(id, scope: scope, db: db) }
            else if try await db.raw("SELECT 1 AS x FROM alerts WHERE id = \(bind: id) AND source = 'issued'").first() == nil {
                throw StoreError.notFound(Bilingual("没有编号为 \(id) 的公开预警", "No published alert \(id)"))
            }
            return try await Self.xml(id, db: db)
        }
    }

    /// The parsed CAP document of an alert the scope sees (its categories pick the matching plans).
    public func document(_ id: Int, scope: Scope) async throws -> CAPAlert {
        try await context.database.read { db in
            _ = try await Self.alert(id, scope: scope, db: db)
            return try await Self.document(id, db: db)
        }
    }

    /// The name CAP receivers know our alerts by; no spaces or commas, as the spec requires.
    static let sender = "grassroots.xichang.gov.cn"
    /// The geocode name our alerts and the units matcher use for division and grid codes.
    public static let divisionCode = "统计用区划代码"

    static func stamp(_ date: Date) -> String {
        Timestamp.format(date).filter(\.isNumber)
    }

    static func xml(_ id: Int, db: any SQLDatabase) async throws -> String {
        guard let row = try await db.raw("SELECT cap_xml FROM alerts WHERE id = \(bind: id)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的预警", "No alert \(id)"))
        }
        return try row.decode(column: "cap_xml", as: String.self)
    }

    static func document(_ id: Int, db: any SQLDatabase) async throws -> CAPAlert {
        try CAPParser.parse(Data(try await xml(id, db: db).utf8))
    }

    static func alert(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Alert {
        guard scope.role.readsRegistry, let row = try await db.raw("\(unsafeRaw: Alert.select) WHERE id = \(bind: id)").first(),
              let path = try await db.raw("SELECT path FROM alerts WHERE id = \(bind: id)").first()?.decode(column: "path", as: String.self),
              scope.concerns(path) else {
            throw StoreError.notFound(Bilingual("找不到该预警（编号 \(id)）", "No alert with id \(id) in your scope"))
        }
        let units = try await db.raw("""
            SELECT u.id, u.name, u.kind FROM alert_units x JOIN units u ON u.id = x.unit_id WHERE x.alert_id = \(bind: id) ORDER BY u.path
            """).all().map { IncidentUnit(unitID: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self),
                                          kind: UnitKind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .community) }
        return try Alert(row: row, units: units)
    }
}

extension Array {
    func ifEmpty(_ fallback: Element) -> [Element] { isEmpty ? [fallback] : self }
}
