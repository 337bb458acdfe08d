import Foundation
import GrassrootsCore
import SQLKit

/// The council hall (红色议事厅): topics for a compound, grid or community, discussion and meetings, and what follows
/// a vote — the resolution's public notice (公示) and its progress to completion. Votes are in `CouncilVotes`.
public struct CouncilStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// A resident, party member, unit liaison or staff member raises a topic for a place of their scope.
    public func raise(unitID: Int, title: String, description: String, scope: Scope) async throws -> Topic {
        guard scope.role.takesPartInCouncil else { throw AccessDenied() }
        var v = Validator()
        v.check((1...100).contains(title.trimmed.count), "title", Bilingual("议题为1–100字", "The title needs 1–100 characters"))
        v.check((5...4000).contains(description.trimmed.count), "description", Bilingual("请说明议题（5–4000字）", "Describe the topic (5–4000 characters)"))
        try v.finish()
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            guard [.community, .grid, .compound].contains(unit.kind) else {
                throw ValidationError("unit_id", Bilingual("议题应针对小区（院落）、网格或社区", "A topic is for a compound, grid or community"))
            }
            let id = try await db.insert(into: "topics").columns("unit_id", "path", "title", "description", "raised_by", "raised_role", "status", "created_at", "updated_at")
                .values(SQLBind(unit.id), SQLBind(unit.path), SQLBind(title.trimmed), SQLBind(description.trimmed), SQLBind(scope.username),
                        SQLBind(scope.role.rawValue), SQLBind(TopicStatus.discussion.rawValue), SQLBind(context.nowText), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "raise", "topic", id: id, path: unit.path, now: context.clock())
            return try await Self.topic(id, scope: scope, db: db)
        }
    }

    /// Topics of the scope's territory, newest first.
    public func topics(scope: Scope) async throws -> [Topic] {
        guard scope.role.takesPartInCouncil || scope.role == .auditor else { throw AccessDenied() }
        return try await context.database.read { db in
            try await db.raw("\(unsafeRaw: Topic.select) WHERE t.path >= \(bind: scope.path) AND t.path < \(bind: scope.upperBound) ORDER BY t.id DESC LIMIT 500")
                .all().map(Topic.init(row:))
        }
    }

    /// One topic with its record and its vote.
    public func topic(_ id: Int, scope: Scope) async throws -> (topic: Topic, posts: [TopicPost], vote: Vote?) {
        guard scope.role.takesPartInCouncil || scope.role == .auditor else { throw AccessDenied() }
        return try await context.database.read { db in
            let topic = try await Self.topic(id, scope: scope, db: db)
            let posts = try await db.raw("SELECT kind, author, body, held_at, place, attendees, progress, at FROM topic_posts WHERE topic_id = \(bind: id) ORDER BY id")
                .all().map { row in
                    TopicPost(kind: try row.decode(column: "kind", as: String.self), author: try row.decode(column: "author", as: String.self),
                              body: try row.decode(column: "body", as: String.self), heldAt: try row.date("held_at"), place: try row.decode(column: "place", as: String?.self),
                              attendees: try row.decode(column: "attendees", as: Int?.self), progress: try row.decode(column: "progress", as: Int?.self), at: try row.date("at")!)
                }
            return (topic, posts, try await CouncilVotes.vote(topicID: id, db: db))
        }
    }

    /// Anyone taking part comments while the topic is discussed or voted on.
    public func comment(_ id: Int, text: String, scope: Scope) async throws {
        guard scope.role.takesPartInCouncil else { throw AccessDenied() }
        guard (1...2000).contains(text.trimmed.count) else { throw ValidationError("body", Bilingual("请填写意见（最多2000字）", "Write your comment (at most 2000 characters)")) }
        try await context.database.write { db in
            let topic = try await Self.topic(id, scope: scope, db: db)
            guard [.discussion, .voting].contains(topic.status) else { throw StoreError.conflict(Bilingual("议题已结束讨论", "Discussion of this topic has ended")) }
            try await Self.post(db, id, "comment", scope.username, text.trimmed, now: context.nowText)
        }
    }

    /// Staff record a meeting: when, where, how many attended, and the minutes.
    public func recordMeeting(_ id: Int, heldAt: String, place: String, attendees: Int, minutes: String, photos: [Int] = [], scope: Scope) async throws {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        var v = Validator()
        let held = v.capture { try LocalTime.parse(heldAt, field: "held_at") }
        if let held { v.check(held <= context.clock(), "held_at", Bilingual("会议时间不能晚于现在", "The meeting cannot be in the future")) }
        v.check((1...100).contains(place.trimmed.count), "place", Bilingual("请填写地点", "Give the place"))
        v.check((1...100_000).contains(attendees), "attendees", Bilingual("参会人数应为正整数", "Attendance must be a positive number"))
        v.check((5...8000).contains(minutes.trimmed.count), "minutes", Bilingual("请填写会议记录（5–8000字）", "Write the minutes (5–8000 characters)"))
        try v.finish()
        try await context.database.write { db in
            let topic = try await Self.topic(id, scope: scope, db: db)
            try await db.insert(into: "topic_posts").columns("topic_id", "kind", "author", "body", "held_at", "place", "attendees", "at")
                .values(SQLBind(id), SQLBind("meeting"), SQLBind(scope.username), SQLBind(minutes.trimmed), SQLBind(Timestamp.format(held!)), SQLBind(place.trimmed),
                        SQLBind(attendees), SQLBind(context.nowText)).run()
            // The meeting's photos (the minutes on paper, the sign-in sheet) belong to the topic's record.
            try await PhotoStore.attach(photos, kind: "council_minutes", recordID: id, path: topic.path, scope: scope, db: db)
            try await AuditLog.record(db, scope, "meeting", "topic", id: id, path: topic.path, now: context.clock())
        }
    }

    /// After an adopted vote, staff publish the resolution for a public-notice period of 1–30 days.
    public func publish(_ id: Int, resolution: String, days: Int, scope: Scope) async throws -> Topic {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        var v = Validator()
        v.check((5...4000).contains(resolution.trimmed.count), "resolution", Bilingual("请填写决议内容（5–4000字）", "Write the resolution (5–4000 characters)"))
        v.check((1...30).contains(days), "days", Bilingual("公示期为1–30天", "Public notice lasts 1–30 days"))
        try v.finish()
        return try await context.database.write { db in
            let topic = try await Self.topic(id, scope: scope, db: db)
            guard topic.status == .voting, try await CouncilVotes.vote(topicID: id, db: db)?.result == .passed else {
                throw StoreError.conflict(Bilingual("只有表决通过的议题才能公示决议", "Only a topic adopted by vote gets a resolution"))
            }
            let until = context.clock().addingTimeInterval(Double(days) * 86400)
            try await db.update("topics").set("status", to: SQLBind(TopicStatus.publicized.rawValue)).set("resolution", to: SQLBind(resolution.trimmed))
                .set("published_at", to: SQLBind(context.nowText)).set("publicity_until", to: SQLBind(Timestamp.format(until)))
                .set("updated_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id)).run()
            try await Self.post(db, id, "resolution", scope.username, resolution.trimmed, now: context.nowText)
            try await AuditLog.record(db, scope, "publish", "topic", id: id, path: topic.path, now: context.clock())
            return try await Self.topic(id, scope: scope, db: db)
        }
    }

    /// After the public notice, staff report progress; 100 % means carried out.
    public func progress(_ id: Int, percent: Int, note: String, scope: Scope) async throws -> Topic {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        var v = Validator()
        v.check((0...100).contains(percent), "progress", Bilingual("进度应在 0 到 100 之间", "Progress must be 0–100"))
        v.check((1...2000).contains(note.trimmed.count), "note", Bilingual("请说明落实情况（最多2000字）", "Say what was done (at most 2000 characters)"))
        try v.finish()
        return try await context.database.write { db in
            let topic = try await Self.topic(id, scope: scope, db: db)
            guard [.publicized, .inProgress].contains(topic.status), let until = topic.publicityUntil else {
                throw StoreError.conflict(Bilingual("决议公示后才能报告落实进度", "Progress follows the resolution's public notice"))
            }
            guard context.clock() >= until else {
                throw StoreError.conflict(Bilingual("公示期至 \(LocalTime.format(until)) 结束，之后再报告进度", "The public notice runs until \(LocalTime.format(until))"))
            }
            guard percent >= topic.progress else { throw ValidationError("progress", Bilingual("进度不能低于上次的 \(topic.progress)%", "Progress cannot fall below \(topic.progress) %")) }
            try await db.update("topics").set("progress", to: SQLBind(percent)).set("status", to: SQLBind((percent == 100 ? TopicStatus.done : .inProgress).rawValue))
                .set("updated_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id)).run()
            try await db.insert(into: "topic_posts").columns("topic_id", "kind", "author", "body", "progress", "at")
                .values(SQLBind(id), SQLBind("progress"), SQLBind(scope.username), SQLBind(note.trimmed), SQLBind(percent), SQLBind(context.nowText)).run()
            try await AuditLog.record(db, scope, "progress", "topic", id: id, path: topic.path, detail: "\(percent)", now: context.clock())
            return try await Self.topic(id, scope: scope, db: db)
        }
    }

    static func topic(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Topic {
        guard let row = try await db.raw("\(unsafeRaw: Topic.select) WHERE t.id = \(bind: id) AND t.path >= \(bind: scope.path) AND t.path < \(bind: scope.upperBound)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的议题", "No topic \(id) in your area"))
        }
        return try Topic(row: row)
    }

    static func post(_ db: any SQLDatabase, _ id: Int, _ kind: String, _ author: String, _ body: String, now: String) async throws {
        try await db.insert(into: "topic_posts").columns("topic_id", "kind", "author", "body", "at")
            .values(SQLBind(id), SQLBind(kind), SQLBind(author), SQLBind(body), SQLBind(now)).run()
    }
}
