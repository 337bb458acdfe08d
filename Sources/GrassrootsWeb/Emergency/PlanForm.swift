import Foundation
import GrassrootsCore
import GrassrootsStore

/// The fields of one plan action, shown on the new-plan form and the plan page, and read back into a `PlanAction`.
/// Only the fields of the chosen kind are kept, so a notice never carries a stray directive deadline.
enum PlanForm {
    static func action(_ form: Form) throws -> PlanAction {
        let kind = PlanActionKind(rawValue: form["action"] ?? "") ?? .notice
        let title = form["action_title"] ?? ""
        switch kind {
        case .directive:
            let target = TargetKind(rawValue: form["target"] ?? "")
            return PlanAction(kind: .directive, title: title, directiveKind: DirectiveKind(rawValue: form["directive_kind"] ?? ""), target: target,
                              category: target?.needsCategory == true ? form["category"] : nil,
                              responsible: ResponsibleRule(rawValue: form["responsible"] ?? ""), deadlineHours: Int(form["deadline_hours"] ?? ""),
                              instructions: form["instructions"] ?? "", form: try Self.schema(form))
        case .summons:
            return .summons(title, departmentIDs: form.all("department_ids").compactMap { Int($0) },
                            matter: MatterKind(rawValue: form["matter"] ?? "") ?? .emergency, body: form["body"] ?? "")
        case .notice:
            return .notice(title, body: form["body"] ?? "")
        }
    }

    /// The directive's form from the builder's rows; none when no field was given (the outcome alone is the report).
    static func schema(_ form: Form) throws -> FormSchema? {
        let rows = FormBuilder.rows(form)
        return rows.isEmpty ? nil : try FormBuilder.schema(rows)
    }

    /// The action fields; `departments` are the departments a summons may call. A builder step pressed on `form`
    /// is applied here, so both plan pages show its result.
    static func fields(_ form: Form?, departments: [(Int, String)], errors: [String: String], _ context: AppContext) -> HTML {
        let lang = context.language
        let step = form.flatMap { FormBuilder.step($0, template: PlanAction.screeningForm, context) }
        let rows = step?.rows ?? form.map(FormBuilder.rows) ?? []
        let chosen = Set(form?.all("department_ids").compactMap { Int($0) } ?? [])
        let checks = departments.map {
            "<label><input type=\"checkbox\" name=\"department_ids\" value=\"\($0.0)\"\(chosen.contains($0.0) ? " checked" : "")> \($0.1)</label>" as HTML
        }.joined()
        return """
            \(HTML.select("level", label: context.t("响应级别", "Response level"), options: ResponseLevel.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                          selected: form?["level"], errors: errors))
            \(HTML.select("action", label: context.t("措施类型", "Action"), options: PlanActionKind.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                          selected: form?["action"], errors: errors))
            \(HTML.field("action_title", label: context.t("措施标题", "Action title"), value: form?["action_title"], errors: errors, required: true))
            <fieldset class="card"><legend>\(context.t("下发任务时", "For a directive"))</legend>
            \(HTML.select("directive_kind", label: context.t("任务类型", "Kind"), options: DirectiveKind.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                          selected: form?["directive_kind"], errors: errors))
            \(HTML.select("target", label: context.t("对象", "Target"), options: TargetKind.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                          selected: form?["target"], errors: errors))
            \(HTML.field("category", label: context.t("人员类别（按类别下发时）", "Resident category (for category targets)"), value: form?["category"], errors: errors))
            \(HTML.select("responsible", label: context.t("责任人", "Done by"), options: ResponsibleRule.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                          selected: form?["responsible"], errors: errors))
            \(HTML.field("deadline_hours", label: context.t("启动后几小时内完成", "Hours after activation"), value: form?["deadline_hours"] ?? "24", errors: errors, type: "number"))
            \(HTML.textarea("instructions", label: context.t("工作要求", "Instructions"), value: form?["instructions"], errors: errors, rows: 2))
            \(FormBuilder.editor(rows, template: context.t("入户排查表", "household screening form"), errors: errors.merging(step?.errors ?? [:]) { a, _ in a }, context))
            </fieldset>
            <fieldset class="card checks"><legend>\(context.t("吹哨时：呼叫部门", "For a summons: departments"))</legend>\(checks)
            \(HTML.select("matter", label: context.t("事项类型", "Kind of matter"), options: MatterKind.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                          selected: form?["matter"] ?? MatterKind.emergency.rawValue, errors: errors))</fieldset>
            \(HTML.textarea("body", label: context.t("通知内容 / 吹哨情况说明", "Notice text / summons description"), value: form?["body"], errors: errors, rows: 3))
            """
    }
}
