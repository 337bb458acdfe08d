import Foundation
import GrassrootsCore
import GrassrootsStore

/// Renders a directive's typed form as inputs a phone keyboard suits, and reads the answers back.
enum FormView {
    static func fields(_ schema: FormSchema, values: [String: String], errors: [String: String], context: AppContext) -> HTML {
        schema.fields.map { f -> HTML in
            let value = values[f.key], label = f.label + (f.required ? " *" : "")
            switch f.type {
            case .text: return HTML.field(f.key, label: label, value: value, errors: errors)
            case .number:
                // The range as the keyboard's limits too, so a phone refuses 500 people at home before it is sent.
                let bounds: HTML = "\(f.minimum.html { " min=\"\(FormField.number($0))\"" })\(f.maximum.html { " max=\"\(FormField.number($0))\"" })"
                return HTML.field(f.key, label: label, value: value, errors: errors, type: "number", attributes: " step=\"any\" inputmode=\"decimal\"" + bounds)
            case .temperature:
                return HTML.field(f.key, label: label + " ℃", value: value, errors: errors, type: "number",
                                  attributes: " step=\"0.1\" min=\"34\" max=\"43\" inputmode=\"decimal\"")
            case .date: return HTML.field(f.key, label: label, value: value, errors: errors, type: "date")
            case .yesno:
                return HTML.select(f.key, label: label, options: [("", "—"), ("yes", context.t("是", "Yes")), ("no", context.t("否", "No"))], selected: value, errors: errors)
            case .choice:
                return HTML.select(f.key, label: label, options: [("", "—")] + f.options.map { ($0, $0) }, selected: value, errors: errors)
            }
        }.joined()
    }

    static func answers(_ schema: FormSchema, _ form: Form) -> [String: String] {
        Dictionary(schema.fields.compactMap { f in form[f.key].flatMap { $0.trimmed.isEmpty ? nil : (f.key, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    static func outcomeChoices(selected: String?, name: String = "outcome", includeUnchanged: Bool = false, context: AppContext) -> HTML {
        let options = (includeUnchanged ? [("", context.t("不变", "No change"))] : []) + Outcome.reportable.map { ($0.rawValue, $0.label.text(context.language)) }
        return options.map { value, label -> HTML in
            "<label><input type=\"radio\" name=\"\(token: name)\" value=\"\(value)\"\(value == (selected ?? "") ? " checked" : "")> \(label)</label>"
        }.joined()
    }
}
