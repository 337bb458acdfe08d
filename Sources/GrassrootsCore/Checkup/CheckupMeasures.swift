import Foundation

/// The four indices of the check-up (体检): the three shortfalls the model names, and participation.
public enum CheckupIndex: String, Sendable, CaseIterable, Codable {
    case organization, mobilization, cadres, participation
    public var label: Bilingual {
        switch self {
        case .organization: Bilingual("组织覆盖", "Organization coverage")
        case .mobilization: Bilingual("动员能力", "Mobilization capacity")
        case .cadres: Bilingual("干部能力", "Cadre capability")
        case .participation: Bilingual("多元参与", "Participation")
        }
    }
}

/// One measured point of the check-up, each a share in 0…1 from the records (absent when there is nothing to count,
/// shown as "no data", never as zero).
public enum CheckupMeasure: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable {
    case compoundParty = "compound_party", ownersCommittees = "owners_committees", unmanagedAdopted = "unmanaged_adopted", gridBranches = "grid_branches"
    case newEconomicCovered = "new_economic_covered", householdsCovered = "households_covered"
    case directiveReach = "directive_reach", drillResults = "drill_results", summonsResponse = "summons_response", summonsResolution = "summons_resolution"
    case requestRates = "request_rates"
    case requiredTraining = "required_training", trainingHours = "training_hours", grassrootsExperience = "grassroots_experience"
    case registeredUnits = "registered_units", registeredMembers = "registered_members", memberService = "member_service"
    case resolutionsCarriedOut = "resolutions_carried_out", fundTransparency = "fund_transparency"

    /// The index this point belongs to.
    public var index: CheckupIndex {
        switch self {
        case .compoundParty, .ownersCommittees, .unmanagedAdopted, .gridBranches, .newEconomicCovered, .householdsCovered: .organization
        case .directiveReach, .drillResults, .summonsResponse, .summonsResolution, .requestRates: .mobilization
        case .requiredTraining, .trainingHours, .grassrootsExperience: .cadres
        case .registeredUnits, .registeredMembers, .memberService, .resolutionsCarriedOut, .fundTransparency: .participation
        }
    }

    /// What is counted, as the page states it.
    public var label: Bilingual {
        switch self {
        case .compoundParty: Bilingual("小区党小组覆盖", "Compounds with a party group")
        case .ownersCommittees: Bilingual("业委会覆盖", "Compounds with an owners' committee")
        case .unmanagedAdopted: Bilingual("无人管理小区已认领", "Unmanaged compounds adopted")
        case .gridBranches: Bilingual("网格党支部覆盖", "Grids with a party branch")
        case .newEconomicCovered: Bilingual("新经济组织党建覆盖", "New economic organizations with party organization")
        case .householdsCovered: Bilingual("有人负责的住户", "Households some staff is responsible for")
        case .directiveReach: Bilingual("本期任务到户率", "Directive reach this period")
        case .drillResults: Bilingual("应急演练到户", "Drill reach")
        case .summonsResponse: Bilingual("吹哨按时响应", "Summons answered in time")
        case .summonsResolution: Bilingual("吹哨按时办结", "Summons resolved in time")
        case .requestRates: Bilingual("诉求“三率”综合", "Request rates (composite)")
        case .requiredTraining: Bilingual("干部必修课完成", "Cadres with every required course")
        case .trainingHours: Bilingual("干部培训学时达标", "Cadre training hours against target")
        case .grassrootsExperience: Bilingual("干部基层工作满3年", "Cadres with 3+ years at the grassroots")
        case .registeredUnits: Bilingual("社区有单位报到", "Communities with registered units")
        case .registeredMembers: Bilingual("在职党员报到", "Party members registered")
        case .memberService: Bilingual("报到党员本期有服务", "Registered members who served this period")
        case .resolutionsCarriedOut: Bilingual("议事决议落实", "Council resolutions carried out")
        case .fundTransparency: Bilingual("基金支出对应决议", "Fund spending tied to a resolution")
        }
    }
}

/// One point's value with the counts behind it.
public struct CheckupValue: Sendable, Codable, Equatable {
    public let measure: CheckupMeasure
    /// The counts behind the point (for a ratio, the counts it rests on).
    public let share: Share
    /// A value not made of these counts alone (a composite, a capped ratio), nil for no data.
    public let ratio: Double?
    public let isRatio: Bool

    /// A point that is its counts' share.
    public init(_ measure: CheckupMeasure, _ share: Share) { self.measure = measure; self.share = share; self.ratio = nil; self.isRatio = false }

    /// A point that is a ratio (nil for no data), shown with the counts it rests on.
    public init(_ measure: CheckupMeasure, _ share: Share, ratio: Double?) { self.measure = measure; self.share = share; self.ratio = ratio; self.isRatio = true }

    /// The point in 0…1, or nil for no data.
    public var value: Double? { isRatio ? ratio : share.value }

    /// The upper end of the point's 95 % Wilson score interval over the counts it rests on; nil for no data.
    public var upperBound: Double? {
        guard let p = value.map({ min(1, max(0, $0)) }), share.of > 0 else { return nil }
        let n = Double(share.of), z = 1.96, z2 = z * z
        return min(1, (p + z2 / (2 * n) + z * ((p * (1 - p) + z2 / (4 * n)) / n).squareRoot()) / (1 + z2 / n))
    }
}

/// A unit's check-up: every point, each index as the equal-weight score of its points with data, and the overall
/// score as the equal-weight score of the indices with data.
public struct CheckupScores: Sendable, Codable, Equatable {
    public let values: [CheckupValue]

    /// Creates the scores from the points.
    public init(_ values: [CheckupValue]) { self.values = values }

    /// Each point's weight within its index (equal) — shown on the page beside the score.
    public static func weight(_ measure: CheckupMeasure) -> Double {
        1.0 / Double(CheckupMeasure.allCases.filter { $0.index == measure.index }.count)
    }

    /// An index out of 100; nil when none of its points has data.
    public func score(_ index: CheckupIndex) -> Double? {
        let parts = CheckupMeasure.allCases.filter { $0.index == index }
        let weights = Dictionary(uniqueKeysWithValues: parts.map { ($0, Self.weight($0)) })
        let present = values.filter { $0.measure.index == index }.reduce(into: [CheckupMeasure: Double]()) { $0[$1.measure] = $1.value }
        return Weighting.score(weights, present)
    }

    /// The overall score out of 100 over the indices with data.
    public var overall: Double? {
        let indices = CheckupIndex.allCases
        let scores = indices.reduce(into: [CheckupIndex: Double]()) { $0[$1] = score($1).map { $0 / 100 } }
        return Weighting.score(Dictionary(uniqueKeysWithValues: indices.map { ($0, 0.25) }), scores)
    }

    /// The weakest points with data, surest first: ranked by the upper end of the point's 95 % Wilson interval, so
    /// a point is weak when even the best its counts allow is low. One unconfirmed timesheet (0 of 1, up to 79 %)
    /// no longer outranks forty households without anyone responsible (0 of 40, up to 9 %).
    public func weakest(_ count: Int = 5) -> [CheckupValue] {
        let ranked = values.compactMap { v in v.upperBound.map { (v, $0) } }
        return Array(ranked.sorted { ($0.1, $0.0.measure.rawValue) < ($1.1, $1.0.measure.rawValue) }.prefix(count).map(\.0))
    }
}
