import Foundation
import GrassrootsCore
import SQLKit

/// One record behind a check-up point: what it is, where it sits, where it is kept, and what it adds to the point's
/// counts (a compound with its party group adds 1 of 1; a directive, the targets it reached at this unit of its targets).
public struct CheckupRecord: Sendable, Codable, Equatable {
    public let label: String
    public let place: String
    public let link: String
    public let hits: Int
    public let total: Int

    /// A record that holds the point down.
    public var isShort: Bool { hits < total }
}

/// The records behind one point of a unit's check-up for a period, those that hold it down first. `count`, `hits` and
/// `total` are over every record, `records` the first `limit` of them: the counts are the point's own.
public struct CheckupPointRecords: Sendable, Codable, Equatable {
    public let unitID: Int
    public let unitName: String
    public let measure: CheckupMeasure
    public let period: String
    public let records: [CheckupRecord]
    public let count: Int
    public let hits: Int
    public let total: Int
}

extension CheckupMeasure {
    /// Whether the point is a count of records that can be listed; the request rates (a composite) and registered
    /// members (registrations against members, a ratio) are not.
    public var listsRecords: Bool { self != .requestRates && self != .registeredMembers }
}

extension CheckupStore {
    /// The records behind `measure` for the unit and period, with the SQL the check-up counts with.
    public func records(_ measure: CheckupMeasure, unitID: Int, period raw: String, scope: Scope, limit: Int = 300) async throws -> CheckupPointRecords {
        guard scope.role.readsCheckup else { throw AccessDenied() }
        guard measure.listsRecords else {
            throw ValidationError("measure", Bilingual("“\(measure.label.zh)”是综合比率，没有逐条记录", "“\(measure.label.en)” is a ratio with no records to list"))
        }
        let period = try Period(raw)
        return try await context.database.read { db in
            let unit = try await Self.checkupUnit(unitID, scope: scope, db: db)
            let rows = try await Self.recordRows(measure, unit: unit, period: period, context: context, db: db)
            let sums = try await db.raw("SELECT COUNT(*) AS n, COALESCE(SUM(x.hits), 0) AS hits, COALESCE(SUM(x.total), 0) AS total FROM (\(rows)) x").first()!
            let records = try await db.raw("SELECT * FROM (\(rows)) x ORDER BY CASE WHEN x.hits < x.total THEN 0 ELSE 1 END, x.label, x.link LIMIT \(unsafeRaw: String(limit))")
                .all().map { row in
                    CheckupRecord(label: try row.decode(column: "label", as: String.self), place: try row.decode(column: "place", as: String?.self) ?? "",
                                  link: try row.decode(column: "link", as: String.self), hits: try row.decode(column: "hits", as: Int.self),
                                  total: try row.decode(column: "total", as: Int.self))
                }
            return CheckupPointRecords(unitID: unit.id, unitName: unit.name, measure: measure, period: period.code, records: records,
                                       count: try sums.decode(column: "n", as: Int.self), hits: try sums.decode(column: "hits", as: Int.self),
                                       total: try sums.decode(column: "total", as: Int.self))
        }
    }

