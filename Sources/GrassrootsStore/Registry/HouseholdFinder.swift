import Foundation
import GrassrootsCore
import SQLKit

/// A household as staff name it at a meeting or a door: a room ("1-102") in a building picked from a list, or
/// the room typed after its compound or building ("阳光公寓 1栋 1-102", "1栋1-102"), within an area. Staff
/// never see the internal number a household has.
extension HouseholdStore {
    /// The one household in the subtree at `path` that `text` names; refused with what to add when it names
    /// none or several.
    static func find(_ text: String, buildingID: Int?, within path: String, field: String, db: any SQLDatabase) async throws -> Int {
        let words = text.split(whereSeparator: \.isWhitespace).map { SearchStore.likePattern(String($0)) }.filter { !$0.isEmpty }
        guard let room = words.last, text.count <= 60 else {
            throw ValidationError(field, Bilingual("请填写房号，如 1-102（可在前面写上小区和楼栋）",
                                                   "Enter a room such as 1-102 (the compound and building may come first)"))
        }
        // The room typed after its compound and building names, or the whole text as the end of the address.
        var named: SQLQueryString = "h.room = \(bind: room)"
        for name in words.dropLast() { named += " AND (c.name LIKE \(bind: "%\(name)%") OR b.name LIKE \(bind: "%\(name)%"))" }
        let building: SQLQueryString = buildingID.map { " AND h.building_id = \(bind: $0)" } ?? ""
        let rows = try await db.raw("""
            SELECT h.id, c.name AS compound, b.name AS building FROM households h
            JOIN units b ON b.id = h.building_id JOIN units c ON c.id = h.compound_id
            WHERE h.path >= \(bind: path) AND h.path < \(bind: path + "~")\(building)
              AND ((\(named)) OR h.address LIKE \(bind: "%" + words.joined()))
            ORDER BY c.name, b.name LIMIT 6
            """).all()
        switch rows.count {
        case 1: return try rows[0].decode(column: "id", as: Int.self)
        case 0:
            throw ValidationError(field, Bilingual("在议题所在区域找不到“\(text.trimmed)”：请核对楼栋和房号",
                                                   "No household “\(text.trimmed)” in the topic's area: check the building and the room"))
        default:
            let places = try rows.prefix(5).map { "\(try $0.decode(column: "compound", as: String.self)) \(try $0.decode(column: "building", as: String.self))" }
            let list = places.joined(separator: "、") + (rows.count > 5 ? "…" : "")
            throw ValidationError(field, Bilingual("“\(text.trimmed)”在多个楼栋都有（\(list)），请选楼栋或写上楼栋",
                                                   "“\(text.trimmed)” is in several buildings (\(list)): choose or type the building"))
        }
    }
}
