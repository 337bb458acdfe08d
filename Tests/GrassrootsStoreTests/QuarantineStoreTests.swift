import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Home quarantine and supply deliveries on the demo city: one running quarantine per resident, bad input refused
/// field by field with nothing written, daily checks and missed days escalating to the street a day later, health
/// data masked for the auditor and every full read audited, and supply requests routed to the least busy member.
@Suite struct QuarantineStoreTests {
    static let street = "513401001000", community = "513401001003", other = "513401001005", grid = "513401001003001"
    static let day = 86_400.0

    /// A resident of the first household of the unit with `code`, with that household's id.
    static func resident(_ context: StoreContext, in code: String, skip: Int = 0) async throws -> (id: Int, household: Int, name: String) {
        try await context.database.read { db in
            let row = try await db.raw("""
                SELECT r.id, r.household_id, r.name FROM residents r JOIN units u ON u.code = \(bind: code)
                WHERE r.path >= u.path AND r.path < u.path || '~' ORDER BY r.household_id, r.id LIMIT 1 OFFSET \(bind: skip)
                """).first()!
            return (try row.decode(column: "id", as: Int.self), try row.decode(column: "household_id", as: Int.self), try row.decode(column: "name", as: String.self))
        }
    }

    static func input(_ residentID: Int, _ context: StoreContext, days: Int = 13, tests: String = "1,3,7") -> QuarantineInput {
        let today = WorkingCalendar.dayKey(context.clock())
        return QuarantineInput(residentID: residentID, place: "家中（单独居住一室）", startsOn: today, endsOn: QuarantineSchedule.day(today, plus: days), testDays: tests)
    }

    static func count(_ context: StoreContext, _ table: String) async throws -> Int {
        try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM \(table)")
    }

    @Test(arguments: Fixtures.engines)
    func registrationKeepsOneRunningQuarantinePerResidentWithinScope(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let staff = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        let worker = try await Fixtures.scope(context, code: Self.grid, role: .gridWorker)
        let store = QuarantineStore(context)
        let a = try await Self.resident(context, in: Self.community)
        let q = try await store.register(Self.input(a.id, context), scope: worker)
        #expect(q.status == .active && q.householdID == a.household && q.residentName == a.name && q.testDays == [1, 3, 7] && q.dayNumber == 1)
        #expect(q.testDueToday && !q.checkedToday && q.missedDays.isEmpty)
        await Fixtures.expectError(StoreError.self) { try await store.register(Self.input(a.id, context), scope: staff) }
        // Outside the scope: the other community's resident for this community's staff and for the grid worker.
        let b = try await Self.resident(context, in: Self.other)
        await Fixtures.expectError(StoreError.self) { try await store.register(Self.input(b.id, context), scope: staff) }
        await Fixtures.expectError(StoreError.self) { try await store.register(Self.input(b.id, context), scope: worker) }
        let resident = try await Fixtures.scope(context, code: Self.community, role: .resident)
        await Fixtures.expectError(AccessDenied.self) { try await store.register(Self.input(a.id, context), scope: resident) }
        let auditor = try await Fixtures.scope(context, code: "513401000000", role: .auditor)
        await Fixtures.expectError(AccessDenied.self) { try await store.register(Self.input(b.id, context), scope: auditor) }
        #expect(try await Self.count(context, "quarantines") == 1)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'quarantine' AND action = 'register'") == 1)

        // Ended early, the resident may be registered again; ending twice is a conflict.
        await Fixtures.expectError(ValidationError.self) { try await store.end(q.id, reason: "felt better", scope: staff) }
        let ended = try await store.end(q.id, reason: "transferred", scope: staff)
        #expect(ended.status == .ended && ended.endedAt != nil)
        await Fixtures.expectError(StoreError.self) { try await store.end(q.id, reason: "released", scope: staff) }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'quarantine' AND action = 'end' AND detail = 'transferred'") == 1)
        let again = try await store.register(Self.input(a.id, context), scope: staff)
        #expect(try await store.active(scope: staff).map(\.id) == [again.id])
        #expect(try await store.active(scope: Fixtures.scope(context, code: Self.other, role: .communityStaff)).isEmpty)
    }

