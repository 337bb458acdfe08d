import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// A directive's answers counted per unit below the caller's view, on both engines: each report lands in its own
/// unit's row and in the total, and only roles that serve households get the list of whom to follow up.
@Suite struct AnswerReportTests {
    @Test(arguments: Fixtures.engines)
    func answersAreCountedPerUnitAndFeversAreFollowedUp(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let (directive, street) = try await MobilizationTests.issue(context)
        let worker = try await Fixtures.scope(context, code: "513401001003001", role: .gridWorker)
        let store = AssignmentStore(context)
        let mine = try await store.assignments(directiveID: directive.id, scope: worker)
        let reports = [("done", "36.6", "否"), ("done", "38.2", "是"), ("done", "37.3", "否"), ("refused", "", "")]
        for (index, (outcome, temperature, cough)) in reports.enumerated() {
            let answers = outcome == "done" ? ["f1": "\(index + 1)", "f2": temperature, "f3": cough, "f4": "未外出"] : [:]
            _ = try await store.submit(Submission(key: "answer-\(index)-key", assignmentID: mine[index].id, outcome: outcome, answers: answers), scope: worker)
        }

        let report = try await ProgressStore(context).answers(directiveID: directive.id, scope: street)
        #expect(report.total.answered == 3)
        #expect(report.total.counts[1] == [1, 1, 1, 0] && report.total.counts[2] == [1, 2])
        #expect(report.total.numbers[0]?.least == 1 && report.total.numbers[0]?.most == 3)
        // The street's view is cut by community: all three answers sit in the worker's community, none elsewhere.
        let community = try await UnitStore(context).unit(code: MobilizationTests.community, scope: .system)
        #expect(report.rows.first { $0.unitID == community.id }?.tally.answered == 3)
        #expect(report.rows.filter { $0.unitID != community.id }.allSatisfy { $0.tally.answered == 0 })
        #expect(Set(report.followUps.map(\.assignmentID)) == [mine[1].id, mine[2].id, mine[3].id])
        let fever = try #require(report.followUps.first { $0.assignmentID == mine[1].id })
        #expect(fever.place.hasSuffix(mine[1].unitName + " " + mine[1].label) && fever.place.count > mine[1].label.count + mine[1].unitName.count + 1)

        // A party member of that community sees the counts, not the households.
        let member = try await Fixtures.scope(context, code: MobilizationTests.community, role: .partyMember)
        let seen = try await ProgressStore(context).answers(directiveID: directive.id, scope: member)
        #expect(seen.total == report.total && seen.followUps.isEmpty)
    }
}
