import Foundation

/// One measured part of the two-way evaluation (双向考评). The street rates each department on the first three,
/// the department rates each street on the last three; every part is a share between 0 and 1.
public enum EvaluationComponent: String, Sendable, CaseIterable, Codable {
    /// Department parts accepted within the response limit, of those due (or accepted) by then.
    case response
    /// Department parts closed within the resolution limit, of those due (or closed) by then.
    case resolution
    /// The street's rating of the department's attitude, 1–5 mapped onto 0–1.
    case attitude
    /// Closure requests the street decided within 24 hours, of those it received.
    case verification
    /// Department parts not returned as wrongly addressed, of those sent.
    case accuracy
    /// The department's rating of the street's cooperation, 1–5 mapped onto 0–1.
    case cooperation

    /// The side that gives this part (the other side is the one rated).
    public var rater: Side { [.response, .resolution, .attitude].contains(self) ? .street : .department }

    /// The parts a side gives.
    public static func given(by side: Side) -> [EvaluationComponent] { allCases.filter { $0.rater == side } }

    /// The label users read, with how it is counted.
    public var label: Bilingual {
        switch self {
        case .response: Bilingual("按时响应率", "On-time response")
        case .resolution: Bilingual("按时办结率", "On-time resolution")
        case .attitude: Bilingual("服务态度评分", "Attitude rating")
        case .verification: Bilingual("24小时内核实率", "Verified within 24 h")
        case .accuracy: Bilingual("吹哨准确率（未被退回）", "Accurate summons (not returned)")
        case .cooperation: Bilingual("配合度评分", "Cooperation rating")
        }
    }
}

/// A share with its counts, so pages show what a percentage is made of.
public struct Share: Sendable, Equatable, Codable {
    public let hits: Int
    public let of: Int
    /// Creates a share.
    public init(_ hits: Int, of total: Int) { self.hits = hits; self.of = total }
    /// The share, or nil when there is nothing to count.
    public var value: Double? { of == 0 ? nil : Double(hits) / Double(of) }
    /// A 1–5 rating mapped onto 0–1, nil when there is none.
    public static func rating(_ stars: Int?) -> Double? { stars.flatMap { (1...5).contains($0) ? Double($0 - 1) / 4 : nil } }
}

/// The configurable weights of one side's evaluation; they must add up to 1.
public struct EvaluationWeights: Sendable, Equatable, Codable {
    public let weights: [EvaluationComponent: Double]

    /// Checks that only `side`'s parts are weighted, each between 0 and 1, summing to 1.
    public init(side: Side, _ weights: [EvaluationComponent: Double]) throws {
        var v = Validator()
        let parts = EvaluationComponent.given(by: side)
        Weighting.check(weights, parts: parts, field: \.rawValue, label: \.label, &v)
        v.check(weights.keys.allSatisfy { $0.rater == side }, "weights", Bilingual("只能设置本方的考评项", "Only this side's parts can be weighted"))
        try v.finish()
        self.weights = weights
    }

    /// The defaults: street rating departments 0.4 / 0.4 / 0.2; department rating streets 0.4 / 0.3 / 0.3.
    public static func defaults(_ side: Side) -> EvaluationWeights {
        side == .street ? try! EvaluationWeights(side: .street, [.response: 0.4, .resolution: 0.4, .attitude: 0.2])
                        : try! EvaluationWeights(side: .department, [.verification: 0.4, .accuracy: 0.3, .cooperation: 0.3])
    }

    /// The score out of 100 over the parts that have data, their weights scaled up to fill the parts without;
    /// nil when no part has data (shown as "no data", never as zero).
    public func score(_ values: [EvaluationComponent: Double]) -> Double? { Weighting.score(weights, values) }
}

extension EvaluationWeights {
    /// Decoded with the checks of `init(side:_:)`, for the side whose parts it names (a mix is refused there).
    public init(from decoder: any Decoder) throws {
        let weights = try decoder.container(keyedBy: CodingKeys.self).decode([EvaluationComponent: Double].self, forKey: .weights)
        try self.init(side: weights.keys.first?.rater ?? .street, weights)
    }
}
