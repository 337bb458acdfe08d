import Foundation
import GrassrootsCore
import SQLKit

/// A directive's answers counted per unit one tier below the caller's view, and the households to follow up.
public struct AnswerReport: Sendable {
    /// One unit's row: its name and its tally.
    public struct Row: Sendable {
        public let unitID: Int
        public let name: String
        public var tally: AnswerTally
    }

    /// One target whose report calls for a visit again: a fever, a refusal.
    public struct FollowUp: Sendable {
        public let assignmentID: Int
        /// The compound, building and room (or the target's own name), as staff find the door.
        public let place: String
        public let reasons: [Bilingual]
    }

    public let form: FormSchema
    public let rows: [Row]
    public let total: AnswerTally
    /// Empty for a role that sees a directive's totals only: who has a fever is a household row.
    public let followUps: [FollowUp]
}

extension ProgressStore {
    /// Reads the reports within the caller's view once and counts them under the view's root's children.
    public func answers(directiveID: Int, scope: Scope, followUpLimit: Int = 500) async throws -> AnswerReport {
        let directive = try await DirectiveStore(context).directive(directiveID, scope: scope)
        let children = try await tree(directiveID: directiveID, levels: 1, scope: scope).dropFirst()
        let low = directive.viewPath(for: scope), form = directive.form
        var rows = children.map { AnswerReport.Row(unitID: $0.unitID, name: $0.name, tally: AnswerTally(form)) }
        var total = AnswerTally(form), followUps: [AnswerReport.FollowUp] = []
        let reports = try await context.database.read { db in
            try await db.raw("""
                SELECT a.id, a.path, a.outcome, a.data_json, a.label, u.name AS unit_name, c.name AS parent_name, u.kind
                FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN units c ON c.id = u.parent_id
                WHERE a.directive_id = \(bind: directiveID) AND a.path >= \(bind: low) AND a.path < \(bind: low + "~")
                  AND (a.data_json IS NOT NULL OR a.outcome = 'refused')
                ORDER BY a.path, a.label, a.id
                """).all()
        }
        for row in reports {
            let path = try row.decode(column: "path", as: String.self), outcome = Outcome(rawValue: try row.decode(column: "outcome", as: String.self))
            let answers = try row.decode(column: "data_json", as: String?.self)
                .flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
            total.add(answers, form: form)
            if let index = children.firstIndex(where: { path.hasPrefix($0.path) }) { rows[index - children.startIndex].tally.add(answers, form: form) }
            let reasons = AnswerTally.followUp(answers, outcome: outcome ?? .pending, form: form)
            guard scope.role.readsHouseholdRows, !reasons.isEmpty, followUps.count < followUpLimit else { continue }
            // A household sits in a building; a compound or building target is named by itself.
            let building = try row.decode(column: "kind", as: String.self) == UnitKind.building.rawValue
            let place = (building ? [try row.decode(column: "parent_name", as: String?.self) ?? "", try row.decode(column: "unit_name", as: String.self)] : [])
                + [try row.decode(column: "label", as: String.self)]
            followUps.append(.init(assignmentID: try row.decode(column: "id", as: Int.self), place: place.joined(separator: " "), reasons: reasons))
        }
        return AnswerReport(form: form, rows: rows, total: total, followUps: followUps)
    }
}
