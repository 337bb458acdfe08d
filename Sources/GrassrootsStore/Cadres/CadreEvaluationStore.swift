import Foundation
import GrassrootsCore
import SQLKit

/// The outcomes of one area a cadre serves: its organization coverage now and the reach of the period's directives.
public struct AreaResult: Sendable, Codable, Equatable {
    public let unitID: Int
    public let unitName: String
    public let path: String
    /// Compounds with a party group plus grids with a branch, of compounds plus grids.
    public let coverage: Share
    /// Targets reached, of the targets of the period's directives, at this unit.
    public let reach: Share
    /// The counts behind the area's request rates for the period.
    public let requests: RequestTally
}

/// One cadre's evaluation for a period: the parts with their counts, the areas served and the score.
public struct CadreEvaluationRow: Sendable, Codable, Equatable {
    public let cadre: Cadre
    public let parts: CadreParts
    public let areas: [AreaResult]
    public let score: Double?
}

/// The period evaluation of the cadres a scope sees, with the weights and hours target it was computed with.
public struct CadreEvaluation: Sendable, Codable, Equatable {
    public let period: String
    public let weights: CadreWeights
    public let yearlyHours: Double
    /// The request-rate settings the areas' composites were computed with.
    public let rateSettings: RateSettings
    public let rows: [CadreEvaluationRow]
}

/// One unit's cadre record beside the outcomes of its area, for the table of a unit's streets or communities.
public struct UnitCadreRecord: Sendable, Codable, Equatable {
    public let unitID: Int
    public let unitName: String
    public let kind: UnitKind
    /// Cadres working in the unit's subtree who completed every required course, of those cadres.
    public let trained: Share
    /// Hours they attended in the period.
    public let hours: Double
    /// Secondments into the subtree whose term overlaps the period.
    public let secondedIn: Int
    public let coverage: Share
    public let reach: Share
    /// The composite of the area's request rates (out of 100), nil without requests.
    public let requests: Double?
}

