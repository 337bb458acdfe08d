/// The tiers of the territory, top to bottom. Province and prefecture are accepted above the
/// city when an import file carries them; households hang below buildings in their own table.
public enum UnitKind: String, Sendable, CaseIterable, Codable, Comparable {
    case province, prefecture, city, street, community, grid, compound, building

    /// Position from the top, used to check that a child sits below its parent.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// The tier directly below, where the model expects one.
    public var childKind: UnitKind? {
        let all = Self.allCases
        return rank + 1 < all.count ? all[rank + 1] : nil
    }

    /// Tiers that carry a 12-digit statistical division code.
    public var hasDivisionCode: Bool { rank <= UnitKind.community.rank }

    /// The name shown to users.
    public var label: Bilingual {
        switch self {
        case .province: Bilingual("省", "Province")
        case .prefecture: Bilingual("市州", "Prefecture")
        case .city: Bilingual("县市区", "City")
        case .street: Bilingual("街道/乡镇", "Street / township")
        case .community: Bilingual("社区/村", "Community / village")
        case .grid: Bilingual("网格", "Grid")
        case .compound: Bilingual("小区/院落", "Compound")
        case .building: Bilingual("楼栋", "Building")
        }
    }

    public static func < (lhs: UnitKind, rhs: UnitKind) -> Bool { lhs.rank < rhs.rank }

    /// The kind that a statistical division level (1 province … 5 village) maps to.
    public static func fromDivisionLevel(_ level: Int) -> UnitKind? {
        switch level {
        case 1: .province
        case 2: .prefecture
        case 3: .city
        case 4: .street
        case 5: .community
        default: nil
        }
    }
}
