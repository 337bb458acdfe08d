import Foundation
import GrassrootsCore
import SQLKit

/// Recomputes the derived data (materialized paths, depths, denormalized grid and compound ids)
/// from the primary relations and reports every disagreement.
public struct Verifier: Sendable {
    let context: StoreContext

    /// Creates the verifier.
    public init(_ context: StoreContext) { self.context = context }

    /// One invariant and how many rows break it.
    public struct Check: Sendable { public let name: String; public let violations: Int }

    static let checks: [(String, String)] = [
        ("unit path = parent path + id", """
            SELECT COUNT(*) AS n FROM units c LEFT JOIN units p ON p.id = c.parent_id
            WHERE c.path <> COALESCE(p.path, '/') || CAST(c.id AS TEXT) || '/'
            """),
        ("unit depth = parent depth + 1", """
            SELECT COUNT(*) AS n FROM units c LEFT JOIN units p ON p.id = c.parent_id WHERE c.depth <> COALESCE(p.depth, -1) + 1
            """),
        ("child kind below parent kind", """
            SELECT COUNT(*) AS n FROM units c JOIN units p ON p.id = c.parent_id
            WHERE (CASE c.kind WHEN 'province' THEN 0 WHEN 'prefecture' THEN 1 WHEN 'city' THEN 2 WHEN 'street' THEN 3 WHEN 'community' THEN 4 WHEN 'grid' THEN 5 WHEN 'compound' THEN 6 ELSE 7 END)
               <= (CASE p.kind WHEN 'province' THEN 0 WHEN 'prefecture' THEN 1 WHEN 'city' THEN 2 WHEN 'street' THEN 3 WHEN 'community' THEN 4 WHEN 'grid' THEN 5 WHEN 'compound' THEN 6 ELSE 7 END)
            """),
        ("household path = building path", "SELECT COUNT(*) AS n FROM households h JOIN units b ON b.id = h.building_id WHERE h.path <> b.path OR b.kind <> 'building'"),
        ("household grid and compound lie on its path", """
            SELECT COUNT(*) AS n FROM households h JOIN units g ON g.id = h.grid_id JOIN units c ON c.id = h.compound_id
            WHERE g.kind <> 'grid' OR c.kind <> 'compound' OR c.parent_id <> g.id
               OR NOT (h.path >= c.path AND h.path < c.path || '~')
            """),
        ("resident path = household path", "SELECT COUNT(*) AS n FROM residents r JOIN households h ON h.id = r.household_id WHERE r.path <> h.path"),
        ("organization path = unit path", "SELECT COUNT(*) AS n FROM organizations o JOIN units u ON u.id = o.unit_id WHERE o.path <> u.path"),
        ("staff path = unit path", "SELECT COUNT(*) AS n FROM staff s JOIN units u ON u.id = s.unit_id WHERE s.path <> u.path"),
        ("at most one head per household", """
            SELECT COUNT(*) AS n FROM (SELECT household_id FROM residents WHERE is_head = 1 GROUP BY household_id HAVING COUNT(*) > 1) t
            """),
        ("fund balance = sum of its entries", """
            SELECT COUNT(*) AS n FROM fund_balances b WHERE b.balance_fen <> (SELECT COALESCE(SUM(e.direction * e.amount_fen), 0) FROM fund_entries e
              WHERE e.community_id = b.community_id) OR b.balance_fen <> b.income_fen - b.spending_fen
            """),
        ("fund entry balance = running sum", """
            SELECT COUNT(*) AS n FROM fund_entries e WHERE e.balance_after_fen <> (SELECT SUM(p.direction * p.amount_fen) FROM fund_entries p
              WHERE p.community_id = e.community_id AND p.id <= e.id)
            """),
        ("vote counts = its ballots", """
            SELECT COUNT(*) AS n FROM votes v WHERE v.yes <> (SELECT COUNT(*) FROM ballots b WHERE b.vote_id = v.id AND b.choice = 'yes')
               OR v.no <> (SELECT COUNT(*) FROM ballots b WHERE b.vote_id = v.id AND b.choice = 'no')
               OR v.abstain <> (SELECT COUNT(*) FROM ballots b WHERE b.vote_id = v.id AND b.choice = 'abstain')
            """),
        ("request path = its unit's path", "SELECT COUNT(*) AS n FROM requests r JOIN units u ON u.id = r.unit_id WHERE r.path <> u.path"),
    ]

    /// Runs every check.
    public func run() async throws -> [Check] {
        try await context.database.read { db in
            var results: [Check] = []
            for (name, sql) in Self.checks {
                let n = try await db.raw(SQLQueryString(stringLiteral: sql)).first()?.decode(column: "n", as: Int.self) ?? 0
                results.append(Check(name: name, violations: n))
            }
            results.append(Check(name: "directive roll-up = recount of its assignments", violations: try await ProgressVerifier.mismatches(db: db)))
            results.append(Check(name: "directive target count = its assignments", violations: try await db.raw("""
                SELECT COUNT(*) AS n FROM directives d WHERE d.target_count <> (SELECT COUNT(*) FROM assignments a WHERE a.directive_id = d.id)
                """).first()!.decode(column: "n", as: Int.self)))
            results.append(Check(name: "published evaluation = recount of its records", violations: try await EvaluationStore.mismatches(db: db)))
            let store = PhotoStore(context)
            let shas = try await db.raw("SELECT DISTINCT sha256 FROM photos").all().map { try $0.decode(column: "sha256", as: String.self) }
            results.append(Check(name: "every photo's file is in the photo folder (\(context.photoFolder.path))",
                                 violations: shas.filter { !FileManager.default.fileExists(atPath: store.location($0).path) }.count))
            return results
        }
    }
}
