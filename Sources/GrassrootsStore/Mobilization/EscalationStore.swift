import Foundation
import GrassrootsCore
import SQLKit

/// An escalation in a tier's inbox: a unit below it is stalled, or overdue on a directive.
public struct Notification: Sendable, Codable, Equatable {
    public let id: Int
    public let unitID: Int
    public let directiveID: Int
    public let subjectUnitID: Int
    public let reason: String
    public let message: Bilingual
    public let createdAt: Date
    public let read: Bool
}

/// Finds stalled and overdue units of issued directives, puts one notice per unit and reason in the parent tier's
/// inbox and queues it for the webhook; delivers the queue with retries. Reads counters only, never assignments.
public struct EscalationStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// One pass: returns how many new notices were raised.
    @discardableResult
    public func escalate(webhook: WebhookConfiguration?) async throws -> Int {
        let now = context.clock(), nowText = context.nowText
        let engine = context.database.engine
        return try await context.database.write { db in
            // Several servers on one PostgreSQL run this pass on their own clocks: one pass at a time does the work,
            // the others skip the tick. The unique notice key would stop duplicates anyway, but concurrent passes would
            // wait on each other's inserts row by row and could deadlock. The lock ends with the transaction, so a
            // crashed server never holds it. SQLite has one server, and writes are serialized there already.
            if engine == .postgres, try await !Self.tryPassLock(db) { return 0 }
            let directives = try await db.select().columns(Directive.columns).from("directives")
                .where("status", .equal, SQLBind(DirectiveStatus.issued.rawValue)).all().map(Directive.init(row:))
            var raised = 0
            for directive in directives {
                var candidates = try await ProgressStore.stalled(directive, under: directive.path, now: now, db: db).map { ($0, "stalled") }
                if directive.deadline < now {
                    candidates += try await db.raw("""
                        \(unsafeRaw: UnitProgress.select) WHERE p.directive_id = \(bind: directive.id) AND p.kind IN ('grid', 'community')
                          AND p.parent_id IS NOT NULL AND p.done + p.refused + p.not_applicable < p.total
                        """).all().map { (try UnitProgress(row: $0), "overdue") }
                }
                for (unit, reason) in candidates {
                    let left = unit.counts.total - unit.counts.reached
                    let message = reason == "stalled"
                        ? Bilingual("\(unit.kind.label.zh)“\(unit.name)”的任务《\(directive.title)》已\(directive.stallHours)小时无进展，尚有\(left)个对象未落实",
                                    "\(unit.kind.label.en) “\(unit.name)” has reported nothing on “\(directive.title)” for \(directive.stallHours) h; \(left) targets left")
                        : Bilingual("\(unit.kind.label.zh)“\(unit.name)”的任务《\(directive.title)》已超期，尚有\(left)个对象未落实",
                                    "\(unit.kind.label.en) “\(unit.name)” is past the deadline of “\(directive.title)”; \(left) targets left")
                    guard let parentID = unit.parentID,
                          let parent = try await db.select().columns("id", "path", "name").from("units").where("id", .equal, SQLBind(parentID)).first(),
                          let id = try await db.raw("""
                            INSERT INTO notifications (unit_id, path, directive_id, subject_unit_id, reason, message_zh, message_en, created_at)
                            VALUES (\(bind: try parent.decode(column: "id", as: Int.self)), \(bind: try parent.decode(column: "path", as: String.self)),
                                    \(bind: directive.id), \(bind: unit.unitID), \(bind: reason), \(bind: message.zh), \(bind: message.en), \(bind: nowText))
                            ON CONFLICT (directive_id, subject_unit_id, reason) DO NOTHING RETURNING id
                            """).first()?.decode(column: "id", as: Int.self) else { continue }
                    raised += 1
                    // The tier above hears at once, night or not: a stall is what the escalation exists to break.
                    try await MessageStore.queueGroupPosts(db, .escalationRaised, record: ("notification", id, try parent.decode(column: "path", as: String.self)),
                                                           groups: """
                        SELECT id, \(bind: MessageText.groupEscalation(message.zh, link: context.messaging.publicURL.map { "\($0)/directives/\(directive.id)" })) AS body
                        FROM team_groups WHERE unit_id = \(bind: parentID) AND department_id IS NULL
                        """, context: context, urgent: true)
                    guard webhook != nil else { continue }
                    let body: [String: String] = [
                        "event": "escalation", "reason": reason, "directive_id": "\(directive.id)", "directive_title": directive.title,
                        "unit_id": "\(unit.unitID)", "unit_name": unit.name, "unit_kind": unit.kind.rawValue, "targets_left": "\(left)",
                        "recipient_unit_id": "\(try parent.decode(column: "id", as: Int.self))",
                        "recipient_unit_name": try parent.decode(column: "name", as: String.self),
                        "message_zh": message.zh, "message_en": message.en, "created_at": nowText,
                    ]
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    try await db.insert(into: "webhook_deliveries").columns("notification_id", "body", "status", "next_attempt_at", "created_at")
                        .values(SQLBind(id), SQLBind(String(decoding: try encoder.encode(body), as: UTF8.self)), SQLBind("pending"),
                                SQLBind(nowText), SQLBind(nowText)).run()
                }
            }
            return raised
        }
    }

    /// Sends the queued webhook deliveries that are due; failures retry with a growing delay, eight times at most.
    /// Returns how many were sent.
    @discardableResult
    public func deliver(_ webhook: WebhookConfiguration, sender: WebhookSender) async throws -> Int {
        let due = try await claimDue()
        var sent = 0
        for row in due {
            let id = try row.decode(column: "id", as: Int.self), attempts = try row.decode(column: "attempts", as: Int.self) + 1
            let body = Data(try row.decode(column: "body", as: String.self).utf8)
            var failure: String?
            do {
                let status = try await sender.send(webhook.url, body, webhook.headers(for: body, now: context.clock()))
                if !(200..<300).contains(status) { failure = "HTTP \(status)" }
            } catch { failure = String(describing: error).prefix(200).description }
            let error = failure, status = failure == nil ? "sent" : attempts >= 8 ? "failed" : "pending"
            let next = Timestamp.format(context.clock().addingTimeInterval(Double(30 << min(attempts, 10))))
            try await context.database.write { db in
                try await db.update("webhook_deliveries").set("status", to: SQLBind(status)).set("attempts", to: SQLBind(attempts))
                    .set("last_error", to: SQLBind(error)).set("next_attempt_at", to: SQLBind(next)).where("id", .equal, SQLBind(id)).run()
            }
            if failure == nil { sent += 1 }
        }
        return sent
    }

    /// Key of the PostgreSQL advisory lock the escalation pass runs under ("grassroots escalation", any constant works
    /// as long as no other code in the database uses it).
    static let passLockKey = 0x6772_7373_6573_63

    /// Takes the pass lock for the current transaction; false when another server holds it.
    static func tryPassLock(_ db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT pg_try_advisory_xact_lock(\(bind: passLockKey)) AS got").first()?.decode(column: "got", as: Bool.self) ?? false
    }

    /// The deliveries due now, at most 100, claimed as `DueQueue` says.
    func claimDue() async throws -> [any SQLRow] {
        try await DueQueue(table: "webhook_deliveries", columns: ["id", "body", "attempts"]).claim(context)
    }

    /// The inbox of the scope: notices addressed to units within it, newest first.
    public func inbox(scope: Scope, limit: Int = 200) async throws -> [Notification] {
        try await context.database.read { db in
            try await db.select().columns("id", "unit_id", "directive_id", "subject_unit_id", "reason", "message_zh", "message_en", "created_at", "read_at")
                .from("notifications").within(scope).orderBy("id", .descending).limit(limit).all().map { row in
                    Notification(id: try row.decode(column: "id", as: Int.self), unitID: try row.decode(column: "unit_id", as: Int.self),
                                 directiveID: try row.decode(column: "directive_id", as: Int.self),
                                 subjectUnitID: try row.decode(column: "subject_unit_id", as: Int.self),
                                 reason: try row.decode(column: "reason", as: String.self),
                                 message: Bilingual(try row.decode(column: "message_zh", as: String.self), try row.decode(column: "message_en", as: String.self)),
                                 createdAt: Timestamp.parse(try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
                                 read: try row.decode(column: "read_at", as: String?.self) != nil)
                }
        }
    }

    /// Marks a notice addressed to the caller's own unit as read. A tier above sees its streets' notices but does
    /// not mark them read for them (that would hide a stall from the tier it was sent to), and an auditor changes
    /// nothing.
    public func markRead(_ id: Int, scope: Scope) async throws {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        try await context.database.write { db in
            guard try await db.select().column("id").from("notifications").where("id", .equal, SQLBind(id))
                .where("path", .equal, SQLBind(scope.path)).first() != nil else {
                throw StoreError.notFound(Bilingual("找不到该提醒", "No such notice in your scope"))
            }
            try await db.update("notifications").set("read_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id)).run()
        }
    }
}
