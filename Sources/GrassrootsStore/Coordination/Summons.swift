import Foundation
import GrassrootsCore
import SQLKit

/// A summons (吹哨): a matter at a unit that the street calls departments to.
public struct Summons: Sendable, Codable, Equatable {
    public let id: Int
    public let streetUnitID: Int
    public let streetName: String
    public let unitID: Int
    public let unitName: String
    public let path: String
    public let raisedUnitID: Int
    public let matter: MatterKind
    public let urgency: Urgency
    public let title: String
    public let description: String
    public let status: SummonsStatus
    public let createdBy: String
    public let createdAt: Date
    public let sentAt: Date?
    public let closedAt: Date?
    /// The departments and stations called, each with its own status and clocks.
    public var targets: [SummonsTarget] = []

    static let select = """
        SELECT s.id, s.street_unit_id, st.name AS street_name, s.unit_id, u.name AS unit_name, s.path, s.raised_unit_id, s.matter,
               s.urgency, s.title, s.description, s.status, s.created_by, s.created_at, s.sent_at, s.closed_at
        FROM summons s JOIN units u ON u.id = s.unit_id JOIN units st ON st.id = s.street_unit_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        streetUnitID = try row.decode(column: "street_unit_id", as: Int.self); streetName = try row.decode(column: "street_name", as: String.self)
        unitID = try row.decode(column: "unit_id", as: Int.self); unitName = try row.decode(column: "unit_name", as: String.self)
        path = try row.decode(column: "path", as: String.self); raisedUnitID = try row.decode(column: "raised_unit_id", as: Int.self)
        matter = MatterKind(rawValue: try row.decode(column: "matter", as: String.self)) ?? .residentProblem
        urgency = Urgency(rawValue: try row.decode(column: "urgency", as: String.self)) ?? .general
        title = try row.decode(column: "title", as: String.self); description = try row.decode(column: "description", as: String.self)
        status = SummonsStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.date("created_at")!
        sentAt = try row.date("sent_at"); closedAt = try row.date("closed_at")
    }

    /// True when any called department has a broken limit at `now`.
    public func isOverdue(now: Date) -> Bool { targets.contains { !$0.overdue(now: now).isEmpty && $0.status.isActive } }
}

/// One department (or station) called by a summons.
public struct SummonsTarget: Sendable, Codable, Equatable {
    public let id: Int
    public let summonsID: Int
    public let departmentID: Int
    public let departmentName: String
    public let stationID: Int?
    public let stationName: String?
    public let status: TargetStatus
    /// Nil until the summons is sent (a community's waits for its street).
    public let clocks: SummonsClocks?
    public let acceptedAt: Date?
    public let arrivedAt: Date?
    public let closureRequestedAt: Date?
    public let closedAt: Date?
    public let returnedAt: Date?
    public let pendingRequest: PendingRequest?
    public let pendingUntil: Date?
    public let pendingReason: String?

    static let select = """
        SELECT t.*, d.name AS department_name, st.name AS station_name
        FROM summons_targets t JOIN departments d ON d.id = t.department_id LEFT JOIN stations st ON st.id = t.station_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); summonsID = try row.decode(column: "summons_id", as: Int.self)
        departmentID = try row.decode(column: "department_id", as: Int.self); departmentName = try row.decode(column: "department_name", as: String.self)
        stationID = try row.decode(column: "station_id", as: Int?.self); stationName = try row.decode(column: "station_name", as: String?.self)
        status = TargetStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .summoned
        if let respond = try row.date("respond_due"), let resolve = try row.date("resolve_due") {
            clocks = SummonsClocks(respondDue: respond, arriveDue: try row.date("arrive_due"), resolveDue: resolve)
        } else { clocks = nil }
        acceptedAt = try row.date("accepted_at"); arrivedAt = try row.date("arrived_at")
        closureRequestedAt = try row.date("closure_requested_at"); closedAt = try row.date("closed_at"); returnedAt = try row.date("returned_at")
        pendingRequest = try row.decode(column: "pending_request", as: String?.self).flatMap(PendingRequest.init(rawValue:))
        pendingUntil = try row.date("pending_until"); pendingReason = try row.decode(column: "pending_reason", as: String?.self)
    }

    /// Who is called, as people read it.
    public var name: String { stationName.map { "\(departmentName) · \($0)" } ?? departmentName }

    /// The limits broken at `now`.
    public func overdue(now: Date) -> [Clock] {
        clocks?.overdue(status: status, acceptedAt: acceptedAt, arrivedAt: arrivedAt, closedAt: closedAt, now: now) ?? []
    }
}

/// One step on a summons's timeline: who, when, for which side, what.
public struct SummonsEvent: Sendable, Codable, Equatable {
    public let id: Int
    public let targetID: Int?
    public let at: Date
    public let username: String
    public let side: Side
    public let action: String
    public let note: String
}
