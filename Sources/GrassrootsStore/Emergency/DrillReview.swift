import Foundation
import GrassrootsCore
import SQLKit

/// The review of an activation (kept for real incidents too, but made for drills): how fast each tier reached its
/// households, which compounds stalled, which staff never reported, the estimate beside the outcome, and earlier
/// drills of the same plan for comparison.
public struct DrillReview: Sendable, Codable, Equatable {
    public let incident: Incident
    /// Measured until stand-down, or until now while active.
    public let cutoff: Date
    public let overall: ReachTimes
    public let tiers: [TierReach]
    public let stalledCompounds: [StalledCompound]
    public let silentStaff: [SilentStaff]
    public let history: [DrillReview.DrillSummary]

    /// One street, community or grid and its times.
    public struct TierReach: Sendable, Codable, Equatable {
        public let unitID: Int
        public let name: String
        public let kind: UnitKind
        public let depth: Int
        public let times: ReachTimes
    }

    /// A compound with targets still open and no report within the directive's stall time before the cutoff.
    public struct StalledCompound: Sendable, Codable, Equatable {
        public let unitID: Int
        public let name: String
        public let pending: Int
        public let lastReportAt: Date?
    }

    /// A grid worker (or building leader) with assignments in the activation who reported none of them.
    public struct SilentStaff: Sendable, Codable, Equatable {
        public let name: String
        public let unitName: String
        public let assignments: Int
    }

    /// One earlier (or this) activation of the plan: the overall times and the estimate.
    public struct DrillSummary: Sendable, Codable, Equatable {
        public let incidentID: Int
        public let activatedAt: Date
        public let level: ResponseLevel
        public let drill: Bool
        public let times: ReachTimes
        public let estimatedHours: Double
    }
}

extension IncidentStore {
    /// The review of an incident the scope sees.
    public func review(_ id: Int, scope: Scope) async throws -> DrillReview {
        let now = context.clock()
        return try await context.database.read { db in
            let incident = try await Self.incident(id, scope: scope, db: db)
            let cutoff = incident.stoodDownAt ?? now
            let directives = incident.items.filter { $0.kind == .directive }.map(\.id)
            let reached = try await Self.reached(directives, cutoff: cutoff, db: db)
            var tierTimes: [Int: [Date]] = [:], tierTotals: [Int: Int] = [:]
            let tierUnits = try await Self.tierUnits(incident, db: db)
            let known = Set(tierUnits.map(\.id))
            for (path, at) in reached {
                for id in path.split(separator: "/").compactMap({ Int($0) }) where known.contains(id) {
                    tierTotals[id, default: 0] += 1
                    if let at { tierTimes[id, default: []].append(at) }
                }
            }
            let tiers = tierUnits.map { unit in
                DrillReview.TierReach(unitID: unit.id, name: unit.name, kind: unit.kind, depth: unit.depth,
                                      times: ReachTimes(activatedAt: incident.activatedAt, total: tierTotals[unit.id] ?? 0, reachedAt: tierTimes[unit.id] ?? []))
            }
            let overall = ReachTimes(activatedAt: incident.activatedAt, total: reached.count, reachedAt: reached.compactMap(\.at))
            var history: [DrillReview.DrillSummary] = []
            for row in try await db.raw("""
                SELECT id, level, drill, activated_at, stood_down_at, estimate_json FROM incidents WHERE plan_id = \(bind: incident.planID)
                  AND \(scope.withinOrAbove())
                ORDER BY activated_at DESC, id DESC LIMIT 10
                """).all() {
                let other = try row.decode(column: "id", as: Int.self), start = try row.date("activated_at") ?? .distantPast
                let ids = try await db.raw("SELECT ref_id FROM incident_items WHERE incident_id = \(bind: other) AND kind = 'directive'").all()
                    .map { try $0.decode(column: "ref_id", as: Int.self) }
                let times = try await Self.reached(ids, cutoff: try row.date("stood_down_at") ?? now, db: db)
                let estimate = try JSONDecoder().decode(CapacityEstimate.self, from: Data(try row.decode(column: "estimate_json", as: String.self).utf8))
                history.append(DrillReview.DrillSummary(incidentID: other, activatedAt: start, level: ResponseLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .iv,
                                            drill: try row.decode(column: "drill", as: Int.self) == 1,
                                            times: ReachTimes(activatedAt: start, total: times.count, reachedAt: times.compactMap(\.at)),
                                            estimatedHours: estimate.slowestHours))
            }
            return DrillReview(incident: incident, cutoff: cutoff, overall: overall, tiers: tiers,
                               stalledCompounds: try await Self.stalled(directives, cutoff: cutoff, db: db),
                               silentStaff: try await Self.silent(directives, db: db), history: history)
        }
    }

