import Foundation

/// A resident as entered in a form, API body or CSV row, before it is validated.
public struct ResidentInput: Sendable, Codable, Equatable {
    public var name: String
    public var sex: String?
    public var birthDate: String?
    public var idNumber: String?
    public var phone: String?
    public var politicalStatus: String?
    public var residenceStatus: String?
    public var categories: [String]
    public var isHead: Bool

    /// Creates an input; every field but the name is optional.
    public init(name: String, sex: String? = nil, birthDate: String? = nil, idNumber: String? = nil,
                phone: String? = nil, politicalStatus: String? = nil, residenceStatus: String? = nil,
                categories: [String] = [], isHead: Bool = false) {
        self.name = name; self.sex = sex; self.birthDate = birthDate; self.idNumber = idNumber
        self.phone = phone; self.politicalStatus = politicalStatus; self.residenceStatus = residenceStatus
        self.categories = categories; self.isHead = isHead
    }
}

/// A validated resident, ready to store.
public struct ResidentDraft: Sendable, Equatable {
    public let name: String
    public let sex: Sex?
    public let birthDate: String?
    public let idNumber: IdentityNumber?
    public let phone: String?
    public let politicalStatus: PoliticalStatus
    public let residenceStatus: ResidenceStatus
    public let categories: [String]
    public let isHead: Bool

    /// Validates every field against the rules and the configured category codes, reporting all problems at once.
    /// Sex and birth date, when left empty, are taken from the identity number; when given, they must agree with it.
    public init(_ input: ResidentInput, knownCategories: Set<String>) throws {
        var v = Validator()
        let name = input.name.trimmed
        v.check(!name.isEmpty && name.count <= 50, "name", Bilingual("姓名不能为空，且不超过50个字", "Name is required, at most 50 characters"))
        let id = input.idNumber.flatMap { $0.trimmed.isEmpty ? nil : $0 }.flatMap { raw in v.capture { try IdentityNumber(raw) } }
        var sex = id?.sex
        if let raw = input.sex?.trimmed, !raw.isEmpty {
            let parsed = Sex(rawValue: raw.uppercased()) ?? Sex.allCases.first { $0.label.zh == raw }
            v.check(parsed != nil, "sex", Bilingual("性别应为 M/F（男/女）", "Sex is M or F"))
            if let parsed, let id { v.check(parsed == id.sex, "sex", Bilingual("性别与身份证号不一致", "Sex does not match the identity number")) }
            sex = parsed ?? sex
        }
        var birth = id?.birthDateText
        if let raw = input.birthDate?.trimmed, !raw.isEmpty {
            let valid = raw.count == 10 && IdentityNumber.birthDate(of: "000000" + raw.replacingOccurrences(of: "-", with: "")) != nil
            v.check(valid, "birth_date", Bilingual("出生日期格式应为 YYYY-MM-DD", "Birth date is YYYY-MM-DD"))
            if valid, let id { v.check(raw == id.birthDateText, "birth_date", Bilingual("出生日期与身份证号不一致", "Birth date does not match the identity number")) }
            birth = valid ? raw : birth
        }
        let phone = input.phone.flatMap { $0.trimmed.isEmpty ? nil : $0 }.flatMap { raw in v.capture { try PhoneNumber.normalize(raw) } }
        let political = Self.parse(input.politicalStatus, default: PoliticalStatus.masses, field: "political_status",
                                   names: Bilingual("政治面貌", "Political status"), validator: &v)
        let residence = Self.parse(input.residenceStatus, default: ResidenceStatus.registeredLiving, field: "residence_status",
                                   names: Bilingual("居住状态", "Residence status"), validator: &v)
        let categories = Array(Set(input.categories.map(\.trimmed).filter { !$0.isEmpty })).sorted()
        for code in categories where !knownCategories.contains(code) {
            v.fail("categories", Bilingual("未知的人员类别“\(code)”", "Unknown resident category “\(code)”"))
        }
        try v.finish()
        self.name = name; self.sex = sex; self.birthDate = birth; self.idNumber = id; self.phone = phone
        self.politicalStatus = political; self.residenceStatus = residence; self.categories = categories; self.isHead = input.isHead
    }

    private static func parse<T: RawRepresentable & CaseIterable>(
        _ raw: String?, default fallback: T, field: String, names: Bilingual, validator v: inout Validator
    ) -> T where T.RawValue == String, T: LabelledValue {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return fallback }
        return T.pick(raw, field: field, names: names, &v) ?? fallback
    }
}

extension PoliticalStatus: LabelledValue {}
extension ResidenceStatus: LabelledValue {}
extension Sex: LabelledValue {}

/// A household as entered, before validation.
public struct HouseholdInput: Sendable, Codable, Equatable {
    public var room: String
    public var address: String?
    public var note: String?
    /// Creates an input.
    public init(room: String, address: String? = nil, note: String? = nil) {
        self.room = room; self.address = address; self.note = note
    }

    /// Validates the fields; the building it belongs to is checked by the store against the caller's scope.
    public func validated() throws -> HouseholdInput {
        var v = Validator()
        let room = room.trimmed
        v.check(!room.isEmpty && room.count <= 20, "room", Bilingual("房号不能为空，且不超过20个字符", "Room is required, at most 20 characters"))
        let address = address?.trimmed
        v.check((address ?? "").count <= 200, "address", Bilingual("地址不超过200个字", "Address is at most 200 characters"))
        try v.finish()
        return HouseholdInput(room: room, address: address?.isEmpty == false ? address : nil, note: note?.trimmed)
    }
}
