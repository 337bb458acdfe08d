import Foundation
import GrassrootsCore
import SQLKit

/// A cadre's profile, with where they work now.
public struct Cadre: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let tier: CadreTier
    public let unitID: Int
    public let unitName: String
    public let path: String
    public let departmentID: Int?
    public let departmentName: String?
    public let position: String
    public let education: Education
    public let grassrootsSince: String?
    public let specialties: String

    static let select = """
        SELECT c.id, c.name, c.tier, c.unit_id, u.name AS unit_name, c.path, c.department_id, d.name AS department_name, c.position,
               c.education, c.grassroots_since, c.specialties
        FROM cadres c JOIN units u ON u.id = c.unit_id LEFT JOIN departments d ON d.id = c.department_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        name = try row.decode(column: "name", as: String.self)
        tier = CadreTier(rawValue: try row.decode(column: "tier", as: String.self)) ?? .community
        unitID = try row.decode(column: "unit_id", as: Int.self)
        unitName = try row.decode(column: "unit_name", as: String.self)
        path = try row.decode(column: "path", as: String.self)
        departmentID = try row.decode(column: "department_id", as: Int?.self)
        departmentName = try row.decode(column: "department_name", as: String?.self)
        position = try row.decode(column: "position", as: String.self)
        education = Education(rawValue: try row.decode(column: "education", as: String.self)) ?? .bachelor
        grassrootsSince = try row.decode(column: "grassroots_since", as: String?.self)
        specialties = try row.decode(column: "specialties", as: String.self)
    }
}

/// One post in a cadre's history; the current ones have no end.
public struct CadrePost: Sendable, Codable, Equatable {
    public let id: Int
    public let cadreID: Int
    public let role: PostRole
    public let title: String
    public let unitID: Int?
    public let unitName: String?
    public let departmentID: Int?
    public let departmentName: String?
    public let move: MoveKind
    public let startsOn: String
    public let endsOn: String?
    public let note: String

    static let select = """
        SELECT p.id, p.cadre_id, p.role, p.title, p.unit_id, u.name AS unit_name, p.department_id, d.name AS department_name, p.move,
               p.starts_on, p.ends_on, p.note
        FROM cadre_posts p LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN departments d ON d.id = p.department_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        cadreID = try row.decode(column: "cadre_id", as: Int.self)
        role = PostRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .other
        title = try row.decode(column: "title", as: String.self)
        unitID = try row.decode(column: "unit_id", as: Int?.self)
        unitName = try row.decode(column: "unit_name", as: String?.self)
        departmentID = try row.decode(column: "department_id", as: Int?.self)
        departmentName = try row.decode(column: "department_name", as: String?.self)
        move = MoveKind(rawValue: try row.decode(column: "move", as: String.self)) ?? .appointment
        startsOn = try row.decode(column: "starts_on", as: String.self)
        endsOn = try row.decode(column: "ends_on", as: String?.self)
        note = try row.decode(column: "note", as: String.self)
    }
}

/// A secondment (挂职) with its term, goals and end-of-term review.
public struct Secondment: Sendable, Codable, Equatable {
    public let id: Int
    public let cadreID: Int
    public let cadreName: String
    public let kind: SecondmentKind
    public let origin: String
    public let unitID: Int
    public let unitName: String
    public let path: String
    public let startsOn: String
    public let endsOn: String
    public let goals: String
    public let outcome: ReviewOutcome?
    public let review: String?
    public let reviewedBy: String?
    public let reviewedOn: String?

    /// Whether the term has begun and not yet ended on `today`.
    public func active(on today: String) -> Bool { startsOn <= today && today <= endsOn }

    static let select = """
        SELECT s.id, s.cadre_id, c.name AS cadre_name, s.kind, s.origin, s.unit_id, u.name AS unit_name, s.path, s.starts_on, s.ends_on, s.goals,
               s.outcome, s.review, s.reviewed_by, s.reviewed_on
        FROM secondments s JOIN cadres c ON c.id = s.cadre_id JOIN units u ON u.id = s.unit_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        cadreID = try row.decode(column: "cadre_id", as: Int.self)
        cadreName = try row.decode(column: "cadre_name", as: String.self)
        kind = SecondmentKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .firstSecretary
        origin = try row.decode(column: "origin", as: String.self)
        unitID = try row.decode(column: "unit_id", as: Int.self)
        unitName = try row.decode(column: "unit_name", as: String.self)
        path = try row.decode(column: "path", as: String.self)
        startsOn = try row.decode(column: "starts_on", as: String.self)
        endsOn = try row.decode(column: "ends_on", as: String.self)
        goals = try row.decode(column: "goals", as: String.self)
        outcome = try row.decode(column: "outcome", as: String?.self).flatMap(ReviewOutcome.init(rawValue:))
        review = try row.decode(column: "review", as: String?.self)
        reviewedBy = try row.decode(column: "reviewed_by", as: String?.self)
        reviewedOn = try row.decode(column: "reviewed_on", as: String?.self)
    }
}

/// Who holds a community's party secretary and residents' committee director posts now; one person holding
/// both is 一肩挑.
public struct CommunityLeadership: Sendable, Codable, Equatable {
    public let unitID: Int
    public let unitName: String
    public let secretary: String?
    public let director: String?
    /// True when one cadre holds both posts.
    public let oneShoulder: Bool
}

/// The SQL that limits cadres to those a scope sees: those working inside it, and those seconded into it.
enum CadreScope {
    static func visible(_ scope: Scope) -> SQLQueryString {
        """
        ((c.path >= \(bind: scope.path) AND c.path < \(bind: scope.upperBound))
         OR EXISTS (SELECT 1 FROM secondments vs WHERE vs.cadre_id = c.id AND vs.path >= \(bind: scope.path) AND vs.path < \(bind: scope.upperBound)))
        """
    }
}
