import Foundation
import GrassrootsCore
import SQLKit

/// An alert (预警) as kept: a received CAP document or one of our own, with the units it affects.
public struct Alert: Sendable, Codable, Equatable {
    public let id: Int
    /// `received` (posted to the API or pasted in) or `issued` (ours).
    public let source: String
    public let identifier: String
    public let sender: String
    public let sent: Date
    public let status: CAPStatus
    public let msgType: CAPMessageType
    public let event: String
    public let severity: String
    public let urgency: String
    public let certainty: String
    public let headline: String
    public let areaDesc: String
    /// `active`, `updated` (a later message replaced it) or `cancelled`.
    public let state: String
    public let replacesID: Int?
    public let recordedBy: String
    public let recordedAt: Date
    public let units: [IncidentUnit]

    /// A drill alert (CAP status `Exercise`): what it activates is a drill.
    public var isExercise: Bool { status == .exercise }

    static let select = """
        SELECT id, source, identifier, sender, sent, status, msg_type, event, severity, urgency, certainty, headline, area_desc, state, replaces_id,
               recorded_by, recorded_at FROM alerts
        """

    init(row: any SQLRow, units: [IncidentUnit]) throws {
        id = try row.decode(column: "id", as: Int.self)
        source = try row.decode(column: "source", as: String.self)
        identifier = try row.decode(column: "identifier", as: String.self)
        sender = try row.decode(column: "sender", as: String.self)
        sent = try row.date("sent") ?? .distantPast
        status = CAPStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .actual
        msgType = CAPMessageType(rawValue: try row.decode(column: "msg_type", as: String.self)) ?? .alert
        event = try row.decode(column: "event", as: String.self)
        severity = try row.decode(column: "severity", as: String.self)
        urgency = try row.decode(column: "urgency", as: String.self)
        certainty = try row.decode(column: "certainty", as: String.self)
        headline = try row.decode(column: "headline", as: String.self)
        areaDesc = try row.decode(column: "area_desc", as: String.self)
        state = try row.decode(column: "state", as: String.self)
        replacesID = try row.decode(column: "replaces_id", as: Int?.self)
        recordedBy = try row.decode(column: "recorded_by", as: String.self)
        recordedAt = try row.date("recorded_at") ?? .distantPast
        self.units = units
    }
}

/// An alert of our own as typed on the alerts page.
public struct AlertInput: Sendable, Equatable {
    public var event: String
    public var eventKind: String
    public var severity: String
    public var urgency: String
    public var certainty: String
    public var headline: String
    public var description: String
    public var instruction: String
    public var unitIDs: [Int]
    public var exercise: Bool
    /// Hours until the alert expires.
    public var expiresHours: Int

    /// Creates an input.
    public init(event: String, eventKind: String, severity: String, urgency: String = "Expected", certainty: String = "Likely", headline: String,
                description: String, instruction: String = "", unitIDs: [Int], exercise: Bool = false, expiresHours: Int = 24) {
        self.event = event; self.eventKind = eventKind; self.severity = severity; self.urgency = urgency; self.certainty = certainty
        self.headline = headline; self.description = description; self.instruction = instruction; self.unitIDs = unitIDs
        self.exercise = exercise; self.expiresHours = expiresHours
    }
}
