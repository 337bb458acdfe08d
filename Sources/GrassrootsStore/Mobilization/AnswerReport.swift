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
        // The assignment's own reading: its answers decoded, and its compound named when it is a household's.
        let reports = try await context.database.read { db in
            try await db.raw("""
                \(unsafeRaw: Assignment.select) WHERE a.directive_id = \(bind: directiveID) AND a.path >= \(bind: low) AND a.path < \(bind: low + "~")
                  AND (a.data_json IS NOT NULL OR a.outcome = 'refused')
                ORDER BY a.path, a.label, a.id
                """).all().map(Assignment.init(row:))
        }
        for a in reports {
            total.add(a.answers, form: form)
            if let index = children.firstIndex(where: { a.path.hasPrefix($0.path) }) { rows[index - children.startIndex].tally.add(a.answers, form: form) }
            let reasons = AnswerTally.followUp(a.answers, outcome: a.outcome, form: form)
            guard scope.role.readsHouseholdRows, !reasons.isEmpty, followUps.count < followUpLimit else { continue }
            // A household sits in a building of a compound; a compound or building target is named by itself.
            let place = (a.compoundName.map { [$0, a.unitName] } ?? []) + [a.label]
            followUps.append(.init(assignmentID: a.id, place: place.joined(separator: " "), reasons: reasons))
        }
        return AnswerReport(form: form, rows: rows, total: total, followUps: followUps)
    }
}