    @Test(arguments: Fixtures.engines)
    func badInputIsRefusedFieldByFieldAndNothingIsWritten(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let staff = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        let store = QuarantineStore(context)
        let a = try await Self.resident(context, in: Self.community)
        let today = WorkingCalendar.dayKey(context.clock())
        func fields(_ body: () async throws -> Void) async -> Set<String> {
            do { try await body(); Issue.record("expected a validation error"); return [] }
            catch let error as ValidationError { return Set(error.errors.map(\.field)) }
            catch { Issue.record("expected a validation error, got \(error)"); return [] }
        }
        let bad: [(QuarantineInput, Set<String>)] = [
            (QuarantineInput(residentID: 0, place: "", startsOn: today, endsOn: today, testDays: ""), Set(["resident_id", "place"])),
            (QuarantineInput(residentID: a.id, place: "家中", startsOn: "2026-13-01", endsOn: "明天", testDays: "1"), Set(["starts_on", "ends_on"])),
            (QuarantineInput(residentID: a.id, place: "家中", startsOn: today, endsOn: QuarantineSchedule.day(today, plus: -1), testDays: ""), Set(["ends_on"])),
            (QuarantineInput(residentID: a.id, place: "家中", startsOn: today, endsOn: QuarantineSchedule.day(today, plus: 29), testDays: ""), Set(["ends_on"])),
            (QuarantineInput(residentID: a.id, place: String(repeating: "家", count: 201), startsOn: today, endsOn: QuarantineSchedule.day(today, plus: 6), testDays: "1,8"),
             Set(["place", "test_days"])),
            (QuarantineInput(residentID: a.id, place: "家中", startsOn: today, endsOn: QuarantineSchedule.day(today, plus: 6), testDays: "first"), Set(["test_days"])),
        ]
        for (input, expected) in bad {
            #expect(await fields { _ = try await store.register(input, scope: staff) } == expected, "\(input)")
        }
        // 28 days after the first day is the longest period allowed.
        let ok = QuarantineInput(residentID: a.id, place: "家中", startsOn: today, endsOn: QuarantineSchedule.day(today, plus: 28), testDays: "29")
        #expect(try ok.validated().testDays == [29])
        #expect(try await Self.count(context, "quarantines") == 0)

        let q = try await store.register(Self.input(a.id, context), scope: staff)
        let badChecks: [(CheckInput, Set<String>)] = [(CheckInput(temperature: "33.9"), Set(["temperature"])), (CheckInput(temperature: "43.1"), ["temperature"]),
                         (CheckInput(temperature: "36.85"), ["temperature"]), (CheckInput(temperature: "abc", symptoms: String(repeating: "咳", count: 201), testResult: "maybe"),
                                                                               ["temperature", "symptoms", "test_result"])]
        for (input, expected) in badChecks {
            #expect(await fields { _ = try await store.check(q.id, input, scope: staff) } == expected, "\(input)")
        }
        #expect(try await Self.count(context, "quarantine_checks") == 0)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'quarantine' AND action = 'check'") == 0)

        let supplies = SupplyStore(context)
        #expect(await fields { _ = try await supplies.request(householdID: a.household, SupplyInput(items: " ", reason: "hungry"), scope: staff) } == ["items", "reason"])
        // A quarantine reason needs someone of the household in quarantine.
        let b = try await Self.resident(context, in: Self.community, skip: 8)
        #expect(b.household != a.household)
        #expect(await fields { _ = try await supplies.request(householdID: b.household, SupplyInput(items: "大米", reason: "quarantine"), scope: staff) } == ["reason"])
        #expect(try await Self.count(context, "supply_requests") == 0)
    }

