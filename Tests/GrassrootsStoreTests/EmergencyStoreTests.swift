import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Emergency on the demo city: plans, one-step activation (all or nothing), drills kept out of real statistics,
/// the drill review's times measured from submissions at known moments, and CAP alerts in and out.
@Suite struct EmergencyStoreTests {
    static let street = "513401001000", community = "513401001003", other = "513401001005"

    static func plan(_ context: StoreContext, scope: Scope, category: String? = nil) async throws -> EmergencyPlan {
        let department = try await Fixtures.count(context, "SELECT MIN(id) AS n FROM departments")
        let unit = try await UnitStore(context).unit(code: street, scope: scope)
        let target: TargetKind = category == nil ? .households : .residentsWithCategory
        return try await PlanStore(context).create(unitID: unit.id, PlanInput(title: "北城街道防汛预案", eventKind: "flood", actions: [
            .ii: [.directive("转移前入户排查", kind: .screening, target: target, category: category, deadlineHours: 12),
                  .summons("请求公安、应急力量报到", departmentIDs: [department], matter: .emergency, body: "强降雨，低洼小区需转移"),
                  .notice("防汛转移通知", body: "请低洼小区居民做好转移准备")],
            .iv: [.notice("汛期提示", body: "注意防范")],
        ]), scope: scope)
    }

    static func ids(_ context: StoreContext, _ codes: [String]) async throws -> [Int] {
        var ids: [Int] = []
        for code in codes { ids.append(try await UnitStore(context).unit(code: code, scope: .system).id) }
        return ids
    }

    static func households(_ context: StoreContext, _ code: String) async throws -> Int {
        try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM households h JOIN units u ON u.code = '\(code)' WHERE h.path LIKE u.path || '%'")
    }

