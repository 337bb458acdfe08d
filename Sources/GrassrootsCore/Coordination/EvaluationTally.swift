import Foundation

/// What the evaluation reads of one called department's part of a summons.
public struct TargetRecord: Sendable, Equatable {
    public let sentAt: Date
    public let respondDue: Date
    public let resolveDue: Date
    public let acceptedAt: Date?
    public let closedAt: Date?
    public let returnedAt: Date?
    /// When the department asked for closure (each time it did).
    public let closureRequests: [Date]
    /// When the street decided on a closure request (closed or sent back).
    public let closureDecisions: [Date]

    /// Creates a record.
    public init(sentAt: Date, respondDue: Date, resolveDue: Date, acceptedAt: Date?, closedAt: Date?, returnedAt: Date?,
                closureRequests: [Date] = [], closureDecisions: [Date] = []) {
        self.sentAt = sentAt; self.respondDue = respondDue; self.resolveDue = resolveDue; self.acceptedAt = acceptedAt
        self.closedAt = closedAt; self.returnedAt = returnedAt; self.closureRequests = closureRequests; self.closureDecisions = closureDecisions
    }
}

/// One part of an evaluation as shown: its counts (or the rating) and its value between 0 and 1, nil for no data.
public struct EvaluationPart: Sendable, Equatable, Codable {
    public let component: EvaluationComponent
    public let share: Share?
    public let stars: Int?
    public let value: Double?
}

/// Counts the parts of one street–department pair from the records, as they stood at `asOf`, so that a score
/// computed once can be computed again from the same records and must agree.
public enum EvaluationTally {
    /// How long the street has to decide on a closure request before it counts as slow.
    public static let verificationWindow: TimeInterval = 24 * 3600

    /// The parts `side` gives: the street rates the department's response, resolution and attitude; the department
    /// rates the street's verification, accuracy and cooperation. `stars` is the side's 1–5 rating, if given.
    public static func parts(given side: Side, targets all: [TargetRecord], stars: Int?, asOf: Date) -> [EvaluationPart] {
        let targets = all.filter { $0.sentAt <= asOf }
        let known = { (date: Date?) in date.flatMap { $0 <= asOf ? $0 : nil } }
        let worked = targets.filter { known($0.returnedAt) == nil }
        return EvaluationComponent.given(by: side).map { component in
            let share: Share?
            switch component {
            case .response:
                let due = worked.filter { $0.respondDue <= asOf || known($0.acceptedAt) != nil }
                share = Share(due.filter { t in known(t.acceptedAt).map { $0 <= t.respondDue } ?? false }.count, of: due.count)
            case .resolution:
                let due = worked.filter { $0.resolveDue <= asOf || known($0.closedAt) != nil }
                share = Share(due.filter { t in known(t.closedAt).map { $0 <= t.resolveDue } ?? false }.count, of: due.count)
            case .verification:
                let requests = targets.flatMap { target in
                    target.closureRequests.filter { $0 <= asOf }.map { request in
                        (request, target.closureDecisions.first { $0 >= request && $0 <= asOf })
                    }
                }
                let due = requests.filter { $0.1 != nil || $0.0.addingTimeInterval(verificationWindow) <= asOf }
                share = Share(due.filter { request, decision in decision.map { $0.timeIntervalSince(request) <= verificationWindow } ?? false }.count,
                              of: due.count)
            case .accuracy:
                share = Share(worked.count, of: targets.count)
            case .attitude, .cooperation:
                share = nil
            }
            let value = share != nil ? share!.value : Share.rating(stars)
            return EvaluationPart(component: component, share: share, stars: share == nil ? stars : nil, value: value)
        }
    }
}
