import Foundation
import GrassrootsCore
import SQLKit

/// What a summons tells the work groups, in the step's own transaction: the called departments when it is sent, the
/// street when a department asks it to decide, a department when the street has decided on its part.
extension SummonsStore {
    /// Tells each called department's groups: an emergency at once, night or not; others after the quiet hours.
    func tellDepartments(_ id: Int, db: any SQLDatabase) async throws {
        guard let row = try await db.raw("""
            SELECT s.title, s.urgency, s.path, u.name AS street, (SELECT MIN(respond_due) FROM summons_targets WHERE summons_id = s.id) AS due
            FROM summons s JOIN units u ON u.id = s.street_unit_id WHERE s.id = \(bind: id)
            """).first(), let due = Timestamp.parse(try row.decode(column: "due", as: String.self)) else { return }
        let urgency = Urgency(rawValue: try row.decode(column: "urgency", as: String.self)) ?? .general
        let body = MessageText.groupSummons(title: try row.decode(column: "title", as: String.self), street: try row.decode(column: "street", as: String.self),
                                            urgency: urgency.label.zh, respondBy: due, link: link(id))
        try await MessageStore.queueGroupPosts(db, .summonsSent, record: ("summons", id, try row.decode(column: "path", as: String.self)), groups: """
            SELECT id, \(bind: body) AS body FROM team_groups WHERE department_id IN (SELECT department_id FROM summons_targets WHERE summons_id = \(bind: id))
            """, context: context, urgent: urgency == .emergency)
    }

    /// A department's request goes to the street's groups; the street's decision to the department's. Other steps
    /// (accepted, arrived, recorded) are for the summons's page, not for a group.
    func tellOtherSide(_ action: SummonsAction, summons: Summons, target: SummonsTarget, db: any SQLDatabase) async throws {
        let toStreet = [SummonsAction.requestClosure, .requestExtension, .requestReturn].contains(action)
        guard toStreet || action.side == .street else { return }
        let body = MessageText.groupSummonsStep(title: summons.title, who: toStreet ? target.name : summons.streetName, step: action.label.zh,
                                                link: link(summons.id))
        let groups: SQLQueryString = toStreet ? "unit_id = \(bind: summons.streetUnitID) AND department_id IS NULL" : "department_id = \(bind: target.departmentID)"
        try await MessageStore.queueGroupPosts(db, .summonsStep, record: ("summons", summons.id, summons.path), groups: """
            SELECT id, \(bind: body) AS body FROM team_groups WHERE \(groups)
            """, context: context, urgent: summons.urgency == .emergency)
    }

    private func link(_ id: Int) -> String? { context.messaging.publicURL.map { "\($0)/summons/\(id)" } }
}
