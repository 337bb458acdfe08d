import Foundation

/// The time limits of one urgency: respond (accept) and arrive in clock minutes, resolve in working days.
public struct TimeLimit: Sendable, Equatable, Codable {
    public let urgency: Urgency
    /// Minutes from sending to acceptance.
    public let respondMinutes: Int
    /// Minutes from sending to arrival on site; nil when arrival is not clocked.
    public let arriveMinutes: Int?
    /// Working days from sending to resolution (see `WorkingCalendar.endOfWorkingDays`).
    public let resolveWorkingDays: Int

    /// Creates a limit, checking that every figure is sensible.
    public init(urgency: Urgency, respondMinutes: Int, arriveMinutes: Int?, resolveWorkingDays: Int) throws {
        var v = Validator()
        v.check((1...7 * 24 * 60).contains(respondMinutes), "respond_minutes", Bilingual("响应时限应为 1 分钟到 7 天", "The response limit must be between 1 minute and 7 days"))
        v.check(arriveMinutes.map { (1...7 * 24 * 60).contains($0) } ?? true, "arrive_minutes",
                Bilingual("到场时限应为 1 分钟到 7 天，或留空", "The arrival limit must be between 1 minute and 7 days, or empty"))
        v.check((1...90).contains(resolveWorkingDays), "resolve_working_days", Bilingual("办结时限应为 1–90 个工作日", "The resolution limit must be 1–90 working days"))
        try v.finish()
        self.urgency = urgency; self.respondMinutes = respondMinutes; self.arriveMinutes = arriveMinutes; self.resolveWorkingDays = resolveWorkingDays
    }

    /// The defaults: emergency — accept within 15 minutes, arrive within 30, resolve within 1 working day;
    /// general — respond within 24 hours, resolve within 7 working days; complex — 24 hours and 15 working days.
    public static let defaults: [TimeLimit] = [
        try! TimeLimit(urgency: .emergency, respondMinutes: 15, arriveMinutes: 30, resolveWorkingDays: 1),
        try! TimeLimit(urgency: .general, respondMinutes: 24 * 60, arriveMinutes: nil, resolveWorkingDays: 7),
        try! TimeLimit(urgency: .complex, respondMinutes: 24 * 60, arriveMinutes: nil, resolveWorkingDays: 15),
    ]

    /// The due times of a summons sent at `sent`.
    public func clocks(sent: Date, calendar: WorkingCalendar) -> SummonsClocks {
        SummonsClocks(respondDue: sent.addingTimeInterval(Double(respondMinutes) * 60),
                      arriveDue: arriveMinutes.map { sent.addingTimeInterval(Double($0) * 60) },
                      resolveDue: calendar.endOfWorkingDays(resolveWorkingDays, after: sent))
    }

    /// A plain-language statement of the limit, shown beside the clocks.
    public var summary: Bilingual {
        let respond = Self.duration(respondMinutes)
        let arrive = arriveMinutes.map(Self.duration)
        return Bilingual("\(respond.zh)内响应" + (arrive.map { "，\($0.zh)内到场" } ?? "") + "，\(resolveWorkingDays)个工作日内办结",
                         "respond within \(respond.en)" + (arrive.map { ", arrive within \($0.en)" } ?? "") + ", resolve within \(resolveWorkingDays) working days")
    }

    static func duration(_ minutes: Int) -> Bilingual {
        minutes % 60 == 0 ? Bilingual("\(minutes / 60)小时", "\(minutes / 60) h") : Bilingual("\(minutes)分钟", "\(minutes) min")
    }
}

/// The due times of one summoned department.
public struct SummonsClocks: Sendable, Equatable, Codable {
    public let respondDue: Date
    public let arriveDue: Date?
    public let resolveDue: Date

    /// Creates the clocks.
    public init(respondDue: Date, arriveDue: Date?, resolveDue: Date) {
        self.respondDue = respondDue; self.arriveDue = arriveDue; self.resolveDue = resolveDue
    }

    /// Which limits are broken at `now` for a department in `status` that accepted and arrived when it did.
    public func overdue(status: TargetStatus, acceptedAt: Date?, arrivedAt: Date?, closedAt: Date?, now: Date) -> [Clock] {
        var late: [Clock] = []
        if (acceptedAt ?? arrivedAt ?? now) > respondDue, status != .returned { late.append(.respond) }
        if let arriveDue, (arrivedAt ?? now) > arriveDue, status != .returned { late.append(.arrive) }
        if (closedAt ?? now) > resolveDue, status != .returned { late.append(.resolve) }
        return late
    }
}

/// One of the clocks a summons runs.
public enum Clock: String, Sendable, CaseIterable, Codable {
    case respond, arrive, resolve

    /// The label users read when it is overdue.
    public var overdueLabel: Bilingual {
        switch self {
        case .respond: Bilingual("响应超时", "Response overdue")
        case .arrive: Bilingual("到场超时", "Arrival overdue")
        case .resolve: Bilingual("办结超时", "Resolution overdue")
        }
    }
}

extension TimeLimit {
    /// Decoded with the checks of `init(urgency:respondMinutes:arriveMinutes:resolveWorkingDays:)`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(urgency: c.decode(Urgency.self, forKey: .urgency), respondMinutes: c.decode(Int.self, forKey: .respondMinutes),
                      arriveMinutes: c.decodeIfPresent(Int.self, forKey: .arriveMinutes), resolveWorkingDays: c.decode(Int.self, forKey: .resolveWorkingDays))
    }
}
