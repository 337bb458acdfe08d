import Foundation

/// What a directive asks the front line to do.
public enum DirectiveKind: String, Sendable, CaseIterable, Codable {
    case screening, visit, notice, survey, inspection, supply, custom

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .screening: Bilingual("入户排查", "Household screening")
        case .visit: Bilingual("走访", "Visit")
        case .notice: Bilingual("通知送达", "Notice delivery")
        case .survey: Bilingual("调查", "Survey")
        case .inspection: Bilingual("检查", "Inspection")
        case .supply: Bilingual("物资配送", "Supply delivery")
        case .custom: Bilingual("其他任务", "Custom")
        }
    }
}

/// What one assignment is about: every household, only some, or every compound or building of the scope.
public enum TargetKind: String, Sendable, CaseIterable, Codable {
    case households
    /// Households with at least one resident in the directive's category.
    case householdsWithCategory = "households_with_category"
    /// Each resident in the directive's category.
    case residentsWithCategory = "residents_with_category"
    case compounds, buildings

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .households: Bilingual("每一户", "Every household")
        case .householdsWithCategory: Bilingual("有指定类别人员的户", "Households with a resident of a category")
        case .residentsWithCategory: Bilingual("指定类别的每位居民", "Every resident of a category")
        case .compounds: Bilingual("每个小区/院落", "Every compound")
        case .buildings: Bilingual("每栋楼", "Every building")
        }
    }

    /// True when the target list is narrowed by a resident category.
    public var needsCategory: Bool { self == .householdsWithCategory || self == .residentsWithCategory }
}

/// Who is answerable for an assignment, resolved when the directive is issued.
public enum ResponsibleRule: String, Sendable, CaseIterable, Codable {
    /// The grid worker (网格员) of the target's grid.
    case gridWorker = "grid_worker"
    /// The building leader (楼栋长), falling back to the grid worker where a building has none.
    case buildingLeader = "building_leader"
    /// Staff placed in the compound (居民小组长, 红色片长 …), falling back to the grid worker.
    case compoundStaff = "compound_staff"

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .gridWorker: Bilingual("所在网格的网格员", "The grid's worker")
        case .buildingLeader: Bilingual("楼栋长（无则网格员）", "Building leader (else the grid worker)")
        case .compoundStaff: Bilingual("小区/院落骨干（无则网格员）", "Compound staff (else the grid worker)")
        }
    }
}

/// How urgent a directive is.
public enum Priority: String, Sendable, CaseIterable, Codable {
    case normal, urgent, critical

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .normal: Bilingual("一般", "Normal")
        case .urgent: Bilingual("紧急", "Urgent")
        case .critical: Bilingual("特急", "Critical")
        }
    }
}

/// Where a directive is in its life.
public enum DirectiveStatus: String, Sendable, CaseIterable, Codable {
    case draft, issued, cancelled

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .draft: Bilingual("草稿", "Draft")
        case .issued: Bilingual("已下发", "Issued")
        case .cancelled: Bilingual("已撤销", "Cancelled")
        }
    }
}

/// The result of one assignment. Every outcome but `pending` and `absent` means the target was reached.
public enum Outcome: String, Sendable, CaseIterable, Codable {
    case pending, done, absent, refused
    case notApplicable = "not_applicable"

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .pending: Bilingual("未办", "Pending")
        case .done: Bilingual("已完成", "Done")
        case .absent: Bilingual("未遇（需再访）", "Absent (revisit)")
        case .refused: Bilingual("拒绝", "Refused")
        case .notApplicable: Bilingual("不适用", "Not applicable")
        }
    }

    /// True when someone has actually got to the target.
    public var reached: Bool { self == .done || self == .refused || self == .notApplicable }

    /// The outcomes a field worker may report (pending is where every assignment starts).
    public static let reportable: [Outcome] = [.done, .absent, .refused, .notApplicable]

    /// Parses a submitted value, accepting only reportable outcomes.
    public static func parseReported(_ raw: String) throws -> Outcome {
        guard let outcome = Outcome(rawValue: raw.trimmed), outcome != .pending else {
            let accepted = reportable.map(\.rawValue).joined(separator: ", ")
            throw FieldError("outcome", Bilingual("办理结果“\(raw)”无效，可选：\(accepted)", "Outcome “\(raw)” is invalid; use one of: \(accepted)"))
        }
        return outcome
    }
}
