import Foundation

/// What a resident's request (诉求) is.
public enum RequestKind: String, Sendable, CaseIterable, Codable, LabelledValue {
    case consultation, help, complaint, report, suggestion
    public var label: Bilingual {
        switch self {
        case .consultation: Bilingual("咨询", "Consultation")
        case .help: Bilingual("求助", "Help")
        case .complaint: Bilingual("投诉", "Complaint")
        case .report: Bilingual("举报", "Report")
        case .suggestion: Bilingual("建议", "Suggestion")
        }
    }
}

/// How fast a category of request must be answered: each class has a response and a resolution limit.
public enum TimeClass: String, Sendable, CaseIterable, Codable, LabelledValue {
    case urgent, utilities, general, complex
    public var label: Bilingual {
        switch self {
        case .urgent: Bilingual("紧急", "Urgent")
        case .utilities: Bilingual("水电气暖", "Utilities")
        case .general: Bilingual("一般", "General")
        case .complex: Bilingual("复杂", "Complex")
        }
    }
}

/// Where a request stands.
public enum RequestStatus: String, Sendable, CaseIterable, Codable, LabelledValue {
    /// Waiting to be taken up by the handling unit.
    case submitted
    /// Taken up (the response clock has stopped).
    case accepted
    /// Answered; waiting for the resident to say whether it was solved.
    case replied
    /// Finished: the resident gave feedback, or the request was withdrawn.
    case closed
    public var label: Bilingual {
        switch self {
        case .submitted: Bilingual("待受理", "Submitted")
        case .accepted: Bilingual("办理中", "In progress")
        case .replied: Bilingual("已答复待评价", "Answered, awaiting feedback")
        case .closed: Bilingual("已办结", "Closed")
        }
    }
    /// Open311 knows only open and closed.
    public var open311: String { self == .closed ? "closed" : "open" }
}

/// The tier handling a request now; beyond the street it goes to departments through a summons.
public enum RequestLevel: String, Sendable, CaseIterable, Codable, LabelledValue {
    case city, street, community, grid, department
    public var label: Bilingual {
        switch self {
        case .city: Bilingual("市级", "City")
        case .grid: Bilingual("网格", "Grid")
        case .community: Bilingual("社区", "Community")
        case .street: Bilingual("街道", "Street")
        case .department: Bilingual("职能部门", "Department")
        }
    }
}

/// The resident's verdict on an answered request.
public enum Satisfaction: String, Sendable, CaseIterable, Codable, LabelledValue {
    case satisfied
    case basicallySatisfied = "basically_satisfied"
    case dissatisfied
    public var label: Bilingual {
        switch self {
        case .satisfied: Bilingual("满意", "Satisfied")
        case .basicallySatisfied: Bilingual("基本满意", "Basically satisfied")
        case .dissatisfied: Bilingual("不满意", "Dissatisfied")
        }
    }
}

/// Why a request may be kept out of the satisfaction rate, once the tier above agrees.
public enum FlagReason: String, Sendable, CaseIterable, Codable, LabelledValue {
    case unreasonable
    case outsidePowers = "outside_powers"
    public var label: Bilingual {
        switch self {
        case .unreasonable: Bilingual("诉求不合理", "Unreasonable demand")
        case .outsidePowers: Bilingual("超出社区职权", "Outside the community's powers")
        }
    }
}

/// The steps of a request, each recorded in its timeline.
public enum RequestAction: String, Sendable, CaseIterable, Codable, LabelledValue {
    case submit, dispatch, accept, reply, escalate, summon, feedback, reopen, withdraw, flag, approveFlag = "approve_flag", rejectFlag = "reject_flag", note
    public var label: Bilingual {
        switch self {
        case .submit: Bilingual("提交诉求", "Submitted")
        case .dispatch: Bilingual("派单", "Dispatched")
        case .accept: Bilingual("受理", "Accepted")
        case .reply: Bilingual("答复", "Answered")
        case .escalate: Bilingual("上报上级", "Escalated")
        case .summon: Bilingual("吹哨部门", "Summoned departments")
        case .feedback: Bilingual("居民评价", "Resident's feedback")
        case .reopen: Bilingual("重新办理", "Reopened")
        case .withdraw: Bilingual("撤回", "Withdrawn")
        case .flag: Bilingual("申请不计满意度", "Asked to exclude from satisfaction")
        case .approveFlag: Bilingual("同意不计满意度", "Exclusion approved")
        case .rejectFlag: Bilingual("不同意不计满意度", "Exclusion refused")
        case .note: Bilingual("办理记录", "Progress note")
        }
    }

    /// Whether the step may be taken by the handling side when the request is in `status`.
    public func allowed(from status: RequestStatus) -> Bool {
        switch self {
        case .accept: status == .submitted
        case .reply: status == .accepted
        case .escalate, .summon, .dispatch: status == .submitted || status == .accepted
        case .note: status == .accepted
        case .feedback: status == .replied
        case .withdraw: status == .submitted || status == .accepted
        case .flag: status != .submitted
        case .submit, .reopen, .approveFlag, .rejectFlag: false
        }
    }
}
