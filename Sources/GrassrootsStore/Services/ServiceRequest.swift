import Foundation
import GrassrootsCore
import SQLKit

/// A resident's request with where it is, who handles it, its clocks and the resident's verdict.
public struct ServiceRequest: Sendable, Codable, Equatable {
    public let id: Int
    public let kind: RequestKind
    public let categoryID: Int
    public let categoryName: String
    public let serviceCode: String
    public let timeClass: TimeClass
    public let unitID: Int
    public let unitName: String
    public let path: String
    public let handlerUnitID: Int
    public let handlerName: String
    public let handlerPath: String
    public let level: RequestLevel
    public let summonsID: Int?
    public let address: String
    public let latitude: Double?
    public let longitude: Double?
    public let description: String
    public let contactName: String
    public let source: String
    public let accountID: Int?
    public let status: RequestStatus
    public let statusNote: String
    /// The resident agreed to the request being listed publicly.
    public let isPublic: Bool
    /// Its category is public by the city's configuration.
    public let categoryPublic: Bool
    /// The answer written for the public (Open311 `status_notes`); the resident's own answer stays in `statusNote`.
    public let publicReply: String
    public let respondBy: Date
    public let resolveBy: Date
    public let respondedAt: Date?
    public let repliedAt: Date?
    public let withdrawn: Bool
    public let solved: Bool?
    public let satisfaction: Satisfaction?
    public let feedbackComment: String?
    public let flagReason: FlagReason?
    public let flagNote: String?
    public let flagStatus: String?
    public let createdAt: Date
    public let updatedAt: Date

    /// Whether anyone may read it over Open311, coarsened: by the resident's agreement or its category's configuration.
    public var listedPublicly: Bool { (isPublic || categoryPublic) && !withdrawn }

    /// Whether the response limit passed before (or without) the request being taken up.
    public func respondOverdue(now: Date) -> Bool { (respondedAt ?? now) > respondBy }
    /// Whether the answer limit passed before (or without) an answer.
    public func resolveOverdue(now: Date) -> Bool { !withdrawn && (repliedAt ?? (status == .closed ? resolveBy : now)) > resolveBy }

    static let select = """
        SELECT r.id, r.kind, r.category_id, c.name AS category_name, c.service_code, r.time_class, r.unit_id, u.name AS unit_name, r.path,
               r.handler_unit_id, h.name AS handler_name, r.handler_path, r.level, r.summons_id, r.address, r.latitude, r.longitude, r.description,
               r.contact_name, r.source, r.account_id, r.status, r.status_note, r.is_public, c.is_public AS category_public, r.public_reply, r.respond_by, r.resolve_by, r.responded_at, r.replied_at, r.withdrawn,
               r.solved, r.satisfaction, r.feedback_comment, r.flag_reason, r.flag_note, r.flag_status, r.created_at, r.updated_at
        FROM requests r JOIN request_categories c ON c.id = r.category_id JOIN units u ON u.id = r.unit_id JOIN units h ON h.id = r.handler_unit_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        kind = RequestKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .help
        categoryID = try row.decode(column: "category_id", as: Int.self)
        categoryName = try row.decode(column: "category_name", as: String.self)
        serviceCode = try row.decode(column: "service_code", as: String.self)
        timeClass = TimeClass(rawValue: try row.decode(column: "time_class", as: String.self)) ?? .general
        unitID = try row.decode(column: "unit_id", as: Int.self)
        unitName = try row.decode(column: "unit_name", as: String.self)
        path = try row.decode(column: "path", as: String.self)
        handlerUnitID = try row.decode(column: "handler_unit_id", as: Int.self)
        handlerName = try row.decode(column: "handler_name", as: String.self)
        handlerPath = try row.decode(column: "handler_path", as: String.self)
        level = RequestLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .community
        summonsID = try row.decode(column: "summons_id", as: Int?.self)
        address = try row.decode(column: "address", as: String.self)
        latitude = try row.decode(column: "latitude", as: Double?.self)
        longitude = try row.decode(column: "longitude", as: Double?.self)
        description = try row.decode(column: "description", as: String.self)
        contactName = try row.decode(column: "contact_name", as: String.self)
        source = try row.decode(column: "source", as: String.self)
        accountID = try row.decode(column: "account_id", as: Int?.self)
        status = RequestStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .submitted
        statusNote = try row.decode(column: "status_note", as: String.self)
        isPublic = try row.flag("is_public")
        categoryPublic = try row.flag("category_public")
        publicReply = try row.decode(column: "public_reply", as: String.self)
        respondBy = try row.date("respond_by")!
        resolveBy = try row.date("resolve_by")!
        respondedAt = try row.date("responded_at")
        repliedAt = try row.date("replied_at")
        withdrawn = try row.flag("withdrawn")
        solved = try row.decode(column: "solved", as: Int?.self).map { $0 != 0 }
        satisfaction = try row.decode(column: "satisfaction", as: String?.self).flatMap(Satisfaction.init(rawValue:))
        feedbackComment = try row.decode(column: "feedback_comment", as: String?.self)
        flagReason = try row.decode(column: "flag_reason", as: String?.self).flatMap(FlagReason.init(rawValue:))
        flagNote = try row.decode(column: "flag_note", as: String?.self)
        flagStatus = try row.decode(column: "flag_status", as: String?.self)
        createdAt = try row.date("created_at")!
        updatedAt = try row.date("updated_at")!
    }
}

/// One step in a request's timeline.
public struct RequestEvent: Sendable, Codable, Equatable {
    public let action: RequestAction
    public let actor: String
    public let unitName: String
    public let note: String
    public let at: Date
}

/// A category of the two-level tree; leaves carry the time class and the Open311 service code.
public struct RequestCategory: Sendable, Codable, Equatable {
    public let id: Int
    public let parentID: Int?
    public let name: String
    public let nameEn: String
    public let timeClass: TimeClass?
    public let serviceCode: String?
    public let active: Bool
    /// Requests of a public category are listed publicly (Open311) whatever the resident chose.
    public let isPublic: Bool

    static let columns = "id, parent_id, name, name_en, time_class, service_code, active, is_public"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        parentID = try row.decode(column: "parent_id", as: Int?.self)
        name = try row.decode(column: "name", as: String.self)
        nameEn = try row.decode(column: "name_en", as: String.self)
        timeClass = try row.decode(column: "time_class", as: String?.self).flatMap(TimeClass.init(rawValue:))
        serviceCode = try row.decode(column: "service_code", as: String?.self)
        active = try row.flag("active")
        isPublic = try row.flag("is_public")
    }
}