    @Test(arguments: Fixtures.engines)
    func dailyChecksCountMissedDaysAndTheStreetSeesThemADayLater(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let staff = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        let street = try await Fixtures.scope(context, code: Self.street, role: .streetAdmin)
        let t0 = context.clock()
        func on(_ day: Int) -> QuarantineStore { QuarantineStore(context.at(t0.addingTimeInterval(Double(day) * Self.day))) }
        let a = try await Self.resident(context, in: Self.community)
        let q = try await on(0).register(Self.input(a.id, context, tests: "1,3"), scope: staff)
        let day1 = q.startsOn, day3 = QuarantineSchedule.day(day1, plus: 2), day4 = QuarantineSchedule.day(day1, plus: 3)

        _ = try await on(0).check(q.id, CheckInput(temperature: "36.6"), scope: staff)
        let fixed = try await on(0).check(q.id, CheckInput(temperature: "37.3", symptoms: "咽痛", testResult: "pending"), scope: staff)
        #expect(fixed.checks.count == 1 && fixed.checks[0].temperatureTenths == 373 && fixed.checks[0].fever == true && fixed.checks[0].testResult == .pending)
        _ = try await on(1).check(q.id, CheckInput(temperature: "36,8", testResult: "negative"), scope: staff)
        #expect(try await Self.count(context, "quarantine_checks") == 2)

        // Day 3 (a test day) passes without a check.
        let third = try await on(2).active(scope: staff)
        #expect(third.first?.testDueToday == true && third.first?.missedDays == [])
        let fourth = try await on(3).active(scope: staff)
        #expect(fourth.first?.missedDays == [day3] && fourth.first?.dayNumber == 4 && fourth.first?.testDueToday == false)
        #expect(try await on(3).missedChecks(scope: staff).map(\.day) == [day3])
        #expect(try await on(3).missedChecks(scope: street).isEmpty)
        // A day later the street sees day 3 (more than a day old), not yet day 4.
        _ = try await on(4).check(q.id, CheckInput(temperature: "36.5"), scope: staff)
        let missed = try await on(4).missedChecks(scope: staff)
        #expect(missed.map(\.day) == [day3, day4] && missed.map(\.daysAgo) == [2, 1])
        let escalated = try await on(4).missedChecks(scope: street)
        #expect(escalated.map(\.day) == [day3] && escalated.first?.residentName == a.name && escalated.first?.quarantineID == q.id)
        #expect(try await on(4).missedChecks(scope: Fixtures.scope(context, code: "513401002000", role: .streetAdmin)).isEmpty)
        #expect(try await on(4).active(scope: street).first?.missedDays.count == 2)

        // After the last day no check is taken, and the quarantine leaves the running list.
        await Fixtures.expectError(StoreError.self) { try await on(14).check(q.id, CheckInput(temperature: "36.5"), scope: staff) }
        #expect(try await on(14).active(scope: staff).isEmpty)
    }

    @Test(arguments: Fixtures.engines)
    func theAuditorSeesMaskedNamesAndCountsAndStaffReadsAreAudited(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let staff = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        let auditor = try await Fixtures.scope(context, code: "513401000000", role: .auditor)
        let store = QuarantineStore(context)
        let a = try await Self.resident(context, in: Self.community)
        let q = try await store.register(Self.input(a.id, context), scope: staff)
        _ = try await store.check(q.id, CheckInput(temperature: "38.1", symptoms: "发热、咳嗽", testResult: "positive"), scope: staff)
        let reads = "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'quarantine' AND action = 'read' AND entity_id = \(q.id)"
        let before = try await Fixtures.count(context, reads)

        let seen = try await store.active(scope: auditor)
        let masked = String(a.name.prefix(1)) + String(repeating: "*", count: a.name.count - 1)
        #expect(seen.map(\.residentName) == [masked] && seen[0].place.isEmpty && !seen[0].healthVisible && seen[0].missedDays.isEmpty)
        let blind = try await store.detail(q.id, scope: auditor)
        #expect(blind.quarantine.residentName == masked && blind.checks.count == 1)
        #expect(blind.checks[0].temperature == nil && blind.checks[0].symptoms == nil && blind.checks[0].testResult == nil && blind.checks[0].fever == nil)
        #expect(try await Fixtures.count(context, reads) == before)

        let full = try await store.detail(q.id, scope: staff)
        #expect(full.quarantine.residentName == a.name && full.checks[0].temperature == "38.1" && full.checks[0].fever == true
                && full.checks[0].symptoms == "发热、咳嗽" && full.checks[0].testResult == .positive)
        #expect(try await Fixtures.count(context, reads) == before + 1)
        let entry = try await AuditLog.search(context.database, scope: auditor, action: "read", entity: "quarantine").first
        #expect(entry?.entityID == q.id && entry?.username == staff.username)
        // Nothing health-related goes into the audit log.
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE detail LIKE '%38.1%' OR detail LIKE '%咳嗽%'") == 0)

