import Foundation
import GrassrootsCore
import SQLKit

/// One message as staff see it: what it said, to whom (masked) and where it stands.
public struct Message: Sendable, Equatable {
    public let id: Int
    public let event: MessageEvent
    public let status: MessageStatus
    /// The work group's platform for a post to a group; nil for a text.
    public let platform: RobotPlatform?
    /// The phone, masked, or the group's name.
    public let recipient: String
    public let body: String
    public let attempts: Int
    public let lastError: String?
    public let createdAt: Date
    public let sentAt: Date?
    public let deliveredAt: Date?
}

/// Messages to people outside the app: queued in the transaction of the event that causes them, sent by
/// `send(through:)` with retries until they expire, and brought up to date by the gateway's delivery reports.
public struct MessageStore: Sendable {
    let context: StoreContext

    public init(_ context: StoreContext) { self.context = context }

    /// How long a message may wait for its gateway: after a day a text about a step is stale, so it fails, visibly.
    static let lifetime: TimeInterval = 24 * 3600

    /// When a message queued now goes and when it stops being worth sending: emergencies at once, others after the
    /// quiet hours; a day later either way. Timestamps as stored.
    static func schedule(_ context: StoreContext, urgent: Bool) -> (now: String, due: String, expires: String) {
        let now = context.clock()
        let due = urgent ? now : context.messaging.quietHours?.nextAllowed(after: now) ?? now
        return (Timestamp.format(now), Timestamp.format(due), Timestamp.format(due.addingTimeInterval(lifetime)))
    }

    /// A fresh random token per row, made by the engine in a multi-row INSERT … SELECT (SQLite's randomblob and
    /// PostgreSQL's gen_random_uuid draw on the system's secure random source).
    static func randomTokenSQL(_ context: StoreContext) -> SQLQueryString {
        context.database.engine == .sqlite ? "lower(hex(randomblob(16)))" : "replace(gen_random_uuid()::text, '-', '')"
    }

    /// Queues an SMS inside the caller's transaction; with no phone it is recorded as such, for the counts. Messages
    /// that are not emergencies wait out the quiet hours.
    static func queueSMS(_ db: any SQLDatabase, _ event: MessageEvent, record: (kind: String, id: Int, path: String), recipient: String,
                         sealedPhone: String?, body: String, context: StoreContext, urgent: Bool = false) async throws {
        try await queueSMS(db, event, record: record, recipient: recipient, rows: """
            SELECT \(bind: record.path) AS path, \(bind: sealedPhone) AS phone, \(bind: body) AS body
            """, context: context, urgent: urgent)
    }

    /// Queues one text to every household under `area` (a notice, an alert): to the phone of the household's head,
    /// or else of another member (those living away last); a household without one is recorded as `no_address`, so
    /// staff see whom the text could not reach.
    static func queueHouseholdSMS(_ db: any SQLDatabase, _ event: MessageEvent, record: (kind: String, id: Int, path: String), area: String,
                                  body: String, context: StoreContext, urgent: Bool) async throws {
        try await queueSMS(db, event, record: record, recipient: "household", rows: """
            SELECT h.path, (SELECT r.phone_enc FROM residents r WHERE r.household_id = h.id AND r.phone_enc IS NOT NULL
                            ORDER BY r.is_head DESC, CASE WHEN r.residence_status = 'registered_away' THEN 1 ELSE 0 END, r.id LIMIT 1) AS phone,
                   \(bind: body) AS body
            FROM households h WHERE h.path >= \(bind: area) AND h.path < \(bind: area + "~") ORDER BY h.id
            """, context: context, urgent: urgent)
    }

