/// A value with a user-facing label, so parsers can accept the label as well as the stored code.
public protocol LabelledValue { var label: Bilingual { get } }

extension LabelledValue where Self: RawRepresentable & CaseIterable, RawValue == String {
    /// The value whose code or label (Chinese or English) is `raw`; otherwise records in `v` what may be chosen
    /// and returns nil, so a form reports every bad choice at once.
    public static func pick(_ raw: String, field: String, names: Bilingual, _ v: inout Validator) -> Self? {
        let raw = raw.trimmed
        if let value = Self(rawValue: raw) ?? allCases.first(where: { $0.label.zh == raw || $0.label.en == raw }) { return value }
        let zh = allCases.map(\.label.zh).joined(separator: "、"), en = allCases.map(\.rawValue).joined(separator: ", ")
        v.fail(field, raw.isEmpty ? Bilingual("请选择\(names.zh)：\(zh)", "Choose the \(names.en.lowercased()): \(en)")
                                  : Bilingual("\(names.zh)“\(raw)”无效，可选：\(zh)", "\(names.en) “\(raw)” is not valid; use one of: \(en)"))
        return nil
    }
}
