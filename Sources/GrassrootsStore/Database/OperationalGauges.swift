import Foundation
import SQLKit

/// Counts an operator watches (queues that should drain, work that is open), read at scrape time.
/// Only counts: no names, units or ids, so the figures carry no personal data.
public struct OperationalGauges: Sendable, Equatable {
    /// Webhook deliveries not yet accepted by the gateway (status `pending`).
    public var webhookPending: Int
    /// Messages (SMS) waiting for the gateway, the quiet hours or a retry; and those that failed for good.
    public var messagesQueued: Int, messagesFailed: Int
    /// Escalation notifications nobody has read yet.
    public var unreadNotifications: Int
    /// Every directive submission ever received; its rate is the field's throughput.
    public var submissions: Int
    /// Summons (吹哨) waiting for the street or open with departments.
    public var openSummons: Int
    /// Supply requests not yet delivered or cancelled.
    public var openSupplyRequests: Int
    /// Incidents (real or drill) not stood down.
    public var activeIncidents: Int
    /// Whether writes can succeed, and the SQLite disk's free bytes: alert on these before staff meet a refused form.
    public var writes: WriteHealth

    /// Reads all counts in one statement, so a scrape costs one round trip.
    public static func read(_ database: any Database) async throws -> OperationalGauges {
        let writes = try await database.writeHealth()
        return try await database.read { db in
            // Static SQL without input: the status values are the CHECK constraints' own literals.
            guard let row = try await db.raw("""
                SELECT (SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending') AS webhook_pending,
                       (SELECT COUNT(*) FROM messages WHERE status = 'queued') AS messages_queued,
                       (SELECT COUNT(*) FROM messages WHERE status = 'failed') AS messages_failed,
                       (SELECT COUNT(*) FROM notifications WHERE read_at IS NULL) AS unread_notifications,
                       (SELECT COUNT(*) FROM submissions) AS submissions,
                       (SELECT COUNT(*) FROM summons WHERE status IN ('pending_street', 'open')) AS open_summons,
                       (SELECT COUNT(*) FROM supply_requests WHERE status IN ('open', 'assigned')) AS open_supply_requests,
                       (SELECT COUNT(*) FROM incidents WHERE status = 'active') AS active_incidents
                """).first() else {
                throw StoreError.unavailable("the database returned no row for the operational counts")
            }
            return OperationalGauges(
                webhookPending: try row.decode(column: "webhook_pending", as: Int.self),
                messagesQueued: try row.decode(column: "messages_queued", as: Int.self),
                messagesFailed: try row.decode(column: "messages_failed", as: Int.self),
                unreadNotifications: try row.decode(column: "unread_notifications", as: Int.self),
                submissions: try row.decode(column: "submissions", as: Int.self),
                openSummons: try row.decode(column: "open_summons", as: Int.self),
                openSupplyRequests: try row.decode(column: "open_supply_requests", as: Int.self),
                activeIncidents: try row.decode(column: "active_incidents", as: Int.self),
                writes: writes)
        }
    }
}
