import Foundation

/// The type of one field a directive collects.
public enum FieldType: String, Sendable, CaseIterable, Codable {
    case text, number, yesno, choice, date, temperature

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .text: Bilingual("文本", "text")
        case .number: Bilingual("数字", "number")
        case .yesno: Bilingual("是否", "yes/no")
        case .choice: Bilingual("选择", "choice")
        case .date: Bilingual("日期", "date")
        case .temperature: Bilingual("体温", "temperature")
        }
    }

    /// Accepts the English name or the Chinese label.
    public static func parse(_ raw: String) -> FieldType? {
        let raw = raw.trimmed.lowercased()
        return allCases.first { $0.rawValue == raw || $0.label.zh == raw || $0.label.en == raw }
    }
}

/// One field of a directive's form.
public struct FormField: Sendable, Codable, Equatable {
    /// The key under which answers are stored (`f1`, `f2` … by position unless given).
    public let key: String
    public let label: String
    public let type: FieldType
    public let required: Bool
    /// The allowed answers of a choice field.
    public let options: [String]
    /// The least and the greatest answer a number field accepts (a household of 0–20 people), if bounded.
    public let minimum: Double?, maximum: Double?

    /// Creates a field.
    public init(key: String, label: String, type: FieldType, required: Bool = false, options: [String] = [], minimum: Double? = nil, maximum: Double? = nil) {
        self.key = key; self.label = label; self.type = type; self.required = required; self.options = options
        self.minimum = minimum; self.maximum = maximum
    }

    enum CodingKeys: String, CodingKey { case key, label, type, required, options, minimum = "min", maximum = "max" }

    /// The range as written: "0~20", "≥0", "≤20", or empty when unbounded.
    public var range: String {
        switch (minimum, maximum) {
        case let (low?, high?): "\(Self.number(low))~\(Self.number(high))"
        case let (low?, nil): "≥\(Self.number(low))"
        case let (nil, high?): "≤\(Self.number(high))"
        case (nil, nil): ""
        }
    }

    /// A number as a person writes it: 20, not 20.0.
    public static func number(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value) }
}

/// The typed form a directive collects at each target, with the rules that check the answers.
public struct FormSchema: Sendable, Codable, Equatable {
    public let fields: [FormField]

    /// Creates a schema, checking that it is well formed.
    public init(fields: [FormField]) throws {
        var v = Validator()
        v.check(fields.count <= 30, "form", Bilingual("表单最多30项", "A form has at most 30 fields"))
        var keys = Set<String>()
        for (index, field) in fields.enumerated() {
            let line = index + 1
            v.check(!field.label.trimmed.isEmpty && field.label.count <= 50, "form",
                    Bilingual("第\(line)项：名称不能为空，且不超过50个字", "Field \(line): a label is required, at most 50 characters"))
            v.check(field.key.range(of: "^[a-z][a-z0-9_]{0,30}$", options: .regularExpression) != nil && keys.insert(field.key).inserted, "form",
                    Bilingual("第\(line)项：键“\(field.key)”无效或重复", "Field \(line): key “\(field.key)” is invalid or repeated"))
            if field.type == .choice {
                v.check(field.options.count >= 2 && Set(field.options).count == field.options.count && field.options.allSatisfy { $0.count <= 50 }, "form",
                        Bilingual("第\(line)项：选择题至少两个不同选项，每项不超过50个字", "Field \(line): a choice needs at least two distinct options of at most 50 characters"))
            }
            if field.minimum != nil || field.maximum != nil {
                v.check(field.type == .number, "form", Bilingual("第\(line)项：只有数字项可以限定范围", "Field \(line): only a number field has a range"))
                let bounds = [field.minimum, field.maximum].compactMap { $0 }
                v.check(bounds.allSatisfy { $0.isFinite && abs($0) < 1e12 } && (field.minimum ?? -.infinity) <= (field.maximum ?? .infinity), "form",
                        Bilingual("第\(line)项：范围的最小值不能大于最大值", "Field \(line): the range's least value cannot exceed its greatest"))
            }
        }
        try v.finish()
        self.fields = fields
    }

