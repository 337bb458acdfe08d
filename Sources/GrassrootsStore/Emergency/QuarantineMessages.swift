import Foundation
import GrassrootsCore
import SQLKit

extension QuarantineStore {
    /// Yesterday's missed checks, told once to the work groups of each grid and community that has some: how many of
    /// its running quarantines have no check for that day (after the quiet hours, so the morning's first message).
    /// The post is its own mark: `record_id` is the day (20261207) and a group posted to for it is not posted to
    /// again. On PostgreSQL one server's pass does it, under the escalation pass's lock. Returns the groups told.
    public func tellMissed() async throws -> Int {
        let yesterday = QuarantineSchedule.day(WorkingCalendar.dayKey(context.clock()), plus: -1)
        let day = Int(yesterday.filter(\.isASCIIDigit)) ?? 0
        let words = MessageText.groupQuarantineMissed(day: yesterday, link: context.messaging.publicURL.map { "\($0)/quarantine" })
        return try await context.database.write { db in
            if context.database.engine == .postgres, try await !EscalationStore.tryPassLock(db) { return 0 }
            let groups: SQLQueryString = """
                SELECT g.id, \(bind: words.before) || CAST(COUNT(q.id) AS TEXT) || \(bind: words.after) AS body
                FROM team_groups g JOIN units u ON u.id = g.unit_id AND u.kind IN ('grid', 'community')
                JOIN quarantines q ON q.path >= g.path AND q.path < g.path || '~'
                WHERE g.department_id IS NULL AND g.removed_at IS NULL AND q.status = 'active'
                  AND q.starts_on <= \(bind: yesterday) AND q.ends_on >= \(bind: yesterday)
                  AND NOT EXISTS (SELECT 1 FROM quarantine_checks c WHERE c.quarantine_id = q.id AND c.day = \(bind: yesterday))
                  AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.group_id = g.id AND m.event = 'quarantine.missed' AND m.record_id = \(bind: day))
                GROUP BY g.id
                """
            return try await MessageStore.queueGroupPosts(db, .quarantineMissed, record: ("quarantine_day", day, "/"), groups: groups, context: context,
                                                          urgent: false)
        }
    }
}
