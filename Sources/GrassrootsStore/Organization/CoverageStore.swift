import Foundation
import GrassrootsCore
import SQLKit

/// Coverage figures for a unit and each of its children.
public struct CoverageReport: Sendable, Codable, Equatable {
    public let unit: TerritoryUnit
    public let counts: CoverageCounts
    public let children: [ChildCoverage]

    /// One child's figures.
    public struct ChildCoverage: Sendable, Codable, Equatable {
        public let unit: TerritoryUnit
        public let counts: CoverageCounts
    }
}

extension CoverageReport {
    /// The report as a CSV document: the unit first, then each child, one column per count.
    public var csv: Data {
        let header = ["unit_id", "code", "name"] + CoverageCounts.fields.map(\.key)
        let rows = ([(unit, counts)] + children.map { ($0.unit, $0.counts) }).map { unit, c in
            ["\(unit.id)", unit.code ?? "", unit.name] + CoverageCounts.fields.map { "\(c[keyPath: $0.path])" }
        }
        return CSV.document(header: header, rows: rows)
    }
}

/// Computes where the organization chain is missing, with set-based SQL over path ranges.
public struct CoverageStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The figures for `unitID`'s subtree and for each child's subtree.
    public func report(unitID: Int, scope: Scope) async throws -> CoverageReport {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        let today = WorkingCalendar.dayKey(context.clock())
        return try await context.database.read { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            let children = try await db.select().columns(TerritoryUnit.columns).from("units").where("parent_id", .equal, SQLBind(unitID))
                .orderBy("code").orderBy("name").orderBy("id").all().map(TerritoryUnit.init(row:))
            var rows: [CoverageReport.ChildCoverage] = []
            for child in children { rows.append(.init(unit: child, counts: try await Self.counts(from: child.path, to: child.path + "~", today: today, db: db))) }
            // The unit's own figures are its children's plus what sits on the unit itself (its own row, organizations
            // attached to it): the range [path, path + "0") holds exactly `path`, since descendants continue with a digit.
            // Summing avoids scanning the subtree a second time.
            let own = try await Self.counts(from: unit.path, to: unit.path + "0", today: today, db: db)
            let counts = rows.map(\.counts).reduce(own, +)
            return CoverageReport(unit: unit, counts: counts, children: rows)
        }
    }

    /// Counts over the rows whose path lies in [from, to).
    static func counts(from lower: String, to upper: String, today: String, db: any SQLDatabase) async throws -> CoverageCounts {
        func has(_ kind: String) -> String {
            "EXISTS (SELECT 1 FROM organizations o WHERE o.unit_id = u.id AND o.kind = '\(kind)')"
        }
        let worker = "EXISTS (SELECT 1 FROM staff s WHERE s.unit_id = u.id AND s.role = 'grid_worker')"
        let adopted = "EXISTS (SELECT 1 FROM adoptions a WHERE a.compound_id = u.id AND a.starts_on <= (SELECT day FROM bounds) AND a.ends_on >= (SELECT day FROM bounds))"
        let responsible = "EXISTS (SELECT 1 FROM staff s WHERE s.unit_id = h.grid_id AND s.role IN ('grid_worker', 'grid_leader'))"
        // Fixed SQL text; the path range is the only input, and it is bound once in the CTE `bounds`.
        let compound = "FROM units u WHERE u.kind = 'compound' AND u.path >= (SELECT lo FROM bounds) AND u.path < (SELECT hi FROM bounds)"
        let grid = "FROM units u WHERE u.kind = 'grid' AND u.path >= (SELECT lo FROM bounds) AND u.path < (SELECT hi FROM bounds)"
        let sql = """
            SELECT
              (SELECT COUNT(*) \(compound)) AS compounds,
              (SELECT COUNT(*) \(compound) AND NOT \(has("compound_group"))) AS compounds_without_party_group,
              (SELECT COUNT(*) \(compound) AND NOT \(has("owners_committee"))) AS compounds_without_owners_committee,
              (SELECT COUNT(*) \(compound) AND NOT \(has("property_company"))) AS compounds_without_property_manager,
              (SELECT COUNT(*) \(compound) AND NOT \(has("property_company")) AND NOT \(has("owners_committee"))) AS unmanaged_compounds,
              (SELECT COUNT(*) \(compound) AND NOT \(has("property_company")) AND NOT \(has("owners_committee")) AND \(adopted)) AS unmanaged_adopted,
              (SELECT COUNT(*) \(compound) AND NOT \(has("property_company")) AND NOT \(has("owners_committee")) AND NOT \(adopted)) AS unmanaged_not_adopted,
              (SELECT COUNT(*) \(grid)) AS grids,
              (SELECT COUNT(*) \(grid) AND NOT \(has("grid_branch"))) AS grids_without_branch,
              (SELECT COUNT(*) \(grid) AND NOT \(worker)) AS grids_without_worker,
              (SELECT COUNT(*) FROM households h WHERE h.path >= (SELECT lo FROM bounds) AND h.path < (SELECT hi FROM bounds)) AS households,
              (SELECT COUNT(*) FROM households h WHERE h.path >= (SELECT lo FROM bounds) AND h.path < (SELECT hi FROM bounds) AND NOT \(responsible)) AS households_without_staff,
              (SELECT COUNT(*) FROM staff s WHERE s.role = 'grid_worker' AND s.path >= (SELECT lo FROM bounds) AND s.path < (SELECT hi FROM bounds)) AS grid_workers,
              (SELECT COUNT(*) FROM residents r WHERE r.political_status IN ('party_member', 'probationary_member')
                 AND r.path >= (SELECT lo FROM bounds) AND r.path < (SELECT hi FROM bounds)) AS party_members,
              (SELECT COUNT(*) FROM residents r WHERE r.political_status IN ('party_member', 'probationary_member')
                 AND r.branch_id IS NULL AND r.path >= (SELECT lo FROM bounds) AND r.path < (SELECT hi FROM bounds)) AS party_members_without_branch,
              (SELECT COUNT(*) FROM organizations o WHERE o.kind IN ('business_district', 'office_building', 'internet_firm')
                 AND o.path >= (SELECT lo FROM bounds) AND o.path < (SELECT hi FROM bounds)) AS new_economic_organizations,
              (SELECT COUNT(*) FROM organizations o WHERE o.kind IN ('business_district', 'office_building', 'internet_firm')
                 AND o.has_party_org = 0 AND o.path >= (SELECT lo FROM bounds) AND o.path < (SELECT hi FROM bounds)) AS new_economic_without_party
            """
        let full: SQLQueryString = "WITH bounds AS (SELECT \(bind: lower) AS lo, \(bind: upper) AS hi, \(bind: today) AS day) \(unsafeRaw: sql)"
        guard let row = try await db.raw(full).first() else { return CoverageCounts() }
        var c = CoverageCounts()
        for field in CoverageCounts.fields { c[keyPath: field.path] = try row.decode(column: field.key, as: Int.self) }
        return c
    }

}
