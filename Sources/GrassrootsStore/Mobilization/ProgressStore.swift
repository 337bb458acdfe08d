import Foundation
import GrassrootsCore
import SQLKit

/// Reads the maintained roll-up counters: never by scanning assignments.
public struct ProgressStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The unit the caller's view of a directive starts at: the issuing unit, or the caller's own unit when the
    /// directive reaches into the scope from above.
    public func rootUnitID(of directive: Directive, scope: Scope) async throws -> Int {
        if directive.viewPath(for: scope) == directive.path { return directive.unitID }
        return try await UnitStore(context).root(of: scope).id
    }

    /// The progress tree under `unitID` (default: the view's root), `levels` tiers deep, parents before children.
    public func tree(directiveID: Int, unitID: Int? = nil, levels: Int = 2, scope: Scope) async throws -> [UnitProgress] {
        let directive = try await DirectiveStore(context).directive(directiveID, scope: scope)
        let rootID: Int
        if let unitID { rootID = unitID } else { rootID = try await rootUnitID(of: directive, scope: scope) }
        return try await context.database.read { db in
            let root = try await UnitStore.unit(rootID, scope: scope, db: db)
            return try await db.raw("""
                \(unsafeRaw: UnitProgress.select) WHERE p.directive_id = \(bind: directiveID) AND p.path >= \(bind: root.path)
                  AND p.path < \(bind: root.path + "~") AND p.depth <= \(bind: root.depth + max(0, min(levels, 3)))
                ORDER BY p.path
                """).all().map(UnitProgress.init(row:))
        }
    }

    /// Each directive's counters as the caller sees it: at the caller's own unit when the directive reaches into it
    /// from above (a grid worker's 227 households, not the street's 1,362), at its issuing unit otherwise.
    public func counts(directiveIDs: [Int], scope: Scope) async throws -> [Int: ProgressCounts] {
        guard !directiveIDs.isEmpty else { return [:] }
        let root = try await UnitStore(context).root(of: scope)
        return try await context.database.read { db in
            var found: [Int: (own: Bool, counts: ProgressCounts)] = [:]
            for row in try await db.raw("""
                SELECT p.directive_id, p.unit_id, p.total, p.pending, p.done, p.absent, p.refused, p.not_applicable
                FROM directive_progress p JOIN directives d ON d.id = p.directive_id
                WHERE p.directive_id IN \(SQLBind.group(directiveIDs)) AND (p.unit_id = \(bind: root.id) OR p.unit_id = d.unit_id)
                """).all() {
                let id = try row.decode(column: "directive_id", as: Int.self), own = try row.decode(column: "unit_id", as: Int.self) == root.id
                if own || found[id] == nil { found[id] = (own, try ProgressCounts(row: row)) }
            }
            return found.mapValues(\.counts)
        }
    }

    /// The counters of the given units (the buildings of a worklist) for one directive, within the caller's scope.
    public func counts(directiveID: Int, unitIDs: [Int], scope: Scope) async throws -> [Int: ProgressCounts] {
        guard !unitIDs.isEmpty else { return [:] }
        return try await context.database.read { db in
            Dictionary(uniqueKeysWithValues: try await db.raw("""
                SELECT p.unit_id, p.total, p.pending, p.done, p.absent, p.refused, p.not_applicable FROM directive_progress p
                WHERE p.directive_id = \(bind: directiveID) AND p.unit_id IN \(SQLBind.group(unitIDs))
                  AND p.path >= \(bind: scope.path) AND p.path < \(bind: scope.upperBound)
                """).all().map { (try $0.decode(column: "unit_id", as: Int.self), try ProgressCounts(row: $0)) })
        }
    }

    /// Compounds and grids within the caller's view that have targets left and no report for the directive's stall time.
    public func stalled(directiveID: Int, scope: Scope, limit: Int = 500) async throws -> [UnitProgress] {
        let directive = try await DirectiveStore(context).directive(directiveID, scope: scope)
        let now = context.clock()
        return try await context.database.read { db in
            try await Self.stalled(directive, under: directive.viewPath(for: scope), now: now, limit: limit, db: db)
        }
    }

    /// The stalled compounds and grids of `directive` under `low`, for the page and for escalation alike.
    static func stalled(_ directive: Directive, under low: String, now: Date, limit: Int? = nil, db: any SQLDatabase) async throws -> [UnitProgress] {
        let rule = try StallRule(stallHours: directive.stallHours), since = now.addingTimeInterval(-Double(directive.stallHours) * 3600)
        guard directive.status == .issued, let issued = directive.issuedAt, issued <= since else { return [] }
        return try await db.raw("""
            \(unsafeRaw: UnitProgress.select) WHERE p.directive_id = \(bind: directive.id) AND p.kind IN ('compound', 'grid')
              AND p.path >= \(bind: low) AND p.path < \(bind: low + "~")
              AND p.done + p.refused + p.not_applicable < p.total AND (p.last_report_at IS NULL OR p.last_report_at < \(bind: Timestamp.format(since)))
            ORDER BY p.path \(limit.map { "LIMIT \(bind: $0)" } ?? SQLQueryString(""))
            """).all().map(UnitProgress.init(row:))
            .filter { rule.isStalled($0.counts, lastReport: $0.lastReportAt, issuedAt: issued, now: now) }
    }

    /// Share of targets reached over time, per child of the view's root: cumulative first reports per hour.
    public func timeline(directiveID: Int, scope: Scope) async throws -> [TimelinePoint] {
        let directive = try await DirectiveStore(context).directive(directiveID, scope: scope)
        let low = directive.viewPath(for: scope)
        return try await context.database.read { db in
            try await db.raw("""
                SELECT substr(s.received_at, 1, 13) AS hour, COUNT(*) AS n FROM submissions s JOIN assignments a ON a.id = s.assignment_id
                WHERE s.directive_id = \(bind: directiveID) AND a.path >= \(bind: low) AND a.path < \(bind: low + "~")
                  AND s.previous_outcome IN ('pending', 'absent') AND s.outcome IN ('done', 'refused', 'not_applicable')
                GROUP BY substr(s.received_at, 1, 13) ORDER BY hour
                """).all().map { TimelinePoint(hour: try $0.decode(column: "hour", as: String.self), reached: try $0.decode(column: "n", as: Int.self)) }
        }
    }

    /// Who reported how much: submissions per account within the view.
    public func contributors(directiveID: Int, scope: Scope) async throws -> [(username: String, submissions: Int)] {
        let directive = try await DirectiveStore(context).directive(directiveID, scope: scope)
        let low = directive.viewPath(for: scope)
        return try await context.database.read { db in
            try await db.raw("""
                SELECT s.username, COUNT(*) AS n FROM submissions s JOIN assignments a ON a.id = s.assignment_id
                WHERE s.directive_id = \(bind: directiveID) AND a.path >= \(bind: low) AND a.path < \(bind: low + "~")
                GROUP BY s.username ORDER BY n DESC, s.username
                """).all().map { (try $0.decode(column: "username", as: String.self), try $0.decode(column: "n", as: Int.self)) }
        }
    }
}

/// Targets first reached in one hour (UTC, `2026-11-29T08`).
public struct TimelinePoint: Sendable, Codable, Equatable {
    public let hour: String
    public let reached: Int
}
