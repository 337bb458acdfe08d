import Foundation
import GrassrootsCore
import SQLKit

/// A unit registered with a community (单位报到): what it brings and its place in the joint committees.
public struct MemberUnit: Sendable, Codable, Equatable {
    public let id: Int
    public let name: String
    public let kind: MemberUnitKind
    public let communityID: Int
    public let communityName: String
    public let path: String
    public let liaisonName: String
    public let venues: String
    public let skills: String
    public let funds: String
    public let volunteers: Int
    public let jointCommittee: JointCommittee
    public let commitment: String

    static let select = """
        SELECT m.id, m.name, m.kind, m.community_id, u.name AS community_name, m.path, m.liaison_name, m.venues, m.skills, m.funds, m.volunteers,
               m.joint_committee, m.commitment FROM member_units m JOIN units u ON u.id = m.community_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); name = try row.decode(column: "name", as: String.self)
        kind = MemberUnitKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .enterprise
        communityID = try row.decode(column: "community_id", as: Int.self); communityName = try row.decode(column: "community_name", as: String.self)
        path = try row.decode(column: "path", as: String.self); liaisonName = try row.decode(column: "liaison_name", as: String.self)
        venues = try row.decode(column: "venues", as: String.self); skills = try row.decode(column: "skills", as: String.self)
        funds = try row.decode(column: "funds", as: String.self); volunteers = try row.decode(column: "volunteers", as: Int.self)
        jointCommittee = JointCommittee(rawValue: try row.decode(column: "joint_committee", as: String.self)) ?? .none
        commitment = try row.decode(column: "commitment", as: String.self)
    }
}

/// An employed party member's registration at their residence community (在职党员报到).
public struct MemberRegistration: Sendable, Codable, Equatable {
    public let id: Int
    public let accountID: Int
    public let name: String
    public let employer: String
    public let employerPartyOrg: String
    public let communityID: Int
    public let communityName: String
    public let path: String
    public let gridName: String?
    public let compoundName: String?
    public let posts: [ServicePost]
    public let status: ReviewStatus

    static let select = """
        SELECT r.id, r.account_id, r.name, r.employer, r.employer_party_org, r.community_id, c.name AS community_name, r.path, g.name AS grid_name,
               p.name AS compound_name, r.posts, r.status
        FROM member_registrations r JOIN units c ON c.id = r.community_id LEFT JOIN units g ON g.id = r.grid_id LEFT JOIN units p ON p.id = r.compound_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); accountID = try row.decode(column: "account_id", as: Int.self)
        name = try row.decode(column: "name", as: String.self); employer = try row.decode(column: "employer", as: String.self)
        employerPartyOrg = try row.decode(column: "employer_party_org", as: String.self)
        communityID = try row.decode(column: "community_id", as: Int.self); communityName = try row.decode(column: "community_name", as: String.self)
        path = try row.decode(column: "path", as: String.self); gridName = try row.decode(column: "grid_name", as: String?.self)
        compoundName = try row.decode(column: "compound_name", as: String?.self)
        posts = try row.decode(column: "posts", as: String.self).split(separator: ",").compactMap { ServicePost(rawValue: String($0)) }
        status = ReviewStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending
    }
}

/// A community need, and — once claimed — the project that meets it.
public struct Need: Sendable, Codable, Equatable {
    public let id: Int
    public let communityID: Int
    public let title: String
    public let description: String
    public let status: NeedStatus
    public let claimant: String?
    public let memberUnitID: Int?
    public let memberID: Int?
    public let commitment: String?
    public let progress: Int
    public let createdAt: Date

    static let select = """
        SELECT n.id, n.community_id, n.title, n.description, n.status, COALESCE(mu.name, mr.name) AS claimant, n.member_unit_id, n.member_id, n.commitment,
               n.progress, n.created_at
        FROM needs n LEFT JOIN member_units mu ON mu.id = n.member_unit_id LEFT JOIN member_registrations mr ON mr.id = n.member_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); communityID = try row.decode(column: "community_id", as: Int.self)
        title = try row.decode(column: "title", as: String.self); description = try row.decode(column: "description", as: String.self)
        status = NeedStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open
        claimant = try row.decode(column: "claimant", as: String?.self)
        memberUnitID = try row.decode(column: "member_unit_id", as: Int?.self); memberID = try row.decode(column: "member_id", as: Int?.self)
        commitment = try row.decode(column: "commitment", as: String?.self); progress = try row.decode(column: "progress", as: Int.self)
        createdAt = try row.date("created_at")!
    }
}

/// A community event with its capacity and sign-ups.
public struct CommunityEvent: Sendable, Codable, Equatable {
    public let id: Int
    public let communityID: Int
    public let communityName: String
    /// The community's path, for scope.
    public let path: String
    public let kind: EventKind
    public let title: String
    public let description: String
    public let place: String
    public let startsAt: Date
    public let endsAt: Date
    public let capacity: Int
    public let signedUp: Int
    public let updatedAt: Date

    static let select = """
        SELECT e.id, e.community_id, u.name AS community_name, e.path, e.kind, e.title, e.description, e.place, e.starts_at, e.ends_at, e.capacity, e.signed_up, e.updated_at
        FROM events e JOIN units u ON u.id = e.community_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); communityID = try row.decode(column: "community_id", as: Int.self)
        communityName = try row.decode(column: "community_name", as: String.self); path = try row.decode(column: "path", as: String.self)
        kind = EventKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other
        title = try row.decode(column: "title", as: String.self); description = try row.decode(column: "description", as: String.self)
        place = try row.decode(column: "place", as: String.self); startsAt = try row.date("starts_at")!; endsAt = try row.date("ends_at")!
        capacity = try row.decode(column: "capacity", as: Int.self); signedUp = try row.decode(column: "signed_up", as: Int.self)
        updatedAt = try row.date("updated_at")!
    }
}

/// Hours of service by a member or a unit, against an event or a project, confirmed by the community.
public struct ServiceHours: Sendable, Codable, Equatable {
    public let id: Int
    public let who: String
    public let memberID: Int?
    public let memberUnitID: Int?
    public let activity: String
    public let servedOn: String
    public let hours: Double
    public let description: String
    public let status: ReviewStatus

    static let select = """
        SELECT h.id, COALESCE(mr.name, mu.name) AS who, h.member_id, h.member_unit_id, COALESCE(e.title, n.title) AS activity, h.served_on, h.hours,
               h.description, h.status
        FROM service_hours h LEFT JOIN member_registrations mr ON mr.id = h.member_id LEFT JOIN member_units mu ON mu.id = h.member_unit_id
        LEFT JOIN events e ON e.id = h.event_id LEFT JOIN needs n ON n.id = h.need_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self); who = try row.decode(column: "who", as: String.self)
        memberID = try row.decode(column: "member_id", as: Int?.self); memberUnitID = try row.decode(column: "member_unit_id", as: Int?.self)
        activity = try row.decode(column: "activity", as: String.self); servedOn = try row.decode(column: "served_on", as: String.self)
        hours = try row.decode(column: "hours", as: Double.self); description = try row.decode(column: "description", as: String.self)
        status = ReviewStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending
    }
}
