import Foundation
import GrassrootsCore
import SQLKit

extension HouseholdStore {
    /// The household a resident's account is linked to (`accounts.household_id`), with its building.
    static func linked(to scope: Scope, db: any SQLDatabase) async throws -> (id: Int, buildingID: Int)? {
        guard let row = try await db.raw("""
            SELECT h.id, h.building_id FROM accounts a JOIN households h ON h.id = a.household_id WHERE a.id = \(bind: scope.accountID)
            """).first() else { return nil }
        return (try row.decode(column: "id", as: Int.self), try row.decode(column: "building_id", as: Int.self))
    }

    /// Whether the household lies in the subtree at `path` (a vote's or a notice's area).
    static func household(_ id: Int, liesWithin path: String, db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT COUNT(*) AS n FROM households WHERE id = \(bind: id) AND path >= \(bind: path) AND path < \(bind: path + "~")")
            .first()!.decode(column: "n", as: Int.self) == 1
    }
}
