import Foundation
import GrassrootsCore
import SQLKit

/// A course of the training catalogue.
public struct Course: Sendable, Codable, Equatable {
    public let id: Int
    public let title: String
    public let category: CourseCategory
    public let required: Bool
    public let requiredHours: Double

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        title = try row.decode(column: "title", as: String.self)
        category = CourseCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .other
        required = try row.flag("required")
        requiredHours = try row.decode(column: "required_hours", as: Double.self)
    }
}

/// One session of a course, held by a unit, with how many attended.
public struct TrainingSession: Sendable, Codable, Equatable {
    public let id: Int
    public let courseID: Int
    public let courseTitle: String
    public let unitID: Int
    public let unitName: String
    public let path: String
    public let heldOn: String
    public let hours: Double
    public let place: String
    public let attendees: Int

    static let select = """
        SELECT t.id, t.course_id, k.title AS course_title, t.unit_id, u.name AS unit_name, t.path, t.held_on, t.hours, t.place,
               (SELECT COUNT(*) FROM training_attendance a WHERE a.session_id = t.id) AS attendees
        FROM training_sessions t JOIN courses k ON k.id = t.course_id JOIN units u ON u.id = t.unit_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        courseID = try row.decode(column: "course_id", as: Int.self)
        courseTitle = try row.decode(column: "course_title", as: String.self)
        unitID = try row.decode(column: "unit_id", as: Int.self)
        unitName = try row.decode(column: "unit_name", as: String.self)
        path = try row.decode(column: "path", as: String.self)
        heldOn = try row.decode(column: "held_on", as: String.self)
        hours = try row.decode(column: "hours", as: Double.self)
        place = try row.decode(column: "place", as: String.self)
        attendees = try row.decode(column: "attendees", as: Int.self)
    }
}

/// A cadre's attendance at one session.
public struct Attendance: Sendable, Codable, Equatable {
    public let sessionID: Int
    public let cadreID: Int
    public let cadreName: String
    public let courseTitle: String
    public let heldOn: String
    public let hours: Double
}

/// A cadre's standing on one course: hours attended so far, and whether that completes it.
public struct CourseStanding: Sendable, Codable, Equatable {
    public let course: Course
    public let hours: Double
    public var completed: Bool { courseCompleted(attended: hours, required: course.requiredHours) }
}

/// A reading group (读书班/学习小组) of one sector, with its members.
public struct ReadingGroup: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let sector: CadreTier
    public let unitName: String
    public let members: [String]
}
