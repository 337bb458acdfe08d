import Foundation
import GrassrootsCore
import SQLKit

/// One unit's check-up for a period.
public struct UnitCheckup: Sendable, Codable, Equatable {
    public let unitID: Int
    public let unitName: String
    public let kind: UnitKind
    public let households: Int
    public let period: String
    public let scores: CheckupScores
    public let overall: Double?
}

/// The check-up report: the unit, its trend over earlier periods, its rank among its siblings, and its children.
public struct CheckupReport: Sendable, Codable, Equatable {
    public let unit: UnitCheckup
    public let trend: [UnitCheckup]
    public let siblings: [UnitCheckup]
    public let children: [UnitCheckup]
}

/// The check-up (体检): every point read from the records the capabilities keep — nothing entered twice — with the
/// counts behind it, so any figure can be recomputed by hand.
public struct CheckupStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The report for a unit of the scope (a street, community, or the city) and period.
    public func report(unitID: Int, period raw: String, scope: Scope) async throws -> CheckupReport {
        guard scope.role.readsCheckup else { throw AccessDenied() }
        let period = try Period(raw)
        return try await context.database.read { db in
            let unit = try await Self.checkupUnit(unitID, scope: scope, db: db)
            let settings = try await RequestRatesStore.settings(db), yearly = try await CadreEvaluationStore.yearlyHours(db)
            // Coverage is as of today whatever the period: count it once per unit, not once per period and use.
            var coverage: [Int: CoverageCounts] = [:]
            func checkup(_ u: TerritoryUnit, _ p: Period) async throws -> UnitCheckup {
                if coverage[u.id] == nil {
                    coverage[u.id] = try await CoverageStore.counts(from: u.path, to: u.path + "~", today: WorkingCalendar.dayKey(context.clock()), db: db)
                }
                return try await Self.checkup(u, period: p, coverage: coverage[u.id]!, settings: settings, yearlyHours: yearly, context: context, db: db)
            }
            var trend: [UnitCheckup] = []
            var earlier = period
            for _ in 0..<3 where period.code.contains("Q") {
                earlier = earlier.previousQuarter
                trend.insert(try await checkup(unit, earlier), at: 0)
            }
            let children = try await Self.units(parent: unit.id, db: db)
            var siblings: [UnitCheckup] = []
            if let parent = unit.parentID, scope.contains(try await UnitStore.unit(parent, scope: .system, db: db).path) {
                for sibling in try await Self.units(parent: parent, db: db) { siblings.append(try await checkup(sibling, period)) }
            }
            var rows: [UnitCheckup] = []
            for child in children { rows.append(try await checkup(child, period)) }
            let own = try await checkup(unit, period)
            let rank = { (list: [UnitCheckup]) in list.sorted { ($0.overall ?? -1, -$0.unitID) > ($1.overall ?? -1, -$1.unitID) } }
            return CheckupReport(unit: own, trend: trend + [own], siblings: rank(siblings), children: rank(rows))
        }
    }

    /// A unit a check-up is for: the city, a street or a community of the scope.
    static func checkupUnit(_ unitID: Int, scope: Scope, db: any SQLDatabase) async throws -> TerritoryUnit {
        let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
        guard unit.kind <= .community else { throw ValidationError("unit", Bilingual("体检按市、街道或社区进行", "A check-up is for the city, a street or a community")) }
        return unit
    }

    /// Streets and communities directly under a unit.
    static func units(parent: Int, db: any SQLDatabase) async throws -> [TerritoryUnit] {
        try await db.select().columns(TerritoryUnit.columns).from("units").where("parent_id", .equal, SQLBind(parent))
            .where("kind", .in, SQLBind.group([UnitKind.street.rawValue, UnitKind.community.rawValue])).orderBy("code").orderBy("id").all().map(TerritoryUnit.init(row:))
    }

    static func checkup(_ unit: TerritoryUnit, period: Period, coverage c: CoverageCounts, settings: RateSettings, yearlyHours: Double,
                        context: StoreContext, db: any SQLDatabase) async throws -> UnitCheckup {
        let now = context.clock(), today = WorkingCalendar.dayKey(now)
        let lo = unit.path, hi = unit.path + "~"
        let start = Timestamp.format(period.start), end = Timestamp.format(period.end)
        let startDay = WorkingCalendar.dayKey(period.start), endDay = WorkingCalendar.dayKey(period.end)
        var area = AreaResults(context: context, period: period, db: db)
        area.coverage[unit.id] = c
        let outcome = try await area.result(unit)
        func count(_ sql: SQLQueryString) async throws -> Int { try await db.raw(sql).first()!.decode(column: "n", as: Int.self) }

        let summonsBase: SQLQueryString = "FROM summons_targets t JOIN summons s ON s.id = t.summons_id WHERE s.path >= \(bind: lo) AND s.path < \(bind: hi) AND s.sent_at >= \(bind: start) AND s.sent_at < \(bind: end) AND s.drill = 0"
        let respondDue = try await count("SELECT COUNT(*) AS n \(summonsBase) AND (t.accepted_at IS NOT NULL OR t.respond_due <= \(bind: Timestamp.format(now)))")
        let respondOnTime = try await count("SELECT COUNT(*) AS n \(summonsBase) AND t.accepted_at <= t.respond_due")
        let resolveDue = try await count("SELECT COUNT(*) AS n \(summonsBase) AND (t.closed_at IS NOT NULL OR t.resolve_due <= \(bind: Timestamp.format(now)))")
        let resolveOnTime = try await count("SELECT COUNT(*) AS n \(summonsBase) AND t.closed_at <= t.resolve_due")

        // Drills (演练) are kept out of directive reach; here they count on their own: targets reached in the period's drills,
        // those run within the unit counted at the unit that ran them, those from above at this unit.
        let drill = try await db.raw("""
            SELECT COALESCE(SUM(p.done + p.refused + p.not_applicable), 0) AS reached, COALESCE(SUM(p.total), 0) AS total
            FROM directive_progress p JOIN directives d ON d.id = p.directive_id
            WHERE d.status IN ('issued', 'cancelled') AND d.drill = 1 AND d.issued_at >= \(bind: start) AND d.issued_at < \(bind: end)
              AND ((d.path >= \(bind: lo) AND d.path < \(bind: hi) AND p.unit_id = d.unit_id)
                   OR (p.unit_id = \(bind: unit.id) AND NOT (d.path >= \(bind: lo) AND d.path < \(bind: hi))))
            """).first()!
        let drillReach = Share(try drill.decode(column: "reached", as: Int.self), of: try drill.decode(column: "total", as: Int.self))

        let cadreBase: SQLQueryString = "FROM cadres c WHERE c.path >= \(bind: lo) AND c.path < \(bind: hi)"
        let cadres = try await count("SELECT COUNT(*) AS n \(cadreBase)")
        let required = try await count("SELECT COUNT(*) AS n FROM courses WHERE required = 1")
        let trained = try await count("""
            SELECT COUNT(*) AS n \(cadreBase) AND NOT EXISTS (SELECT 1 FROM courses k WHERE k.required = 1 AND k.required_hours > (SELECT COALESCE(SUM(a.hours), 0)
              FROM training_attendance a JOIN training_sessions ts ON ts.id = a.session_id WHERE a.cadre_id = c.id AND ts.course_id = k.id AND ts.held_on < \(bind: endDay)))
            """)
        let target = CadreParts.target(yearly: yearlyHours, period: period)
        let onTarget = try await count("""
            SELECT COUNT(*) AS n \(cadreBase) AND (SELECT COALESCE(SUM(a.hours), 0) FROM training_attendance a JOIN training_sessions ts ON ts.id = a.session_id
              WHERE a.cadre_id = c.id AND ts.held_on >= \(bind: startDay) AND ts.held_on < \(bind: endDay)) >= \(bind: target)
            """)
        let threeYearsAgo = String(Int(today.prefix(4))! - 3) + today.dropFirst(4)
        let experienced = try await count("SELECT COUNT(*) AS n \(cadreBase) AND c.grassroots_since <= \(bind: threeYearsAgo)")

        let communities = try await count("SELECT COUNT(*) AS n FROM units u WHERE u.kind = 'community' AND u.path >= \(bind: lo) AND u.path < \(bind: hi)")
        let withUnits = try await count("""
            SELECT COUNT(*) AS n FROM units u WHERE u.kind = 'community' AND u.path >= \(bind: lo) AND u.path < \(bind: hi)
              AND EXISTS (SELECT 1 FROM member_units m WHERE m.community_id = u.id)
            """)
        let members = try await count("SELECT COUNT(*) AS n FROM member_registrations r WHERE r.status = 'approved' AND r.path >= \(bind: lo) AND r.path < \(bind: hi)")
        let serving = try await count("""
            SELECT COUNT(*) AS n FROM member_registrations r WHERE r.status = 'approved' AND r.path >= \(bind: lo) AND r.path < \(bind: hi)
              AND EXISTS (SELECT 1 FROM service_hours h WHERE h.member_id = r.id AND h.status = 'approved' AND h.served_on >= \(bind: startDay) AND h.served_on < \(bind: endDay))
            """)
        let resolutionBase: SQLQueryString = """
            FROM topics t WHERE t.path >= \(bind: lo) AND t.path < \(bind: hi) AND t.status IN ('publicized', 'in_progress', 'done') AND t.publicity_until < \(bind: end)
            """
        let resolutions = try await count("SELECT COUNT(*) AS n \(resolutionBase)")
        let carriedOut = try await count("SELECT COUNT(*) AS n \(resolutionBase) AND t.status = 'done'")
        let spendingBase: SQLQueryString = """
            FROM fund_entries e WHERE e.kind = 'disbursement' AND e.path >= \(bind: lo) AND e.path < \(bind: hi) AND e.created_at < \(bind: end)
              AND NOT EXISTS (SELECT 1 FROM fund_entries r WHERE r.reverses_id = e.id)
            """
        let disbursements = try await count("SELECT COUNT(*) AS n \(spendingBase)")
        let tied = try await count("SELECT COUNT(*) AS n \(spendingBase) AND e.topic_id IS NOT NULL")

        let requestComposite = outcome.requests.composite(settings)
        let values: [CheckupValue] = [
            CheckupValue(.compoundParty, Share(c.compounds - c.compoundsWithoutPartyGroup, of: c.compounds)),
            CheckupValue(.ownersCommittees, Share(c.compounds - c.compoundsWithoutOwnersCommittee, of: c.compounds)),
            CheckupValue(.unmanagedAdopted, Share(c.unmanagedAdopted, of: c.unmanagedCompounds)),
            CheckupValue(.gridBranches, Share(c.grids - c.gridsWithoutBranch, of: c.grids)),
            CheckupValue(.newEconomicCovered, Share(c.newEconomicOrganizations - c.newEconomicWithoutParty, of: c.newEconomicOrganizations)),
            CheckupValue(.householdsCovered, Share(c.households - c.householdsWithoutStaff, of: c.households)),
            CheckupValue(.directiveReach, outcome.reach),
            CheckupValue(.drillResults, drillReach),
            CheckupValue(.summonsResponse, Share(respondOnTime, of: respondDue)),
            CheckupValue(.summonsResolution, Share(resolveOnTime, of: resolveDue)),
            CheckupValue(.requestRates, Share(outcome.requests.followUps, of: outcome.requests.due), ratio: requestComposite.map { $0 / 100 }),
            CheckupValue(.requiredTraining, Share(required > 0 ? trained : 0, of: required > 0 ? cadres : 0)),
            CheckupValue(.trainingHours, Share(onTarget, of: target > 0 ? cadres : 0)),
            CheckupValue(.grassrootsExperience, Share(experienced, of: cadres)),
            CheckupValue(.registeredUnits, Share(withUnits, of: communities)),
            CheckupValue(.registeredMembers, Share(members, of: c.partyMembers), ratio: c.partyMembers == 0 ? nil : min(1, Double(members) / Double(c.partyMembers))),
            CheckupValue(.memberService, Share(serving, of: members)),
            CheckupValue(.resolutionsCarriedOut, Share(carriedOut, of: resolutions)),
            CheckupValue(.fundTransparency, Share(tied, of: disbursements)),
        ]
        let scores = CheckupScores(values)
        return UnitCheckup(unitID: unit.id, unitName: unit.name, kind: unit.kind, households: c.households, period: period.code, scores: scores, overall: scores.overall)
    }
}
