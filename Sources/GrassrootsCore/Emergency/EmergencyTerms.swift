import Foundation

/// The kind of event a plan (预案) prepares for.
public enum HazardKind: String, Sendable, CaseIterable, Codable, LabelledValue {
    case epidemic, flood, earthquake, fire, geological, weather, other

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .epidemic: Bilingual("疫情", "Epidemic")
        case .flood: Bilingual("洪涝", "Flood")
        case .earthquake: Bilingual("地震", "Earthquake")
        case .fire: Bilingual("火灾", "Fire")
        case .geological: Bilingual("地质灾害", "Geological hazard")
        case .weather: Bilingual("气象灾害", "Severe weather")
        case .other: Bilingual("其他", "Other")
        }
    }

    /// The CAP categories an alert of this kind carries, so a received alert finds its plan.
    public var capCategories: Set<String> {
        switch self {
        case .epidemic: ["Health"]
        case .flood: ["Met", "Env"]
        case .earthquake: ["Geo"]
        case .fire: ["Fire"]
        case .geological: ["Geo", "Env"]
        case .weather: ["Met"]
        case .other: []
        }
    }
}

/// The four response levels of Chinese emergency plans: IV (blue) is the lowest, I (red) the highest.
public enum ResponseLevel: String, Sendable, CaseIterable, Codable, Comparable, LabelledValue {
    case iv = "IV", iii = "III", ii = "II", i = "I"

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .iv: Bilingual("Ⅳ级（蓝色）", "Level IV (blue)")
        case .iii: Bilingual("Ⅲ级（黄色）", "Level III (yellow)")
        case .ii: Bilingual("Ⅱ级（橙色）", "Level II (orange)")
        case .i: Bilingual("Ⅰ级（红色）", "Level I (red)")
        }
    }

    /// The colour the level is shown in.
    public var colour: String {
        switch self {
        case .iv: "#1d5fbf"
        case .iii: "#c9a000"
        case .ii: "#e07000"
        case .i: "#c81e1e"
        }
    }

    /// The level an alert's CAP severity suggests: Extreme → I, Severe → II, Moderate → III, otherwise IV.
    public static func suggested(bySeverity severity: String) -> ResponseLevel {
        switch severity {
        case "Extreme": .i
        case "Severe": .ii
        case "Moderate": .iii
        default: .iv
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// Whether an incident is real or a drill (演练); drills are kept out of real statistics.
public enum IncidentStatus: String, Sendable, CaseIterable, Codable, LabelledValue {
    case active
    case stoodDown = "stood_down"

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .active: Bilingual("响应中", "Active")
        case .stoodDown: Bilingual("已终止响应", "Stood down")
        }
    }
}
