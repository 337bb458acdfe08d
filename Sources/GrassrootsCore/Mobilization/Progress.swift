import Foundation

/// The counts of one unit's assignments by outcome: the roll-up kept per unit and directive.
public struct ProgressCounts: Sendable, Codable, Equatable {
    public var total = 0, pending = 0, done = 0, absent = 0, refused = 0, notApplicable = 0

    /// Creates counts.
    public init(total: Int = 0, pending: Int = 0, done: Int = 0, absent: Int = 0, refused: Int = 0, notApplicable: Int = 0) {
        self.total = total; self.pending = pending; self.done = done; self.absent = absent; self.refused = refused; self.notApplicable = notApplicable
    }

    /// Targets someone has got to.
    public var reached: Int { done + refused + notApplicable }

    /// Share reached, or nil when the unit has no targets.
    public var reachedShare: Double? { total == 0 ? nil : Double(reached) / Double(total) }

    /// Targets not yet reached once the deadline has passed (zero before it).
    public func overdue(deadline: Date, now: Date) -> Int { now > deadline ? total - reached : 0 }

    /// The count for one outcome.
    public subscript(outcome: Outcome) -> Int {
        get {
            switch outcome {
            case .pending: pending
            case .done: done
            case .absent: absent
            case .refused: refused
            case .notApplicable: notApplicable
            }
        }
        set {
            switch outcome {
            case .pending: pending = newValue
            case .done: done = newValue
            case .absent: absent = newValue
            case .refused: refused = newValue
            case .notApplicable: notApplicable = newValue
            }
        }
    }

    /// Adds another unit's counts (rolling children up into a parent).
    public static func + (a: ProgressCounts, b: ProgressCounts) -> ProgressCounts {
        ProgressCounts(total: a.total + b.total, pending: a.pending + b.pending, done: a.done + b.done, absent: a.absent + b.absent,
                       refused: a.refused + b.refused, notApplicable: a.notApplicable + b.notApplicable)
    }
}

/// The rule for "stuck at the gate": a compound or grid with targets, not finished, where nothing has been
/// reported for `stallHours` since the directive was issued (or since its last report).
public struct StallRule: Sendable, Equatable {
    public let stallHours: Int

    /// Creates the rule; 1 to 720 hours.
    public init(stallHours: Int) throws {
        guard (1...720).contains(stallHours) else {
            throw FieldError("stall_hours", Bilingual("停滞判定时长应为1至720小时", "The stall threshold must be 1 to 720 hours"))
        }
        self.stallHours = stallHours
    }

    /// True when a unit with these counts and this last report is stalled at `now`.
    public func isStalled(_ counts: ProgressCounts, lastReport: Date?, issuedAt: Date, now: Date) -> Bool {
        guard counts.total > 0, counts.reached < counts.total else { return false }
        return now.timeIntervalSince(lastReport ?? issuedAt) >= Double(stallHours) * 3600
    }
}

/// Local time as users read and type it: Asia/Shanghai, whatever the server's zone.
public enum LocalTime {
    /// China Standard Time.
    public static let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// Parses a `datetime-local` value (`2026-12-01T18:00`, seconds optional) as Shanghai time.
    public static func parse(_ raw: String, field: String) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let text = raw.trimmed.replacingOccurrences(of: " ", with: "T")
        let pieces = text.split(separator: "T")
        let day = pieces.first.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        let clock = pieces.count > 1 ? pieces[1].split(separator: ":").compactMap { Int($0) } : [23, 59]
        guard pieces.count <= 2, day.count == 3, (2...3).contains(clock.count), (2000...2100).contains(day[0]),
              let date = calendar.date(from: DateComponents(year: day[0], month: day[1], day: day[2], hour: clock[0], minute: clock[1],
                                                            second: clock.count > 2 ? clock[2] : 0)),
              calendar.dateComponents([.month, .day, .hour], from: date) == DateComponents(month: day[1], day: day[2], hour: clock[0]) else {
            throw FieldError(field, Bilingual("时间格式应为 2026-12-01 18:00", "Use a time such as 2026-12-01 18:00"))
        }
        return date
    }

    /// `2026-12-01 18:00` in Shanghai time.
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// The value a `datetime-local` input shows for `date`.
    public static func inputValue(_ date: Date) -> String { format(date).replacingOccurrences(of: " ", with: "T") }
}
