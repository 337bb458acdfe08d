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
