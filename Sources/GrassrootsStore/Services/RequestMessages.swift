import Foundation
import GrassrootsCore
import SQLKit

extension RequestStore {
    /// Texts the resident when their request is accepted or answered, in the step's own transaction: to the contact
    /// phone the request was filed with. A resident who filed from their account gets a link to it, when the server
    /// knows its public address; others are told where to ask.
    static func tellResident(_ id: Int, after action: RequestAction, path: String, db: any SQLDatabase, context: StoreContext) async throws {
        let event: MessageEvent
        switch action {
        case .accept: event = .requestAccepted
        case .reply: event = .requestAnswered
        default: return
        }
        guard let row = try await db.select().columns("contact_phone_enc", "source").from("requests").where("id", .equal, SQLBind(id)).first() else { return }
        let link = try row.decode(column: "source", as: String.self) == "resident" ? context.messaging.publicURL.map { "\($0)/requests/\(id)" } : nil
        try await MessageStore.queueSMS(db, event, record: ("request", id, path), recipient: "contact",
                                        sealedPhone: try row.decode(column: "contact_phone_enc", as: String?.self),
                                        body: MessageText.request(answered: event == .requestAnswered, number: id, link: link), context: context)
    }

    /// Requests past their time to resolve and not answered, each told once: the resident is texted that it is overdue
    /// and has been pressed on, the handling unit's work groups hear of it, both after the quiet hours. The overdue
    /// text is the mark (written with no phone too, as "no phone"): a request that has one is not told again. On
    /// PostgreSQL one server's pass does it, under the escalation pass's lock. Returns how many requests were told.
    public func tellOverdue() async throws -> Int {
        try await context.database.write { db in
            if context.database.engine == .postgres, try await !EscalationStore.tryPassLock(db) { return 0 }
            let overdue = try await db.raw("""
                SELECT r.id, r.path, r.handler_unit_id, r.contact_phone_enc, r.source, c.name AS category
                FROM requests r JOIN request_categories c ON c.id = r.category_id
                WHERE r.resolve_by < \(bind: context.nowText) AND r.replied_at IS NULL AND r.status IN ('submitted', 'accepted') AND r.withdrawn = 0
                  AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.record_kind = 'request' AND m.record_id = r.id AND m.event = 'request.overdue')
                ORDER BY r.id LIMIT 500
                """).all()
            for row in overdue {
                let id = try row.decode(column: "id", as: Int.self), path = try row.decode(column: "path", as: String.self)
                let link = context.messaging.publicURL.map { "\($0)/requests/\(id)" }
                let residentLink = try row.decode(column: "source", as: String.self) == "resident" ? link : nil
                try await MessageStore.queueSMS(db, .requestOverdue, record: ("request", id, path), recipient: "contact",
                                                sealedPhone: try row.decode(column: "contact_phone_enc", as: String?.self),
                                                body: MessageText.requestOverdue(number: id, link: residentLink), context: context)
                let words = MessageText.groupRequestOverdue(number: id, category: try row.decode(column: "category", as: String.self), link: link)
                try await MessageStore.queueGroupPosts(db, .requestOverdue, record: ("request", id, path), groups: """
                    SELECT id, \(bind: words) AS body FROM team_groups
                    WHERE unit_id = \(bind: try row.decode(column: "handler_unit_id", as: Int.self)) AND department_id IS NULL
                    """, context: context, urgent: false)
            }
            return overdue.count
        }
    }

    /// The texts sent about a request, for those who may see it.
    public func messages(_ id: Int, scope: Scope) async throws -> [Message] {
        try await context.database.read { db in
            _ = try await Self.request(id, scope: scope, db: db)
            return try await MessageStore.messages(kind: "request", id: id, db: db, cipher: context.cipher)
        }
    }
}
