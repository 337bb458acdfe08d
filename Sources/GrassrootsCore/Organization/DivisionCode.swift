/// A 12-digit statistical division code (统计用区划代码): 6 digits of GB/T 2260 county,
/// 3 of township and 3 of village. Grids extend their community's code by a 3-digit sequence.
public struct DivisionCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The digits.
    public let value: String

    /// The code's digits as a string.
    public var description: String { value }

    /// Township tier (digits 7–9): 001–099 street (街道), 100–199 town (镇), 200–399 township (乡), 400–599 the other
    /// township-level units the state dispatches (development zones, state farms, forestry bureaus, scenic areas).
    public enum TownshipKind: String, Sendable, CaseIterable {
        case street, town, township, other
        /// The label users read.
        public var label: Bilingual {
            switch self {
            case .street: Bilingual("街道", "Street")
            case .town: Bilingual("镇", "Town")
            case .township: Bilingual("乡", "Township")
            case .other: Bilingual("其他乡级单位", "Other township-level unit")
            }
        }

        /// The kind that township-tier digits `n` (1–599) name.
        public init?(digits n: Int) {
            switch n {
            case 1...99: self = .street
            case 100...199: self = .town
            case 200...399: self = .township
            case 400...599: self = .other
            default: return nil
            }
        }
    }

    /// Village tier (digits 10–12): 001–199 residents' committee (社区居委会), 200–399 villagers' committee (村委会),
    /// 400–499 virtual community (虚拟社区) and 500–599 virtual living area (虚拟生活区), which the statistics
    /// bureau assigns to people living under a dispatched unit with no committee of their own.
    public enum VillageKind: String, Sendable, CaseIterable {
        case community, village, virtualCommunity, virtualLivingArea
        /// The label users read.
        public var label: Bilingual {
            switch self {
            case .community: Bilingual("社区", "Community")
            case .village: Bilingual("村", "Village")
            case .virtualCommunity: Bilingual("虚拟社区", "Virtual community")
            case .virtualLivingArea: Bilingual("虚拟生活区", "Virtual living area")
            }
        }

        /// The kind that village-tier digits `n` (1–599) name.
        public init?(digits n: Int) {
            switch n {
            case 1...199: self = .community
            case 200...399: self = .village
            case 400...499: self = .virtualCommunity
            case 500...599: self = .virtualLivingArea
            default: return nil
            }
        }
    }

    /// Validates `raw` as the code of a unit of `kind`, with a message that says what is wrong.
    public init(_ raw: String, kind: UnitKind) throws {
        let digits = raw.trimmed
        if kind != .grid, !kind.hasDivisionCode {
            throw FieldError("code", Bilingual("\(kind.label.zh)没有统计区划代码", "A \(kind.label.en) has no division code"))
        }
        let expected = kind == .grid ? 15 : 12
        // Checked on bytes: a whole country's list passes through here, and Character walks cost several times more.
        let bytes = Array(digits.utf8)
        guard bytes.count == expected, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw FieldError("code", Bilingual(
                "\(kind.label.zh)代码应为\(expected)位数字，收到“\(digits)”",
                "A \(kind.label.en.lowercased()) code has \(expected) digits; got “\(digits)”"))
        }
        self.value = digits
        func number(_ from: Int, _ count: Int) -> Int { bytes[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        func zeros(after n: Int) -> Bool { bytes[n..<12].allSatisfy { $0 == UInt8(ascii: "0") } }
        let county = number(0, 6), prefecture = number(0, 4), township = number(6, 3), village = number(9, 3)
        let problem: Bilingual? = switch kind {
        case .province where !zeros(after: 2):
            Bilingual("省级代码后10位应全为0", "A province code ends in ten zeros")
        case .prefecture where prefecture % 100 == 0 || !zeros(after: 4):
            Bilingual("市州代码第3–4位不为0、后8位为0", "A prefecture code has digits 3–4 set and ends in eight zeros")
        case .city where county % 100 == 0 || !zeros(after: 6):
            Bilingual("县市区代码第5–6位不为0、后6位为0", "A city code has digits 5–6 set and ends in six zeros")
        case .street where TownshipKind(digits: township) == nil || village != 0:
            Bilingual("乡级代码第7–9位应在001–599之间、后3位为0",
                      "A township-level code has digits 7–9 in 001–599 and ends in 000")
        case .community where TownshipKind(digits: township) == nil:
            Bilingual("村级代码第7–9位（所属乡级单位）应在001–599之间",
                      "A village-level code has digits 7–9 (its township-level unit) in 001–599")
        case .community where VillageKind(digits: village) == nil:
            Bilingual("村级代码第10–12位应在001–599之间", "A village-level code has digits 10–12 in 001–599")
        case .grid where number(12, 3) == 0:
            Bilingual("网格代码后3位序号不能为000", "A grid code's 3-digit sequence cannot be 000")
        default: nil
        }
        if let problem { throw FieldError("code", problem) }
    }

    /// The township tier's kind, for the codes of a township-level unit and of the units below it.
    public var townshipKind: TownshipKind? {
        guard let n = Int(value.dropFirst(6).prefix(3)) else { return nil }
        return TownshipKind(digits: n)
    }

    /// The village tier's kind, for the codes of a village-level unit and of its grids.
    public var villageKind: VillageKind? {
        guard value.count >= 12, let n = Int(value.dropFirst(9).prefix(3)) else { return nil }
        return VillageKind(digits: n)
    }

    /// What the code's own tier is called, finer than the unit kind: 镇 or 乡 rather than 街道/乡镇, 虚拟社区 rather
    /// than 社区/村; nil above the township tier and for grids.
    public var tierLabel: Bilingual? { villageKind?.label ?? townshipKind?.label }

    /// What a unit of `kind` with this code is called: the code's tier for a township- or village-level unit, else
    /// the unit kind's name.
    public func label(as kind: UnitKind) -> Bilingual {
        (kind == .street || kind == .community ? tierLabel : nil) ?? kind.label
    }

    /// The name of a unit's kind as users read it: the code's tier where the code names one, else the unit kind's.
    public static func kindLabel(_ kind: UnitKind, code: String?) -> Bilingual {
        guard let code, let parsed = try? DivisionCode(code, kind: kind) else { return kind.label }
        return parsed.label(as: kind)
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
