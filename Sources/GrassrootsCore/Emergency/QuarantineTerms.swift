import Foundation

/// The result of a nucleic-acid or antigen test recorded with a daily check; empty when no test was taken that day.
public enum TestResult: String, Sendable, CaseIterable, Codable, LabelledValue {
    case none = "", pending, negative, positive

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .none: Bilingual("未检测", "No test")
        case .pending: Bilingual("待出结果", "Pending")
        case .negative: Bilingual("阴性", "Negative")
        case .positive: Bilingual("阳性", "Positive")
        }
    }
}

/// Whether a home quarantine (居家隔离) is running or was ended early.
public enum QuarantineStatus: String, Sendable, CaseIterable, Codable, LabelledValue {
    case active, ended

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .active: Bilingual("隔离中", "In quarantine")
        case .ended: Bilingual("已解除", "Ended")
        }
    }
}

/// Why a quarantine ended before its last day: a fixed list, so the audit log records a code and never a free-text
/// (possibly medical) note.
public enum QuarantineEndReason: String, Sendable, CaseIterable, Codable, LabelledValue {
    case released, transferred, movedAway = "moved_away", error

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .released: Bilingual("经卫健部门评估提前解除", "Released early by the health authority")
        case .transferred: Bilingual("转集中隔离或送医", "Transferred to central quarantine or hospital")
        case .movedAway: Bilingual("已离开本辖区", "Moved out of the area")
        case .error: Bilingual("登记有误", "Registered in error")
        }
    }
}

/// Why a household asks for supplies to be delivered: a member in home quarantine, or a vulnerable household.
public enum SupplyReason: String, Sendable, CaseIterable, Codable, LabelledValue {
    case quarantine, vulnerable

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .quarantine: Bilingual("居家隔离", "Home quarantine")
        case .vulnerable: Bilingual("困难群体", "Vulnerable household")
        }
    }
}

/// Where a supply request stands.
public enum SupplyStatus: String, Sendable, CaseIterable, Codable, LabelledValue {
    case open, assigned, delivered, cancelled

    /// The label users read.
    public var label: Bilingual {
        switch self {
        case .open: Bilingual("待分派", "Open")
        case .assigned: Bilingual("配送中", "Assigned")
        case .delivered: Bilingual("已送达", "Delivered")
        case .cancelled: Bilingual("已取消", "Cancelled")
        }
    }
}

/// A home quarantine to register, as typed: the resident, where they stay, the period and the test days.
public struct QuarantineInput: Sendable, Equatable {
    public var residentID: Int
    public var place: String
    /// The first day, `2026-12-01` (Beijing date).
    public var startsOn: String
    /// The last day, at most 28 days after the first.
    public var endsOn: String
    /// Day numbers of the period on which a test is due, counted from 1 on the first day: `1,3,7`.
    public var testDays: String

    /// Creates the input.
    public init(residentID: Int, place: String, startsOn: String, endsOn: String, testDays: String) {
        self.residentID = residentID; self.place = place; self.startsOn = startsOn; self.endsOn = endsOn; self.testDays = testDays
    }

    /// The longest period, in days after the first day.
    public static let maxDays = 28

    /// The input checked and normalized, or every problem at once.
    public func validated() throws -> QuarantinePlan {
        var v = Validator()
        v.check(residentID > 0, "resident_id", Bilingual("请选择隔离人员", "Choose the resident"))
        let place = place.trimmed
        v.check((1...200).contains(place.count), "place", Bilingual("请填写隔离地点（1–200字）", "Give the place of quarantine (1–200 characters)"))
        let start = v.capture { try WorkingCalendar.parseDay(startsOn, field: "starts_on") }
        let end = v.capture { try WorkingCalendar.parseDay(endsOn, field: "ends_on") }
        var days: [Int] = []
        if let start, let end {
            let length = QuarantineSchedule.dayNumber(of: end, startsOn: start)
            v.check(length >= 1, "ends_on", Bilingual("结束日期不能早于开始日期", "The last day cannot come before the first"))
            v.check(length <= Self.maxDays + 1, "ends_on", Bilingual("隔离期最长为开始后\(Self.maxDays)天", "The period ends at most \(Self.maxDays) days after it starts"))
            if (1...(Self.maxDays + 1)).contains(length) {
                days = v.capture { try Self.parseTestDays(testDays, length: length) } ?? []
            }
        }
        try v.finish()
        return QuarantinePlan(residentID: residentID, place: place, startsOn: start!, endsOn: end!, testDays: days)
    }

    /// `1,3,7` (also `1、3、7` or spaces) as sorted distinct day numbers, each within a period of `length` days.
    static func parseTestDays(_ raw: String, length: Int) throws -> [Int] {
        let parts = raw.split { ",，、; ".contains($0) }.map { String($0) }
        var days = Set<Int>()
        for part in parts {
            guard let day = Int(part), (1...length).contains(day) else {
                throw FieldError("test_days", Bilingual("检测日应为1–\(length)之间的天数，用逗号分隔，如 1,3,7（“\(part)”无效）",
                                                        "Test days are day numbers 1–\(length) separated by commas, e.g. 1,3,7 (“\(part)” is not)"))
            }
            days.insert(day)
        }
        return days.sorted()
    }
}

/// A validated quarantine, ready to store.
public struct QuarantinePlan: Sendable, Equatable {
    public let residentID: Int
    public let place: String
    public let startsOn: String
    public let endsOn: String
    public let testDays: [Int]

    /// The test days as stored: `1,3,7`.
    public var testDaysText: String { testDays.map(String.init).joined(separator: ",") }
}

