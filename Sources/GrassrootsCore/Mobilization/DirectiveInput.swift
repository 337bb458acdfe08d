import Foundation

/// A directive as typed in a form or sent to the API, before it is checked.
public struct DirectiveInput: Sendable, Equatable {
    public var title: String
    public var kind: String
    public var target: String
    public var category: String?
    public var responsible: String
    public var priority: String
    public var deadline: String
    public var instructions: String
    public var form: FormSchema
    public var stallHours: Int

    /// Creates an input; strings are parsed by `validated(now:)`.
    public init(title: String, kind: String, target: String, category: String? = nil, responsible: String = "grid_worker",
                priority: String = "normal", deadline: String, instructions: String = "", form: FormSchema = .empty, stallHours: Int = 24) {
        self.title = title; self.kind = kind; self.target = target; self.category = category; self.responsible = responsible
        self.priority = priority; self.deadline = deadline; self.instructions = instructions; self.form = form; self.stallHours = stallHours
    }
}

/// A checked directive definition.
public struct DirectiveDefinition: Sendable, Equatable, Codable {
    public let title: String
    public let kind: DirectiveKind
    public let target: TargetKind
    public let category: String?
    public let responsible: ResponsibleRule
    public let priority: Priority
    public let deadline: Date
    public let instructions: String
    public let form: FormSchema
    public let stall: Int
}

extension DirectiveInput {
    /// Checks every field at once; the deadline must lie after `now`.
    public func validated(now: Date) throws -> DirectiveDefinition {
        var v = Validator()
        let title = title.trimmed, instructions = instructions.trimmed
        v.check(!title.isEmpty && title.count <= 100, "title", Bilingual("标题不能为空，且不超过100个字", "A title is required, at most 100 characters"))
        v.check(instructions.count <= 2000, "instructions", Bilingual("工作要求不超过2000个字", "Instructions are at most 2,000 characters"))
        func pick<T: RawRepresentable & CaseIterable>(_ raw: String, _ field: String, _ label: (T) -> Bilingual) -> T? where T.RawValue == String {
            if let value = T(rawValue: raw.trimmed) { return value }
            let names = T.allCases.map { "\($0.rawValue)（\(label($0).zh)）" }.joined(separator: "、")
            v.fail(field, Bilingual("“\(raw)”无效，可选：\(names)", "“\(raw)” is invalid; use one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
        let kind: DirectiveKind? = pick(kind, "kind", \.label)
        let target: TargetKind? = pick(target, "target", \.label)
        let rule: ResponsibleRule? = pick(responsible, "responsible", \.label)
        let priority: Priority? = pick(priority, "priority", \.label)
        let category = category?.trimmed.isEmpty == false ? category!.trimmed : nil
        if let target, target.needsCategory, category == nil {
            v.fail("category", Bilingual("按类别下发时须选择人员类别", "Choose the resident category this target needs"))
        }
        let deadline = v.capture { try LocalTime.parse(self.deadline, field: "deadline") }
        if let deadline { v.check(deadline > now, "deadline", Bilingual("截止时间应晚于现在", "The deadline must lie in the future")) }
        let stall = v.capture { try StallRule(stallHours: stallHours) }
        try v.finish()
        return DirectiveDefinition(title: title, kind: kind!, target: target!, category: target!.needsCategory ? category : nil, responsible: rule!,
                                   priority: priority!, deadline: deadline!, instructions: instructions, form: form, stall: stall!.stallHours)
    }
}
