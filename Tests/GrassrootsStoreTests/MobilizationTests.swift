import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Directives on the demo city: the cascade reaches exactly the targets in scope, submissions keep the counters equal
/// to a recount, replays change nothing, and stalled units are escalated once.
@Suite struct MobilizationTests {
    static let street = "513401001000", community = "513401001003"

    static func input(_ target: TargetKind = .households, category: String? = nil, form: FormSchema = .screening) -> DirectiveInput {
        DirectiveInput(title: "燃气安全入户排查", kind: "screening", target: target.rawValue, category: category, deadline: "2027-01-01 18:00",
                       form: form, stallHours: 24)
    }

    static func issue(_ context: StoreContext, code: String = street, _ input: DirectiveInput = input()) async throws -> (Directive, Scope) {
        let scope = try await Fixtures.scope(context, code: code, role: .streetAdmin)
        let unit = try await UnitStore(context).unit(code: code, scope: scope)
        let draft = try await DirectiveStore(context).create(unitID: unit.id, input, scope: scope)
        return (try await DirectiveStore(context).issue(draft.id, scope: scope), scope)
    }

    /// Counts by hand-written SQL: assignments of `directive` under the unit with `code`, optionally of one outcome.
    static func recount(_ context: StoreContext, _ directive: Int, code: String, outcome: String? = nil) async throws -> Int {
        try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM assignments a JOIN units u ON u.code = '\(code)'
            WHERE a.directive_id = \(directive) AND a.path LIKE u.path || '%' \(outcome.map { "AND a.outcome = '\($0)'" } ?? "")
            """)
    }

    static func counts(_ context: StoreContext, _ directive: Int, code: String) async throws -> ProgressCounts {
        let unit = try await UnitStore(context).unit(code: code, scope: .system)
        return try await ProgressStore(context).tree(directiveID: directive, unitID: unit.id, levels: 0, scope: .system)[0].counts
    }

    @Test(arguments: Fixtures.engines)
    func issuingReachesEveryHouseholdOfTheScopeWithAResponsibleWorker(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let (directive, _) = try await Self.issue(context)
        let households = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM households h JOIN units s ON s.code = '\(Self.street)' WHERE h.path LIKE s.path || '%'
            """)
        #expect(households > 0 && directive.targetCount == households && directive.status == .issued)
        #expect(try await Fixtures.count(context, "SELECT COUNT(DISTINCT household_id) AS n FROM assignments WHERE directive_id = \(directive.id)") == households)
        // The responsible person is the grid's worker, resolved by rule, and every demo grid has one.
        #expect(try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM assignments a LEFT JOIN staff s ON s.id = a.responsible_staff_id
            WHERE a.directive_id = \(directive.id) AND (s.id IS NULL OR s.unit_id <> a.grid_id OR s.role <> 'grid_worker')
            """) == 0)
        let street = try await Self.counts(context, directive.id, code: Self.street)
        #expect(street.total == households && street.pending == households && street.reached == 0)
        let community = try await Self.counts(context, directive.id, code: Self.community)
        #expect(community.total == (try await Self.recount(context, directive.id, code: Self.community)))
        #expect(try await Verifier(context).run().allSatisfy { $0.violations == 0 })
    }

    @Test(arguments: Fixtures.engines)
    func targetsByCategoryCompoundAndBuildingMatchHandCounts(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let street = "s.code = '\(Self.street)'"
        let cases: [(TargetKind, String)] = [
            (.householdsWithCategory, """
                SELECT COUNT(DISTINCT r.household_id) AS n FROM residents r JOIN resident_category_links l ON l.resident_id = r.id
                JOIN units s ON \(street) WHERE l.category_code = 'elderly_alone' AND r.path LIKE s.path || '%'
                """),
            (.residentsWithCategory, """
                SELECT COUNT(*) AS n FROM residents r JOIN resident_category_links l ON l.resident_id = r.id
                JOIN units s ON \(street) WHERE l.category_code = 'elderly_alone' AND r.path LIKE s.path || '%'
                """),
            (.compounds, "SELECT COUNT(*) AS n FROM units u JOIN units s ON \(street) WHERE u.kind = 'compound' AND u.path LIKE s.path || '%'"),
            (.buildings, "SELECT COUNT(*) AS n FROM units u JOIN units s ON \(street) WHERE u.kind = 'building' AND u.path LIKE s.path || '%'"),
        ]
        for (target, sql) in cases {
            let (directive, _) = try await Self.issue(context, Self.input(target, category: target.needsCategory ? "elderly_alone" : nil, form: .empty))
            let expected = try await Fixtures.count(context, sql)
            #expect(expected > 0 && directive.targetCount == expected, "\(target)")
            #expect((try await Self.counts(context, directive.id, code: Self.street)).total == expected)
        }
        #expect(try await Verifier(context).run().allSatisfy { $0.violations == 0 })
    }

    @Test(arguments: Fixtures.engines)
    func submissionsUpdateEveryTierAndReplaysChangeNothing(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let (directive, _) = try await Self.issue(context)
        let worker = try await Fixtures.scope(context, code: "513401001003001", role: .gridWorker)
        let store = AssignmentStore(context)
        let mine = try await store.assignments(directiveID: directive.id, scope: worker)
        let inGrid = try await Self.recount(context, directive.id, code: "513401001003001")
        #expect(mine.count > 3 && mine.count == inGrid)
        let answers = ["f1": "3", "f2": "36.6", "f3": "否", "f4": "未外出"]
        let first = try await store.submit(Submission(key: "key-000001", assignmentID: mine[0].id, outcome: "done", answers: answers), scope: worker)
        #expect(!first.replayed && first.outcome == .done && first.changed.count >= 4)
        _ = try await store.submit(Submission(key: "key-000002", assignmentID: mine[1].id, outcome: "absent"), scope: worker)
        _ = try await store.submit(Submission(key: "key-000003", assignmentID: mine[2].id, outcome: "refused", note: "不开门"), scope: worker)
        // The absent household is visited again: its counter moves from absent to done.
        _ = try await store.submit(Submission(key: "key-000004", assignmentID: mine[1].id, outcome: "done", answers: answers), scope: worker)
        let replay = try await store.submit(Submission(key: "key-000001", assignmentID: mine[0].id, outcome: "refused"), scope: worker)
        #expect(replay.replayed && replay.outcome == .done)
        await #expect(throws: StoreError.self) {
            try await store.submit(Submission(key: "key-000001", assignmentID: mine[3].id, outcome: "done", answers: answers), scope: worker)
        }
        for code in [Self.street, Self.community, "513401001003001"] {
            let c = try await Self.counts(context, directive.id, code: code)
            #expect(c.done == 2 && c.refused == 1 && c.absent == 0, "\(code)")
            #expect(c.done == (try await Self.recount(context, directive.id, code: code, outcome: "done")))
            #expect(c.pending == (try await Self.recount(context, directive.id, code: code, outcome: "pending")))
        }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM submissions WHERE directive_id = \(directive.id)") == 4)
        #expect(try await context.database.read { db in try await ProgressVerifier.mismatches(db: db) } == 0)
        // A tampered counter is found by verify.
        try await context.database.write { db in try await db.raw("UPDATE directive_progress SET done = done + 1 WHERE directive_id = \(bind: directive.id) AND unit_id = \(bind: directive.unitID)").run() }
        #expect(try await Verifier(context).run().first { $0.name.hasPrefix("directive roll-up") }?.violations == 1)
    }

    @Test(arguments: Fixtures.engines)
    func badSubmissionsAreRefusedWholeAndOutOfScopeIsNotFound(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let (directive, admin) = try await Self.issue(context)
        let worker = try await Fixtures.scope(context, code: "513401001003001", role: .gridWorker)
        let store = AssignmentStore(context)
        let mine = try await store.assignments(directiveID: directive.id, scope: worker)
        do {
            _ = try await store.submit([
                Submission(key: "bulk-00001", assignmentID: mine[0].id, outcome: "done", answers: ["f1": "2", "f2": "36.5", "f3": "是", "f4": "省内"]),
                Submission(key: "bulk-00002", assignmentID: mine[1].id, outcome: "done", answers: ["f1": "x", "f2": "50", "f3": "是", "f4": "火星"]),
            ], scope: worker)
            Issue.record("a bad row must refuse the batch")
        } catch let error as ValidationError {
            let fields = Set(error.errors.map(\.field))
            #expect(fields == ["\(mine[1].id).f1", "\(mine[1].id).f2", "\(mine[1].id).f4"])
            #expect(error.errors.contains { $0.message.zh.contains("34.0至43.0") })
        }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM submissions WHERE directive_id = \(directive.id)") == 0)
        #expect((try await Self.counts(context, directive.id, code: Self.street)).pending == directive.targetCount)
        await #expect(throws: FieldError.self) {
            try await store.submit(Submission(key: "bad-outcome", assignmentID: mine[0].id, outcome: "pending"), scope: worker)
        }
        await #expect(throws: ValidationError.self) {
            try await store.submit(Submission(key: "short", assignmentID: mine[0].id, outcome: "absent"), scope: worker)
        }
        // An assignment in another grid is invisible to this worker.
        let foreign = try await Fixtures.count(context, """
            SELECT MIN(a.id) AS n FROM assignments a JOIN units g ON g.id = a.grid_id WHERE g.code <> '513401001003001'
            """)
        await #expect(throws: StoreError.self) {
            try await store.submit(Submission(key: "foreign-01", assignmentID: foreign, outcome: "done"), scope: worker)
        }
        await #expect(throws: AccessDenied.self) { try await DirectiveStore(context).create(unitID: directive.unitID, Self.input(), scope: worker) }
        // Cancelled: no more reports, and nothing else changes.
        _ = try await DirectiveStore(context).cancel(directive.id, scope: admin)
        await #expect(throws: StoreError.self) {
            try await store.submit(Submission(key: "after-cancel", assignmentID: mine[0].id, outcome: "absent"), scope: worker)
        }
    }

    @Test(arguments: Fixtures.engines)
    func draftsAreValidatedAndOnlyTheIssuingSideChangesThem(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        let community = try await UnitStore(context).unit(code: Self.community, scope: scope)
        let store = DirectiveStore(context)
        var bad = Self.input(.householdsWithCategory)
        bad.title = " "; bad.deadline = "2020-01-01 08:00"; bad.kind = "party"
        do { _ = try await store.create(unitID: community.id, bad, scope: scope); Issue.record("expected errors") } catch let error as ValidationError {
            #expect(Set(error.errors.map(\.field)) == ["title", "kind", "category", "deadline"])
        }
        await #expect(throws: ValidationError.self) {
            try await store.create(unitID: community.id, Self.input(.householdsWithCategory, category: "no_such"), scope: scope)
        }
        // The street is above the community's scope.
        let street = try await UnitStore(context).unit(code: Self.street, scope: .system)
        await #expect(throws: StoreError.self) { try await store.create(unitID: street.id, Self.input(), scope: scope) }
        let draft = try await store.create(unitID: community.id, Self.input(), scope: scope)
        #expect(draft.status == .draft && draft.targetCount == 0)
        let issued = try await store.issue(draft.id, scope: scope)
        await #expect(throws: StoreError.self) { try await store.issue(draft.id, scope: scope) }
        await #expect(throws: ValidationError.self) { try await store.extend(issued.id, to: "2026-12-01 08:00", scope: scope) }
        #expect(try await store.extend(issued.id, to: "2027-02-01 08:00", scope: scope).deadline > issued.deadline)
        // A street directive reaches the community, but the community cannot cancel it.
        let (streetDirective, _) = try await Self.issue(context)
        #expect(try await store.directives(scope: scope).map(\.id).contains(streetDirective.id))
        await #expect(throws: AccessDenied.self) { try await store.cancel(streetDirective.id, scope: scope) }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'directive' AND username LIKE 'test-%'") == 5)
    }

    @Test(arguments: Fixtures.engines)
    func stalledUnitsAreEscalatedOnceAndTheWebhookIsSigned(engine: Engine) async throws {
        let base = try await Fixtures.city(engine)
        defer { Task { try? await base.database.close() } }
        let (directive, admin) = try await Self.issue(base, code: Self.community)
        // Only this directive is under test: the demo's own directive is set aside.
        try await base.database.write { db in try await db.raw("UPDATE directives SET status = 'cancelled' WHERE id <> \(bind: directive.id)").run() }
        let worker = try await Fixtures.scope(base, code: "513401001003001", role: .gridWorker)
        let mine = try await AssignmentStore(base).assignments(directiveID: directive.id, scope: worker)
        _ = try await AssignmentStore(base).submit(Submission(key: "stall-0001", assignmentID: mine[0].id, outcome: "absent"), scope: worker)
        let later = StoreContext(database: base.database, cipher: base.cipher, clock: { base.clock().addingTimeInterval(25 * 3600) })
        let stalled = try await ProgressStore(later).stalled(directiveID: directive.id, scope: admin)
        let compounds = try await Fixtures.count(base, """
            SELECT COUNT(*) AS n FROM units u JOIN units c ON c.code = '\(Self.community)' WHERE u.kind IN ('compound', 'grid') AND u.path LIKE c.path || '%'
            """)
        // Every grid and compound is stalled: the one report is over 24 hours old too.
        #expect(stalled.count == compounds)
        #expect(try await ProgressStore(base).stalled(directiveID: directive.id, scope: admin).isEmpty)
        let webhook = try WebhookConfiguration(url: "http://127.0.0.1:9/hook", secret: "grassroots-webhook-secret")
        #expect(try await EscalationStore(later).escalate(webhook: webhook) == compounds)
        #expect(try await EscalationStore(later).escalate(webhook: webhook) == 0)
        let inbox = try await EscalationStore(later).inbox(scope: admin)
        #expect(inbox.count == compounds && inbox.allSatisfy { $0.reason == "stalled" && !$0.read })
        // Only the unit a notice is addressed to marks it read: the city above sees it, an auditor changes nothing.
        let notice = inbox[0]
        let owner = try await UnitStore(base).unit(notice.unitID, scope: .system)
        await #expect(throws: StoreError.self) { try await EscalationStore(later).markRead(notice.id, scope: .system) }
        await #expect(throws: AccessDenied.self) {
            try await EscalationStore(later).markRead(notice.id, scope: Scope(path: owner.path, role: .auditor, accountID: 0, username: "audit"))
        }
        #expect(try await EscalationStore(later).inbox(scope: admin).first { $0.id == notice.id }?.read == false)
        try await EscalationStore(later).markRead(notice.id, scope: Scope(path: owner.path, role: .communityStaff, accountID: 0, username: "owner"))
        #expect(try await EscalationStore(later).inbox(scope: admin).first { $0.id == notice.id }?.read == true)
        let sent = SentRequests()
        let sender = WebhookSender { url, body, headers in await sent.add(body, headers); return 204 }
        #expect(try await EscalationStore(later).deliver(webhook, sender: sender) == compounds)
        #expect(try await EscalationStore(later).deliver(webhook, sender: sender) == 0)
        let (body, headers) = try #require(await sent.first)
        let stamp = try #require(headers["X-Grassroots-Timestamp"]), signature = try #require(headers["X-Grassroots-Signature"])
        #expect(stamp == String(Int(later.clock().timeIntervalSince1970)))
        #expect(webhook.verify(body: body, timestamp: stamp, signature: signature, now: later.clock().addingTimeInterval(60)))
        // A replay an hour later, a timestamp moved forward, or a changed body fails the receiver's check.
        #expect(!webhook.verify(body: body, timestamp: stamp, signature: signature, now: later.clock().addingTimeInterval(3600)))
        #expect(!webhook.verify(body: body, timestamp: String(Int(stamp)! + 3600), signature: signature, now: later.clock().addingTimeInterval(3600)))
        #expect(!webhook.verify(body: body + Data(" ".utf8), timestamp: stamp, signature: signature, now: later.clock()))
        #expect(throws: FieldError.self) { try WebhookConfiguration(url: "ftp://gateway/hook", secret: "grassroots-webhook-secret") }
        #expect(throws: FieldError.self) { try WebhookConfiguration(url: "http://gateway/hook", secret: "short") }
        // Computed independently: printf '1700000000.{"event":"escalation"}' | openssl dgst -sha256 -hmac grassroots-webhook-secret
        #expect(webhook.signature(of: Data(#"{"event":"escalation"}"#.utf8), timestamp: 1_700_000_000) == "sha256=89253164b6842cd0f86a0c659766a1a04649aa9011f53f5498e7bb2c72799dab")
        let json = try JSONSerialization.jsonObject(with: body) as? [String: String]
        #expect(json?["reason"] == "stalled" && json?["directive_id"] == "\(directive.id)")
        // A failing gateway is retried later, not lost.
        _ = try await base.database.write { db in try await db.raw("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = '2000-01-01T00:00:00Z'").run() }
        let failing = WebhookSender { _, _, _ in 503 }
        #expect(try await EscalationStore(later).deliver(webhook, sender: failing) == 0)
        #expect(try await Fixtures.count(base, "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending' AND attempts = 2 AND last_error = 'HTTP 503'") == compounds)
    }

    /// Whether a submission lands, sent as a client sends it: again while the database answers "unavailable" (forty
    /// connection leases at once can wait past the 5 s lease timeout on a loaded machine, and such a submission never
    /// began; its key would make a repeat harmless anyway). Any other refusal is the answer.
    static func submitAsAClient(_ store: AssignmentStore, _ submission: Submission, _ scope: Scope) async -> Bool {
        for _ in 0..<5 {
            do { _ = try await store.submit(submission, scope: scope); return true } catch StoreError.unavailable { continue } catch { return false }
        }
        return false
    }

    @Test(arguments: Fixtures.engines)
    func concurrentSubmissionsAllLandAndAFailingOneFailsAlone(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let (directive, admin) = try await Self.issue(context)
        let targets = try await AssignmentStore(context).assignments(directiveID: directive.id, scope: admin)
        let store = AssignmentStore(context)
        // Forty reports at once, two on each target (they race on the same rows), and one that cannot apply.
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<40 {
                let target = targets[i % 20]
                group.addTask { await Self.submitAsAClient(store, Submission(key: "race-\(i)-key", assignmentID: target.id, outcome: i < 20 ? "absent" : "refused"), admin) }
            }
            group.addTask { await Self.submitAsAClient(store, Submission(key: "race-bad-key", assignmentID: -1, outcome: "absent"), admin) }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 40)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM submissions WHERE idempotency_key LIKE 'race-%'") == 40)
        let street = try await Self.counts(context, directive.id, code: Self.street)
        #expect(street.absent + street.refused == 20 && street.pending == directive.targetCount - 20)
        #expect(try await Verifier(context).run().allSatisfy { $0.violations == 0 })
    }

    @Test(arguments: Fixtures.engines)
    func reassignMovesOpenAssignmentsWithinScopeOnly(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let (directive, _) = try await Self.issue(context, code: Self.community)
        let staffScope = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        let grid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        let volunteer = try await OrganizationStore(context).addStaff(unitID: grid.id, role: .volunteer, name: "志愿者小李", phone: nil, scope: staffScope)
        let moved = try await AssignmentStore(context).reassign(directiveID: directive.id, unitID: grid.id, staffID: volunteer.id, scope: staffScope)
        #expect(moved == (try await Self.recount(context, directive.id, code: "513401001003001")))
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM assignments WHERE responsible_staff_id = \(volunteer.id)") == moved)
        let foreignStaff = try await Fixtures.count(context, "SELECT MIN(s.id) AS n FROM staff s JOIN units u ON u.id = s.unit_id WHERE u.code LIKE '513401002%'")
        await #expect(throws: ValidationError.self) {
            try await AssignmentStore(context).reassign(directiveID: directive.id, unitID: grid.id, staffID: foreignStaff, scope: staffScope)
        }
    }
}

/// Records what a test webhook sender was given.
actor SentRequests {
    private(set) var requests: [(Data, [String: String])] = []
    func add(_ body: Data, _ headers: [String: String]) { requests.append((body, headers)) }
    var first: (Data, [String: String])? { requests.first }
}