    /// Queues one text per row of `rows` (columns `path`, `phone` sealed or NULL, `body`), in one statement inside the
    /// caller's transaction, each with its own random report token.
    static func queueSMS(_ db: any SQLDatabase, _ event: MessageEvent, record: (kind: String, id: Int, path: String), recipient: String,
                         rows: SQLQueryString, context: StoreContext, urgent: Bool) async throws {
        let at = schedule(context, urgent: urgent)
        try await db.raw("""
            INSERT INTO messages (event, channel, record_kind, record_id, path, recipient, address_enc, body, status, next_attempt_at, expires_at,
                                  report_token, created_at)
            SELECT \(bind: event.rawValue), 'sms', \(bind: record.kind), \(bind: record.id), t.path, \(bind: recipient), t.phone, t.body,
                   CASE WHEN t.phone IS NULL THEN 'no_address' ELSE 'queued' END, \(bind: at.due), \(bind: at.expires), \(randomTokenSQL(context)),
                   \(bind: at.now)
            FROM (\(rows)) t
            """).run()
    }

    /// Queues one post per row of `groups` (columns `id` of a team group, `body` in markdown) to that work group, in
    /// the caller's transaction; a removed group is skipped. The group's token stays in `team_groups`. Returns how
    /// many posts were queued.
    @discardableResult
    static func queueGroupPosts(_ db: any SQLDatabase, _ event: MessageEvent, record: (kind: String, id: Int, path: String), groups: SQLQueryString,
                                context: StoreContext, urgent: Bool) async throws -> Int {
        let at = schedule(context, urgent: urgent)
        return try await db.raw("""
            INSERT INTO messages (event, channel, record_kind, record_id, path, recipient, group_id, body, status, next_attempt_at, expires_at,
                                  report_token, created_at)
            SELECT \(bind: event.rawValue), g.platform, \(bind: record.kind), \(bind: record.id), g.path, g.name, g.id, t.body, 'queued',
                   \(bind: at.due), \(bind: at.expires), \(randomTokenSQL(context)), \(bind: at.now)
            FROM (\(groups)) t JOIN team_groups g ON g.id = t.id AND g.removed_at IS NULL RETURNING id
            """).all().count
    }

    /// Where a record's texts stand, and the failed ones with their reason (at most 200); nil when it sent none.
    static func texts(kind: String, id: Int, db: any SQLDatabase, cipher: PersonalDataCipher) async throws -> (counts: [MessageStatus: Int], failed: [Message])? {
        let counts = try await summary(kind: kind, id: id, db: db)
        guard counts.values.reduce(0, +) > 0 else { return nil }
        return (counts, try await messages(kind: kind, id: id, status: .failed, limit: 200, db: db, cipher: cipher))
    }

    /// How many of a record's texts stand where, for its page (every status present, zeros included).
    static func summary(kind: String, id: Int, db: any SQLDatabase) async throws -> [MessageStatus: Int] {
        try await summary(of: "SELECT status FROM messages WHERE record_kind = \(bind: kind) AND record_id = \(bind: id)", db: db)
    }