/// Computes the cadre evaluation from the records (training, secondments, the areas' coverage and directive reach);
/// keeps its weights and the yearly hours target as configuration.
public struct CadreEvaluationStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The weights in force.
    public func weights() async throws -> CadreWeights { try await context.database.read { db in try await Self.weights(db) } }

    /// Sets the weights (the city only); they must add up to 1.
    public func setWeights(_ weights: [CadreComponent: Double], scope: Scope) async throws {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("考评权重由市级设置", "The city sets the weights")) }
        let checked = try CadreWeights(weights)
        try await context.database.write { db in
            for (component, weight) in checked.weights {
                try await db.update("cadre_weights").set("weight", to: SQLBind(weight)).where("component", .equal, SQLBind(component.rawValue)).run()
            }
            try await AuditLog.record(db, scope, "set_weights", "cadre_evaluation", id: nil, path: scope.path, now: context.clock())
        }
    }

    /// The training hours each cadre is expected to attend in a year.
    public func yearlyHours() async throws -> Double { try await context.database.read { db in try await Self.yearlyHours(db) } }

    /// Sets the yearly hours target (the city only).
    public func setYearlyHours(_ hours: Double, scope: Scope) async throws {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("学时目标由市级设置", "The city sets the hours target")) }
        guard Hours.valid(hours, max: 500) else {
            throw ValidationError("yearly_hours", Bilingual("年度学时目标应在 0.5 到 500 之间", "The yearly target must be 0.5–500 hours"))
        }
        try await context.database.write { db in
            try await db.update("settings").set("value", to: SQLBind(Hours.text(hours))).where("key", .equal, SQLBind("cadre_yearly_hours")).run()
            try await AuditLog.record(db, scope, "set_hours_target", "cadre_evaluation", id: nil, path: scope.path, detail: Hours.text(hours), now: context.clock())
        }
    }

    /// The evaluation of every cadre the scope sees (or one), for `period`.
    public func evaluation(period raw: String, cadreID: Int? = nil, scope: Scope) async throws -> CadreEvaluation {
        let period = try Period(raw)
        let cadres: [Cadre]
        if let cadreID { cadres = [try await CadreStore(context).cadre(cadreID, scope: scope)] } else { cadres = try await CadreStore(context).list(scope: scope) }
        let start = WorkingCalendar.dayKey(period.start), end = WorkingCalendar.dayKey(period.end)
        return try await context.database.read { db in
            let weights = try await Self.weights(db), yearly = try await Self.yearlyHours(db)
            let ids = cadres.map(\.id)
            let required = try await TrainingStore.courses(db).filter { $0.required }
            // Hours per cadre and course: up to the period's end (completion) and within the period.
            var upToEnd: [Int: [Int: Double]] = [:], within: [Int: Double] = [:]
            var reviews: [Int: [ReviewOutcome]] = [:], areas: [Int: [TerritoryUnit]] = [:]
            for chunk in chunked(ids, size: 500) {
                for row in try await db.raw("""
                    SELECT a.cadre_id, t.course_id, SUM(a.hours) AS total,
                           SUM(CASE WHEN t.held_on >= \(bind: start) THEN a.hours ELSE 0 END) AS within
                    FROM training_attendance a JOIN training_sessions t ON t.id = a.session_id
                    WHERE a.cadre_id IN (\(binds: Array(chunk))) AND t.held_on < \(bind: end) GROUP BY a.cadre_id, t.course_id
                    """).all() {
                    let cadre = try row.decode(column: "cadre_id", as: Int.self)
                    upToEnd[cadre, default: [:]][try row.decode(column: "course_id", as: Int.self)] = try row.decode(column: "total", as: Double.self)
                    within[cadre, default: 0] += try row.decode(column: "within", as: Double.self)
                }
                for row in try await db.raw("""
                    SELECT s.cadre_id, s.outcome, s.reviewed_on, s.starts_on, s.ends_on, u.id, u.parent_id, u.kind, u.code, u.name, u.path, u.depth, u.address
                    FROM secondments s JOIN units u ON u.id = s.unit_id
                    WHERE s.cadre_id IN (\(binds: Array(chunk))) AND s.starts_on < \(bind: end) AND (s.ends_on >= \(bind: start) OR s.reviewed_on >= \(bind: start))
                    """).all() {
                    let cadre = try row.decode(column: "cadre_id", as: Int.self)
                    if let day = try row.decode(column: "reviewed_on", as: String?.self), day >= start, day < end,
                       let outcome = try row.decode(column: "outcome", as: String?.self).flatMap(ReviewOutcome.init(rawValue:)) {
                        reviews[cadre, default: []].append(outcome)
                    }
                    if try row.decode(column: "ends_on", as: String.self) >= start { areas[cadre, default: []].append(try TerritoryUnit(row: row)) }
                }
            }
            var results = AreaResults(context: context, period: period, db: db)
            let rateSettings = try await RequestRatesStore.settings(db)
            var rows: [CadreEvaluationRow] = []
            for cadre in cadres {
                let own = cadre.tier == .agency ? [] : [try await UnitStore.unit(cadre.unitID, scope: .system, db: db)]
                var served: [AreaResult] = []
                for unit in own + (areas[cadre.id] ?? []) where !served.contains(where: { $0.unitID == unit.id }) {
                    served.append(try await results.result(unit))
                }
                let done = required.filter { courseCompleted(attended: upToEnd[cadre.id]?[$0.id] ?? 0, required: $0.requiredHours) }.count
                let parts = CadreParts(requiredTraining: Share(done, of: required.count), hours: within[cadre.id] ?? 0,
                                       hoursTarget: CadreParts.target(yearly: yearly, period: period), reviews: reviews[cadre.id] ?? [],
                                       coverage: Share(served.map(\.coverage.hits).reduce(0, +), of: served.map(\.coverage.of).reduce(0, +)),
                                       reach: Share(served.map(\.reach.hits).reduce(0, +), of: served.map(\.reach.of).reduce(0, +)),
                                       requests: served.map(\.requests).reduce(RequestTally(), +).composite(rateSettings))
                rows.append(CadreEvaluationRow(cadre: cadre, parts: parts, areas: served, score: weights.score(parts.values)))
            }
            return CadreEvaluation(period: period.code, weights: weights, yearlyHours: yearly, rateSettings: rateSettings, rows: rows)
        }
    }

    /// For each street or community directly under `unit`: its cadres' training record and the secondments into it,
    /// beside its organization coverage and the reach of the period's directives.
    public func units(under unit: TerritoryUnit, period raw: String, scope: Scope) async throws -> [UnitCadreRecord] {
        guard scope.contains(unit.path) else { throw AccessDenied() }
        let evaluation = try await evaluation(period: raw, scope: scope)
        let period = try Period(raw)
        let start = WorkingCalendar.dayKey(period.start), end = WorkingCalendar.dayKey(period.end)
        return try await context.database.read { db in
            let children = try await db.select().columns(TerritoryUnit.columns).from("units").where("parent_id", .equal, SQLBind(unit.id))
                .where("kind", .in, SQLBind.group([UnitKind.street.rawValue, UnitKind.community.rawValue])).orderBy("code").orderBy("id")
                .all().map(TerritoryUnit.init(row:))
            var results = AreaResults(context: context, period: period, db: db)
            let rateSettings = try await RequestRatesStore.settings(db)
            var records: [UnitCadreRecord] = []
            for child in children {
                let rows = evaluation.rows.filter { $0.cadre.path.hasPrefix(child.path) }
                let trained = rows.filter { $0.parts.requiredTraining.of > 0 && $0.parts.requiredTraining.hits == $0.parts.requiredTraining.of }.count
                let seconded = try await db.raw("""
                    SELECT COUNT(*) AS n FROM secondments WHERE path >= \(bind: child.path) AND path < \(bind: child.path + "~")
                      AND starts_on < \(bind: end) AND ends_on >= \(bind: start)
                    """).first()!.decode(column: "n", as: Int.self)
                let area = try await results.result(child)
                records.append(UnitCadreRecord(unitID: child.id, unitName: child.name, kind: child.kind, trained: Share(trained, of: rows.count),
                                               hours: rows.map(\.parts.hours).reduce(0, +), secondedIn: seconded, coverage: area.coverage, reach: area.reach,
                                               requests: area.requests.composite(rateSettings)))
            }
            return records
        }
    }

    static func weights(_ db: any SQLDatabase) async throws -> CadreWeights {
        var weights: [CadreComponent: Double] = [:]
        for row in try await db.raw("SELECT component, weight FROM cadre_weights").all() {
            if let c = CadreComponent(rawValue: try row.decode(column: "component", as: String.self)) { weights[c] = try row.decode(column: "weight", as: Double.self) }
        }
        return (try? CadreWeights(weights)) ?? .defaults
    }

    static func yearlyHours(_ db: any SQLDatabase) async throws -> Double {
        let raw = try await db.raw("SELECT value FROM settings WHERE key = 'cadre_yearly_hours'").first()?.decode(column: "value", as: String.self)
        return raw.flatMap(Double.init) ?? 40
    }
}

