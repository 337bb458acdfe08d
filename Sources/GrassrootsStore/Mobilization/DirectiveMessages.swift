import Foundation
import GrassrootsCore
import SQLKit

extension DirectiveStore {
    /// Texts each staff member responsible for some of the directive's households, with how many are theirs, in the
    /// issuing transaction: one statement over the assignments just written. A critical directive (an emergency's)
    /// texts at once, night or not; others wait out the quiet hours.
    static func tellResponsible(_ directive: Directive, db: any SQLDatabase, context: StoreContext) async throws {
        let words = MessageText.directive(title: directive.title, deadline: directive.deadline)
        try await MessageStore.queueSMS(db, .directiveIssued, record: ("directive", directive.id, directive.path), recipient: "staff", rows: """
            SELECT s.path, s.phone_enc AS phone, \(bind: words.before) || CAST(a.n AS TEXT) || \(bind: words.after) AS body
            FROM (SELECT responsible_staff_id, COUNT(*) AS n FROM assignments WHERE directive_id = \(bind: directive.id)
                  AND responsible_staff_id IS NOT NULL GROUP BY responsible_staff_id) a
            JOIN staff s ON s.id = a.responsible_staff_id ORDER BY s.id
            """, context: context, urgent: directive.priority == .critical)
        try await postToGroups(directive, db: db, context: context)
    }

    /// Posts to the work group of each unit in the directive's area that has some of its targets, with how many.
    static func postToGroups(_ directive: Directive, db: any SQLDatabase, context: StoreContext) async throws {
        let words = MessageText.groupDirective(title: directive.title, deadline: directive.deadline,
                                               link: context.messaging.publicURL.map { "\($0)/directives/\(directive.id)" })
        try await MessageStore.queueGroupPosts(db, .directiveIssued, record: ("directive", directive.id, directive.path), groups: """
            SELECT t.id, \(bind: words.before) || CAST(t.n AS TEXT) || \(bind: words.after) AS body
            FROM (SELECT g.id, (SELECT COUNT(*) FROM assignments a WHERE a.directive_id = \(bind: directive.id)
                                AND a.path >= g.path AND a.path < g.path || '~') AS n
                  FROM team_groups g WHERE g.path >= \(bind: directive.path) AND g.path < \(bind: directive.path + "~") AND g.department_id IS NULL) t
            WHERE t.n > 0
            """, context: context, urgent: directive.priority == .critical)
    }

    /// Texts the worker who has just been given `count` of the directive's households (a reassignment).
    static func tellReassigned(_ directive: Directive, staffID: Int, count: Int, db: any SQLDatabase, context: StoreContext) async throws {
        guard count > 0, let staff = try await db.select().columns("path", "phone_enc").from("staff").where("id", .equal, SQLBind(staffID)).first() else { return }
        try await MessageStore.queueSMS(db, .directiveReassigned, record: ("directive", directive.id, directive.path), recipient: "staff",
                                        sealedPhone: try staff.decode(column: "phone_enc", as: String?.self),
                                        body: MessageText.reassigned(title: directive.title, count: count, deadline: directive.deadline), context: context,
                                        urgent: directive.priority == .critical)
    }

    /// Where the directive's texts to its workers stand, for those who see the directive.
    public func texts(_ id: Int, scope: Scope) async throws -> (counts: [MessageStatus: Int], failed: [Message])? {
        try await context.database.read { db in
            _ = try await Self.directive(id, scope: scope, db: db)
            return try await MessageStore.texts(kind: "directive", id: id, db: db, cipher: context.cipher)
        }
    }
}
