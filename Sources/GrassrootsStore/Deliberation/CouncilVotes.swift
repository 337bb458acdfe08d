import Foundation
import GrassrootsCore
import SQLKit

/// Votes in the council hall: opening one (the eligible are counted and frozen then), casting ballots — one per
/// resident or household, only from the area, only while open — and closing with the result.
public struct CouncilVotes: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Staff put a topic under discussion to a vote.
    public func open(topicID: Int, _ input: VoteInput, scope: Scope) async throws -> Vote {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        let rule = try input.validated()
        return try await context.database.write { db in
            let topic = try await CouncilStore.topic(topicID, scope: scope, db: db)
            guard topic.status == .discussion else { throw StoreError.conflict(Bilingual("该议题已表决过", "This topic has already been put to a vote")) }
            let eligible = try await Self.eligible(rule, path: topic.path, now: context.clock(), db: db)
            guard eligible > 0 else { throw ValidationError("rule", Bilingual("该区域没有符合条件的投票人", "No one in the area may vote under this rule")) }
            let now = context.clock()
            let id = try await db.insert(into: "votes")
                .columns("topic_id", "question", "rule", "quorum_percent", "majority_percent", "eligible", "opens_at", "closes_at", "created_by")
                .values(SQLBind(topicID), SQLBind(input.question.trimmed), SQLBind(rule.rawValue), SQLBind(input.quorumPercent), SQLBind(input.majorityPercent),
                        SQLBind(eligible), SQLBind(context.nowText), SQLBind(Timestamp.format(now.addingTimeInterval(Double(input.days) * 86400))), SQLBind(scope.username))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await db.update("topics").set("status", to: SQLBind(TopicStatus.voting.rawValue)).set("updated_at", to: SQLBind(context.nowText))
                .where("id", .equal, SQLBind(topicID)).run()
            try await CouncilStore.post(db, topicID, "vote", scope.username, input.question.trimmed, now: context.nowText)
            try await AuditLog.record(db, scope, "open_vote", "topic", id: topicID, path: topic.path, detail: "vote \(id)", now: now)
            return try await Self.vote(topicID: topicID, db: db)!
        }
    }

    /// Casts a ballot. A resident with a linked household votes for it under the household rule; staff record a
    /// ballot given at a meeting or door to door for a household (household rule: its id, or its room as staff
    /// name it, with or without a building picked) or a resident (resident rule).
    public func cast(topicID: Int, choice: String, householdID: Int? = nil, room: String? = nil, buildingID: Int? = nil, residentID: Int? = nil,
                     scope: Scope) async throws -> Vote {
        var v = Validator()
        let choice = BallotChoice.pick(choice, field: "choice", names: Bilingual("表决意见", "Choice"), &v)
        try v.finish()
        return try await context.database.write { db in
            let topic = try await CouncilStore.topic(topicID, scope: scope, db: db)
            guard let vote = try await Self.vote(topicID: topicID, db: db), vote.open(at: context.clock()) else {
                throw StoreError.conflict(Bilingual("表决未开始或已结束", "The vote is not open"))
            }
            var householdID = householdID
            if householdID == nil, vote.rule == .households, scope.role.keepsCouncil, let room, !room.trimmed.isEmpty {
                householdID = try await HouseholdStore.find(room, buildingID: buildingID, within: topic.path, field: "room", db: db)
            }
            let voter = try await Self.voter(vote.rule, topic: topic, householdID: householdID, residentID: residentID, scope: scope, now: context.clock(), db: db)
            let already = try await db.select().column("voter_key").from("ballots").where("vote_id", .equal, SQLBind(vote.id))
                .where("voter_key", .equal, SQLBind(voter.key)).first()
            guard already == nil else { throw StoreError.conflict(Bilingual("该\(vote.rule == .households ? "户" : "居民")已经投过票", "This \(vote.rule == .households ? "household" : "resident") has already voted")) }
            // The primary key (vote, voter) refuses a second ballot even when two arrive at once.
            try await db.insert(into: "ballots").columns("vote_id", "voter_key", "household_id", "resident_id", "choice", "cast_by", "cast_at")
                .values(SQLBind(vote.id), SQLBind(voter.key), SQLBind(voter.household), SQLBind(voter.resident), SQLBind(choice!.rawValue),
                        SQLBind(scope.username), SQLBind(context.nowText)).run()
            try await db.raw("UPDATE votes SET \(ident: choice!.rawValue) = \(ident: choice!.rawValue) + 1 WHERE id = \(bind: vote.id)").run()
            try await AuditLog.record(db, scope, "cast", "vote", id: vote.id, path: topic.path, now: context.clock())
            return try await Self.vote(topicID: topicID, db: db)!
        }
    }

    /// Staff close a vote once its window has ended (or early when every eligible voter has voted); an adopted topic
    /// waits for its resolution, any other is not adopted.
    public func close(topicID: Int, scope: Scope) async throws -> Vote {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        return try await context.database.write { db in
            let topic = try await CouncilStore.topic(topicID, scope: scope, db: db)
            guard let vote = try await Self.vote(topicID: topicID, db: db), vote.closedAt == nil else {
                throw StoreError.conflict(Bilingual("没有进行中的表决", "No vote is open"))
            }
            guard context.clock() >= vote.closesAt || vote.count.cast >= vote.count.eligible else {
                // Closing early would cut off voters still to come: only a vote everyone has cast may end before its time.
                let (until, c) = (LocalTime.format(vote.closesAt), vote.count)
                throw StoreError.conflict(Bilingual("表决期至 \(until) 结束，届时可计票；应参与的 \(c.eligible) 人（户）都投票后也可提前计票，现已投 \(c.cast)",
                                                    "The vote runs until \(until) and can be counted then, or earlier once all \(c.eligible) eligible have voted (\(c.cast) so far)"))
            }
            let result = vote.count.result
            try await db.update("votes").set("closed_at", to: SQLBind(context.nowText)).set("result", to: SQLBind(result.rawValue)).where("id", .equal, SQLBind(vote.id)).run()
            if result != .passed {
                try await db.update("topics").set("status", to: SQLBind(TopicStatus.rejected.rawValue)).set("updated_at", to: SQLBind(context.nowText))
                    .where("id", .equal, SQLBind(topicID)).run()
            }
            try await AuditLog.record(db, scope, "close_vote", "topic", id: topicID, path: topic.path, detail: result.rawValue, now: context.clock())
            return try await Self.vote(topicID: topicID, db: db)!
        }
    }

    static func vote(topicID: Int, db: any SQLDatabase) async throws -> Vote? {
        try await db.raw("""
            SELECT id, topic_id, question, rule, quorum_percent, majority_percent, eligible, opens_at, closes_at, closed_at, result, yes, no, abstain
            FROM votes WHERE topic_id = \(bind: topicID)
            """).first().map(Vote.init(row:))
    }

    /// Adults (18 and over, by a known birth date) living in the area, or its households.
    static func eligible(_ rule: VoteRule, path: String, now: Date, db: any SQLDatabase) async throws -> Int {
        let sql: SQLQueryString = rule == .households
            ? "SELECT COUNT(*) AS n FROM households WHERE path >= \(bind: path) AND path < \(bind: path + "~")"
            : "SELECT COUNT(*) AS n FROM residents r WHERE r.path >= \(bind: path) AND r.path < \(bind: path + "~") AND \(adult(now: now))"
        return try await db.raw(sql).first()!.decode(column: "n", as: Int.self)
    }

    /// Born on or before this day 18 years ago (as text: the day keys compare in order).
    static func adult(now: Date) -> SQLQueryString {
        let today = WorkingCalendar.dayKey(now)
        let cutoff = String(Int(today.prefix(4))! - 18) + today.dropFirst(4)
        return "r.residence_status IN ('registered_living', 'living_unregistered') AND r.birth_date IS NOT NULL AND r.birth_date <= \(bind: cutoff)"
    }

    /// Who the ballot is for, checked against the rule and the area.
    static func voter(_ rule: VoteRule, topic: Topic, householdID: Int?, residentID: Int?, scope: Scope, now: Date,
                      db: any SQLDatabase) async throws -> (key: String, household: Int, resident: Int?) {
        let outside = ValidationError("voter", Bilingual("该投票人不属于议题所在区域或不符合表决规则", "This voter is not of the topic's area or not eligible under the rule"))
        if scope.role == .resident {
            guard rule == .households, let own = try await HouseholdStore.linked(to: scope, db: db) else {
                throw AccessDenied(Bilingual("本次表决由工作人员登记选票", "Ballots for this vote are recorded by staff"))
            }
            guard try await HouseholdStore.household(own.id, liesWithin: topic.path, db: db) else { throw outside }
            return ("h:\(own.id)", own.id, nil)
        }
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        switch rule {
        case .households:
            guard let householdID, try await HouseholdStore.household(householdID, liesWithin: topic.path, db: db) else { throw outside }
            return ("h:\(householdID)", householdID, nil)
        case .residents:
            guard let residentID, let row = try await db.raw("""
                SELECT r.household_id FROM residents r WHERE r.id = \(bind: residentID) AND r.path >= \(bind: topic.path) AND r.path < \(bind: topic.path + "~") AND \(adult(now: now))
                """).first() else { throw outside }
            return ("r:\(residentID)", try row.decode(column: "household_id", as: Int.self), residentID)
        }
    }
}
