import Foundation

/// What a plan does at a response level: issue a directive, summon departments or publish a notice.
public enum PlanActionKind: String, Sendable, CaseIterable, Codable, LabelledValue {
    case directive, summons, notice

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .directive: Bilingual("下发任务", "Issue a directive")
        case .summons: Bilingual("吹哨调度部门", "Summon departments")
        case .notice: Bilingual("发布通知", "Publish a notice")
        }
    }
}

/// One action of a plan level, as stored (JSON) and as typed. Which fields matter depends on `kind`.
public struct PlanAction: Sendable, Codable, Equatable {
    public var kind: PlanActionKind
    public var title: String
    /// Directive: what, for whom, who does it, and hours from activation to its deadline.
    public var directiveKind: DirectiveKind?
    public var target: TargetKind?
    public var category: String?
    public var responsible: ResponsibleRule?
    public var deadlineHours: Int?
    public var instructions: String?
    public var form: FormSchema?
    /// Summons: the departments called and the kind of matter.
    public var departmentIDs: [Int]?
    public var matter: MatterKind?
    /// Notice: its text (also the summons' description).
    public var body: String?

    // `departmentIds`, so the API's snake case reads and writes `department_ids` (not `department_i_ds`).
    enum CodingKeys: String, CodingKey {
        case kind, title, directiveKind, target, category, responsible, deadlineHours, instructions, form, matter, body
        case departmentIDs = "departmentIds"
    }

    /// Creates an action; set the fields its kind uses.
    public init(kind: PlanActionKind, title: String, directiveKind: DirectiveKind? = nil, target: TargetKind? = nil, category: String? = nil,
                responsible: ResponsibleRule? = nil, deadlineHours: Int? = nil, instructions: String? = nil, form: FormSchema? = nil,
                departmentIDs: [Int]? = nil, matter: MatterKind? = nil, body: String? = nil) {
        self.kind = kind; self.title = title; self.directiveKind = directiveKind; self.target = target; self.category = category
        self.responsible = responsible; self.deadlineHours = deadlineHours; self.instructions = instructions; self.form = form
        self.departmentIDs = departmentIDs; self.matter = matter; self.body = body
    }

    /// A directive action.
    public static func directive(_ title: String, kind: DirectiveKind, target: TargetKind = .households, category: String? = nil,
                                 responsible: ResponsibleRule = .gridWorker, deadlineHours: Int, instructions: String = "", form: FormSchema? = nil) -> PlanAction {
        PlanAction(kind: .directive, title: title, directiveKind: kind, target: target, category: category, responsible: responsible,
                   deadlineHours: deadlineHours, instructions: instructions, form: form)
    }

    /// A summons action.
    public static func summons(_ title: String, departmentIDs: [Int], matter: MatterKind, body: String) -> PlanAction {
        PlanAction(kind: .summons, title: title, departmentIDs: departmentIDs, matter: matter, body: body)
    }

    /// A notice action.
    public static func notice(_ title: String, body: String) -> PlanAction { PlanAction(kind: .notice, title: title, body: body) }

    /// Checks the action (`line` names it in messages), recording every problem in `v`.
    public func check(line: Int, _ v: inout Validator) {
        let field = "actions[\(line)]"
        v.check((1...100).contains(title.trimmed.count), field, Bilingual("第\(line)项：标题为1–100字", "Action \(line): the title needs 1–100 characters"))
        switch kind {
        case .directive:
            v.check(directiveKind != nil && target != nil && responsible != nil, field,
                    Bilingual("第\(line)项：任务须有类型、对象和责任人", "Action \(line): a directive needs a kind, a target and who does it"))
            v.check((1...720).contains(deadlineHours ?? 0), field,
                    Bilingual("第\(line)项：完成时限为启动后1–720小时", "Action \(line): the deadline is 1–720 hours after activation"))
            if target?.needsCategory == true {
                v.check(category?.trimmed.isEmpty == false, field, Bilingual("第\(line)项：按类别下发须选人员类别", "Action \(line): choose the resident category"))
            }
        case .summons:
            v.check(!(departmentIDs ?? []).isEmpty && (departmentIDs ?? []).count <= 20, field,
                    Bilingual("第\(line)项：请选择1–20个部门", "Action \(line): call 1–20 departments"))
            v.check(matter != nil, field, Bilingual("第\(line)项：请选择事项类型", "Action \(line): choose the kind of matter"))
            v.check((1...4000).contains((body ?? "").trimmed.count), field, Bilingual("第\(line)项：请写明情况", "Action \(line): describe the matter"))
        case .notice:
            v.check((1...8000).contains((body ?? "").trimmed.count), field, Bilingual("第\(line)项：请写通知内容", "Action \(line): write the notice"))
        }
    }

    /// The household screening form (入户排查) epidemic plans start from.
    public static let screeningForm = try! FormSchema(fields: [
        FormField(key: "temperature", label: "体温 Temperature", type: .temperature, required: true),
        FormField(key: "symptoms", label: "发热、咳嗽等症状 Fever, cough or other symptoms", type: .yesno, required: true),
        FormField(key: "travel", label: "14天内外出史 Travel in the last 14 days", type: .yesno, required: true),
        FormField(key: "contact", label: "密接史 Close contact with a case", type: .yesno, required: true),
        FormField(key: "vulnerable", label: "需要帮助的老弱病残 Vulnerable person needing help", type: .yesno),
        FormField(key: "note", label: "备注 Note", type: .text),
    ])
}

/// A plan as typed: its unit, the kind of event, and its actions per level.
public struct PlanInput: Sendable, Equatable {
    public var title: String
    public var eventKind: String
    public var summary: String
    public var actions: [ResponseLevel: [PlanAction]]

    /// Creates an input.
    public init(title: String, eventKind: String, summary: String = "", actions: [ResponseLevel: [PlanAction]]) {
        self.title = title; self.eventKind = eventKind; self.summary = summary; self.actions = actions
    }

    /// Checks every field at once; a plan needs at least one action at some level, at most 20 per level.
    public func validated() throws -> (title: String, kind: HazardKind, summary: String, actions: [ResponseLevel: [PlanAction]]) {
        var v = Validator()
        v.check((1...100).contains(title.trimmed.count), "title", Bilingual("预案名称为1–100字", "The plan's title needs 1–100 characters"))
        v.check(summary.count <= 4000, "summary", Bilingual("说明不超过4000字", "The summary is at most 4,000 characters"))
        let kind = HazardKind.pick(eventKind, field: "event_kind", names: Bilingual("事件类型", "Event kind"), &v)
        v.check(actions.values.contains { !$0.isEmpty }, "actions", Bilingual("预案至少要有一项响应措施", "A plan needs at least one action"))
        var line = 0
        for level in ResponseLevel.allCases {
            let list = actions[level] ?? []
            v.check(list.count <= 20, "actions", Bilingual("\(level.label.zh)最多20项措施", "\(level.label.en) has at most 20 actions"))
            for action in list { line += 1; action.check(line: line, &v) }
        }
        try v.finish()
        return (title.trimmed, kind!, summary.trimmed, actions.filter { !$0.value.isEmpty })
    }
}
