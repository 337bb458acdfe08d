import Foundation

/// A reporting period in Beijing time: a year (`2026`), a quarter (`2026Q4`) or a month (`2026-11`).
public struct Period: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The period as typed and stored.
    public let code: String
    /// The first moment of the period.
    public let start: Date
    /// The first moment after the period.
    public let end: Date

    /// Parses `2026`, `2026Q4` or `2026-11`.
    public init(_ raw: String, field: String = "period") throws {
        let text = raw.trimmed.uppercased()
        let calendar = WorkingCalendar.calendar
        let invalid = FieldError(field, Bilingual("期间应写作 2026（年度）、2026Q4（季度）或 2026-11（月份）",
                                                    "Write the period as 2026 (a year), 2026Q4 (a quarter) or 2026-11 (a month)"))
        let year: Int, firstMonth: Int, months: Int
        // Every character but the separator must be a digit, so that one period has one spelling (`Int("+1")` parses).
        guard text.enumerated().allSatisfy({ $0.offset == 4 || $0.element.isASCII && $0.element.isNumber }) else { throw invalid }
        if text.count == 4, let y = Int(text) {
            year = y; firstMonth = 1; months = 12
        } else if text.count == 6, text.dropFirst(4).first == "Q", let y = Int(text.prefix(4)), let q = Int(text.suffix(1)), (1...4).contains(q) {
            year = y; firstMonth = (q - 1) * 3 + 1; months = 3
        } else if text.count == 7, text.dropFirst(4).first == "-", let y = Int(text.prefix(4)), let m = Int(text.suffix(2)), (1...12).contains(m) {
            year = y; firstMonth = m; months = 1
        } else { throw invalid }
        guard (2000...2100).contains(year), let start = calendar.date(from: DateComponents(year: year, month: firstMonth, day: 1)) else { throw invalid }
        self.code = text
        self.start = start
        self.end = calendar.date(byAdding: .month, value: months, to: start)!
    }

    /// The quarter containing `date`.
    public static func quarter(of date: Date) -> Period {
        let c = WorkingCalendar.calendar.dateComponents([.year, .month], from: date)
        return try! Period("\(c.year!)Q\((c.month! - 1) / 3 + 1)")
    }

    /// The year containing `date`.
    public static func year(of date: Date) -> Period {
        try! Period("\(WorkingCalendar.calendar.component(.year, from: date))")
    }

    /// The quarter holding the moment just before this period (for a quarter, the previous quarter).
    public var previousQuarter: Period { Self.quarter(of: start.addingTimeInterval(-1)) }

    public var description: String { code }
}

extension Period {
    /// Decoded from its code alone, through `init(_:field:)`: the dates always follow from the code.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(c.decode(String.self, forKey: .code))
    }
}
