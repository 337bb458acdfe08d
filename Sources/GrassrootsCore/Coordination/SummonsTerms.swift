import Foundation

/// How urgent a summons (吹哨) is; each urgency has its own time limits.
public enum Urgency: String, Sendable, CaseIterable, Codable {
    case emergency, general, complex

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .emergency: Bilingual("紧急", "Emergency")
        case .general: Bilingual("一般", "General")
        case .complex: Bilingual("复杂", "Complex")
        }
    }
}

/// What a summons is about.
public enum MatterKind: String, Sendable, CaseIterable, Codable {
    /// A resident problem the street cannot solve with its own powers.
    case residentProblem = "resident_problem"
    case jointEnforcement = "joint_enforcement"
    case emergency

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .residentProblem: Bilingual("群众诉求（街道无权处置）", "Resident problem beyond the street's powers")
        case .jointEnforcement: Bilingual("联合执法", "Joint enforcement")
        case .emergency: Bilingual("突发事件", "Emergency")
        }
    }
}

/// Where a summons stands as a whole.
public enum SummonsStatus: String, Sendable, CaseIterable, Codable {
    /// Raised by a community, waiting for its street to send it on.
    case pendingStreet = "pending_street"
    /// Sent to the departments; clocks are running.
    case open
    /// Every department's part is closed or returned.
    case closed
    /// The street declined a community's summons.
    case declined

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .pendingStreet: Bilingual("待街道审核", "Awaiting the street")
        case .open: Bilingual("处置中", "Open")
        case .closed: Bilingual("已办结", "Closed")
        case .declined: Bilingual("街道未同意", "Declined by the street")
        }
    }
}

/// Where one summoned department (or station) stands on a summons.
public enum TargetStatus: String, Sendable, CaseIterable, Codable {
    case summoned, accepted, arrived
    case closureRequested = "closure_requested"
    case closed, returned

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .summoned: Bilingual("待响应", "Summoned")
        case .accepted: Bilingual("已响应", "Accepted")
        case .arrived: Bilingual("已到场", "Arrived")
        case .closureRequested: Bilingual("申请办结", "Closure requested")
        case .closed: Bilingual("已办结", "Closed")
        case .returned: Bilingual("已退回", "Returned")
        }
    }

    /// True while the department still owes work ("事不完、人不撤").
    public var isActive: Bool { ![.closed, .returned].contains(self) }
}

/// Which side of the summons an account acts for.
public enum Side: String, Sendable, CaseIterable, Codable {
    /// The street (街道) that raised or sent the summons.
    case street
    /// The summoned department and its officers.
    case department

    /// The label users read.
    public var label: Bilingual { self == .street ? Bilingual("街道", "Street") : Bilingual("部门", "Department") }
}

/// A request by the department that only the street can grant.
public enum PendingRequest: String, Sendable, CaseIterable, Codable {
    case extension_ = "extension"
    case `return`

    /// The label users read.
    public var label: Bilingual { self == .extension_ ? Bilingual("申请延期", "Extension requested") : Bilingual("申请退回", "Return requested") }
}