    /// A query of `label, place, link, hits, total`, one row a record, over the rows `checkup` counts for the measure.
    static func recordRows(_ measure: CheckupMeasure, unit: TerritoryUnit, period: Period, context: StoreContext, db: any SQLDatabase) async throws -> SQLQueryString {
        let lo = unit.path, hi = unit.path + "~", now = context.clock(), today = WorkingCalendar.dayKey(now)
        let start = Timestamp.format(period.start), end = Timestamp.format(period.end)
        let startDay = WorkingCalendar.dayKey(period.start), endDay = WorkingCalendar.dayKey(period.end)
        func has(_ kind: String) -> SQLQueryString { "EXISTS (SELECT 1 FROM organizations o WHERE o.unit_id = u.id AND o.kind = \(bind: kind))" }
        func flag(_ condition: SQLQueryString) -> SQLQueryString { "CASE WHEN \(condition) THEN 1 ELSE 0 END" }
        let parent: SQLQueryString = "(SELECT p.name FROM units p WHERE p.id = u.parent_id)"
        let unitLink: SQLQueryString = "'/units/' || CAST(u.id AS TEXT)"
        func units(_ kind: UnitKind, _ hit: SQLQueryString, where extra: SQLQueryString = "") -> SQLQueryString {
            "SELECT u.name AS label, \(parent) AS place, \(unitLink) AS link, \(flag(hit)) AS hits, 1 AS total FROM units u WHERE u.kind = \(bind: kind.rawValue) AND u.path >= \(bind: lo) AND u.path < \(bind: hi) \(extra)"
        }
        let cadres: SQLQueryString = "SELECT c.name AS label, (SELECT u.name FROM units u WHERE u.id = c.unit_id) AS place, '/cadres/' || CAST(c.id AS TEXT) AS link,"
        let cadreRange: SQLQueryString = "FROM cadres c WHERE c.path >= \(bind: lo) AND c.path < \(bind: hi)"
        let summons: SQLQueryString = """
            SELECT s.title AS label, (SELECT d.name FROM departments d WHERE d.id = t.department_id) AS place, '/summons/' || CAST(s.id AS TEXT) AS link,
            """
        let summonsRange: SQLQueryString = """
            FROM summons_targets t JOIN summons s ON s.id = t.summons_id
            WHERE s.path >= \(bind: lo) AND s.path < \(bind: hi) AND s.sent_at >= \(bind: start) AND s.sent_at < \(bind: end) AND s.drill = 0
            """
        let directives: SQLQueryString = """
            SELECT d.title AS label, (SELECT u.name FROM units u WHERE u.id = d.unit_id) AS place,
                   '/directives/' || CAST(d.id AS TEXT) || '?unit=' || CAST(p.unit_id AS TEXT) AS link,
                   p.done + p.refused + p.not_applicable AS hits, p.total AS total
            FROM directive_progress p JOIN directives d ON d.id = p.directive_id
            """
        switch measure {
        case .compoundParty: return units(.compound, has("compound_group"))
        case .ownersCommittees: return units(.compound, has("owners_committee"))
        case .unmanagedAdopted:
            return units(.compound, "EXISTS (SELECT 1 FROM adoptions a WHERE a.compound_id = u.id AND a.starts_on <= \(bind: today) AND a.ends_on >= \(bind: today))",
                         where: "AND NOT \(has("property_company")) AND NOT \(has("owners_committee"))")
        case .gridBranches: return units(.grid, has("grid_branch"))
        case .newEconomicCovered:
            return """
                SELECT o.name AS label, (SELECT u.name FROM units u WHERE u.id = o.unit_id) AS place, '/units/' || CAST(o.unit_id AS TEXT) AS link,
                       o.has_party_org AS hits, 1 AS total
                FROM organizations o WHERE o.kind IN ('business_district', 'office_building', 'internet_firm') AND o.path >= \(bind: lo) AND o.path < \(bind: hi)
                """
        case .householdsCovered:
            return """
                SELECT c.name || ' ' || b.name || ' ' || h.room AS label, g.name AS place, '/households/' || CAST(h.id AS TEXT) AS link,
                       \(flag("EXISTS (SELECT 1 FROM staff s WHERE s.unit_id = h.grid_id AND s.role IN ('grid_worker', 'grid_leader'))")) AS hits, 1 AS total
                FROM households h JOIN units c ON c.id = h.compound_id JOIN units b ON b.id = h.building_id JOIN units g ON g.id = h.grid_id
                WHERE h.path >= \(bind: lo) AND h.path < \(bind: hi)
                """
        case .directiveReach:
            return """
                \(directives) WHERE d.status = 'issued' AND d.drill = 0 AND d.issued_at >= \(bind: start) AND d.issued_at < \(bind: end)
                  AND (p.unit_id = \(bind: unit.id) OR (p.unit_id = d.unit_id AND d.path > \(bind: unit.path) AND d.path < \(bind: hi)))
                """
        case .drillResults:
            return """
                \(directives) WHERE d.status IN ('issued', 'cancelled') AND d.drill = 1 AND d.issued_at >= \(bind: start) AND d.issued_at < \(bind: end)
                  AND ((d.path >= \(bind: lo) AND d.path < \(bind: hi) AND p.unit_id = d.unit_id)
                       OR (p.unit_id = \(bind: unit.id) AND NOT (d.path >= \(bind: lo) AND d.path < \(bind: hi))))
                """
        case .summonsResponse:
            return "\(summons) \(flag("t.accepted_at <= t.respond_due")) AS hits, 1 AS total \(summonsRange) AND (t.accepted_at IS NOT NULL OR t.respond_due <= \(bind: Timestamp.format(now)))"
        case .summonsResolution:
            return "\(summons) \(flag("t.closed_at <= t.resolve_due")) AS hits, 1 AS total \(summonsRange) AND (t.closed_at IS NOT NULL OR t.resolve_due <= \(bind: Timestamp.format(now)))"
        case .requiredTraining:
            // With no required course the point has no data, and so no records.
            return """
                \(cadres) \(flag("""
                    NOT EXISTS (SELECT 1 FROM courses k WHERE k.required = 1 AND k.required_hours > (SELECT COALESCE(SUM(a.hours), 0)
                      FROM training_attendance a JOIN training_sessions ts ON ts.id = a.session_id WHERE a.cadre_id = c.id AND ts.course_id = k.id AND ts.held_on < \(bind: endDay)))
                    """)) AS hits, 1 AS total \(cadreRange) AND EXISTS (SELECT 1 FROM courses WHERE required = 1)
                """
        case .trainingHours:
            let target = CadreParts.target(yearly: try await CadreEvaluationStore.yearlyHours(db), period: period)
            return """
                \(cadres) \(flag("""
                    (SELECT COALESCE(SUM(a.hours), 0) FROM training_attendance a JOIN training_sessions ts ON ts.id = a.session_id
                      WHERE a.cadre_id = c.id AND ts.held_on >= \(bind: startDay) AND ts.held_on < \(bind: endDay)) >= \(bind: target)
                    """)) AS hits, 1 AS total \(cadreRange) AND \(unsafeRaw: target > 0 ? "1 = 1" : "1 = 0")
                """
        case .grassrootsExperience:
            let threeYearsAgo = String(Int(today.prefix(4))! - 3) + today.dropFirst(4)
            return "\(cadres) \(flag("c.grassroots_since <= \(bind: threeYearsAgo)")) AS hits, 1 AS total \(cadreRange)"
        case .registeredUnits: return units(.community, "EXISTS (SELECT 1 FROM member_units m WHERE m.community_id = u.id)")
        case .memberService:
            return """
                SELECT r.name AS label, (SELECT u.name FROM units u WHERE u.id = r.community_id) AS place, '/participation/card/' || CAST(r.id AS TEXT) AS link,
                       \(flag("""
                        EXISTS (SELECT 1 FROM service_hours h WHERE h.member_id = r.id AND h.status = 'approved' AND h.served_on >= \(bind: startDay) AND h.served_on < \(bind: endDay))
                        """)) AS hits, 1 AS total
                FROM member_registrations r WHERE r.status = 'approved' AND r.path >= \(bind: lo) AND r.path < \(bind: hi)
                """
        case .resolutionsCarriedOut:
            return """
                SELECT t.title AS label, (SELECT u.name FROM units u WHERE u.id = t.unit_id) AS place, '/council/' || CAST(t.id AS TEXT) AS link,
                       \(flag("t.status = 'done'")) AS hits, 1 AS total
                FROM topics t WHERE t.path >= \(bind: lo) AND t.path < \(bind: hi) AND t.status IN ('publicized', 'in_progress', 'done') AND t.publicity_until < \(bind: end)
                """
        case .fundTransparency:
            return """
                SELECT COALESCE(e.project, e.party) AS label, u.name AS place, COALESCE('/fund/' || u.code, '/fund') AS link, \(flag("e.topic_id IS NOT NULL")) AS hits, 1 AS total
                FROM fund_entries e JOIN units u ON u.id = e.community_id
                WHERE e.kind = 'disbursement' AND e.path >= \(bind: lo) AND e.path < \(bind: hi) AND e.created_at < \(bind: end)
                  AND NOT EXISTS (SELECT 1 FROM fund_entries r WHERE r.reverses_id = e.id)
                """
        case .requestRates, .registeredMembers:
            throw ValidationError("measure", Bilingual("该项没有逐条记录", "This point has no records to list"))
        }
    }
}