    /// How many of the messages `rows` selects (a column `status`) stand where, every status present.
    static func summary(of rows: SQLQueryString, db: any SQLDatabase) async throws -> [MessageStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: MessageStatus.allCases.map { ($0, 0) })
        for row in try await db.raw("SELECT t.status, COUNT(*) AS n FROM (\(rows)) t GROUP BY t.status").all() {
            if let status = MessageStatus(rawValue: try row.decode(column: "status", as: String.self)) { counts[status] = try row.decode(column: "n", as: Int.self) }
        }
        return counts
    }

    /// Sends a record's failed texts again, as new: a day to go, from now (or after the quiet hours). Returns how many.
    static func requeueFailed(kind: String, id: Int, db: any SQLDatabase, context: StoreContext) async throws -> Int {
        let at = schedule(context, urgent: false)
        return try await db.raw("""
            UPDATE messages SET status = 'queued', attempts = 0, last_error = NULL, next_attempt_at = \(bind: at.due), expires_at = \(bind: at.expires)
            WHERE record_kind = \(bind: kind) AND record_id = \(bind: id) AND status = 'failed' RETURNING id
            """).all().count
    }

    /// The messages about one record, oldest first; the caller has checked the record is the reader's to see. The
    /// phone is decrypted here only to be shown masked.
    static func messages(kind: String, id: Int, status: MessageStatus? = nil, limit: Int = 100, db: any SQLDatabase,
                         cipher: PersonalDataCipher) async throws -> [Message] {
        let query = db.select().columns("id", "event", "channel", "status", "address_enc", "recipient", "body", "attempts", "last_error",
                                                "created_at", "sent_at", "delivered_at")
            .from("messages").where("record_kind", .equal, SQLBind(kind)).where("record_id", .equal, SQLBind(id))
        if let status { query.where("status", .equal, SQLBind(status.rawValue)) }
        return try await query.orderBy("id").limit(limit).all().map { row in
                func time(_ column: String) throws -> Date? { try row.decode(column: column, as: String?.self).flatMap(Timestamp.parse) }
                let platform = RobotPlatform(rawValue: try row.decode(column: "channel", as: String.self))
                return Message(id: try row.decode(column: "id", as: Int.self),
                               event: MessageEvent(rawValue: try row.decode(column: "event", as: String.self)) ?? .requestAccepted,
                               status: MessageStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed, platform: platform,
                               recipient: platform != nil ? try row.decode(column: "recipient", as: String.self)
                                   : try row.decode(column: "address_enc", as: String?.self).flatMap(cipher.decrypt).map(Masking.phone) ?? "",
                               body: try row.decode(column: "body", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                               lastError: try row.decode(column: "last_error", as: String?.self), createdAt: try time("created_at") ?? .distantPast,
                               sentAt: try time("sent_at"), deliveredAt: try time("delivered_at"))
            }
    }

    /// Sends the messages that are due through `gateway`, no faster than its rate and up to eight at a time;
    /// returns how many it handed over. A message is decrypted only here, just before it goes. Not a mobile number,
    /// or refused by the gateway: failed with the reason. The gateway down or busy: tried again later, each wait
    /// twice the last (30 s up to half an hour), until the message expires. The outcomes of a claim (at most 100)
    /// are written in one transaction: a server that dies before writing them sends those again, never loses them.
    @discardableResult
    public func send(through gateway: SMSGateway) async throws -> Int {
        let due = try await DueQueue(table: "messages", columns: ["id", "address_enc", "body", "attempts", "expires_at", "report_token"],
                                     status: MessageStatus.queued.rawValue, only: ("channel", ["sms"])).claim(context)
        guard !due.isEmpty else { return 0 }
        let pause = Duration.seconds(1) / gateway.perSecond, now = context.clock()
        var outcomes: [(id: Int, attempts: Int, answer: GatewayAnswer)] = []
        await withTaskGroup(of: (Int, Int, GatewayAnswer).self) { group in
            var inFlight = 0
            for row in due {
                guard let id = try? row.decode(column: "id", as: Int.self), let attempts = (try? row.decode(column: "attempts", as: Int.self)).map({ $0 + 1 }),
                      let expires = (try? row.decode(column: "expires_at", as: String.self)).flatMap(Timestamp.parse),
                      let body = try? row.decode(column: "body", as: String.self), let token = try? row.decode(column: "report_token", as: String.self)
                else { continue }
                guard expires > now else { outcomes.append((id, attempts, .refused("过期未发送（网关一天内未能接收）"))); continue }
                let phone = (try? row.decode(column: "address_enc", as: String?.self))?.flatMap(context.cipher.decrypt)
                guard let phone, PhoneNumber.isMobile(phone) else {
                    outcomes.append((id, attempts, .refused("不是手机号码，无法发送短信"))); continue
                }
                if inFlight == 8, let done = await group.next() { outcomes.append(done); inFlight -= 1 }
                // Once the gateway has said "not now", the rest of the claim waits with its reason rather than each
                // message spending its own ten-second timeout on a gateway that is down.
                if let down = outcomes.lazy.compactMap({ if case .later(let reason) = $0.answer { reason } else { nil } }).first {
                    outcomes.append((id, attempts, .later(down))); continue
                }
                let report = "\(gateway.reportBase)/sms/report?m=\(id)&t=\(token)&status=%d"
                group.addTask { (id, attempts, await gateway.send(phone, body, report)) }
                inFlight += 1
                try? await Task.sleep(for: pause)
            }
            for await done in group { outcomes.append(done) }
        }
        try await finish(outcomes, now: context.clock())
        return outcomes.count { $0.answer == .accepted }
    }

    /// Writes a claim's outcomes in one transaction; `deferred` messages (a group's robot at its rate limit) wait a
    /// minute without counting an attempt.
    func finish(_ outcomes: [(id: Int, attempts: Int, answer: GatewayAnswer)], deferred: [Int] = [], now: Date) async throws {
        try await context.database.write { db in
            if !deferred.isEmpty {
                try await db.update("messages").set("next_attempt_at", to: SQLBind(Timestamp.format(now.addingTimeInterval(60))))
                    .where("id", .in, SQLBind.group(deferred)).run()
            }
            for (id, attempts, answer) in outcomes {
                let update = db.update("messages").set("attempts", to: SQLBind(attempts)).where("id", .equal, SQLBind(id))
                switch answer {
                case .accepted:
                    // Kannel may report delivery before its answer to the send reaches us: a message already marked
                    // delivered or failed by its report keeps that state.
                    update.set("sent_at", to: SQLBind(Timestamp.format(now))).set("last_error", to: SQLBind(String?.none))
                    try await db.update("messages").set("status", to: SQLBind(MessageStatus.sent.rawValue)).where("id", .equal, SQLBind(id))
                        .where("status", .equal, SQLBind(MessageStatus.queued.rawValue)).run()
                case .later(let reason):
                    let wait = Double(min(30 << min(attempts - 1, 6), 1800))
                    update.set("next_attempt_at", to: SQLBind(Timestamp.format(now.addingTimeInterval(wait)))).set("last_error", to: SQLBind(reason))
                case .refused(let reason):
                    update.set("status", to: SQLBind(MessageStatus.failed.rawValue)).set("last_error", to: SQLBind(reason))
                }
                try await update.run()
            }
        }
    }

    /// A delivery report from the gateway, carrying the message's own token (so nobody else can mark a message).
    /// Kannel's kinds: 1 delivered, 2 not delivered, 4 buffered, 8 taken by the operator's SMSC, 16 refused by it.
    /// Returns false when no message has that id and token. A report may come before the gateway's answer to the
    /// send has been written (the message still queued); it never takes a delivered or failed message back.
    public func report(messageID: Int, token: String, kind: Int) async throws -> Bool {
        let now = context.nowText
        return try await context.database.write { db in
            guard let row = try await db.select().column("status").from("messages").where("id", .equal, SQLBind(messageID))
                .where("report_token", .equal, SQLBind(token)).first() else { return false }
            let status = try row.decode(column: "status", as: String.self)
            guard [MessageStatus.queued.rawValue, MessageStatus.sent.rawValue].contains(status) else { return true }
            switch kind {
            case 1:
                try await db.update("messages").set("status", to: SQLBind(MessageStatus.delivered.rawValue)).set("delivered_at", to: SQLBind(now))
                    .where("id", .equal, SQLBind(messageID)).run()
            case 2, 16:
                try await db.update("messages").set("status", to: SQLBind(MessageStatus.failed.rawValue))
                    .set("last_error", to: SQLBind(kind == 2 ? "运营商报告未送达" : "运营商拒收")).where("id", .equal, SQLBind(messageID)).run()
            default: break
            }
            return true
        }
    }
}
