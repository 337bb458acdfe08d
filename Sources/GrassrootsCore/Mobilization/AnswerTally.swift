import Foundation

/// The columns a report counts one field's answers in: the choices of a choice or yes/no field, fever bands of a
/// temperature, "answered" for the rest. Numbers are summarized apart (count, least, mean, most).
public struct AnswerColumns: Sendable, Equatable {
    /// The temperature from which a household is followed up (腋下体温 ≥ 37.3 ℃ counts as fever).
    public static let fever = 37.3
    /// The upper ends of the fever bands after "normal": 低热 to 38.0, 中热 to 39.0, then 高热.
    static let bands = [37.3, 38.1, 39.1]

    public let field: FormField
    public let labels: [Bilingual]
    /// The columns whose answers call for a follow-up (the fever bands).
    public let flagged: Set<Int>

    /// The columns of `field`.
    public init(_ field: FormField) {
        self.field = field
        switch field.type {
        case .yesno: labels = [Bilingual("是", "Yes"), Bilingual("否", "No")]; flagged = []
        case .choice: labels = field.options.map { Bilingual($0, $0) }; flagged = []
        case .temperature:
            labels = [Bilingual("正常 <37.3", "Normal <37.3"), Bilingual("低热 37.3–38.0", "Low fever 37.3–38.0"),
                      Bilingual("中热 38.1–39.0", "Fever 38.1–39.0"), Bilingual("高热 ≥39.1", "High fever ≥39.1")]
            flagged = [1, 2, 3]
        case .number, .text, .date: labels = [Bilingual("已填", "Answered")]; flagged = []
        }
    }

    /// The column a stored (normalized) answer falls in; nil for an empty or unreadable one.
    public func column(of answer: String) -> Int? {
        guard !answer.isEmpty else { return nil }
        switch field.type {
        case .yesno: return answer == "yes" ? 0 : answer == "no" ? 1 : nil
        case .choice: return field.options.firstIndex(of: answer)
        case .temperature:
            guard let t = Double(answer) else { return nil }
            return Self.bands.lastIndex { t >= $0 }.map { $0 + 1 } ?? 0
        case .number, .text, .date: return 0
        }
    }
}

/// One unit's count of the answers to every field of a form, and a follow-up check for each household.
public struct AnswerTally: Sendable, Equatable {
    /// Per field, the count in each of its columns.
    public private(set) var counts: [[Int]]
    /// Per field, the numbers answered (only number fields have any), for the least, mean and most.
    public private(set) var numbers: [NumberSummary?]
    /// Targets whose answers were counted.
    public private(set) var answered = 0

    /// An empty tally for `form`.
    public init(_ form: FormSchema) {
        counts = form.fields.map { Array(repeating: 0, count: AnswerColumns($0).labels.count) }
        numbers = form.fields.map { $0.type == .number ? NumberSummary() : nil }
    }

    /// Counts one target's answers.
    public mutating func add(_ answers: [String: String], form: FormSchema) {
        guard !answers.isEmpty else { return }
        answered += 1
        for (index, field) in form.fields.enumerated() {
            guard let answer = answers[field.key], let column = AnswerColumns(field).column(of: answer) else { continue }
            counts[index][column] += 1
            if let n = Double(answer) { numbers[index]?.add(n) }
        }
    }

    /// Why a target's report calls for a follow-up, one reason per finding; empty when none does.
    public static func followUp(_ answers: [String: String], outcome: Outcome, form: FormSchema) -> [Bilingual] {
        var reasons: [Bilingual] = outcome == .refused ? [Bilingual("拒绝配合", "Refused")] : []
        for field in form.fields where field.type == .temperature {
            if let t = answers[field.key].flatMap(Double.init), t >= AnswerColumns.fever {
                reasons.append(Bilingual("\(field.label) \(answers[field.key]!) ℃", "\(field.label) \(answers[field.key]!) °C"))
            }
        }
        return reasons
    }
}

/// The least, mean and most of the numbers answered to one field.
public struct NumberSummary: Sendable, Equatable {
    public private(set) var count = 0, least = Double.infinity, most = -Double.infinity, sum = 0.0

    /// Adds one answer.
    public mutating func add(_ n: Double) { count += 1; least = min(least, n); most = max(most, n); sum += n }

    /// The mean, nil before any answer.
    public var mean: Double? { count == 0 ? nil : sum / Double(count) }
}

extension FormField {
    /// A stored answer as people read it: yes/no in Chinese (`是`/`否`), the rest as stored.
    public func display(_ answer: String) -> String {
        guard type == .yesno else { return answer }
        return answer == "yes" ? "是" : answer == "no" ? "否" : answer
    }
}
