import Foundation
import GrassrootsCore
import SQLKit

/// Turns an issued directive into one assignment per target, in one `INSERT … SELECT` per directive
/// (no per-row round trips), then builds the per-unit roll-up counters from what was inserted.
enum Cascade {
    /// Inserts the assignments of `directive` and returns how many there are.
    static func insertAssignments(_ directive: Directive, db: any SQLDatabase) async throws -> Int {
        let columns = "directive_id, household_id, resident_id, unit_id, grid_id, path, label, responsible_staff_id, outcome"
        try await db.raw("INSERT INTO assignments (\(unsafeRaw: columns)) \(targets(directive))").run()
        return try await db.raw("SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(bind: directive.id)").first()!.decode(column: "n", as: Int.self)
    }

    /// How many targets issuing `directive` now would reach: what its draft page states before anyone issues it.
    static func countTargets(_ directive: Directive, db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM (\(targets(directive))) t").first()!.decode(column: "n", as: Int.self)
    }

    /// One row per target of `directive`, in the columns of an assignment: the same query counts a draft's targets
    /// and inserts an issued directive's assignments.
    static func targets(_ directive: Directive) -> SQLQueryString {
        let d = directive.id, low = directive.path, high = directive.path + "~"
        // The staff answerable for each grid, building and compound: the lowest id per unit, so the choice is stable.
        let gridWorker = "(SELECT unit_id, MIN(id) AS staff_id FROM staff WHERE role = 'grid_worker' GROUP BY unit_id)"
        let buildingLeader = "(SELECT unit_id, MIN(id) AS staff_id FROM staff WHERE role = 'building_leader' GROUP BY unit_id)"
        let compoundStaff = "(SELECT unit_id, MIN(id) AS staff_id FROM staff WHERE role <> 'volunteer' GROUP BY unit_id)"
        // Fixed SQL fragments chosen by enum, never from input; every value is bound.
        let responsible = switch directive.responsible {
        case .gridWorker: "w.staff_id"
        case .buildingLeader: "COALESCE(bl.staff_id, w.staff_id)"
        case .compoundStaff: "COALESCE(cs.staff_id, w.staff_id)"
        }
        /// The staff joins for targets whose building, compound and grid ids are the given columns.
        func joins(building: String, compound: String, grid: String) -> String {
            let fallback = "LEFT JOIN \(gridWorker) w ON w.unit_id = \(grid) "
            return switch directive.responsible {
            case .gridWorker: fallback
            case .buildingLeader: fallback + "LEFT JOIN \(buildingLeader) bl ON bl.unit_id = \(building) "
            case .compoundStaff: fallback + "LEFT JOIN \(compoundStaff) cs ON cs.unit_id = \(compound) "
            }
        }
        switch directive.target {
        case .households, .householdsWithCategory:
            let category = directive.target == .householdsWithCategory ? """
                AND EXISTS (SELECT 1 FROM residents r JOIN resident_category_links l ON l.resident_id = r.id
                            WHERE r.household_id = h.id AND l.category_code = \(bind: directive.category ?? ""))
                """ : SQLQueryString("")
            return """
                SELECT \(bind: d), h.id, NULL, h.building_id, h.grid_id, h.path, h.room, \(unsafeRaw: responsible), 'pending'
                FROM households h \(unsafeRaw: joins(building: "h.building_id", compound: "h.compound_id", grid: "h.grid_id"))
                WHERE h.path >= \(bind: low) AND h.path < \(bind: high) \(category)
                """
        case .residentsWithCategory:
            return """
                SELECT \(bind: d), h.id, r.id, h.building_id, h.grid_id, h.path, h.room, \(unsafeRaw: responsible), 'pending'
                FROM residents r JOIN resident_category_links l ON l.resident_id = r.id AND l.category_code = \(bind: directive.category ?? "")
                JOIN households h ON h.id = r.household_id
                \(unsafeRaw: joins(building: "h.building_id", compound: "h.compound_id", grid: "h.grid_id"))
                WHERE r.path >= \(bind: low) AND r.path < \(bind: high)
                """
        case .compounds:
            return """
                SELECT \(bind: d), NULL, NULL, c.id, c.parent_id, c.path, c.name, \(unsafeRaw: responsible), 'pending'
                FROM units c \(unsafeRaw: joins(building: "NULL", compound: "c.id", grid: "c.parent_id"))
                WHERE c.kind = 'compound' AND c.path >= \(bind: low) AND c.path < \(bind: high)
                """
        case .buildings:
            return """
                SELECT \(bind: d), NULL, NULL, b.id, c.parent_id, b.path, b.name, \(unsafeRaw: responsible), 'pending'
                FROM units b JOIN units c ON c.id = b.parent_id AND c.kind = 'compound'
                \(unsafeRaw: joins(building: "b.id", compound: "c.id", grid: "c.parent_id"))
                WHERE b.kind = 'building' AND b.path >= \(bind: low) AND b.path < \(bind: high)
                """
        }
    }

    /// Computes every unit's counters for `directive` from its assignments: one grouped read of the assignments
    /// (by the unit that holds them and outcome), rolled up the paths in memory. Used when issuing and by `verify`.
    static func computeProgress(_ directive: Directive, db: any SQLDatabase) async throws -> [Int: ProgressCounts] {
        let rows = try await db.raw("""
            SELECT path, outcome, COUNT(*) AS n FROM assignments WHERE directive_id = \(bind: directive.id) GROUP BY path, outcome
            """).all()
        let rootDepth = directive.path.split(separator: "/").count - 1
        var counts: [Int: ProgressCounts] = [:]
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            let outcome = Outcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .pending
            let ids = try row.decode(column: "path", as: String.self).split(separator: "/").compactMap { Int($0) }
            for id in ids.dropFirst(rootDepth) {
                counts[id, default: ProgressCounts()].total += n
                counts[id, default: ProgressCounts()][outcome] += n
            }
        }
        return counts
    }

    /// Writes the counters of a freshly issued directive, in multi-row inserts.
    static func insertProgress(_ directive: Directive, _ counts: [Int: ProgressCounts], database: any Database, db: any SQLDatabase) async throws {
        var writer = BulkWriter(database: database, db: db, order: ["directive_progress"])
        for chunk in chunked(counts.keys.sorted(), size: 500) {
            for row in try await db.select().columns("id", "parent_id", "path", "depth", "kind").from("units").where("id", .in, SQLBind.group(Array(chunk))).all() {
                let id = try row.decode(column: "id", as: Int.self), c = counts[id]!
                try await writer.add("directive_progress", [
                    directive.id, id, try row.decode(column: "parent_id", as: Int?.self), try row.decode(column: "path", as: String.self),
                    try row.decode(column: "depth", as: Int.self), try row.decode(column: "kind", as: String.self),
                    c.total, c.pending, c.done, c.absent, c.refused, c.notApplicable])
            }
        }
        try await writer.flush()
    }

    /// Rebuilds a directive's counters from its assignments, with each unit's last report time (after outcomes were
    /// written set-based, or after a compound moved to another grid).
    static func rebuildProgress(_ directive: Directive, database: any Database, db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM directive_progress WHERE directive_id = \(bind: directive.id)").run()
        try await insertProgress(directive, try await computeProgress(directive, db: db), database: database, db: db)
        try await db.raw("""
            UPDATE directive_progress SET last_report_at = (SELECT MAX(a.submitted_at) FROM assignments a
              WHERE a.directive_id = directive_progress.directive_id AND a.path >= directive_progress.path AND a.path < directive_progress.path || '~')
            WHERE directive_id = \(bind: directive.id)
            """).run()
    }
}
