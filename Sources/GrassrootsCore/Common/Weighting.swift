import Foundation

/// The arithmetic every weighted score shares: weights between 0 and 1 that add up to 1, and a score over
/// the parts that have data, their weights scaled up to fill the parts without.
public enum Weighting {
    /// Records in `v` every part whose weight is missing or outside 0…1, and a sum that is not 1.
    public static func check<K: Hashable>(_ weights: [K: Double], parts: [K], field: (K) -> String, label: (K) -> Bilingual, _ v: inout Validator) {
        for part in parts {
            let w = weights[part] ?? -1
            v.check((0...1).contains(w), field(part), Bilingual("“\(label(part).zh)”的权重应在 0 到 1 之间", "The weight of “\(label(part).en)” must be between 0 and 1"))
        }
        let sum = parts.reduce(0) { $0 + (weights[$1] ?? 0) }
        v.check(abs(sum - 1) < 0.0001, "weights", Bilingual("各项权重之和应为 1（现为 \(sum)）", "The weights must add up to 1 (they add up to \(sum))"))
    }

    /// The score out of 100, one decimal, over the parts with a value; nil when no weighted part has one
    /// (shown as "no data", never as zero).
    public static func score<K: Hashable>(_ weights: [K: Double], _ values: [K: Double]) -> Double? {
        let present = weights.filter { values[$0.key] != nil }
        let total = present.values.reduce(0, +)
        guard total > 0 else { return nil }
        let weighted = present.reduce(0.0) { $0 + $1.value * values[$1.key]! }
        return (weighted / total * 1000).rounded() / 10
    }
}

// Weights and rates keyed by these parts encode as JSON objects (`{"response": 0.1}`), not as key–value arrays.
extension CadreComponent: CodingKeyRepresentable {}
extension RateComponent: CodingKeyRepresentable {}