        for role in [Role.resident, .partyMember, .unitLiaison] {
            let other = try await Fixtures.scope(context, code: Self.community, role: role)
            await Fixtures.expectError(AccessDenied.self) { try await store.detail(q.id, scope: other) }
            await Fixtures.expectError(AccessDenied.self) { try await store.active(scope: other) }
        }
        let elsewhere = try await Fixtures.scope(context, code: Self.other, role: .communityStaff)
        await Fixtures.expectError(StoreError.self) { try await store.detail(q.id, scope: elsewhere) }
    }

    /// A new party member of the community, registered and confirmed in `gridID`.
    static func member(_ context: StoreContext, _ name: String, gridID: Int) async throws -> (scope: Scope, id: Int) {
        let community = try await UnitStore(context).unit(code: Self.community, scope: .system)
        let account = try await AccountStore(context).create(username: name, displayName: name, password: "long-enough-1", role: .partyMember,
                                                             scopeUnitID: community.id, by: .system)
        let scope = Scope(path: community.path, role: .partyMember, accountID: account.id, username: name)
        let registration = try await RegistrationStore(context).registerMember(name: name, employer: "市卫健委", employerPartyOrg: "市卫健委机关党委",
                                                                               communityID: community.id, posts: ["patrol"], scope: scope)
        let compound = try await UnitStore(context).children(of: gridID, scope: .system).map(\.unit).first { $0.kind == .compound }!
        let staff = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        _ = try await RegistrationStore(context).decide(registration.id, approve: true, gridID: gridID, compoundID: compound.id, note: "", scope: staff)
        return (scope, registration.id)
    }

    @Test(arguments: Fixtures.engines)
    func suppliesGoToTheGridsLeastBusyMemberThenTheCommunityElseStayOpen(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let staff = try await Fixtures.scope(context, code: Self.community, role: .communityStaff)
        let units = UnitStore(context), supplies = SupplyStore(context)
        let grid = try await units.unit(code: Self.grid, scope: .system)
        let community = try await units.unit(code: Self.community, scope: .system)
        // The demo's member `dangyuan` is confirmed in the grid; add a second there and a third in a new grid of the community.
        let dangyuan = try await Fixtures.count(context, "SELECT r.id AS n FROM member_registrations r JOIN accounts a ON a.id = r.account_id WHERE a.username = 'dangyuan'")
        let dangyuanScope = Scope(path: community.path, role: .partyMember,
                                  accountID: try await Fixtures.count(context, "SELECT id AS n FROM accounts WHERE username = 'dangyuan'"), username: "dangyuan")
        let second = try await Self.member(context, "dy-second", gridID: grid.id)
        let newGrid = try await units.create(parentID: community.id, kind: .grid, name: "大通门新网格", code: nil, address: nil, scope: staff)
        let compound = try await units.create(parentID: newGrid.id, kind: .compound, name: "新小区", code: nil, address: nil, scope: staff)
        let building = try await units.create(parentID: compound.id, kind: .building, name: "1栋", code: nil, address: nil, scope: staff)
        let third = try await Self.member(context, "dy-third", gridID: newGrid.id)
        let a = try await Self.resident(context, in: Self.community)

        // In the grid: ties go to the earlier registration, then to whoever has fewer under way.
        let vulnerable = SupplyInput(items: "大米5公斤、食用油1桶", reason: "vulnerable")
        let first = try await supplies.request(householdID: a.household, vulnerable, scope: staff)
        let next = try await supplies.request(householdID: a.household, vulnerable, scope: staff)
        let third1 = try await supplies.request(householdID: a.household, vulnerable, scope: staff)
        #expect([first, next, third1].map(\.volunteerID) == [dangyuan, second.id, dangyuan] && first.status == .assigned && first.assignedAt != nil)
        // A new grid with its own member goes to them; the same grid without one falls back to the community's least busy.
        let lonely = try await HouseholdStore(context).create(buildingID: building.id, HouseholdInput(room: "101"), scope: staff)
        #expect(try await supplies.request(householdID: lonely.id, vulnerable, scope: staff).volunteerID == third.id)
        try await context.database.write { db in try await db.raw("UPDATE member_registrations SET grid_id = \(bind: grid.id) WHERE id = \(bind: third.id)").run() }
        let fallback = try await supplies.request(householdID: lonely.id, vulnerable, scope: staff)
        #expect(fallback.volunteerID == second.id && fallback.status == .assigned)
        // Another community has no members: the request stays open for its staff, who cannot hand it to ours.
        let otherStaff = try await Fixtures.scope(context, code: Self.other, role: .communityStaff)
        let b = try await Self.resident(context, in: Self.other)
        let open = try await supplies.request(householdID: b.household, vulnerable, scope: otherStaff)
        #expect(open.status == .open && open.volunteerID == nil)
        #expect(try await supplies.list(scope: otherStaff, status: .open).map(\.id) == [open.id])
        await Fixtures.expectError(ValidationError.self) { try await supplies.assign(open.id, volunteerID: second.id, scope: otherStaff) }
        await Fixtures.expectError(StoreError.self) { try await supplies.assign(open.id, volunteerID: second.id, scope: staff) }
        #expect(try await supplies.cancel(open.id, note: "家属已送达", scope: otherStaff).status == .cancelled)

        // The volunteer sees their deliveries and marks one delivered, once; another member cannot.
        #expect(try await supplies.list(scope: dangyuanScope).map(\.id).sorted() == [first.id, third1.id])
        await Fixtures.expectError(StoreError.self) { try await supplies.markDelivered(first.id, scope: second.scope) }
        let delivered = try await supplies.markDelivered(first.id, scope: dangyuanScope)
        #expect(delivered.status == .delivered && delivered.deliveredAt != nil)
        await Fixtures.expectError(StoreError.self) { try await supplies.markDelivered(first.id, scope: dangyuanScope) }
        await Fixtures.expectError(AccessDenied.self) { try await supplies.markDelivered(next.id, scope: staff) }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'supply_request' AND action = 'deliver'") == 1)
        // Staff reassign: the delivery moves to the other member's list.
        let moved = try await supplies.assign(third1.id, volunteerID: second.id, scope: staff)
        #expect(moved.volunteerID == second.id && moved.status == .assigned)
        #expect(try await supplies.list(scope: second.scope, status: .assigned).map(\.id).sorted() == [next.id, third1.id, fallback.id].sorted())
        await Fixtures.expectError(StoreError.self) { try await supplies.cancel(first.id, note: "", scope: staff) }

        // A resident asks for their own household only.
        let jumin = try await Fixtures.count(context, "SELECT id AS n FROM accounts WHERE username = 'jumin'")
        let resident = Scope(path: community.path, role: .resident, accountID: jumin, username: "jumin")
        let own = try await supplies.request(householdID: nil, SupplyInput(items: "降压药", reason: "vulnerable"), scope: resident)
        let ownList = try await supplies.list(scope: resident)
        #expect(ownList.contains { $0.id == own.id } && ownList.allSatisfy { $0.householdID == own.householdID })
        await Fixtures.expectError(AccessDenied.self) { try await supplies.request(householdID: b.household, vulnerable, scope: resident) }
        #expect(try await supplies.list(scope: staff).count == 6)
    }
}