    @Test(arguments: Fixtures.engines)
    func badPlansAreRefusedWithEveryProblemAndNothingIsWritten(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: Self.street, role: .streetAdmin)
        let unit = try await UnitStore(context).unit(code: Self.street, scope: scope)
        let plans = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM emergency_plans")
        let actions = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM plan_actions")
        do {
            _ = try await PlanStore(context).create(unitID: unit.id, PlanInput(title: "", eventKind: "meteor", actions: [
                .i: [.directive("排查", kind: .screening, deadlineHours: 0), .summons("报到", departmentIDs: [], matter: .emergency, body: "")],
            ]), scope: scope)
            Issue.record("expected a validation error")
        } catch let error as ValidationError {
            let fields = Set(error.errors.map(\.field))
            #expect(fields == ["title", "event_kind", "actions[1]", "actions[2]"])
        }
        await Fixtures.expectError(ValidationError.self) {
            try await PlanStore(context).create(unitID: unit.id, PlanInput(title: "预案", eventKind: "fire", actions: [
                .i: [.summons("报到", departmentIDs: [999_999], matter: .emergency, body: "火情")]]), scope: scope)
        }
        let resident = try await Fixtures.scope(context, code: Self.street, role: .resident)
        await Fixtures.expectError(AccessDenied.self) { try await Self.plan(context, scope: resident) }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM emergency_plans") == plans)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM plan_actions") == actions)
    }

    @Test(arguments: Fixtures.engines)
    func aDrillIssuesEverythingAtOnceAndStaysOutOfRealStatistics(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: Self.street, role: .streetAdmin)
        let plan = try await Self.plan(context, scope: scope)
        let streetUnit = try await UnitStore(context).unit(code: Self.street, scope: scope)
        let before = try await CheckupStore(context).report(unitID: streetUnit.id, period: "2026Q4", scope: scope).unit.scores
        let drillSummons = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM summons WHERE drill = 1")
        let incident = try await IncidentStore(context).activate(
            ActivationInput(planID: plan.id, level: "II", unitIDs: try await Self.ids(context, [Self.community, Self.other]), drill: true), scope: scope)
        #expect(incident.drill && incident.status == .active && incident.units.count == 2)
        #expect(incident.items.filter { $0.kind == .directive }.count == 2)
        #expect(incident.items.filter { $0.kind == .summons }.count == 2)
        #expect(incident.items.filter { $0.kind == .notice }.count == 2)
        let expected = try await Self.households(context, Self.community) + Self.households(context, Self.other)
        #expect(incident.items.filter { $0.kind == .directive }.map(\.total).reduce(0, +) == expected)
        #expect(incident.estimate.households == expected && incident.estimate.slowestHours > 0)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM directives WHERE drill = 1 AND status = 'issued' AND title LIKE '【演练】%'") == 2)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM summons WHERE drill = 1") == drillSummons + 2)
        // Real directive reach does not move; the drill point now has the drill's targets.
        let after = try await CheckupStore(context).report(unitID: streetUnit.id, period: "2026Q4", scope: scope).unit.scores
        func value(_ scores: CheckupScores, _ measure: CheckupMeasure) -> Share { scores.values.first { $0.measure == measure }!.share }
        #expect(value(after, .directiveReach) == value(before, .directiveReach))
        #expect(value(after, .drillResults).of == value(before, .drillResults).of + expected)
        #expect(try await Verifier(context).run().allSatisfy { $0.violations == 0 })

        let down = try await IncidentStore(context).standDown(incident.id, summary: "演练结束", scope: scope)
        #expect(down.status == .stoodDown && down.stoodDownAt != nil)
        // The drill's open tasks leave the worklists; the check-up still counts what the drill reached.
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM directives WHERE drill = 1 AND status = 'issued'") == 0)
        let afterDown = try await CheckupStore(context).report(unitID: streetUnit.id, period: "2026Q4", scope: scope).unit.scores
        #expect(value(afterDown, .drillResults) == value(after, .drillResults))
        await Fixtures.expectError(StoreError.self) { try await IncidentStore(context).standDown(incident.id, summary: "", scope: scope) }
    }

    @Test(arguments: Fixtures.engines)
    func anActivationThatCannotCompleteLeavesNothing(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: Self.street, role: .streetAdmin)
        let plan = try await Self.plan(context, scope: scope, category: "no_such_category")
        let tables = ["incidents", "incident_items", "directives", "assignments", "summons", "notices"]
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM \(table)") }
        do {
            _ = try await IncidentStore(context).activate(ActivationInput(planID: plan.id, level: "II", drill: false), scope: scope)
            Issue.record("expected a validation error")
        } catch let error as ValidationError {
            #expect(error.errors.first?.message.zh.contains("转移前入户排查") == true)
        }
        for table in tables { #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM \(table)") == counts[table], "\(table)") }
        // A level without actions, and a unit outside the plan, are refused too.
        await Fixtures.expectError(ValidationError.self) {
            try await IncidentStore(context).activate(ActivationInput(planID: plan.id, level: "I", drill: true), scope: scope)
        }
        let otherStreet = try await Fixtures.count(context, "SELECT MIN(id) AS n FROM units WHERE kind = 'street' AND code <> '\(Self.street)'")
        await Fixtures.expectError(StoreError.self) {
            try await IncidentStore(context).activate(ActivationInput(planID: plan.id, level: "IV", unitIDs: [otherStreet], drill: true), scope: scope)
        }
    }

    @Test(arguments: Fixtures.engines)
    func theDrillReviewMeasuresTimeToHalfNineTenthsAndAll(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: Self.street, role: .streetAdmin)
        let plan = try await Self.plan(context, scope: scope)
        let incident = try await IncidentStore(context).activate(
            ActivationInput(planID: plan.id, level: "II", unitIDs: try await Self.ids(context, [Self.community]), drill: true), scope: scope)
        let directive = incident.items.first { $0.kind == .directive }!.id
        let staff = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        let assignments = try await AssignmentStore(context).assignments(directiveID: directive, all: true, scope: staff).sorted { $0.id < $1.id }
        let total = assignments.count
        let households = try await Self.households(context, Self.community)
        #expect(total == households && total >= 10)
        let start = context.clock()
        func submit(_ slice: ArraySlice<Assignment>, minutes: Double) async throws {
            let store = AssignmentStore(context.at(start.addingTimeInterval(minutes * 60)))
            for a in slice { _ = try await store.submit(Submission(key: "drill-\(a.id)-key", assignmentID: a.id, outcome: "done"), scope: staff) }
        }
        let half = (total + 1) / 2, nine = (total * 9 + 9) / 10
        try await submit(assignments[..<half], minutes: 30)
        var review = try await IncidentStore(context.at(start.addingTimeInterval(45 * 60))).review(incident.id, scope: scope)
        #expect(review.overall.to50 == 1800 && review.overall.to90 == nil && review.overall.reached == half)
        #expect(review.silentStaff.allSatisfy { $0.assignments > 0 })
        try await submit(assignments[half..<nine], minutes: 60)
        try await submit(assignments[nine...], minutes: 90)
        review = try await IncidentStore(context.at(start.addingTimeInterval(2 * 3600))).review(incident.id, scope: scope)
        #expect(review.overall.to50 == 1800 && review.overall.to90 == 3600 && review.overall.to100 == 5400)
        let tier = review.tiers.first { $0.kind == .community }!
        #expect(tier.times == review.overall && review.tiers.contains { $0.kind == .grid })
        #expect(review.silentStaff.isEmpty && review.stalledCompounds.isEmpty)
        #expect(review.history.map(\.incidentID) == [incident.id])
    }
}
