/// A 12-digit statistical division code (统计用区划代码): 6 digits of GB/T 2260 county,
/// 3 of township and 3 of village. Grids extend their community's code by a 3-digit sequence.
public struct DivisionCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The digits.
    public let value: String

    /// The code's digits as a string.
    public var description: String { value }

    /// Township tier: 001–099 street (街道), 100–199 town (镇), 200–399 township (乡).
    public enum TownshipKind: String, Sendable {
        case street, town, township
        /// The label users read.
        public var label: Bilingual {
            switch self {
            case .street: Bilingual("街道", "Street")
            case .town: Bilingual("镇", "Town")
            case .township: Bilingual("乡", "Township")
            }
        }
    }

    /// Village tier: 001–199 residents' committee (社区居委会), 200–599 villagers' committee (村委会).
    public enum VillageKind: String, Sendable {
        case community, village
        /// The label users read.
        public var label: Bilingual {
            self == .community ? Bilingual("社区", "Community") : Bilingual("村", "Village")
        }
    }

    /// Validates `raw` as the code of a unit of `kind`, with a message that says what is wrong.
    public init(_ raw: String, kind: UnitKind) throws {
        let digits = raw.trimmed
        if kind != .grid, !kind.hasDivisionCode {
            throw FieldError("code", Bilingual("\(kind.label.zh)没有统计区划代码", "A \(kind.label.en) has no division code"))
        }
        let expected = kind == .grid ? 15 : 12
        guard digits.count == expected, digits.allSatisfy(\.isASCIIDigit) else {
            throw FieldError("code", Bilingual(
                "\(kind.label.zh)代码应为\(expected)位数字，收到“\(digits)”",
                "A \(kind.label.en.lowercased()) code has \(expected) digits; got “\(digits)”"))
        }
        self.value = digits
        let county = Int(digits.prefix(6))!, prefecture = Int(digits.prefix(4))!
        let township = Int(digits.dropFirst(6).prefix(3))!, village = Int(digits.dropFirst(9).prefix(3))!
        let problem: Bilingual? = switch kind {
        case .province where digits.dropFirst(2).contains(where: { $0 != "0" }):
            Bilingual("省级代码后10位应全为0", "A province code ends in ten zeros")
        case .prefecture where prefecture % 100 == 0 || digits.dropFirst(4).contains(where: { $0 != "0" }):
            Bilingual("市州代码第3–4位不为0、后8位为0", "A prefecture code has digits 3–4 set and ends in eight zeros")
        case .city where county % 100 == 0 || digits.dropFirst(6).contains(where: { $0 != "0" }):
            Bilingual("县市区代码第5–6位不为0、后6位为0", "A city code has digits 5–6 set and ends in six zeros")
        case .street where township == 0 || township > 399 || village != 0:
            Bilingual("乡镇街道代码第7–9位应在001–399之间、后3位为0",
                      "A street/township code has digits 7–9 in 001–399 and ends in 000")
        case .community where township == 0 || township > 399 || village == 0 || village > 599:
            Bilingual("社区/村代码第10–12位应在001–599之间", "A community/village code has digits 10–12 in 001–599")
        case .grid where Int(digits.suffix(3))! == 0:
            Bilingual("网格代码后3位序号不能为000", "A grid code's 3-digit sequence cannot be 000")
        default: nil
        }
        if let problem { throw FieldError("code", problem) }
    }

    /// The township tier's kind, for street-level codes.
    public var townshipKind: TownshipKind? {
        guard let n = Int(value.dropFirst(6).prefix(3)), n > 0 else { return nil }
        return n < 100 ? .street : n < 200 ? .town : .township
    }

    /// The village tier's kind, for community-level codes.
    public var villageKind: VillageKind? {
        guard value.count >= 12, let n = Int(value.dropFirst(9).prefix(3)), n > 0 else { return nil }
        return n < 200 ? .community : .village
    }

    /// The code of the parent division implied by the digits (the grid's community, the community's street…).
    public var impliedParent: String? {
        if value.count == 15 { return String(value.prefix(12)) }
        let zeros = ["000000000000"]
        for keep in [9, 6, 4, 2] where value.dropFirst(keep).contains(where: { $0 != "0" }) {
            return String(value.prefix(keep)) + String(zeros[0].prefix(12 - keep))
        }
        return nil
    }

    /// The code for grid number `sequence` (1–999) of the community `community`.
    public static func grid(community: String, sequence: Int) -> String {
        community + String(repeating: "0", count: 3 - String(sequence).count) + String(sequence)
    }
}

extension Character {
    /// True for 0–9 only (not other Unicode digits), which is what codes and ID numbers allow.
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension DivisionCode {
    /// Decoded with the checks of `init(_:kind:)`, for the tier the digits name: 15 digits a grid, otherwise the
    /// lowest tier whose digits are set (JSON is input too).
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .value)
        try self.init(raw, kind: Self.impliedKind(raw))
    }

    static func impliedKind(_ digits: String) -> UnitKind {
        if digits.count == 15 { return .grid }
        func setAfter(_ n: Int) -> Bool { digits.dropFirst(n).contains { $0 != "0" } }
        return setAfter(9) ? .community : setAfter(6) ? .street : setAfter(4) ? .city : setAfter(2) ? .prefecture : .province
    }
}
