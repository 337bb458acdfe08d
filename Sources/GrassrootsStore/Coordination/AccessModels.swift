import Foundation
import GrassrootsCore
import SQLKit

/// A matter on (or applying for) the community access list (社区事务准入清单).
public struct AccessItem: Sendable, Codable, Equatable {
    public let id: Int
    public let code: String
    public let title: String
    public let kind: AccessItemKind
    public let legalBasis: String
    public let departmentID: Int
    public let departmentName: String
    /// Funding comes with the task (费随事转).
    public let funded: Bool
    /// Authority comes with the task (权随事转).
    public let authorized: Bool
    public let status: AccessItemStatus
    public let note: String

    static let select = """
        SELECT i.id, i.code, i.title, i.kind, i.legal_basis, i.department_id, d.name AS department_name, i.funded, i.authorized, i.status, i.note
        FROM access_items i JOIN departments d ON d.id = i.department_id
        """
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); code = try row.decode(column: "code", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        kind = AccessItemKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .assisted
        legalBasis = try row.decode(column: "legal_basis", as: String.self)
        departmentID = try row.decode(column: "department_id", as: Int.self); departmentName = try row.decode(column: "department_name", as: String.self)
        funded = try row.flag("funded"); authorized = try row.flag("authorized")
        status = AccessItemStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .applied
        note = try row.decode(column: "note", as: String.self)
    }
}

/// A certificate, and whether a community may issue it.
public struct Certificate: Sendable, Codable, Equatable {
    public let id: Int
    public let title: String
    public let allowed: Bool
    public let basis: String
}

/// A task a department pushed down to a community, and what the access list made of it.
public struct DepartmentTask: Sendable, Codable, Equatable {
    public let id: Int
    public let departmentID: Int
    public let departmentName: String
    public let accessItemID: Int?
    public let communityUnitID: Int
    public let communityName: String
    public let path: String
    public let title: String
    public let forms: Int
    public let inspections: Int
    public let status: TaskStatus
    public let reason: String
    public let submittedBy: String
    public let submittedAt: Date

    static let select = """
        SELECT t.id, t.department_id, d.name AS department_name, t.access_item_id, t.community_unit_id, u.name AS community_name, t.path,
               t.title, t.forms, t.inspections, t.status, t.reason, t.submitted_by, t.submitted_at
        FROM department_tasks t JOIN departments d ON d.id = t.department_id JOIN units u ON u.id = t.community_unit_id
        """
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); departmentID = try row.decode(column: "department_id", as: Int.self)
        departmentName = try row.decode(column: "department_name", as: String.self)
        accessItemID = try row.decode(column: "access_item_id", as: Int?.self)
        communityUnitID = try row.decode(column: "community_unit_id", as: Int.self); communityName = try row.decode(column: "community_name", as: String.self)
        path = try row.decode(column: "path", as: String.self); title = try row.decode(column: "title", as: String.self)
        forms = try row.decode(column: "forms", as: Int.self); inspections = try row.decode(column: "inspections", as: Int.self)
        status = TaskStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .refused
        reason = try row.decode(column: "reason", as: String.self); submittedBy = try row.decode(column: "submitted_by", as: String.self)
        submittedAt = try row.date("submitted_at")!
    }
}

/// One department's line of the burden report (减负): what it tried to push down in a period and what got through.
public struct BurdenLine: Sendable, Codable, Equatable {
    public let departmentID: Int
    public let departmentName: String
    public var taken = 0, keptOff = 0, pending = 0, forms = 0, inspections = 0
}
