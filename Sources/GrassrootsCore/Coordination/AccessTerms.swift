import Foundation

/// Whether a matter on the access list (社区事务准入清单) is the community's own duty or one it assists with.
public enum AccessItemKind: String, Sendable, CaseIterable, Codable {
    case statutory, assisted

    /// The label users read.
    public var label: Bilingual { self == .statutory ? Bilingual("依法履职事项", "Statutory duty") : Bilingual("协助政府事项", "Assisted duty") }
}

/// The life of an access-list item: a department applies, the city approves, then enters it into the list;
/// a listed or approved item can be withdrawn, an application rejected.
public enum AccessItemStatus: String, Sendable, CaseIterable, Codable {
    case applied, approved, listed, rejected, withdrawn

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .applied: Bilingual("已申请", "Applied")
        case .approved: Bilingual("已审核", "Approved")
        case .listed: Bilingual("已入单", "Listed")
        case .rejected: Bilingual("未通过", "Rejected")
        case .withdrawn: Bilingual("已撤出", "Withdrawn")
        }
    }

    /// The status a decision moves to; throws when the decision does not fit the current status.
    public func after(_ decision: AccessItemDecision) throws -> AccessItemStatus {
        switch (self, decision) {
        case (.applied, .approve): return .approved
        case (.applied, .reject): return .rejected
        case (.approved, .enter): return .listed
        case (.approved, .withdraw), (.listed, .withdraw): return .withdrawn
        default:
            throw FieldError("decision", Bilingual("事项状态为“\(label.zh)”，不能\(decision.label.zh)", "An item that is “\(label.en)” cannot be \(decision.label.en.lowercased())"))
        }
    }
}

/// A decision on an access-list item.
public enum AccessItemDecision: String, Sendable, CaseIterable, Codable {
    case approve, reject, enter, withdraw

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .approve: Bilingual("审核通过", "Approved")
        case .reject: Bilingual("不予通过", "Rejected")
        case .enter: Bilingual("列入清单", "Entered")
        case .withdraw: Bilingual("撤出清单", "Withdrawn")
        }
    }
}

/// What became of a task a department pushed down to a community.
public enum TaskStatus: String, Sendable, CaseIterable, Codable {
    /// Cites a listed item of the department: the community takes it.
    case accepted
    /// Not on the list: refused, counted as burden avoided.
    case refused
    /// Not on the list, sent to the community's street to decide.
    case pendingStreet = "pending_street"
    /// The street let an unlisted task through.
    case approved
    /// The street turned an unlisted task away.
    case rejected

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .accepted: Bilingual("准入接收", "Accepted (listed)")
        case .refused: Bilingual("不予准入", "Refused (not listed)")
        case .pendingStreet: Bilingual("待街道审批", "Awaiting the street")
        case .approved: Bilingual("街道批准", "Approved by the street")
        case .rejected: Bilingual("街道不予批准", "Rejected by the street")
        }
    }

    /// True when the community ends up doing the task.
    public var isTaken: Bool { self == .accepted || self == .approved }
    /// True when the task was kept off the community (burden avoided).
    public var isKeptOff: Bool { self == .refused || self == .rejected }

    /// The gate every department task passes: a listed item of the sending department lets it in; anything else
    /// is refused with a reason, or, when the department asks, queued for the street.
    public static func gate(citedItem: (status: AccessItemStatus, departmentID: Int)?, departmentID: Int,
                            askStreet: Bool) -> (status: TaskStatus, reason: Bilingual?) {
        if let item = citedItem, item.status == .listed, item.departmentID == departmentID { return (.accepted, nil) }
        let reason: Bilingual
        switch citedItem {
        case nil: reason = Bilingual("未引用准入清单事项", "No item of the access list is cited")
        case let item? where item.status != .listed:
            reason = Bilingual("所引用事项不在准入清单内（\(item.status.label.zh)）", "The cited item is not on the access list (\(item.status.label.en))")
        default: reason = Bilingual("所引用事项不属于本部门", "The cited item belongs to another department")
        }
        return (askStreet ? .pendingStreet : .refused, reason)
    }
}
