import Foundation

/// One step on a summons target, with the rule of who may take it and from which status.
/// Officers work the matter; only the street decides closure, extensions and returns ("事不完、人不撤").
public enum SummonsAction: String, Sendable, CaseIterable, Codable {
    case accept, arrive, record
    case requestClosure = "request_closure"
    case requestExtension = "request_extension"
    case requestReturn = "request_return"
    case close, reopen
    case approveRequest = "approve_request"
    case denyRequest = "deny_request"

    /// The side allowed to take this step.
    public var side: Side {
        switch self {
        case .accept, .arrive, .record, .requestClosure, .requestExtension, .requestReturn: .department
        case .close, .reopen, .approveRequest, .denyRequest: .street
        }
    }

    /// True when the step must say why (a result, a reason).
    public var needsNote: Bool { ![.accept, .arrive, .approveRequest].contains(self) }

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .accept: Bilingual("响应接单", "Accept")
        case .arrive: Bilingual("到场报到", "Record arrival")
        case .record: Bilingual("记录处置情况", "Record an action")
        case .requestClosure: Bilingual("申请办结", "Ask for closure")
        case .requestExtension: Bilingual("申请延期", "Ask for an extension")
        case .requestReturn: Bilingual("申请退回", "Ask to return it")
        case .close: Bilingual("核实办结", "Verify and close")
        case .reopen: Bilingual("退回重办", "Send back for more work")
        case .approveRequest: Bilingual("同意申请", "Approve the request")
        case .denyRequest: Bilingual("不同意申请", "Deny the request")
        }
    }

    /// The status after this step from `status`, given any pending request; throws when the step is not allowed now.
    /// `arrivedBefore` tells a reopened target whether it goes back to "arrived" or to "accepted".
    public func next(from status: TargetStatus, pending: PendingRequest?, arrivedBefore: Bool) throws -> TargetStatus {
        let refuse = { () -> FieldError in
            FieldError("action", Bilingual("当前状态“\(status.label.zh)”下不能“\(label.zh)”", "“\(label.en)” is not possible while the matter is “\(status.label.en)”"))
        }
        switch self {
        case .accept:
            guard status == .summoned else { throw refuse() }
            return .accepted
        case .arrive:
            guard status == .summoned || status == .accepted else { throw refuse() }
            return .arrived
        case .record:
            guard status == .accepted || status == .arrived else { throw refuse() }
            return status
        case .requestClosure:
            guard status == .accepted || status == .arrived, pending == nil else { throw refuse() }
            return .closureRequested
        case .requestExtension, .requestReturn:
            guard status.isActive, status != .closureRequested, pending == nil else { throw refuse() }
            return status
        case .close:
            guard status == .closureRequested else { throw refuse() }
            return .closed
        case .reopen:
            guard status == .closureRequested else { throw refuse() }
            return arrivedBefore ? .arrived : .accepted
        case .approveRequest:
            guard let pending, status.isActive else { throw refuse() }
            return pending == .return ? .returned : status
        case .denyRequest:
            guard pending != nil, status.isActive else { throw refuse() }
            return status
        }
    }
}
