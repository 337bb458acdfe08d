import Foundation
import GrassrootsCore
import SQLKit

extension IncidentStore {
    /// The incident with where each thing it raised stands now, read from the roll-ups Mobilization keeps
    /// (directive_progress), the summons' departments and the notices' confirmations.
    static func incident(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Incident {
        guard scope.role.readsRegistry, let row = try await db.raw("\(unsafeRaw: Incident.select) WHERE i.id = \(bind: id)").first(),
              case let path = try row.decode(column: "path", as: String.self), scope.concerns(path) else {
            throw StoreError.notFound(Bilingual("找不到该应急响应（编号 \(id)）", "No incident with id \(id) in your scope"))
        }
        let units = try await db.raw("""
            SELECT u.id, u.name, u.kind FROM incident_units x JOIN units u ON u.id = x.unit_id WHERE x.incident_id = \(bind: id) ORDER BY u.path
            """).all().map { IncidentUnit(unitID: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self),
                                          kind: UnitKind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .community) }
        func items(_ kind: PlanActionKind, _ sql: SQLQueryString) async throws -> [IncidentItem] {
            try await db.raw(sql).all().map {
                IncidentItem(kind: kind, id: try $0.decode(column: "id", as: Int.self), title: try $0.decode(column: "title", as: String.self),
                             unitName: try $0.decode(column: "unit_name", as: String.self), total: try $0.decode(column: "total", as: Int?.self) ?? 0,
                             reached: try $0.decode(column: "reached", as: Int?.self) ?? 0, status: try $0.decode(column: "status", as: String.self))
            }
        }
        let directives = try await items(.directive, """
            SELECT d.id, d.title, d.status, u.name AS unit_name, p.total, p.done + p.refused + p.not_applicable AS reached
            FROM incident_items i JOIN directives d ON d.id = i.ref_id JOIN units u ON u.id = d.unit_id
            LEFT JOIN directive_progress p ON p.directive_id = d.id AND p.unit_id = d.unit_id
            WHERE i.incident_id = \(bind: id) AND i.kind = 'directive' ORDER BY d.id
            """)
        let summons = try await items(.summons, """
            SELECT s.id, s.title, s.status, u.name AS unit_name, (SELECT COUNT(*) FROM summons_targets t WHERE t.summons_id = s.id) AS total,
                   (SELECT COUNT(*) FROM summons_targets t WHERE t.summons_id = s.id AND t.closed_at IS NOT NULL) AS reached
            FROM incident_items i JOIN summons s ON s.id = i.ref_id JOIN units u ON u.id = s.unit_id
            WHERE i.incident_id = \(bind: id) AND i.kind = 'summons' ORDER BY s.id
            """)
        let notices = try await items(.notice, """
            SELECT n.id, n.title, 'published' AS status, u.name AS unit_name, n.households AS total,
                   (SELECT COUNT(*) FROM notice_acks a WHERE a.notice_id = n.id) AS reached
            FROM incident_items i JOIN notices n ON n.id = i.ref_id JOIN units u ON u.id = n.unit_id
            WHERE i.incident_id = \(bind: id) AND i.kind = 'notice' ORDER BY n.id
            """)
        return try Incident(row: row, units: units, items: directives + summons + notices)
    }
}
