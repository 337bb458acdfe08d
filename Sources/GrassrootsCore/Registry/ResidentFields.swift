/// Sex as recorded on the identity card.
public enum Sex: String, Sendable, CaseIterable, Codable {
    case male = "M", female = "F"
    /// The label users read.
    public var label: Bilingual { self == .male ? Bilingual("男", "Male") : Bilingual("女", "Female") }
}

/// Political status (政治面貌), as far as the organization chain needs it.
public enum PoliticalStatus: String, Sendable, CaseIterable, Codable {
    case partyMember = "party_member"
    case probationaryMember = "probationary_member"
    case leagueMember = "league_member"
    case masses
    /// Party members and probationary members belong in a branch.
    public var isParty: Bool { self == .partyMember || self == .probationaryMember }
    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .partyMember: Bilingual("中共党员", "Party member")
        case .probationaryMember: Bilingual("预备党员", "Probationary member")
        case .leagueMember: Bilingual("共青团员", "League member")
        case .masses: Bilingual("群众", "Masses")
        }
    }
}

/// Registered residence (户籍) against actual residence, the distinction grid work turns on.
public enum ResidenceStatus: String, Sendable, CaseIterable, Codable {
    case registeredLiving = "registered_living"
    case registeredAway = "registered_away"
    case livingUnregistered = "living_unregistered"
    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .registeredLiving: Bilingual("户在人在", "Registered, living here")
        case .registeredAway: Bilingual("户在人不在", "Registered, living elsewhere")
        case .livingUnregistered: Bilingual("人在户不在（流动人口）", "Living here, registered elsewhere")
        }
    }
}

/// A mainland mobile or fixed-line number, digits only after removing spaces and dashes.
public enum PhoneNumber {
    /// The normalized digits, or a field error saying what a valid number looks like.
    public static func normalize(_ raw: String, field: String = "phone") throws -> String {
        let digits = raw.filter { $0 != " " && $0 != "-" }
        let fixed = (7...12).contains(digits.count) && digits.hasPrefix("0") && digits.allSatisfy(\.isASCIIDigit)
        guard isMobile(digits) || fixed else {
            throw FieldError(field, Bilingual("电话号码应为11位手机号或带区号的固定电话，收到“\(raw)”",
                                              "A phone number is an 11-digit mobile or a landline with area code; got “\(raw)”"))
        }
        return digits
    }

    /// True for a normalized mainland mobile number (11 digits from 1): the only kind a text can go to.
    public static func isMobile(_ digits: String) -> Bool { digits.count == 11 && digits.hasPrefix("1") && digits.allSatisfy(\.isASCIIDigit) }
}
