import Foundation

/// Working days in Beijing time: Monday to Friday, except public holidays, plus the weekend days that are
/// worked to make up for them (调休). Both exceptions are configuration, since the State Council sets them yearly.
public struct WorkingCalendar: Sendable, Equatable {
    /// Local dates (`2026-10-01`) that are days off although they fall on a weekday.
    public let holidays: Set<String>
    /// Local dates that are working days although they fall on a weekend.
    public let workdays: Set<String>

    /// Creates a calendar with the given exceptions.
    public init(holidays: Set<String> = [], workdays: Set<String> = []) {
        self.holidays = holidays; self.workdays = workdays
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalTime.zone
        return calendar
    }()

    /// `2026-12-01` for the Beijing date of `date`.
    public static func dayKey(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Parses a `2026-12-01` date, for configuration.
    public static func parseDay(_ raw: String, field: String) throws -> String {
        let start = try LocalTime.parse(raw.trimmed + " 00:00", field: field)
        guard dayKey(start) == raw.trimmed else { throw FieldError(field, Bilingual("日期格式应为 2026-12-01", "Use a date such as 2026-12-01")) }
        return raw.trimmed
    }

    /// True when the Beijing day containing `date` is a working day.
    public func isWorkingDay(_ date: Date) -> Bool {
        let key = Self.dayKey(date)
        if workdays.contains(key) { return true }
        if holidays.contains(key) { return false }
        let weekday = Self.calendar.component(.weekday, from: date)
        return weekday != 1 && weekday != 7
    }

    /// The end (24:00 Beijing time) of the `days`-th working day after the day of `start`: counting begins the
    /// next day (自受理次日起算), so a matter received on any day gets `days` full working days.
    public func endOfWorkingDays(_ days: Int, after start: Date) -> Date {
        var day = Self.calendar.startOfDay(for: start)
        var counted = 0
        while counted < max(days, 0) {
            day = Self.calendar.date(byAdding: .day, value: 1, to: day)!
            if isWorkingDay(day) { counted += 1 }
        }
        return Self.calendar.date(byAdding: .day, value: 1, to: day)!
    }
}
