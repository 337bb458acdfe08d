import Foundation

/// Nothing but emergencies reaches a resident's phone at night: a message made in the quiet hours (Beijing time,
/// 21:00 to 08:00 unless the city sets others) waits until they end.
public struct QuietHours: Sendable, Equatable {
    /// Whole hours, 0–23; `starts` after `ends` spans midnight.
    public let starts: Int, ends: Int

    public static let standard = QuietHours(starts: 21, ends: 8)

    public init(starts: Int, ends: Int) { self.starts = starts; self.ends = ends }

    /// Reads `21-8` or `21:00-08:00`; nil for `none` (no quiet hours).
    public static func parse(_ raw: String) throws -> QuietHours? {
        let text = raw.trimmed.lowercased()
        if text == "none" { return nil }
        let hours = text.split(separator: "-").map { part -> Int? in
            let pieces = part.split(separator: ":")
            guard (1...2).contains(pieces.count), pieces.count == 1 || pieces[1] == "00", let hour = Int(pieces[0]), (0...23).contains(hour) else { return nil }
            return hour
        }
        guard hours.count == 2, let starts = hours[0], let ends = hours[1], starts != ends else {
            throw FieldError("quiet-hours", Bilingual("免打扰时段应写作 21:00-08:00（整点），或 none", "Quiet hours are written 21:00-08:00 (whole hours), or none"))
        }
        return QuietHours(starts: starts, ends: ends)
    }

    /// The earliest time at or after `date` a message that is not an emergency may be sent.
    public func nextAllowed(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalTime.zone
        let hour = calendar.component(.hour, from: date)
        let quiet = starts < ends ? (starts..<ends).contains(hour) : hour >= starts || hour < ends
        guard quiet else { return date }
        let day = starts > ends && hour >= starts ? calendar.date(byAdding: .day, value: 1, to: date)! : date
        return calendar.date(bySettingHour: ends, minute: 0, second: 0, of: day)!
    }
}