/// The outcomes of areas, computed once per unit however many cadres serve it.
struct AreaResults {
    let context: StoreContext
    let period: Period
    let db: any SQLDatabase
    private var cache: [Int: AreaResult] = [:]
    /// Coverage is as of today, not of the period: a caller computing several periods passes the counts it has.
    var coverage: [Int: CoverageCounts] = [:]

    init(context: StoreContext, period: Period, db: any SQLDatabase) { self.context = context; self.period = period; self.db = db }

    mutating func result(_ unit: TerritoryUnit) async throws -> AreaResult {
        if let known = cache[unit.id] { return known }
        let counts: CoverageCounts
        if let known = coverage[unit.id] { counts = known }
        else { counts = try await CoverageStore.counts(from: unit.path, to: unit.path + "~", today: WorkingCalendar.dayKey(context.clock()), db: db) }
        let organized = (counts.compounds - counts.compoundsWithoutPartyGroup) + (counts.grids - counts.gridsWithoutBranch)
        let reach = try await db.raw("""
            SELECT COALESCE(SUM(p.done + p.refused + p.not_applicable), 0) AS reached, COALESCE(SUM(p.total), 0) AS total
            FROM directive_progress p JOIN directives d ON d.id = p.directive_id
            WHERE d.status = 'issued' AND d.drill = 0
              -- A directive reaching into the unit counts at the unit's own row; one issued below it, at its issuing
              -- unit's row (a city has no row for a street's directive, and read 0/0 while streets were at work).
              AND (p.unit_id = \(bind: unit.id)
                   OR (p.unit_id = d.unit_id AND d.path > \(bind: unit.path) AND d.path < \(bind: unit.path + "~")))
              AND d.issued_at >= \(bind: Timestamp.format(period.start)) AND d.issued_at < \(bind: Timestamp.format(period.end))
            """).first()!
        let requests = try await RequestRatesStore(context).rates(unit, period: period, settings: .defaults, db: db).tally
        let result = AreaResult(unitID: unit.id, unitName: unit.name, path: unit.path, coverage: Share(organized, of: counts.compounds + counts.grids),
                                reach: Share(try reach.decode(column: "reached", as: Int.self), of: try reach.decode(column: "total", as: Int.self)),
                                requests: requests)
        cache[unit.id] = result
        return result
    }
}
