import Foundation
import GrassrootsCore
import SQLKit

/// A plan (预案) of a unit: the actions it takes at each response level.
public struct EmergencyPlan: Sendable, Codable, Equatable {
    public let id: Int
    public let unitID: Int
    public let unitName: String
    public let path: String
    public let title: String
    public let eventKind: HazardKind
    public let summary: String
    public let levels: [PlanLevel]
    public let createdBy: String
    public let createdAt: Date

    /// The actions at `level`, empty when the plan has none there.
    public func actions(at level: ResponseLevel) -> [PlanAction] { levels.first { $0.level == level }?.actions ?? [] }
}

/// The actions of one response level, in order.
public struct PlanLevel: Sendable, Codable, Equatable {
    public let level: ResponseLevel
    public let actions: [PlanAction]
}

/// One activation of a plan level, real or a drill (演练), with what it issued.
public struct Incident: Sendable, Codable, Equatable {
    public let id: Int
    public let planID: Int
    public let planTitle: String
    public let eventKind: HazardKind
    public let level: ResponseLevel
    public let alertID: Int?
    public let unitID: Int
    public let unitName: String
    public let path: String
    public let drill: Bool
    public let status: IncidentStatus
    /// The capacity estimate made at activation, shown beside the outcome.
    public let estimate: CapacityEstimate
    public let activatedBy: String
    public let activatedAt: Date
    public let stoodDownAt: Date?
    public let summary: String
    /// The units the activation covered.
    public let units: [IncidentUnit]
    /// Directives, summons and notices it raised.
    public let items: [IncidentItem]

    static let select = """
        SELECT i.id, i.plan_id, p.title AS plan_title, p.event_kind, i.level, i.alert_id, i.unit_id, u.name AS unit_name, i.path, i.drill, i.status,
               i.estimate_json, i.activated_by, i.activated_at, i.stood_down_at, i.summary
        FROM incidents i JOIN emergency_plans p ON p.id = i.plan_id JOIN units u ON u.id = i.unit_id
        """

    init(row: any SQLRow, units: [IncidentUnit], items: [IncidentItem]) throws {
        id = try row.decode(column: "id", as: Int.self)
        planID = try row.decode(column: "plan_id", as: Int.self)
        planTitle = try row.decode(column: "plan_title", as: String.self)
        eventKind = HazardKind(rawValue: try row.decode(column: "event_kind", as: String.self)) ?? .other
        level = ResponseLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .iv
        alertID = try row.decode(column: "alert_id", as: Int?.self)
        unitID = try row.decode(column: "unit_id", as: Int.self)
        unitName = try row.decode(column: "unit_name", as: String.self)
        path = try row.decode(column: "path", as: String.self)
        drill = try row.decode(column: "drill", as: Int.self) == 1
        status = IncidentStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active
        estimate = try JSONDecoder().decode(CapacityEstimate.self, from: Data(try row.decode(column: "estimate_json", as: String.self).utf8))
        activatedBy = try row.decode(column: "activated_by", as: String.self)
        activatedAt = try row.date("activated_at") ?? .distantPast
        stoodDownAt = try row.date("stood_down_at")
        summary = try row.decode(column: "summary", as: String.self)
        self.units = units; self.items = items
    }
}

/// A unit an activation covered.
public struct IncidentUnit: Sendable, Codable, Equatable {
    public let unitID: Int
    public let name: String
    public let kind: UnitKind
}

/// Something an activation raised, with where it stands now (the incident page's live roll-up).
public struct IncidentItem: Sendable, Codable, Equatable {
    public let kind: PlanActionKind
    public let id: Int
    public let title: String
    public let unitName: String
    /// Directive: targets and those reached; notice: households and confirmations; summons: departments and closed.
    public let total: Int
    public let reached: Int
    /// The directive's or summons' status code (`issued`, `sent` …), or `published` for a notice.
    public let status: String
}

/// What to activate: a plan's level, for some of its units (none: the plan's own unit), real or as a drill.
public struct ActivationInput: Sendable, Equatable {
    public var planID: Int
    public var level: String
    public var unitIDs: [Int]
    public var drill: Bool
    public var alertID: Int?
    /// Households one worker reaches an hour, for the capacity estimate.
    public var perWorkerHour: Double

    /// Creates an input.
    public init(planID: Int, level: String, unitIDs: [Int] = [], drill: Bool, alertID: Int? = nil, perWorkerHour: Double = CapacityEstimate.defaultRate) {
        self.planID = planID; self.level = level; self.unitIDs = unitIDs; self.drill = drill; self.alertID = alertID; self.perWorkerHour = perWorkerHour
    }
}