    /// Each assignment's path and when it was reached (nil: not reached by the cutoff).
    static func reached(_ directives: [Int], cutoff: Date, db: any SQLDatabase) async throws -> [(path: String, at: Date?)] {
        guard !directives.isEmpty else { return [] }
        return try await db.raw("""
            SELECT path, outcome, submitted_at FROM assignments WHERE directive_id IN \(SQLBind.group(directives))
            """).all().map { row in
            let at = try row.date("submitted_at")
            // Reached as Mobilization counts it: done, refused or not applicable — an absent household is not reached yet.
            let done = ["done", "refused", "not_applicable"].contains(try row.decode(column: "outcome", as: String.self)) && at.map { $0 <= cutoff } == true
            return (try row.decode(column: "path", as: String.self), done ? at : nil)
        }
    }

    /// The streets, communities and grids the incident covered, in tree order.
    static func tierUnits(_ incident: Incident, db: any SQLDatabase) async throws -> [TerritoryUnit] {
        var units: [TerritoryUnit] = []
        for covered in incident.units {
            let root = try await UnitStore.unit(covered.unitID, scope: .system, db: db)
            units += try await db.select().columns(TerritoryUnit.columns).from("units")
                .where("kind", .in, SQLBind.group([UnitKind.street, .community, .grid].map(\.rawValue)))
                .where("path", .greaterThanOrEqual, SQLBind(root.path)).where("path", .lessThan, SQLBind(root.path + "~"))
                .orderBy("path").all().map(TerritoryUnit.init(row:))
        }
        return units
    }

    static func stalled(_ directives: [Int], cutoff: Date, db: any SQLDatabase) async throws -> [DrillReview.StalledCompound] {
        guard !directives.isEmpty else { return [] }
        var byUnit: [Int: DrillReview.StalledCompound] = [:]
        for row in try await db.raw("""
            SELECT p.unit_id, u.name, p.pending, p.last_report_at, d.stall_hours FROM directive_progress p
            JOIN directives d ON d.id = p.directive_id JOIN units u ON u.id = p.unit_id
            WHERE p.directive_id IN \(SQLBind.group(directives)) AND p.kind = 'compound' AND p.pending > 0
            """).all() {
            let last = try row.date("last_report_at"), stall = Double(try row.decode(column: "stall_hours", as: Int.self)) * 3600
            guard last.map({ cutoff.timeIntervalSince($0) > stall }) ?? true else { continue }
            let id = try row.decode(column: "unit_id", as: Int.self), pending = try row.decode(column: "pending", as: Int.self)
            let previous = byUnit[id]
            byUnit[id] = DrillReview.StalledCompound(unitID: id, name: try row.decode(column: "name", as: String.self), pending: (previous?.pending ?? 0) + pending,
                                                     lastReportAt: [previous?.lastReportAt, last].compactMap { $0 }.max())
        }
        return byUnit.values.sorted { ($0.pending, $1.name) > ($1.pending, $0.name) }
    }

    static func silent(_ directives: [Int], db: any SQLDatabase) async throws -> [DrillReview.SilentStaff] {
        guard !directives.isEmpty else { return [] }
        return try await db.raw("""
            SELECT s.name, g.name AS unit_name, COUNT(*) AS n FROM assignments a JOIN staff s ON s.id = a.responsible_staff_id JOIN units g ON g.id = s.unit_id
            WHERE a.directive_id IN \(SQLBind.group(directives))
            GROUP BY s.id, s.name, g.name HAVING SUM(CASE WHEN a.submitted_at IS NOT NULL THEN 1 ELSE 0 END) = 0 ORDER BY g.name, s.name
            """).all().map { DrillReview.SilentStaff(name: try $0.decode(column: "name", as: String.self), unitName: try $0.decode(column: "unit_name", as: String.self),
                                                    assignments: try $0.decode(column: "n", as: Int.self)) }
    }
}
