import Foundation
import GrassrootsCore
import SQLKit

/// A home quarantine (居家隔离) as lists show it. Health data — here the resident's name and the place — is shown in
/// full only to staff who may act on it (city, street, community, the grid worker of the grid); an auditor reads the
/// name masked (张**) and no place.
public struct Quarantine: Sendable, Codable, Equatable {
    public let id: Int
    public let residentID: Int
    public let householdID: Int
    /// The resident's name, masked for an auditor.
    public let residentName: String
    /// Building and room of the household, e.g. `3栋 2-101`.
    public let location: String
    public let gridName: String
    public let communityName: String
    /// Where the resident stays; empty for an auditor.
    public let place: String
    public let startsOn: String
    public let endsOn: String
    public let testDays: [Int]
    public let status: QuarantineStatus
    public let createdBy: String
    public let createdAt: Date
    public let endedAt: Date?
    /// Day of the period today (1 on the first day).
    public var dayNumber: Int
    /// Days before today without a check.
    public var missedDays: [String]
    /// True when today's check has been recorded.
    public var checkedToday: Bool
    /// True when today is a test day.
    public var testDueToday: Bool
    /// False when the reader sees masked data only.
    public let healthVisible: Bool

    static let select = """
        SELECT q.id, q.resident_id, q.household_id, r.name AS resident_name, b.name AS building, h.room, g.name AS grid_name, c.name AS community_name,
               q.place, q.starts_on, q.ends_on, q.test_days, q.status, q.created_by, q.created_at, q.ended_at
        FROM quarantines q JOIN residents r ON r.id = q.resident_id JOIN households h ON h.id = q.household_id
        JOIN units b ON b.id = h.building_id JOIN units g ON g.id = h.grid_id JOIN units c ON c.id = g.parent_id
        """

    init(row: any SQLRow, healthVisible: Bool, today: String, checked: Set<String>) throws {
        id = try row.decode(column: "id", as: Int.self); residentID = try row.decode(column: "resident_id", as: Int.self)
        householdID = try row.decode(column: "household_id", as: Int.self)
        let name = try row.decode(column: "resident_name", as: String.self)
        residentName = healthVisible ? name : Masking.mask(name, keepFirst: 1, keepLast: 0)
        location = "\(try row.decode(column: "building", as: String.self)) \(try row.decode(column: "room", as: String.self))"
        gridName = try row.decode(column: "grid_name", as: String.self); communityName = try row.decode(column: "community_name", as: String.self)
        place = healthVisible ? try row.decode(column: "place", as: String.self) : ""
        startsOn = try row.decode(column: "starts_on", as: String.self); endsOn = try row.decode(column: "ends_on", as: String.self)
        testDays = try row.decode(column: "test_days", as: String.self).split(separator: ",").compactMap { Int($0) }
        status = QuarantineStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active
        createdBy = try row.decode(column: "created_by", as: String.self); createdAt = try row.date("created_at")!
        endedAt = try row.date("ended_at")
        self.healthVisible = healthVisible
        dayNumber = QuarantineSchedule.dayNumber(of: today, startsOn: startsOn)
        missedDays = status == .active ? QuarantineSchedule.missedDays(startsOn: startsOn, endsOn: endsOn, today: today, checked: checked) : []
        checkedToday = checked.contains(today)
        testDueToday = status == .active && QuarantineSchedule.testDue(startsOn: startsOn, endsOn: endsOn, testDays: testDays, today: today)
    }
}

/// One day's check. For an auditor only the day and who checked are filled in; the health fields are nil.
public struct QuarantineCheck: Sendable, Codable, Equatable {
    public let day: String
    public let temperatureTenths: Int?
    /// `36.8`.
    public let temperature: String?
    /// At or above 37.3 °C.
    public let fever: Bool?
    public let symptoms: String?
    public let testResult: TestResult?
    public let checkedBy: String
    public let checkedAt: Date

    init(row: any SQLRow, healthVisible: Bool) throws {
        day = try row.decode(column: "day", as: String.self)
        let tenths = try row.decode(column: "temperature_tenths", as: Int.self)
        temperatureTenths = healthVisible ? tenths : nil
        temperature = healthVisible ? Temperature.text(tenths) : nil
        fever = healthVisible ? Temperature.isFever(tenths) : nil
        symptoms = healthVisible ? try row.decode(column: "symptoms", as: String.self) : nil
        testResult = healthVisible ? TestResult(rawValue: try row.decode(column: "test_result", as: String.self)) : nil
        checkedBy = try row.decode(column: "checked_by", as: String.self); checkedAt = try row.date("checked_at")!
    }
}

/// A quarantine with its daily checks, newest first.
public struct QuarantineDetail: Sendable, Codable, Equatable {
    public let quarantine: Quarantine
    public let checks: [QuarantineCheck]
}

/// A day without a check, in the list that escalates: the community sees it the next day, the street a day later.
public struct MissedCheck: Sendable, Codable, Equatable {
    public let quarantineID: Int
    public let residentName: String
    public let location: String
    public let gridName: String
    public let communityName: String
    public let day: String
    /// Whole days since the missed day (1 the day after).
    public let daysAgo: Int
}

/// A request for supplies delivered to a household, and who delivers it.
public struct SupplyRequest: Sendable, Codable, Equatable {
    public let id: Int
    public let householdID: Int
    /// Building and room, and the address when one is recorded, so the volunteer finds the door.
    public let location: String
    public let gridName: String
    public let communityName: String
    public let items: String
    public let reason: SupplyReason
    public let status: SupplyStatus
    /// The member registration delivering it.
    public let volunteerID: Int?
    public let volunteerName: String?
    public let requestedBy: String
    public let requestedAt: Date
    public let assignedAt: Date?
    public let deliveredAt: Date?
    public let note: String

    static let select = """
        SELECT s.id, s.household_id, b.name AS building, h.room, h.address, g.name AS grid_name, c.name AS community_name, s.items, s.reason, s.status,
               s.volunteer_id, m.name AS volunteer_name, s.requested_by, s.requested_at, s.assigned_at, s.delivered_at, s.note
        FROM supply_requests s JOIN households h ON h.id = s.household_id JOIN units b ON b.id = h.building_id JOIN units g ON g.id = h.grid_id
        JOIN units c ON c.id = g.parent_id LEFT JOIN member_registrations m ON m.id = s.volunteer_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); householdID = try row.decode(column: "household_id", as: Int.self)
        let address = try row.decode(column: "address", as: String?.self) ?? ""
        location = "\(try row.decode(column: "building", as: String.self)) \(try row.decode(column: "room", as: String.self))" + (address.isEmpty ? "" : "（\(address)）")
        gridName = try row.decode(column: "grid_name", as: String.self); communityName = try row.decode(column: "community_name", as: String.self)
        items = try row.decode(column: "items", as: String.self)
        reason = SupplyReason(rawValue: try row.decode(column: "reason", as: String.self)) ?? .vulnerable
        status = SupplyStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open
        volunteerID = try row.decode(column: "volunteer_id", as: Int?.self); volunteerName = try row.decode(column: "volunteer_name", as: String?.self)
        requestedBy = try row.decode(column: "requested_by", as: String.self); requestedAt = try row.date("requested_at")!
        assignedAt = try row.date("assigned_at"); deliveredAt = try row.date("delivered_at")
        note = try row.decode(column: "note", as: String.self)
    }
}

/// A confirmed party member who can deliver, with how many deliveries they have open.
public struct SupplyVolunteer: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let gridName: String?
    public let open: Int
}
