import GrassrootsCore
import SQLKit

/// A household with its members, as pages and the API show it.
public struct Household: Sendable, Codable, Equatable {
    public let id: Int
    public let buildingID: Int
    public let compoundID: Int
    public let gridID: Int
    public let path: String
    public let room: String
    public let address: String?
    public let note: String?
    public var residents: [Resident]

    static let columns = ["id", "building_id", "compound_id", "grid_id", "path", "room", "address", "note"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        buildingID = try row.decode(column: "building_id", as: Int.self)
        compoundID = try row.decode(column: "compound_id", as: Int.self)
        gridID = try row.decode(column: "grid_id", as: Int.self)
        path = try row.decode(column: "path", as: String.self)
        room = try row.decode(column: "room", as: String.self)
        address = try row.decode(column: "address", as: String?.self)
        note = try row.decode(column: "note", as: String?.self)
        residents = []
    }
}

/// A resident as shown: identity and phone numbers masked.
public struct Resident: Sendable, Codable, Equatable {
    public let id: Int
    public let householdID: Int
    public let name: String
    public let sex: Sex?
    /// `YYYY-MM-DD`, or only `YYYY` for a viewer who may not reveal identity numbers (see `shown(to:)`).
    public internal(set) var birthDate: String?
    /// `5134**********1234`; the full number needs an audited reveal.
    public let idNumberMasked: String?
    public let phoneMasked: String?
    public let politicalStatus: PoliticalStatus
    public let residenceStatus: ResidenceStatus
    public let isHead: Bool
    public let branchID: Int?
    public var categories: [String]

    static let columns = ["id", "household_id", "name", "sex", "birth_date", "id_number_enc", "phone_enc", "political_status",
                          "residence_status", "is_head", "branch_id"]

    init(row: any SQLRow, cipher: PersonalDataCipher) throws {
        id = try row.decode(column: "id", as: Int.self)
        householdID = try row.decode(column: "household_id", as: Int.self)
        name = try row.decode(column: "name", as: String.self)
        sex = try row.decode(column: "sex", as: String?.self).flatMap(Sex.init(rawValue:))
        birthDate = try row.decode(column: "birth_date", as: String?.self)
        idNumberMasked = try row.decode(column: "id_number_enc", as: String?.self).flatMap(cipher.decrypt)
            .map { Masking.mask($0, keepFirst: 4, keepLast: 4) }
        phoneMasked = try row.decode(column: "phone_enc", as: String?.self).flatMap(cipher.decrypt).map(Masking.phone)
        politicalStatus = PoliticalStatus(rawValue: try row.decode(column: "political_status", as: String.self)) ?? .masses
        residenceStatus = ResidenceStatus(rawValue: try row.decode(column: "residence_status", as: String.self)) ?? .registeredLiving
        isHead = try row.flag("is_head")
        branchID = try row.decode(column: "branch_id", as: Int?.self)
        categories = []
    }

    /// The resident as `scope` may see them. The masked number keeps its first and last four digits; with the full
    /// birth date beside them only about ten numbers remain possible, so a viewer who may not reveal sees the year.
    func shown(to scope: Scope) -> Resident {
        guard !scope.role.mayRevealIdentity, let birthDate else { return self }
        var copy = self
        copy.birthDate = String(birthDate.prefix(4))
        return copy
    }
}

/// A configured resident category (elderly living alone, disabled, low-income …).
public struct ResidentCategory: Sendable, Codable, Equatable {
    public let code: String
    public let name: Bilingual
}

/// The default category list, configurable afterwards in the `resident_categories` table.
public enum DefaultCategories {
    public static let all: [ResidentCategory] = [
        ResidentCategory(code: "elderly_alone", name: Bilingual("独居老人", "Elderly living alone")),
        ResidentCategory(code: "disabled", name: Bilingual("残疾人", "Disabled")),
        ResidentCategory(code: "low_income", name: Bilingual("低保户", "Low-income")),
        ResidentCategory(code: "floating", name: Bilingual("流动人口", "Floating population")),
        ResidentCategory(code: "key_care", name: Bilingual("重点关爱对象", "Key care group")),
        ResidentCategory(code: "veteran", name: Bilingual("退役军人", "Veteran")),
    ]
}