/// One daily check as typed: the temperature as text (`36.8`), symptoms, and a test result if a test was taken.
public struct CheckInput: Sendable, Equatable {
    public var temperature: String
    public var symptoms: String
    public var testResult: String

    /// Creates the input.
    public init(temperature: String, symptoms: String = "", testResult: String = "") {
        self.temperature = temperature; self.symptoms = symptoms; self.testResult = testResult
    }

    /// The check with the temperature in tenths of a degree, or every problem at once.
    public func validated() throws -> (tenths: Int, symptoms: String, testResult: TestResult) {
        var v = Validator()
        let tenths = Temperature.tenths(temperature)
        v.check(tenths.map { (Temperature.lowest...Temperature.highest).contains($0) } ?? false, "temperature",
                Bilingual("体温应为34.0–43.0之间的数字（°C），如 36.8", "Give the temperature in °C between 34.0 and 43.0, e.g. 36.8"))
        let symptoms = symptoms.trimmed
        v.check(symptoms.count <= 200, "symptoms", Bilingual("症状描述最多200字", "Symptoms take at most 200 characters"))
        let result = TestResult.pick(testResult, field: "test_result", names: Bilingual("检测结果", "Test result"), &v)
        try v.finish()
        return (tenths!, symptoms, result!)
    }
}

/// A supply request as typed: what is needed and why.
public struct SupplyInput: Sendable, Equatable {
    public var items: String
    public var reason: String

    /// Creates the input.
    public init(items: String, reason: String) { self.items = items; self.reason = reason }

    /// The request checked, or every problem at once.
    public func validated() throws -> (items: String, reason: SupplyReason) {
        var v = Validator()
        let items = items.trimmed
        v.check((1...500).contains(items.count), "items", Bilingual("请写明所需物资（1–500字）", "Say what is needed (1–500 characters)"))
        let reason = SupplyReason.pick(reason, field: "reason", names: Bilingual("原因", "Reason"), &v)
        try v.finish()
        return (items, reason!)
    }
}

/// Body temperatures, kept in tenths of a degree Celsius so they compare exactly.
public enum Temperature {
    /// 34.0 °C: anything lower is a misreading.
    public static let lowest = 340
    /// 43.0 °C.
    public static let highest = 430
    /// 37.3 °C and above counts as fever (发热), the threshold of the national prevention guidelines.
    public static let fever = 373

    /// `36.8` (also `36,8` or `36.80`) as 368; nil when it is not a number with at most one meaningful decimal.
    public static func tenths(_ raw: String) -> Int? {
        let text = raw.trimmed.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "℃", with: "").replacingOccurrences(of: "°C", with: "")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, parts[0].allSatisfy(\.isNumber) else { return nil }
        guard parts.count == 2 else { return whole * 10 }
        let decimals = parts[1]
        guard !decimals.isEmpty, decimals.allSatisfy(\.isNumber), decimals.dropFirst().allSatisfy({ $0 == "0" }) else { return nil }
        return whole * 10 + Int(String(decimals.first!))!
    }

    /// 368 as `36.8`.
    public static func text(_ tenths: Int) -> String { "\(tenths / 10).\(tenths % 10)" }

    /// True at 37.3 °C and above.
    public static func isFever(_ tenths: Int) -> Bool { tenths >= fever }
}

/// The day arithmetic of a quarantine: which days are missed, whether a test is due, and what each tier sees.
public enum QuarantineSchedule {
    /// The Beijing day `days` after the day key `day`.
    public static func day(_ day: String, plus days: Int) -> String {
        guard let date = date(day) else { return day }
        return WorkingCalendar.dayKey(WorkingCalendar.calendar.date(byAdding: .day, value: days, to: date)!)
    }

    /// The number of `day` within a period starting on `startsOn` (the first day is 1); 0 or less before it.
    public static func dayNumber(of day: String, startsOn: String) -> Int {
        guard let a = date(startsOn), let b = date(day) else { return 0 }
        return WorkingCalendar.calendar.dateComponents([.day], from: a, to: b).day! + 1
    }

    /// The days of the period before `today` without a check: a day counts as missed once it is over.
    public static func missedDays(startsOn: String, endsOn: String, today: String, checked: Set<String>) -> [String] {
        var missed: [String] = [], day = startsOn
        while day < today && day <= endsOn {
            if !checked.contains(day) { missed.append(day) }
            day = Self.day(day, plus: 1)
        }
        return missed
    }

    /// True when `today` is within the period and is one of its test days.
    public static func testDue(startsOn: String, endsOn: String, testDays: [Int], today: String) -> Bool {
        today >= startsOn && today <= endsOn && testDays.contains(dayNumber(of: today, startsOn: startsOn))
    }

    /// How many days a missed check waits before `role` sees it: the community and its grid workers see a missed day
    /// at once (the next morning); the street, the city and the auditor only once it is more than a day old, that
    /// is when the community has let a whole day pass without catching up (escalation one tier up).
    public static func escalationLag(for role: Role) -> Int {
        [.communityStaff, .gridWorker].contains(role) ? 0 : 1
    }

    /// The missed days `role` sees on `today`: those at least `escalationLag(for:)` days older than yesterday.
    public static func visibleMissedDays(_ missed: [String], today: String, role: Role) -> [String] {
        let cutoff = day(today, plus: -escalationLag(for: role))
        return missed.filter { $0 < cutoff }
    }

    /// A day key as the start of that Beijing day.
    static func date(_ day: String) -> Date? {
        let p = day.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        return WorkingCalendar.calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2]))
    }
}
