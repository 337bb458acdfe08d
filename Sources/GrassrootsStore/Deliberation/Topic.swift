import Foundation
import GrassrootsCore
import SQLKit

/// A council-hall topic with its place, status, resolution and progress.
public struct Topic: Sendable, Codable, Equatable {
    public let id: Int
    public let unitID: Int
    public let unitName: String
    public let path: String
    public let title: String
    public let description: String
    public let raisedBy: String
    public let status: TopicStatus
    public let resolution: String?
    public let publishedAt: Date?
    public let publicityUntil: Date?
    public let progress: Int
    public let createdAt: Date

    static let select = """
        SELECT t.id, t.unit_id, u.name AS unit_name, t.path, t.title, t.description, t.raised_by, t.status, t.resolution, t.published_at,
               t.publicity_until, t.progress, t.created_at
        FROM topics t JOIN units u ON u.id = t.unit_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        unitID = try row.decode(column: "unit_id", as: Int.self)
        unitName = try row.decode(column: "unit_name", as: String.self)
        path = try row.decode(column: "path", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        description = try row.decode(column: "description", as: String.self)
        raisedBy = try row.decode(column: "raised_by", as: String.self)
        status = TopicStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .discussion
        resolution = try row.decode(column: "resolution", as: String?.self)
        publishedAt = try row.date("published_at")
        publicityUntil = try row.date("publicity_until")
        progress = try row.decode(column: "progress", as: Int.self)
        createdAt = try row.date("created_at")!
    }
}

/// One entry of a topic's record: a comment, a meeting with its minutes, a progress update, the vote or resolution.
public struct TopicPost: Sendable, Codable, Equatable {
    public let kind: String
    public let author: String
    public let body: String
    public let heldAt: Date?
    public let place: String?
    public let attendees: Int?
    public let progress: Int?
    public let at: Date
}

/// A topic's vote: its rule, window and counts.
public struct Vote: Sendable, Codable, Equatable {
    public let id: Int
    public let topicID: Int
    public let question: String
    public let rule: VoteRule
    public let count: VoteCount
    public let opensAt: Date
    public let closesAt: Date
    public let closedAt: Date?
    public let result: VoteResult?

    /// Whether ballots are taken at `now`.
    public func open(at now: Date) -> Bool { closedAt == nil && opensAt <= now && now < closesAt }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        topicID = try row.decode(column: "topic_id", as: Int.self)
        question = try row.decode(column: "question", as: String.self)
        rule = VoteRule(rawValue: try row.decode(column: "rule", as: String.self)) ?? .households
        count = VoteCount(eligible: try row.decode(column: "eligible", as: Int.self), yes: try row.decode(column: "yes", as: Int.self),
                          no: try row.decode(column: "no", as: Int.self), abstain: try row.decode(column: "abstain", as: Int.self),
                          quorumPercent: try row.decode(column: "quorum_percent", as: Int.self), majorityPercent: try row.decode(column: "majority_percent", as: Int.self))
        opensAt = try row.date("opens_at")!
        closesAt = try row.date("closes_at")!
        closedAt = try row.date("closed_at")
        result = try row.decode(column: "result", as: String?.self).flatMap(VoteResult.init(rawValue:))
    }
}
