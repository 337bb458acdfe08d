import Foundation

/// A request as typed by a resident, by staff on a resident's behalf, or sent by another system.
public struct RequestInput: Sendable, Equatable, Codable {
    public var kind: String
    public var categoryID: Int?
    /// The unit where the matter is (a household's grid, a compound, a building, a community).
    public var unitID: Int?
    public var address: String
    public var latitude: Double?
    public var longitude: Double?
    public var description: String
    /// The resident's name and phone when staff or another system file for them (the phone is stored encrypted).
    public var contactName: String
    public var contactPhone: String
    /// The resident agrees that the request is listed publicly (Open311), its place coarsened and without their name.
    public var isPublic: Bool

    /// Creates an input.
    public init(kind: String, categoryID: Int?, unitID: Int?, address: String = "", latitude: Double? = nil, longitude: Double? = nil,
                description: String, contactName: String = "", contactPhone: String = "", isPublic: Bool = false) {
        self.kind = kind; self.categoryID = categoryID; self.unitID = unitID; self.address = address; self.latitude = latitude
        self.longitude = longitude; self.description = description; self.contactName = contactName; self.contactPhone = contactPhone
        self.isPublic = isPublic
    }

    /// Checks every field at once.
    public func validated() throws -> RequestInput {
        var v = Validator()
        let kind = RequestKind.pick(kind, field: "kind", names: Bilingual("诉求类型", "Kind"), &v)
        v.check(categoryID != nil, "category_id", Bilingual("请选择诉求类别", "Choose a category"))
        v.check(unitID != nil, "unit_id", Bilingual("请选择诉求所在的小区、网格或社区", "Choose where the matter is"))
        v.check(address.trimmed.count <= 200, "address", Bilingual("地址最多200字", "The address takes at most 200 characters"))
        v.check((5...2000).contains(description.trimmed.count), "description", Bilingual("请描述诉求（5–2000字）", "Describe the matter (5–2000 characters)"))
        v.check((latitude == nil) == (longitude == nil), "lat", Bilingual("经纬度应同时填写", "Give both latitude and longitude, or neither"))
        if let latitude, let longitude {
            v.check((-90...90).contains(latitude) && (-180...180).contains(longitude), "lat", Bilingual("经纬度超出范围", "Latitude or longitude out of range"))
        }
        v.check(contactName.trimmed.count <= 50, "contact_name", Bilingual("联系人最多50字", "The contact name takes at most 50 characters"))
        let phone = contactPhone.trimmed
        v.check(phone.isEmpty || (phone.count >= 5 && phone.count <= 20 && phone.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }),
                "contact_phone", Bilingual("联系电话应为5–20位数字", "The phone must be 5–20 digits"))
        try v.finish()
        return RequestInput(kind: kind!.rawValue, categoryID: categoryID, unitID: unitID, address: address.trimmed, latitude: latitude, longitude: longitude,
                            description: description.trimmed, contactName: contactName.trimmed, contactPhone: phone, isPublic: isPublic)
    }
}
