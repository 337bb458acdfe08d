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

    /// The texts sent about a request, for those who may see it.
    public func messages(_ id: Int, scope: Scope) async throws -> [Message] {
        try await context.database.read { db in
            _ = try await Self.request(id, scope: scope, db: db)
            return try await MessageStore.messages(kind: "request", id: id, db: db, cipher: context.cipher)
        }
    }
}
