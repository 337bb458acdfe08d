import Foundation
import GrassrootsCore
import SQLKit

/// One unit's three rates for a period, with the counts behind them.
public struct UnitRates: Sendable, Codable, Equatable {
    public let unitID: Int
    public let unitName: String
    public let requests: Int
    public let tally: RequestTally
    public let rates: [RateComponent: Double]
    public let composite: Double?
}

/// The three rates (响应率、解决率、满意率) per unit and period, and their configuration.
public struct RequestRatesStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The weights and the "basically satisfied" factor in force.
    public func settings() async throws -> RateSettings { try await context.database.read { db in try await Self.settings(db) } }

    /// Sets the weights and factor (the city only).
    public func setSettings(_ settings: RateSettings, scope: Scope) async throws {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("“三率”权重由市级设置", "The city sets the weights")) }
        try await context.database.write { db in
            for (component, weight) in settings.weights {
                try await db.update("rate_weights").set("weight", to: SQLBind(weight)).where("component", .equal, SQLBind(component.rawValue)).run()
            }
            try await db.update("settings").set("value", to: SQLBind(String(settings.basicallyFactor))).where("key", .equal, SQLBind("rate_basically_factor")).run()
            try await AuditLog.record(db, scope, "set_rate_settings", "request_rates", id: nil, path: scope.path, now: context.clock())
        }
    }

    /// The unit's rates and, ranked by composite, those of each street or community directly under it.
    public func rates(unitID: Int, period raw: String, scope: Scope) async throws -> (unit: UnitRates, children: [UnitRates]) {
        guard scope.role.reportsFieldWork || scope.role == .auditor else { throw AccessDenied() }
        let period = try Period(raw)
        return try await context.database.read { db in
            let settings = try await Self.settings(db)
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            let children = try await db.select().columns(TerritoryUnit.columns).from("units").where("parent_id", .equal, SQLBind(unit.id))
                .where("kind", .in, SQLBind.group([UnitKind.street.rawValue, UnitKind.community.rawValue, UnitKind.grid.rawValue])).orderBy("code").orderBy("id")
                .all().map(TerritoryUnit.init(row:))
            var rows: [UnitRates] = []
            for child in children { rows.append(try await rates(child, period: period, settings: settings, db: db)) }
            let ranked = rows.sorted { ($0.composite ?? -1, -$0.unitID) > ($1.composite ?? -1, -$1.unitID) }
            return (try await rates(unit, period: period, settings: settings, db: db), ranked)
        }
    }

    func rates(_ unit: TerritoryUnit, period: Period, settings: RateSettings, db: any SQLDatabase) async throws -> UnitRates {
        let now = context.nowText
        let row = try await db.raw("""
            SELECT COUNT(*) AS requests,
              COALESCE(SUM(CASE WHEN responded_at IS NOT NULL OR respond_by <= \(bind: now) THEN 1 ELSE 0 END), 0) AS due,
              COALESCE(SUM(CASE WHEN responded_at IS NOT NULL AND responded_at <= respond_by THEN 1 ELSE 0 END), 0) AS on_time,
              COALESCE(SUM(CASE WHEN solved IS NOT NULL THEN 1 ELSE 0 END), 0) AS follow_ups,
              COALESCE(SUM(CASE WHEN solved = 1 THEN 1 ELSE 0 END), 0) AS solved,
              COALESCE(SUM(CASE WHEN satisfaction = 'satisfied' AND \(unsafeRaw: Self.counted) THEN 1 ELSE 0 END), 0) AS satisfied,
              COALESCE(SUM(CASE WHEN satisfaction = 'basically_satisfied' AND \(unsafeRaw: Self.counted) THEN 1 ELSE 0 END), 0) AS basically,
              COALESCE(SUM(CASE WHEN satisfaction = 'dissatisfied' AND \(unsafeRaw: Self.counted) THEN 1 ELSE 0 END), 0) AS dissatisfied,
              COALESCE(SUM(CASE WHEN satisfaction IS NOT NULL AND flag_status = 'approved' THEN 1 ELSE 0 END), 0) AS excluded
            FROM requests
            WHERE withdrawn = 0 AND path >= \(bind: unit.path) AND path < \(bind: unit.path + "~")
              AND created_at >= \(bind: Timestamp.format(period.start)) AND created_at < \(bind: Timestamp.format(period.end))
            """).first()!
        var tally = RequestTally()
        tally.due = try row.decode(column: "due", as: Int.self)
        tally.respondedOnTime = try row.decode(column: "on_time", as: Int.self)
        tally.followUps = try row.decode(column: "follow_ups", as: Int.self)
        tally.solved = try row.decode(column: "solved", as: Int.self)
        tally.satisfied = try row.decode(column: "satisfied", as: Int.self)
        tally.basicallySatisfied = try row.decode(column: "basically", as: Int.self)
        tally.dissatisfied = try row.decode(column: "dissatisfied", as: Int.self)
        tally.excluded = try row.decode(column: "excluded", as: Int.self)
        return UnitRates(unitID: unit.id, unitName: unit.name, requests: try row.decode(column: "requests", as: Int.self), tally: tally,
                         rates: tally.rates(settings), composite: tally.composite(settings))
    }

    /// Feedback counts in satisfaction unless its exclusion was approved.
    static let counted = "(flag_status IS NULL OR flag_status <> 'approved')"

    static func settings(_ db: any SQLDatabase) async throws -> RateSettings {
        var weights: [RateComponent: Double] = [:]
        for row in try await db.raw("SELECT component, weight FROM rate_weights").all() {
            if let c = RateComponent(rawValue: try row.decode(column: "component", as: String.self)) { weights[c] = try row.decode(column: "weight", as: Double.self) }
        }
        let factor = try await db.raw("SELECT value FROM settings WHERE key = 'rate_basically_factor'").first()?.decode(column: "value", as: String.self)
        return (try? RateSettings(weights: weights, basicallyFactor: factor.flatMap(Double.init) ?? 0.9)) ?? .defaults
    }
}
