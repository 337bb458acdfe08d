import Foundation

/// One measured part of a cadre's period evaluation. Each is a share in 0…1 made of counts a page can show;
/// none of them counts logins, time online or check-ins (减负: the front line is judged by outcomes, not presence).
public enum CadreComponent: String, Sendable, CaseIterable, Codable {
    /// Required courses completed (attended hours reach the course's hours), of the required courses.
    case requiredTraining = "required_training"
    /// Hours attended in the period, of the period's share of the yearly target (capped at 1).
    case trainingHours = "training_hours"
    /// The end-of-term reviews of secondments reviewed in the period.
    case secondmentReview = "secondment_review"
    /// Compounds with a party group and grids with a branch, of the compounds and grids of the areas served.
    case areaCoverage = "area_coverage"
    /// Targets reached, of the targets of directives issued in the period, in the areas served.
    case directiveReach = "directive_reach"
    /// The composite of the three request rates of the areas served (their requests counted together).
    case requestRates = "request_rates"

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .requiredTraining: Bilingual("必修课程完成率", "Required courses completed")
        case .trainingHours: Bilingual("培训学时达标率", "Training hours against target")
        case .secondmentReview: Bilingual("挂职期满考核", "Secondment reviews")
        case .areaCoverage: Bilingual("所服务区域组织覆盖率", "Organization coverage of areas served")
        case .directiveReach: Bilingual("所服务区域任务到户率", "Directive reach in areas served")
        case .requestRates: Bilingual("所服务区域诉求“三率”", "Request rates in areas served")
        }
    }
}

/// The configurable weights of the cadre evaluation; they must add up to 1.
public struct CadreWeights: Sendable, Equatable, Codable {
    public let weights: [CadreComponent: Double]

    /// Checks that every part is weighted between 0 and 1 and that the weights add up to 1.
    public init(_ weights: [CadreComponent: Double]) throws {
        var v = Validator()
        Weighting.check(weights, parts: CadreComponent.allCases, field: \.rawValue, label: \.label, &v)
        try v.finish()
        self.weights = weights
    }

    /// The defaults: capability (training) and results (the areas served) weigh about the same.
    public static let defaults = try! CadreWeights([.requiredTraining: 0.25, .trainingHours: 0.15, .secondmentReview: 0.1,
                                                    .areaCoverage: 0.2, .directiveReach: 0.2, .requestRates: 0.1])

    /// The score out of 100 over the parts with data; nil when none has.
    public func score(_ values: [CadreComponent: Double]) -> Double? { Weighting.score(weights, values) }
}

/// What a cadre's period evaluation is made of, part by part, with the counts behind each share.
public struct CadreParts: Sendable, Equatable, Codable {
    /// Required courses completed / required courses.
    public var requiredTraining: Share
    /// Hours attended in the period and the period's target.
    public var hours: Double
    public var hoursTarget: Double
    /// The outcomes of the secondments reviewed in the period.
    public var reviews: [ReviewOutcome]
    public var coverage: Share
    public var reach: Share
    /// The composite of the request rates of the areas served (out of 100), nil without requests.
    public var requests: Double?

    /// Creates the parts.
    public init(requiredTraining: Share, hours: Double, hoursTarget: Double, reviews: [ReviewOutcome], coverage: Share, reach: Share, requests: Double? = nil) {
        self.requiredTraining = requiredTraining; self.hours = hours; self.hoursTarget = hoursTarget; self.reviews = reviews
        self.coverage = coverage; self.reach = reach; self.requests = requests
    }

    /// Each part's share, absent where there is nothing to count.
    public var values: [CadreComponent: Double] {
        var values: [CadreComponent: Double] = [:]
        values[.requiredTraining] = requiredTraining.value
        if hoursTarget > 0 { values[.trainingHours] = min(1, hours / hoursTarget) }
        if !reviews.isEmpty { values[.secondmentReview] = reviews.map(\.share).reduce(0, +) / Double(reviews.count) }
        values[.areaCoverage] = coverage.value
        values[.directiveReach] = reach.value
        values[.requestRates] = requests.map { $0 / 100 }
        return values
    }

    /// The hours a period asks for: the yearly target spread over its months.
    public static func target(yearly: Double, period: Period) -> Double {
        let months = WorkingCalendar.calendar.dateComponents([.month], from: period.start, to: period.end).month ?? 12
        return yearly * Double(months) / 12
    }
}

/// Whether a required course is complete: the hours attended across its sessions reach the course's hours.
public func courseCompleted(attended: Double, required: Double) -> Bool { attended + 0.0001 >= required }

/// Full years from `since` (`2015-03-01`) to `today`; nil without a start.
public func yearsSince(_ since: String?, today: String) -> Int? {
    guard let since, since.count == 10, today.count == 10, let y0 = Int(since.prefix(4)), let y1 = Int(today.prefix(4)) else { return nil }
    return max(0, y1 - y0 - (today.dropFirst(5) < since.dropFirst(5) ? 1 : 0))
}

extension CadreWeights {
    /// Decoded with the checks of `init(_:)`: every component weighted, adding up to 1.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(c.decode([CadreComponent: Double].self, forKey: .weights))
    }
}
