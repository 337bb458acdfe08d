import Foundation
import GrassrootsCore
import SQLKit

/// Exports the households and residents of a subtree as CSV rows in the import format, with
/// identity and phone numbers masked (an export is a copy that leaves the system).
public struct RegistryExport: Sendable {
    let context: StoreContext

    /// Creates the exporter.
    public init(_ context: StoreContext) { self.context = context }

    /// The header of `residents(under:scope:)`, which `grassroots import residents` reads back.
    public static let residentHeader = ["grid_code", "compound", "building", "room", "name", "sex", "birth_date", "id_number",
                                        "phone", "political_status", "residence_status", "is_head"]

    /// One row per resident under `unitID`, ordered by place.
    public func residents(under unitID: Int, scope: Scope) async throws -> [[String]] {
        guard scope.role.readsRegistry else { throw AccessDenied() }
        let cipher = context.cipher
        // Beside the masked number a full birth date leaves about ten candidates (see Resident.shown(to:)).
        let birthLength = scope.role.mayRevealIdentity ? 10 : 4
        return try await context.database.read { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            return try await db.raw("""
                SELECT g.code AS grid_code, c.name AS compound, b.name AS building, h.room, r.name, r.sex, r.birth_date,
                       r.id_number_enc, r.phone_enc, r.political_status, r.residence_status, r.is_head
                FROM residents r JOIN households h ON h.id = r.household_id JOIN units b ON b.id = h.building_id
                JOIN units c ON c.id = h.compound_id JOIN units g ON g.id = h.grid_id
                WHERE r.path >= \(bind: unit.path) AND r.path < \(bind: unit.path + "~")
                ORDER BY g.code, c.name, b.name, h.room, r.id
                """).all().map { row in
                [try row.decode(column: "grid_code", as: String?.self) ?? "", try row.decode(column: "compound", as: String.self),
                 try row.decode(column: "building", as: String.self), try row.decode(column: "room", as: String.self),
                 try row.decode(column: "name", as: String.self), try row.decode(column: "sex", as: String?.self) ?? "",
                 String((try row.decode(column: "birth_date", as: String?.self) ?? "").prefix(birthLength)),
                 try row.decode(column: "id_number_enc", as: String?.self).flatMap(cipher.decrypt).map { Masking.mask($0, keepFirst: 4, keepLast: 4) } ?? "",
                 try row.decode(column: "phone_enc", as: String?.self).flatMap(cipher.decrypt).map(Masking.phone) ?? "",
                 try row.decode(column: "political_status", as: String.self), try row.decode(column: "residence_status", as: String.self),
                 try row.flag("is_head") ? "1" : "0"]
            }
        }
    }
}