    /// Decodes a schema with the same checks as `init(fields:)`: a plan or directive sent as JSON (or read back
    /// from the database) cannot carry a key or label the form builder would refuse. Keys end up in `name=`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(fields: try container.decode([FormField].self, forKey: .fields))
    }

    /// No fields: the outcome alone is the report.
    public static let empty = try! FormSchema(fields: [])

    /// Parses the one-field-per-line text staff type into the directive form:
    /// `label | type | required | option/option` (or a number's range `0~20`), type and required in Chinese or English.
    public static func parse(lines text: String) throws -> FormSchema {
        var fields: [FormField] = []
        var v = Validator()
        for (index, line) in text.split(whereSeparator: \.isNewline).map({ String($0).trimmed }).filter({ !$0.isEmpty }).enumerated() {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmed }
            guard let type = FieldType.parse(parts.count > 1 ? parts[1] : "text") else {
                let names = FieldType.allCases.map { "\($0.label.zh)/\($0.rawValue)" }.joined(separator: "、")
                v.fail("form", Bilingual("第\(index + 1)行：类型“\(parts[1])”无效，可选：\(names)", "Line \(index + 1): type “\(parts[1])” is invalid; use one of: \(names)"))
                continue
            }
            let required = parts.count > 2 && ["必填", "required", "是", "yes"].contains(parts[2].lowercased())
            let last = parts.count > 3 ? parts[3] : ""
            if type == .number, !last.isEmpty {
                guard let (low, high) = Self.range(last) else {
                    v.fail("form", Bilingual("第\(index + 1)行：范围“\(last)”应写作 0~20、≥0 或 ≤20", "Line \(index + 1): write the range “\(last)” as 0~20, ≥0 or ≤20"))
                    continue
                }
                fields.append(FormField(key: "f\(index + 1)", label: parts[0], type: type, required: required, minimum: low, maximum: high))
                continue
            }
            fields.append(FormField(key: "f\(index + 1)", label: parts[0], type: type, required: required, options: Self.options(last)))
        }
        try v.finish()
        return try FormSchema(fields: fields)
    }

    /// The schema written back as the lines `parse(lines:)` reads, for editing.
    public var lines: String {
        fields.map { f in
            let last = f.type == .number ? f.range : f.options.joined(separator: "/")
            return [f.label, f.type.label.zh, f.required ? "必填" : "选填"].joined(separator: " | ") + (last.isEmpty ? "" : " | " + last)
        }.joined(separator: "\n")
    }

    /// A choice's options as typed in one box: split at "/", "、", "," or "，".
    public static func options(_ text: String) -> [String] {
        text.split(whereSeparator: { "/、,，".contains($0) }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// A number range as typed: "0~20" (or "0～20", "0至20"), "≥0", "≤20"; nil when it is none of these.
    public static func range(_ text: String) -> (Double?, Double?)? {
        let text = text.trimmed.replacingOccurrences(of: " ", with: "")
        func number(_ part: Substring) -> Double? { Double(part).flatMap { $0.isFinite ? $0 : nil } }
        for prefix in ["≥", ">="] where text.hasPrefix(prefix) { return number(text.dropFirst(prefix.count)).map { ($0, nil) } }
        for prefix in ["≤", "<="] where text.hasPrefix(prefix) { return number(text.dropFirst(prefix.count)).map { (nil, $0) } }
        for separator in ["~", "～", "至"] {
            let parts = text.components(separatedBy: separator)
            guard parts.count == 2 else { continue }
            guard let low = number(Substring(parts[0])), let high = number(Substring(parts[1])) else { return nil }
            return (low, high)
        }
        return nil
    }

    /// Checks answers and returns them normalized (numbers as written by Swift, yes/no as `yes`/`no`).
    /// Required fields must be answered only when the target was reached and the work done.
    public func validate(_ answers: [String: String], outcome: Outcome) throws -> [String: String] {
        var v = Validator()
        var clean: [String: String] = [:]
        for unknown in answers.keys where !fields.contains(where: { $0.key == unknown }) {
            v.fail(unknown, Bilingual("表单中没有“\(unknown)”这一项", "The form has no field “\(unknown)”"))
        }
        for field in fields {
            let raw = answers[field.key]?.trimmed ?? ""
            if raw.isEmpty {
                v.check(!(field.required && outcome == .done), field.key, Bilingual("请填写“\(field.label)”", "“\(field.label)” is required"))
                continue
            }
            if let value = v.capture({ try Self.normalize(raw, field) }) { clean[field.key] = value }
        }
        try v.finish()
        return clean
    }

    static func normalize(_ raw: String, _ field: FormField) throws -> String {
        func fail(_ zh: String, _ en: String) -> FieldError { FieldError(field.key, Bilingual("“\(field.label)”\(zh)", "“\(field.label)” \(en)")) }
        switch field.type {
        case .text:
            guard raw.count <= 500 else { throw fail("不超过500个字", "must be at most 500 characters") }
            return raw
        case .number:
            guard let n = Double(raw), n.isFinite, abs(n) < 1e12 else { throw fail("应为数字", "must be a number") }
            if let low = field.minimum, n < low { throw fail("应不小于\(FormField.number(low))", "must be at least \(FormField.number(low))") }
            if let high = field.maximum, n > high { throw fail("应不大于\(FormField.number(high))", "must be at most \(FormField.number(high))") }
            return n == n.rounded() ? String(Int(n)) : String(n)
        case .temperature:
            guard let t = Double(raw), (34.0...43.0).contains(t) else { throw fail("应为34.0至43.0之间的体温（℃）", "must be a body temperature between 34.0 and 43.0 °C") }
            return String(format: "%.1f", t)
        case .yesno:
            switch raw.lowercased() {
            case "yes", "y", "true", "1", "是": return "yes"
            case "no", "n", "false", "0", "否": return "no"
            default: throw fail("应填“是”或“否”", "must be yes or no")
            }
        case .choice:
            guard field.options.contains(raw) else { throw fail("应为以下之一：\(field.options.joined(separator: "、"))", "must be one of: \(field.options.joined(separator: ", "))") }
            return raw
        case .date:
            let parts = raw.split(separator: "-").compactMap { Int($0) }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            guard parts.count == 3, raw.count == 10,
                  let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
                  calendar.dateComponents([.month, .day], from: date) == DateComponents(month: parts[1], day: parts[2]) else { throw fail("应为日期，如 2026-03-01", "must be a date such as 2026-03-01") }
            return raw
        }
    }

    /// The household screening form of an epidemic (Emergency builds on it).
    public static let screening = try! FormSchema(fields: [
        FormField(key: "f1", label: "在家人数", type: .number, required: true, minimum: 0, maximum: 50),
        FormField(key: "f2", label: "最高体温", type: .temperature, required: true),
        FormField(key: "f3", label: "有无发热咳嗽", type: .yesno, required: true),
        FormField(key: "f4", label: "近14天外出情况", type: .choice, required: true, options: ["未外出", "省内", "省外", "境外"]),
        FormField(key: "f5", label: "备注", type: .text),
    ])
}
