import Foundation

/// The three rates (三率) of resident requests.
public enum RateComponent: String, Sendable, CaseIterable, Codable {
    /// Requests taken up within their response limit, of those whose limit has passed or that were taken up.
    case response
    /// Requests the resident said were solved, of those with the resident's feedback.
    case resolution
    /// Satisfied (and "basically satisfied" at its factor), of the feedback not excluded by an approved flag.
    case satisfaction

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .response: Bilingual("响应率", "Response rate")
        case .resolution: Bilingual("解决率", "Resolution rate")
        case .satisfaction: Bilingual("满意率", "Satisfaction rate")
        }
    }
}

/// The configuration of the rates: the weights of the composite and what "basically satisfied" counts for.
public struct RateSettings: Sendable, Equatable, Codable {
    public let weights: [RateComponent: Double]
    /// The share a "basically satisfied" counts for in the satisfaction rate.
    public let basicallyFactor: Double

    /// Checks the weights (each 0–1, adding up to 1) and the factor (0–1).
    public init(weights: [RateComponent: Double], basicallyFactor: Double) throws {
        var v = Validator()
        Weighting.check(weights, parts: RateComponent.allCases, field: \.rawValue, label: \.label, &v)
        v.check((0...1).contains(basicallyFactor), "basically_factor", Bilingual("“基本满意”折算系数应在 0 到 1 之间", "The factor of “basically satisfied” must be between 0 and 1"))
        try v.finish()
        self.weights = weights; self.basicallyFactor = basicallyFactor
    }

    /// The defaults: composite 0.1 / 0.5 / 0.4, "basically satisfied" counted at 0.9.
    public static let defaults = try! RateSettings(weights: [.response: 0.1, .resolution: 0.5, .satisfaction: 0.4], basicallyFactor: 0.9)
}

/// The counts behind one unit's three rates for a period.
public struct RequestTally: Sendable, Equatable, Codable {
    /// Requests whose response limit has passed, or that were taken up.
    public var due = 0
    public var respondedOnTime = 0
    /// Requests with the resident's feedback.
    public var followUps = 0
    public var solved = 0
    /// Feedback counted in satisfaction (excluded ones left out).
    public var satisfied = 0
    public var basicallySatisfied = 0
    public var dissatisfied = 0
    /// Feedback left out of satisfaction because an exclusion was approved.
    public var excluded = 0

    /// Creates an empty tally.
    public init() {}

    /// The three rates in 0…1, absent where nothing is counted.
    public func rates(_ settings: RateSettings) -> [RateComponent: Double] {
        var rates: [RateComponent: Double] = [:]
        rates[.response] = Share(respondedOnTime, of: due).value
        rates[.resolution] = Share(solved, of: followUps).value
        let rated = satisfied + basicallySatisfied + dissatisfied
        if rated > 0 { rates[.satisfaction] = (Double(satisfied) + settings.basicallyFactor * Double(basicallySatisfied)) / Double(rated) }
        return rates
    }

    /// Two tallies counted together (several areas served by one cadre).
    public static func + (a: RequestTally, b: RequestTally) -> RequestTally {
        var t = a
        t.due += b.due; t.respondedOnTime += b.respondedOnTime; t.followUps += b.followUps; t.solved += b.solved
        t.satisfied += b.satisfied; t.basicallySatisfied += b.basicallySatisfied; t.dissatisfied += b.dissatisfied; t.excluded += b.excluded
        return t
    }

    /// The composite out of 100 over the rates with data.
    public func composite(_ settings: RateSettings) -> Double? { Weighting.score(settings.weights, rates(settings)) }
}

extension RateSettings {
    /// Decoded with the checks of `init(weights:basicallyFactor:)`: the weights add up to 1, the factor is a share.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(weights: c.decode([RateComponent: Double].self, forKey: .weights), basicallyFactor: c.decode(Double.self, forKey: .basicallyFactor))
    }
}
