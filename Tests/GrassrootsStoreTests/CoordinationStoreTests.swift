import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Coordination on the demo city: departments and stations, summons with their clocks and timeline, the street's
/// decisions, scope, two-way evaluation and its published snapshots, the access list, the task gate and the settings.
/// The departments are this suite's own (codes `T-…`), so seeded departments never change what is asserted.
@Suite struct CoordinationStoreTests {
    static let cityCode = "513401000000", streetCode = "513401001000", communityCode = "513401001003"
    static let westStreetCode = "513401002000", westCommunityCode = "513401002001"
    /// The fixture clock: Wednesday 2026-11-18 19:06:40 Beijing time.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    struct World {
        let context: StoreContext
        let admin: Scope, street: Scope, police: Scope, health: Scope
        let pol: Department, hea: Department
        let streetUnit: TerritoryUnit, community: TerritoryUnit
    }

    static func world(_ engine: Engine) async throws -> World {
        let context = try await Fixtures.city(engine)
        let admin = try await Fixtures.scope(context, code: cityCode, role: .cityAdmin)
        let departments = DepartmentStore(context)
        let pol = try await departments.createDepartment(code: "T-POL", name: "测试公安局", nameEn: "Test Police", scope: admin)
        let hea = try await departments.createDepartment(code: "T-HEA", name: "测试卫健委", nameEn: "Test Health", scope: admin)
        return World(context: context, admin: admin, street: try await Fixtures.scope(context, code: streetCode, role: .streetAdmin),
                     police: officer(admin, pol, "officer-pol"), health: officer(admin, hea, "officer-hea"), pol: pol, hea: hea,
                     streetUnit: try await UnitStore(context).unit(code: streetCode, scope: .system),
                     community: try await UnitStore(context).unit(code: communityCode, scope: .system))
    }

    static func officer(_ admin: Scope, _ department: Department, _ name: String) -> Scope {
        Scope(path: admin.path, role: .departmentOfficer, accountID: 0, username: name, departmentID: department.id)
    }

    static func input(_ unitID: Int, _ departments: [Int], urgency: String = "general", stations: [Int] = []) -> SummonsInput {
        SummonsInput(unitID: unitID, matter: "resident_problem", urgency: urgency, title: "占道经营噪音扰民", description: "夜市摊点占道，居民多次投诉",
                     departmentIDs: departments, stationIDs: stations)
    }

    /// A moment in Beijing time, `2026-06-01 10:00`.
    static func local(_ text: String) -> Date { try! LocalTime.parse(text, field: "t") }
    static func utc(_ text: String) -> Date { Timestamp.parse(text)! }
    /// The same database with the clock at `text` (Beijing time).
    static func at(_ context: StoreContext, _ text: String) -> StoreContext {
        let date = local(text)
        return StoreContext(database: context.database, cipher: context.cipher, clock: { date })
    }

    static func expectNotFound<R>(_ body: () async throws -> R, sourceLocation: SourceLocation = #_sourceLocation) async {
        do { _ = try await body(); Issue.record("expected not found", sourceLocation: sourceLocation) }
        catch StoreError.notFound(_) {} catch { Issue.record("expected not found, got \(error)", sourceLocation: sourceLocation) }
    }

    static func expectConflict<R>(_ body: () async throws -> R, sourceLocation: SourceLocation = #_sourceLocation) async {
        do { _ = try await body(); Issue.record("expected a conflict", sourceLocation: sourceLocation) }
        catch StoreError.conflict(_) {} catch { Issue.record("expected a conflict, got \(error)", sourceLocation: sourceLocation) }
    }

    @Test(arguments: Fixtures.engines)
    func theCityKeepsDepartmentsAndStreetsTheirStations(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = DepartmentStore(w.context)
        #expect(w.pol.code == "T-POL" && w.pol.name == "测试公安局" && w.pol.nameEn == "Test Police")
        #expect(try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM departments d JOIN units u ON u.id = d.unit_id WHERE d.id IN (\(w.pol.id), \(w.hea.id)) AND u.code = '\(Self.cityCode)'
            """) == 2)
        await #expect(throws: AccessDenied.self) { try await store.createDepartment(code: "T-URB", name: "测试城管局", nameEn: "", scope: w.street) }
        await #expect(throws: ValidationError.self) { try await store.createDepartment(code: "T-POL", name: "另一个测试局", nameEn: "", scope: w.admin) }
        await #expect(throws: ValidationError.self) { try await store.createDepartment(code: "T-POL2", name: "测试公安局", nameEn: "", scope: w.admin) }
        await #expect(throws: ValidationError.self) { try await store.createDepartment(code: "T POL", name: "测试空格局", nameEn: "", scope: w.admin) }
        let departments = try await store.departments()
        #expect(departments.filter { [w.pol.id, w.hea.id].contains($0.id) } == [w.hea, w.pol] && !departments.contains { $0.code == "T-URB" || $0.code == "T-POL2" })

        let west = try await UnitStore(w.context).unit(code: Self.westStreetCode, scope: .system)
        let station = try await store.createStation(departmentID: w.pol.id, name: "测试北城派出所", kind: "police_station", streetUnitID: w.streetUnit.id, scope: w.street)
        #expect(station.departmentID == w.pol.id && station.kind == .policeStation && station.streetUnitID == w.streetUnit.id && station.streetName == "北城街道")
        await Self.expectNotFound { try await store.createStation(departmentID: w.pol.id, name: "测试西城派出所", kind: "police_station", streetUnitID: west.id, scope: w.street) }
        await #expect(throws: ValidationError.self) {
            try await store.createStation(departmentID: w.pol.id, name: "测试大通门警务室", kind: "police_station", streetUnitID: w.community.id, scope: w.street)
        }
        await #expect(throws: ValidationError.self) { try await store.createStation(departmentID: w.pol.id, name: "测试北城派出所", kind: "other", streetUnitID: w.streetUnit.id, scope: w.street) }
        await #expect(throws: ValidationError.self) { try await store.createStation(departmentID: w.pol.id, name: "测试营房", kind: "barracks", streetUnitID: w.streetUnit.id, scope: w.street) }
        await Self.expectNotFound { try await store.createStation(departmentID: -1, name: "测试无主站", kind: "other", streetUnitID: w.streetUnit.id, scope: w.street) }
        let staff = try await Fixtures.scope(w.context, code: Self.communityCode, role: .communityStaff)
        await #expect(throws: AccessDenied.self) { try await store.createStation(departmentID: w.pol.id, name: "测试社区站", kind: "other", streetUnitID: w.streetUnit.id, scope: staff) }
        // The city places a station in any street.
        let clinic = try await store.createStation(departmentID: w.hea.id, name: "测试西城卫生院", kind: "health_centre", streetUnitID: west.id, scope: w.admin)
        #expect(try await store.stations(departmentID: w.pol.id) == [station])
        #expect(try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM stations s JOIN units u ON u.id = s.street_unit_id
            WHERE s.id IN (\(station.id), \(clinic.id)) AND s.street_path = u.path AND u.kind = 'street'
            """) == 2)
        // A summons calling a department and its station calls it once, through the station; a missing station is refused.
        let summons = try await SummonsStore(w.context).raise(Self.input(w.community.id, [w.pol.id], stations: [station.id]), scope: w.street)
        #expect(summons.targets.count == 1 && summons.targets[0].stationID == station.id && summons.targets[0].name == "测试公安局 · 测试北城派出所")
        await #expect(throws: ValidationError.self) { try await SummonsStore(w.context).raise(Self.input(w.community.id, [], stations: [-5]), scope: w.street) }

        // Officers' accounts carry their department into their scope.
        let accounts = AccountStore(w.context)
        let city = try await UnitStore(w.context).unit(code: Self.cityCode, scope: .system)
        let officer = try await accounts.create(username: "t-officer-pol", displayName: "测试民警", password: "officer-2026", role: .departmentOfficer,
                                                scopeUnitID: city.id, departmentID: w.pol.id, by: .system)
        #expect(officer.scope.departmentID == w.pol.id && officer.scope.role == .departmentOfficer && officer.scope.path == city.path)
        await #expect(throws: ValidationError.self) {
            try await accounts.create(username: "t-officer-x", displayName: "无部门", password: "officer-2026", role: .departmentOfficer, scopeUnitID: city.id, by: .system)
        }
        await #expect(throws: ValidationError.self) {
            try await accounts.create(username: "t-street-x", displayName: "街道", password: "officer-2026", role: .streetAdmin, scopeUnitID: w.streetUnit.id,
                                      departmentID: w.pol.id, by: .system)
        }
        await #expect(throws: ValidationError.self) {
            try await accounts.create(username: "t-officer-y", displayName: "无此部门", password: "officer-2026", role: .departmentOfficer, scopeUnitID: city.id,
                                      departmentID: 999_999, by: .system)
        }
    }

    @Test(arguments: Fixtures.engines)
    func aStreetSummonsRunsItsClocksAndOnlyTheStreetCloses(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = SummonsStore(w.context)
        let raised = try await store.raise(Self.input(w.community.id, [w.pol.id]), scope: w.street)
        #expect(raised.status == .open && raised.sentAt == Self.now && raised.streetUnitID == w.streetUnit.id && raised.unitID == w.community.id)
        #expect(raised.raisedUnitID == w.streetUnit.id && raised.createdBy == "test-street_admin" && raised.urgency == .general)
        let target = try #require(raised.targets.first)
        #expect(raised.targets.count == 1 && target.status == .summoned && target.departmentID == w.pol.id && target.stationID == nil)
        let clocks = try #require(target.clocks)
        #expect(clocks.respondDue == Self.now.addingTimeInterval(24 * 3600) && clocks.arriveDue == nil)
        // Wednesday 18th: counting starts on Thursday 19th; the 7th working day is Friday 27th, ending 2026-11-28 00:00 Beijing.
        #expect(clocks.resolveDue == Self.utc("2026-11-27T16:00:00Z"))
        #expect(try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM summons_targets WHERE id = \(target.id)
            AND respond_due = '2026-11-19T11:06:40Z' AND resolve_due = '2026-11-27T16:00:00Z' AND arrive_due IS NULL
            """) == 1)

        let steps: [(String, SummonsAction, String)] = [("2026-11-18 20:00", .accept, ""), ("2026-11-18 21:00", .arrive, ""),
                                                         ("2026-11-19 09:00", .record, "已约谈商户，清理占道"), ("2026-11-19 10:00", .requestClosure, "占道已清理")]
        for (time, action, note) in steps {
            let after = try await SummonsStore(Self.at(w.context, time)).act(targetID: target.id, action, note: note, scope: w.police)
            #expect(after.status == .open, "\(action)")
        }
        let requested = try #require(try await store.summons(raised.id, scope: w.police).targets.first)
        #expect(requested.status == .closureRequested && requested.acceptedAt == Self.local("2026-11-18 20:00"))
        #expect(requested.arrivedAt == Self.local("2026-11-18 21:00") && requested.closureRequestedAt == Self.local("2026-11-19 10:00"))
        await #expect(throws: AccessDenied.self) { try await store.act(targetID: target.id, .close, note: "我方已办结", scope: w.police) }
        let closed = try await SummonsStore(Self.at(w.context, "2026-11-19 15:00")).act(targetID: target.id, .close, note: "现场核实已办结", scope: w.street)
        #expect(closed.status == .closed && closed.closedAt == Self.local("2026-11-19 15:00"))
        #expect(closed.targets[0].status == .closed && closed.targets[0].closedAt == Self.local("2026-11-19 15:00"))
        #expect(closed.targets[0].overdue(now: Self.local("2026-11-19 15:00")).isEmpty && !closed.isOverdue(now: Self.local("2026-12-30 00:00")))

        let timeline = try await store.timeline(raised.id, scope: w.street)
        #expect(timeline.map(\.action) == ["raise", "send", "accept", "arrive", "record", "request_closure", "close"])
        #expect(timeline.map(\.side) == [.street, .street, .department, .department, .department, .department, .street])
        #expect(timeline.map(\.username) == ["test-street_admin", "test-street_admin"] + Array(repeating: "officer-pol", count: 4) + ["test-street_admin"])
        #expect(timeline.map(\.targetID) == [nil, nil] + Array(repeating: Optional(target.id), count: 5))
        #expect(timeline.map(\.at) == [Self.now, Self.now] + (steps.map { $0.0 } + ["2026-11-19 15:00"]).map(Self.local))
        #expect(timeline[4].note == "已约谈商户，清理占道" && timeline[6].note == "现场核实已办结")
        #expect(try await store.timeline(raised.id, scope: w.police) == timeline)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM summons_events WHERE summons_id = \(raised.id)") == 7)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'summons' AND entity_id = \(raised.id)") == 6)
        // A closed summons takes no more steps.
        await Self.expectConflict { try await store.act(targetID: target.id, .reopen, note: "再看看", scope: w.street) }
    }

    @Test(arguments: Fixtures.engines)
    func aCommunitySummonsWaitsForItsStreet(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = SummonsStore(w.context)
        let staff = try await Fixtures.scope(w.context, code: Self.communityCode, role: .communityStaff)
        let raised = try await store.raise(Self.input(w.community.id, [w.pol.id]), scope: staff)
        #expect(raised.status == .pendingStreet && raised.sentAt == nil && raised.raisedUnitID == w.community.id)
        #expect(raised.targets.count == 1 && raised.targets[0].clocks == nil && raised.targets[0].status == .summoned)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM summons_targets WHERE summons_id = \(raised.id) AND respond_due IS NULL AND resolve_due IS NULL") == 1)
        await #expect(throws: AccessDenied.self) { try await store.decide(raised.id, send: true, note: "", scope: staff) }
        let west = try await Fixtures.scope(w.context, code: Self.westStreetCode, role: .streetAdmin)
        await Self.expectNotFound { try await store.decide(raised.id, send: true, note: "", scope: west) }
        // Nothing is done on a summons before it is sent.
        await Self.expectConflict { try await store.act(targetID: raised.targets[0].id, .close, note: "x", scope: w.street) }

        // Sent on Thursday 19th 09:00: the clocks start then; the 7th working day after is Monday 30th.
        let sent = try await SummonsStore(Self.at(w.context, "2026-11-19 09:00")).decide(raised.id, send: true, note: "", scope: w.street)
        #expect(sent.status == .open && sent.sentAt == Self.local("2026-11-19 09:00"))
        #expect(sent.targets[0].clocks?.respondDue == Self.local("2026-11-20 09:00") && sent.targets[0].clocks?.resolveDue == Self.utc("2026-11-30T16:00:00Z"))
        await Self.expectConflict { try await store.decide(raised.id, send: true, note: "", scope: w.street) }
        let timeline = try await store.timeline(raised.id, scope: w.street)
        #expect(timeline.map(\.action) == ["raise", "send"] && timeline.map(\.username) == ["test-community_staff", "test-street_admin"])
        #expect(timeline.allSatisfy { $0.side == .street && $0.targetID == nil })

        let second = try await store.raise(Self.input(w.community.id, [w.pol.id, w.hea.id]), scope: staff)
        await #expect(throws: ValidationError.self) { try await store.decide(second.id, send: false, note: "  ", scope: w.street) }
        let declined = try await store.decide(second.id, send: false, note: "属社区自治事项", scope: w.street)
        #expect(declined.status == .declined && declined.closedAt == Self.now && declined.sentAt == nil && declined.targets.allSatisfy { $0.clocks == nil })
        #expect(try await store.timeline(second.id, scope: staff).last?.note == "属社区自治事项")
        await Self.expectNotFound { try await store.summons(second.id, scope: w.police) }
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM summons WHERE id = \(second.id) AND status = 'declined' AND sent_at IS NULL") == 1)
    }

    @Test(arguments: Fixtures.engines)
    func extensionsAndReturnsWaitForTheStreet(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = SummonsStore(w.context)
        let raised = try await store.raise(Self.input(w.community.id, [w.pol.id, w.hea.id]), scope: w.street)
        let pol = try #require(raised.targets.first { $0.departmentID == w.pol.id }), hea = try #require(raised.targets.first { $0.departmentID == w.hea.id })
        func target(_ s: Summons, _ id: Int) throws -> SummonsTarget { try #require(s.targets.first { $0.id == id }) }
        _ = try await store.act(targetID: pol.id, .accept, note: "", scope: w.police)
        await #expect(throws: AccessDenied.self) { try await store.act(targetID: pol.id, .record, note: "越权记录", scope: w.health) }
        await #expect(throws: AccessDenied.self) { try await store.act(targetID: hea.id, .accept, note: "", scope: w.police) }
        await #expect(throws: AccessDenied.self) { try await store.act(targetID: pol.id, .approveRequest, note: "", scope: w.police) }

        await #expect(throws: ValidationError.self) { try await store.act(targetID: pol.id, .requestExtension, note: "需协调", until: "2026-11-25 18:00", scope: w.police) }
        await #expect(throws: ValidationError.self) { try await store.act(targetID: pol.id, .requestExtension, note: "需协调", until: nil, scope: w.police) }
        await #expect(throws: ValidationError.self) { try await store.act(targetID: pol.id, .requestExtension, note: " ", until: "2026-12-04 18:00", scope: w.police) }
        let asked = try target(try await store.act(targetID: pol.id, .requestExtension, note: "需协调住建部门", until: "2026-12-04 18:00", scope: w.police), pol.id)
        #expect(asked.pendingRequest == .extension_ && asked.pendingUntil == Self.local("2026-12-04 18:00") && asked.pendingReason == "需协调住建部门")
        #expect(asked.status == .accepted && asked.clocks?.resolveDue == Self.utc("2026-11-27T16:00:00Z"))
        // One request at a time.
        await #expect(throws: FieldError.self) { try await store.act(targetID: pol.id, .requestReturn, note: "非本部门职责", scope: w.police) }
        let extended = try target(try await store.act(targetID: pol.id, .approveRequest, note: "", scope: w.street), pol.id)
        #expect(extended.clocks?.resolveDue == Self.utc("2026-12-04T10:00:00Z") && extended.pendingRequest == nil && extended.pendingUntil == nil)
        #expect(try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM summons_targets WHERE id = \(pol.id) AND resolve_due = '2026-12-04T10:00:00Z' AND pending_request IS NULL AND status = 'accepted'
            """) == 1)
        _ = try await store.act(targetID: pol.id, .requestExtension, note: "再延一周", until: "2026-12-11 18:00", scope: w.police)
        await #expect(throws: ValidationError.self) { try await store.act(targetID: pol.id, .denyRequest, note: " ", scope: w.street) }
        let denied = try target(try await store.act(targetID: pol.id, .denyRequest, note: "不予再延", scope: w.street), pol.id)
        #expect(denied.clocks?.resolveDue == Self.utc("2026-12-04T10:00:00Z") && denied.pendingRequest == nil)

        let returning = try target(try await store.act(targetID: hea.id, .requestReturn, note: "不属卫健职责", scope: w.health), hea.id)
        #expect(returning.pendingRequest == .return && returning.status == .summoned)
        let afterReturn = try await store.act(targetID: hea.id, .approveRequest, note: "", scope: w.street)
        let returned = try target(afterReturn, hea.id)
        #expect(afterReturn.status == .open && returned.status == .returned && returned.returnedAt == Self.now)
        await #expect(throws: FieldError.self) { try await store.act(targetID: hea.id, .accept, note: "", scope: w.health) }

        await #expect(throws: ValidationError.self) { try await store.act(targetID: pol.id, .requestClosure, note: "", scope: w.police) }
        await #expect(throws: FieldError.self) { try await store.act(targetID: pol.id, .accept, note: "", scope: w.police) }
        await #expect(throws: FieldError.self) { try await store.act(targetID: pol.id, .close, note: "核实", scope: w.street) }
        await #expect(throws: FieldError.self) { try await store.act(targetID: pol.id, .approveRequest, note: "", scope: w.street) }
        _ = try await store.act(targetID: pol.id, .requestClosure, note: "已清理", scope: w.police)
        let reopened = try target(try await store.act(targetID: pol.id, .reopen, note: "现场仍有占道", scope: w.street), pol.id)
        #expect(reopened.status == .accepted && reopened.closureRequestedAt == nil)
        _ = try await store.act(targetID: pol.id, .requestClosure, note: "二次清理完毕", scope: w.police)
        let closed = try await store.act(targetID: pol.id, .close, note: "核实办结", scope: w.street)
        #expect(closed.status == .closed && closed.targets.map(\.status) == [pol, hea].map { $0.id == pol.id ? TargetStatus.closed : .returned })
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM summons WHERE id = \(raised.id) AND status = 'closed' AND closed_at IS NOT NULL") == 1)
        #expect(try await store.timeline(raised.id, scope: w.street).filter { $0.targetID == hea.id }.map(\.action) == ["request_return", "approve_request"])
    }

    @Test(arguments: Fixtures.engines)
    func everyoneSeesOnlyTheSummonsOfTheirScope(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = SummonsStore(w.context)
        let staff = try await Fixtures.scope(w.context, code: Self.communityCode, role: .communityStaff)
        let west = try await Fixtures.scope(w.context, code: Self.westStreetCode, role: .streetAdmin)
        let westCommunity = try await UnitStore(w.context).unit(code: Self.westCommunityCode, scope: .system)
        let a = try await store.raise(Self.input(w.community.id, [w.pol.id]), scope: w.street)
        let b = try await store.raise(Self.input(w.community.id, [w.pol.id]), scope: staff)
        let c = try await store.raise(Self.input(westCommunity.id, [w.hea.id]), scope: west)
        let ours: Set<Int> = [a.id, b.id, c.id]
        func seen(_ scope: Scope, _ status: SummonsStatus? = nil) async throws -> Set<Int> {
            Set(try await store.list(scope: scope, status: status).map(\.id)).intersection(ours)
        }
        let policeList = try await store.list(scope: w.police)
        #expect(policeList.map(\.id) == [a.id] && policeList[0].targets.map(\.departmentID) == [w.pol.id])
        #expect(try await seen(w.health) == [c.id])
        #expect(try await seen(w.street) == [a.id, b.id])
        #expect(try await seen(w.street, .pendingStreet) == [b.id])
        #expect(try await seen(staff) == [a.id, b.id])
        #expect(try await seen(west) == [c.id])
        #expect(try await seen(w.admin) == ours)
        let neighbour = try await Fixtures.scope(w.context, code: "513401001005", role: .communityStaff)
        #expect(try await seen(neighbour).isEmpty)
        let resident = try await Fixtures.scope(w.context, code: Self.communityCode, role: .resident)
        #expect(try await store.list(scope: resident).isEmpty)
        await Self.expectNotFound { try await store.summons(a.id, scope: west) }
        await Self.expectNotFound { try await store.summons(a.id, scope: resident) }
        await Self.expectNotFound { try await store.summons(b.id, scope: w.police) }
        await Self.expectNotFound { try await store.summons(c.id, scope: w.police) }
        await Self.expectNotFound { try await store.timeline(a.id, scope: west) }
        await Self.expectNotFound { try await store.act(targetID: a.targets[0].id, .close, note: "越界", scope: west) }
        await Self.expectNotFound { try await store.act(targetID: c.targets[0].id, .accept, note: "", scope: w.police) }
        await Self.expectNotFound { try await store.raise(Self.input(westCommunity.id, [w.pol.id]), scope: w.street) }
        await #expect(throws: AccessDenied.self) { try await store.raise(Self.input(w.community.id, [w.pol.id]), scope: resident) }
        await #expect(throws: AccessDenied.self) { try await store.raise(Self.input(w.community.id, [w.pol.id]), scope: w.police) }
        // Once sent, the community's summons reaches the officer; the list agrees with a hand count.
        _ = try await store.decide(b.id, send: true, note: "", scope: w.street)
        #expect(try await seen(w.police) == [a.id, b.id])
        #expect(try await store.list(scope: w.police).count == (try await Fixtures.count(w.context, """
            SELECT COUNT(DISTINCT s.id) AS n FROM summons s JOIN summons_targets t ON t.summons_id = s.id
            WHERE t.department_id = \(w.pol.id) AND s.status IN ('open', 'closed')
            """)))
    }

    @Test(arguments: Fixtures.engines)
    func brokenLimitsShowAsOverdue(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let general = try await SummonsStore(w.context).raise(Self.input(w.community.id, [w.pol.id]), scope: w.street)
        #expect(!general.isOverdue(now: Self.now) && general.targets[0].overdue(now: Self.now).isEmpty)
        let later = Self.now.addingTimeInterval(25 * 3600)
        let seen = try await SummonsStore(StoreContext(database: w.context.database, cipher: w.context.cipher, clock: { later })).summons(general.id, scope: w.street)
        #expect(seen.isOverdue(now: later) && seen.targets[0].overdue(now: later) == [.respond])

        // Emergency: accept within 15 minutes, arrive within 30, resolve by the end of the next working day (Thursday 19th).
        let emergency = try await SummonsStore(w.context).raise(Self.input(w.community.id, [w.pol.id], urgency: "emergency"), scope: w.street)
        let clocks = try #require(emergency.targets[0].clocks)
        #expect(clocks.respondDue == Self.now.addingTimeInterval(15 * 60) && clocks.arriveDue == Self.now.addingTimeInterval(30 * 60))
        #expect(clocks.resolveDue == Self.utc("2026-11-19T16:00:00Z"))
        #expect(emergency.targets[0].overdue(now: Self.now.addingTimeInterval(20 * 60)) == [.respond])
        #expect(emergency.targets[0].overdue(now: Self.now.addingTimeInterval(40 * 60)) == [.respond, .arrive])
        let arriveAt = Self.now.addingTimeInterval(25 * 60)
        let arrived = try await SummonsStore(StoreContext(database: w.context.database, cipher: w.context.cipher, clock: { arriveAt }))
            .act(targetID: emergency.targets[0].id, .arrive, note: "", scope: w.police)
        // Arriving counts as accepting too: late for the 15 minutes, in time for the 30.
        #expect(arrived.targets[0].acceptedAt == arriveAt && arrived.targets[0].overdue(now: Self.now.addingTimeInterval(3600)) == [.respond])
        #expect(arrived.targets[0].overdue(now: Self.local("2026-11-20 09:00")) == [.respond, .resolve] && arrived.isOverdue(now: Self.local("2026-11-20 09:00")))
    }

    @Test(arguments: Fixtures.engines)
    func evaluationCountsTheRecordsAndPublishedScoresAreVerified(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let west = try await Fixtures.scope(w.context, code: Self.westStreetCode, role: .streetAdmin)
        let westStreet = try await UnitStore(w.context).unit(code: Self.westStreetCode, scope: .system)
        let westCommunity = try await UnitStore(w.context).unit(code: Self.westCommunityCode, scope: .system)
        func at(_ time: String) -> SummonsStore { SummonsStore(Self.at(w.context, time)) }
        // A past quarter the demo leaves alone (it publishes 2026Q3). Monday 2026-06-01 10:00: respond by Tuesday 10:00,
        // resolve by the end of Wednesday 10th (7 working days).
        let s1 = try await at("2026-06-01 10:00").raise(Self.input(w.community.id, [w.pol.id]), scope: w.street).targets[0].id
        let s2 = try await at("2026-06-01 10:00").raise(Self.input(w.community.id, [w.pol.id]), scope: w.street).targets[0].id
        let s3 = try await at("2026-06-01 10:00").raise(Self.input(w.community.id, [w.pol.id]), scope: w.street).targets[0].id
        let s4 = try await at("2026-06-01 10:00").raise(Self.input(westCommunity.id, [w.hea.id]), scope: west)
        #expect(s4.targets[0].clocks?.resolveDue == Self.local("2026-06-11 00:00"))
        _ = try await at("2026-06-01 12:00").act(targetID: s1, .accept, note: "", scope: w.police)
        _ = try await at("2026-06-01 15:00").act(targetID: s3, .requestReturn, note: "非公安职责", scope: w.police)
        _ = try await at("2026-06-01 16:00").act(targetID: s3, .approveRequest, note: "", scope: w.street)
        _ = try await at("2026-06-03 10:00").act(targetID: s2, .accept, note: "", scope: w.police)
        _ = try await at("2026-06-03 10:00").act(targetID: s1, .requestClosure, note: "已处理", scope: w.police)
        _ = try await at("2026-06-03 18:00").act(targetID: s1, .close, note: "核实", scope: w.street)
        _ = try await at("2026-06-20 10:00").act(targetID: s2, .requestClosure, note: "已处理", scope: w.police)
        _ = try await at("2026-06-22 10:00").act(targetID: s2, .close, note: "核实", scope: w.street)
        func ratings(_ time: String) -> EvaluationStore { EvaluationStore(Self.at(w.context, time)) }
        try await ratings("2026-06-25 09:00").rate(period: "2026Q2", streetUnitID: w.streetUnit.id, departmentID: w.pol.id, stars: 2, comment: "", scope: w.street)
        try await ratings("2026-06-26 09:00").rate(period: "2026Q2", streetUnitID: w.streetUnit.id, departmentID: w.pol.id, stars: 4, comment: "响应较快", scope: w.street)
        try await ratings("2026-06-26 09:00").rate(period: "2026q2", streetUnitID: w.streetUnit.id, departmentID: w.pol.id, stars: 5, comment: "", scope: w.police)
        await #expect(throws: AccessDenied.self) {
            try await ratings("2026-06-26 09:00").rate(period: "2026Q2", streetUnitID: w.streetUnit.id, departmentID: w.hea.id, stars: 5, comment: "", scope: w.police)
        }
        await #expect(throws: ValidationError.self) {
            try await ratings("2026-06-26 09:00").rate(period: "2026Q2", streetUnitID: w.streetUnit.id, departmentID: w.pol.id, stars: 6, comment: "", scope: w.street)
        }
        await #expect(throws: ValidationError.self) {
            try await ratings("2026-06-26 09:00").rate(period: "2026Q2", streetUnitID: w.community.id, departmentID: w.pol.id, stars: 3, comment: "", scope: w.street)
        }
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM coordination_ratings WHERE department_id = \(w.pol.id) AND period = '2026Q2'") == 2)
        // Hand counts of the police records: one acceptance and one closure in time of the two worked, one returned.
        let polTargets = "FROM summons_targets t WHERE t.department_id = \(w.pol.id)"
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(polTargets) AND t.returned_at IS NULL AND t.accepted_at <= t.respond_due") == 1)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(polTargets) AND t.returned_at IS NULL AND t.closed_at <= t.resolve_due") == 1)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(polTargets) AND t.returned_at IS NOT NULL") == 1)

        struct Key: Hashable { let rater: Side; let street: Int; let department: Int }
        func mine(_ rows: [EvaluationRow]) -> [Key: EvaluationRow] {
            Dictionary(uniqueKeysWithValues: rows.filter { [w.pol.id, w.hea.id].contains($0.departmentID) }
                .map { (Key(rater: $0.rater, street: $0.streetUnitID, department: $0.departmentID), $0) })
        }
        let july = Self.at(w.context, "2026-07-10 09:00")
        let live = mine(try await EvaluationStore(july).evaluation(period: "2026Q2", scope: w.admin))
        #expect(live.count == 4 && live.values.allSatisfy { $0.computedAt == nil })
        let polByStreet = try #require(live[Key(rater: .street, street: w.streetUnit.id, department: w.pol.id)])
        #expect(polByStreet.parts.map(\.share) == [Share(1, of: 2), Share(1, of: 2), nil] && polByStreet.parts[2].stars == 4)
        #expect(polByStreet.parts.map(\.value) == [0.5, 0.5, 0.75] && polByStreet.departmentName == "测试公安局" && polByStreet.streetName == "北城街道")
        #expect(polByStreet.score == 55.0)  // 0.4 × 0.5 + 0.4 × 0.5 + 0.2 × 0.75
        let streetByPol = try #require(live[Key(rater: .department, street: w.streetUnit.id, department: w.pol.id)])
        // Verification: closed 8 hours after the request (in time) and 48 hours after (late); accuracy: 2 of 3 not returned.
        #expect(streetByPol.parts.map(\.share) == [Share(1, of: 2), Share(2, of: 3), nil] && streetByPol.parts[2].value == 1.0)
        #expect(streetByPol.score == 70.0)  // 0.4 × 0.5 + 0.3 × 2/3 + 0.3 × 1
        let heaByWest = try #require(live[Key(rater: .street, street: westStreet.id, department: w.hea.id)])
        #expect(heaByWest.parts.map(\.share) == [Share(0, of: 1), Share(0, of: 1), nil] && heaByWest.score == 0.0)
        // Only accuracy has data: its weight is scaled up to the whole.
        let westByHea = try #require(live[Key(rater: .department, street: westStreet.id, department: w.hea.id)])
        #expect(westByHea.parts.map(\.value) == [nil, 1.0, nil] && westByHea.score == 100.0)
        #expect(try await EvaluationStore(july).evaluation(period: "2026Q2", scope: w.police).allSatisfy { $0.departmentID == w.pol.id })

        await #expect(throws: ValidationError.self) { try await EvaluationStore(Self.at(w.context, "2026-06-30 23:59")).publish(period: "2026Q2", scope: w.admin) }
        await #expect(throws: AccessDenied.self) { try await EvaluationStore(july).publish(period: "2026Q2", scope: w.street) }
        let published = try await EvaluationStore(july).publish(period: "2026Q2", scope: w.admin)
        #expect(published >= 4)
        #expect(published == (try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM evaluation_scores WHERE period = '2026Q2'")))
        let stored = mine(try await EvaluationStore(Self.at(w.context, "2026-08-01 09:00")).evaluation(period: "2026Q2", scope: w.admin))
        #expect(Set(stored.keys) == Set(live.keys))
        for (key, row) in live {
            #expect(stored[key]?.parts == row.parts && stored[key]?.score == row.score && stored[key]?.computedAt == Self.local("2026-07-10 09:00"), "\(key)")
        }
        await Self.expectConflict { try await EvaluationStore(july).publish(period: "2026Q2", scope: w.admin) }
        await Self.expectConflict {
            try await EvaluationStore(july).rate(period: "2026Q2", streetUnitID: w.streetUnit.id, departmentID: w.pol.id, stars: 1, comment: "", scope: w.street)
        }
        #expect(try await EvaluationStore(july).history(scope: w.police).filter { $0.period == "2026Q2" }.count == 2)
        let check = "published evaluation = recount of its records"
        #expect(try await Verifier(w.context).run().first { $0.name == check }?.violations == 0)
        // An extension approved after publication leaves the recount as published: the limit that held then counts.
        let heaOfficer = Self.officer(w.admin, w.hea, "hea")
        _ = try await at("2026-08-01 09:00").act(targetID: s4.targets[0].id, .requestExtension, note: "需协调", until: "2026-09-01 18:00", scope: heaOfficer)
        _ = try await at("2026-08-01 10:00").act(targetID: s4.targets[0].id, .approveRequest, note: "", scope: west)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM summons_extensions WHERE target_id = \(s4.targets[0].id)") == 1)
        #expect(try await Verifier(w.context).run().first { $0.name == check }?.violations == 0)
        try await w.context.database.write { db in
            try await db.raw("UPDATE evaluation_scores SET score = score + 1 WHERE department_id IN (\(bind: w.pol.id), \(bind: w.hea.id))").run()
        }
        #expect(try await Verifier(w.context).run().first { $0.name == check }?.violations == 4)
    }

    @Test(arguments: Fixtures.engines)
    func theAccessListGatesDepartmentTasks(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let access = AccessStore(w.context), tasks = DepartmentTaskStore(w.context)
        func apply(_ code: String, _ scope: Scope) async throws -> AccessItem {
            try await access.apply(code: code, title: "治安巡查协助", kind: "assisted", legalBasis: "《治安管理处罚法》", departmentID: w.pol.id,
                                   funded: true, authorized: false, scope: scope)
        }
        let item = try await apply("T-A01", w.police)
        #expect(item.status == .applied && item.departmentID == w.pol.id && item.kind == .assisted && item.funded && !item.authorized)
        let unlisted = try await apply("T-A02", w.police)
        await #expect(throws: AccessDenied.self) { try await apply("T-A03", w.health) }
        await #expect(throws: AccessDenied.self) { try await apply("T-A04", w.street) }
        await #expect(throws: ValidationError.self) { try await apply("T-A01", w.police) }
        await #expect(throws: AccessDenied.self) { try await access.decide(itemID: item.id, .approve, note: "", scope: w.police) }
        await #expect(throws: FieldError.self) { try await access.decide(itemID: item.id, .enter, note: "", scope: w.admin) }
        #expect(try await access.decide(itemID: item.id, .approve, note: "依据充分", scope: w.admin).status == .approved)
        let listed = try await access.decide(itemID: item.id, .enter, note: "", scope: w.admin)
        #expect(listed.status == .listed)
        #expect(try await access.items().first { $0.id == item.id } == listed)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM access_items WHERE id = \(item.id) AND status = 'listed' AND decided_by = 'test-city_admin'") == 1)

        func submit(_ title: String, item: Int?, forms: Int, inspections: Int, askStreet: Bool = false, scope: Scope? = nil,
                    unit: Int? = nil) async throws -> DepartmentTask {
            try await tasks.submit(title: title, communityUnitID: unit ?? w.community.id, accessItemID: item, forms: forms, inspections: inspections,
                                   askStreet: askStreet, scope: scope ?? w.police)
        }
        let accepted = try await submit("夜间巡逻登记", item: item.id, forms: 2, inspections: 1)
        #expect(accepted.status == .accepted && accepted.reason == "" && accepted.accessItemID == item.id && accepted.communityName == w.community.name)
        let refused = try await submit("填报治安台账", item: nil, forms: 5, inspections: 0)
        #expect(refused.status == .refused && refused.reason == "未引用准入清单事项")
        let notListed = try await submit("反诈宣传入户", item: unlisted.id, forms: 1, inspections: 1)
        #expect(notListed.status == .refused && notListed.reason.contains("不在准入清单内"))
        let foreign = try await submit("疫苗接种统计", item: item.id, forms: 4, inspections: 0, scope: w.health)
        #expect(foreign.status == .refused && foreign.reason == "所引用事项不属于本部门")
        let pending = try await submit("重点人员走访", item: nil, forms: 3, inspections: 2, askStreet: true)
        let other = try await submit("消防检查陪同", item: nil, forms: 1, inspections: 4, askStreet: true)
        let waiting = try await submit("出租屋登记", item: nil, forms: 1, inspections: 1, askStreet: true)
        #expect(pending.status == .pendingStreet && pending.reason == "未引用准入清单事项")
        let westStaff = try await Fixtures.scope(w.context, code: Self.westStreetCode, role: .streetAdmin)
        await #expect(throws: AccessDenied.self) { try await tasks.decide(taskID: pending.id, approve: true, note: "", scope: westStaff) }
        await #expect(throws: AccessDenied.self) { try await tasks.decide(taskID: pending.id, approve: true, note: "", scope: w.police) }
        #expect(try await tasks.decide(taskID: pending.id, approve: true, note: "", scope: w.street).status == .approved)
        await Self.expectConflict { try await tasks.decide(taskID: pending.id, approve: false, note: "改主意", scope: w.street) }
        await #expect(throws: ValidationError.self) { try await tasks.decide(taskID: other.id, approve: false, note: " ", scope: w.street) }
        let rejected = try await tasks.decide(taskID: other.id, approve: false, note: "非社区职责", scope: w.street)
        #expect(rejected.status == .rejected && rejected.reason.hasSuffix("街道：非社区职责"))
        await #expect(throws: ValidationError.self) { try await submit("街道层面统计", item: nil, forms: 1, inspections: 0, unit: w.streetUnit.id) }
        await #expect(throws: ValidationError.self) { try await submit("报表过多", item: nil, forms: 1001, inspections: 0) }
        await #expect(throws: AccessDenied.self) { try await submit("街道自派", item: nil, forms: 0, inspections: 0, scope: w.street) }
        await Self.expectNotFound { try await submit("引用不存在事项", item: 999_999, forms: 0, inspections: 0) }

        // Burden of November: police took 2 (forms 2 + 3, inspections 1 + 2), kept off 3, 1 waits; health kept off 1.
        let burden = try await tasks.burden(period: "2026-11", scope: w.admin).filter { [w.pol.id, w.hea.id].contains($0.departmentID) }
        let police = try #require(burden.first { $0.departmentID == w.pol.id }), health = try #require(burden.first { $0.departmentID == w.hea.id })
        #expect(police.taken == 2 && police.keptOff == 3 && police.pending == 1 && police.forms == 5 && police.inspections == 3)
        #expect(health.taken == 0 && health.keptOff == 1 && health.pending == 0 && health.forms == 0)
        let taken = "FROM department_tasks WHERE department_id = \(w.pol.id) AND status IN ('accepted', 'approved')"
        #expect(police.taken == (try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(taken)")))
        #expect(police.forms == (try await Fixtures.count(w.context, "SELECT SUM(forms) AS n \(taken)")))
        #expect(police.keptOff == (try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM department_tasks WHERE department_id = \(w.pol.id) AND status IN ('refused', 'rejected')")))
        #expect(try await tasks.burden(period: "2026-11", scope: w.police).map(\.departmentID) == [w.pol.id])
        #expect(try await tasks.burden(period: "2026-11", scope: westStaff).allSatisfy { ![w.pol.id, w.hea.id].contains($0.departmentID) })
        #expect(try await tasks.burden(period: "2026-10", scope: w.admin).allSatisfy { ![w.pol.id, w.hea.id].contains($0.departmentID) })
        #expect(Set(try await tasks.tasks(scope: w.police).map(\.id)) == [accepted.id, refused.id, notListed.id, pending.id, other.id, waiting.id])

        try await access.addCertificate(title: "测试无犯罪记录证明", allowed: false, basis: "由公安机关出具", scope: w.admin)
        await #expect(throws: ValidationError.self) { try await access.addCertificate(title: " 测试无犯罪记录证明 ", allowed: true, basis: "", scope: w.admin) }
        await #expect(throws: AccessDenied.self) { try await access.addCertificate(title: "测试居住证明", allowed: true, basis: "", scope: w.street) }
        #expect(try await access.certificates().filter { $0.title.hasPrefix("测试") }.map(\.allowed) == [false])
    }

    @Test(arguments: Fixtures.engines)
    func theCitySetsTimeLimitsCalendarAndWeights(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let settings = CoordinationSettings(w.context)
        let before = try await SummonsStore(w.context).raise(Self.input(w.community.id, [w.pol.id]), scope: w.street)
        let twoDays = try TimeLimit(urgency: .general, respondMinutes: 60, arriveMinutes: nil, resolveWorkingDays: 2)
        await #expect(throws: AccessDenied.self) { try await settings.setTimeLimit(twoDays, scope: w.street) }
        #expect(throws: ValidationError.self) { try TimeLimit(urgency: .general, respondMinutes: 60, arriveMinutes: nil, resolveWorkingDays: 0) }
        try await settings.setTimeLimit(twoDays, scope: w.admin)
        #expect(try await settings.timeLimits().first { $0.urgency == .general } == twoDays)
        // Wednesday 18th + 2 working days: Thursday and Friday, due 2026-11-21 00:00 Beijing. Earlier summons keep their clocks.
        let after = try await SummonsStore(w.context).raise(Self.input(w.community.id, [w.pol.id]), scope: w.street)
        #expect(after.targets[0].clocks?.respondDue == Self.now.addingTimeInterval(3600) && after.targets[0].clocks?.resolveDue == Self.utc("2026-11-20T16:00:00Z"))
        #expect(try await SummonsStore(w.context).summons(before.id, scope: w.street).targets[0].clocks?.resolveDue == Self.utc("2026-11-27T16:00:00Z"))

        // Sent Monday 23rd: Tuesday and Wednesday, due Thursday 00:00; a holiday on Tuesday moves it a day later.
        let monday = SummonsStore(Self.at(w.context, "2026-11-23 10:00"))
        #expect(try await monday.raise(Self.input(w.community.id, [w.pol.id]), scope: w.street).targets[0].clocks?.resolveDue == Self.utc("2026-11-25T16:00:00Z"))
        await #expect(throws: AccessDenied.self) { try await settings.setCalendarDay("2026-11-24", working: false, note: "", scope: w.street) }
        await #expect(throws: FieldError.self) { try await settings.setCalendarDay("2026-02-30", working: false, note: "", scope: w.admin) }
        try await settings.setCalendarDay("2026-11-24", working: false, note: "测试假日", scope: w.admin)
        #expect(try await settings.calendar().holidays.contains("2026-11-24"))
        #expect(try await monday.raise(Self.input(w.community.id, [w.pol.id]), scope: w.street).targets[0].clocks?.resolveDue == Self.utc("2026-11-26T16:00:00Z"))
        // A make-up Saturday counts as a working day: sent Thursday 26th, Friday and Saturday, due Sunday 00:00.
        try await settings.setCalendarDay("2026-11-28", working: true, note: "测试调休", scope: w.admin)
        let thursday = SummonsStore(Self.at(w.context, "2026-11-26 10:00"))
        #expect(try await thursday.raise(Self.input(w.community.id, [w.pol.id]), scope: w.street).targets[0].clocks?.resolveDue == Self.utc("2026-11-28T16:00:00Z"))
        try await settings.setCalendarDay("2026-11-24", working: nil, note: "", scope: w.admin)
        #expect(try await monday.raise(Self.input(w.community.id, [w.pol.id]), scope: w.street).targets[0].clocks?.resolveDue == Self.utc("2026-11-25T16:00:00Z"))
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM calendar_days WHERE day IN ('2026-11-24', '2026-11-28')") == 1)

        #expect(throws: ValidationError.self) { try EvaluationWeights(side: .street, [.response: 0.5, .resolution: 0.4, .attitude: 0.2]) }
        #expect(throws: ValidationError.self) { try EvaluationWeights(side: .street, [.response: 0.4, .resolution: 0.4, .cooperation: 0.2]) }
        #expect(try await settings.weights(.street) == EvaluationWeights.defaults(.street))
        let even = try EvaluationWeights(side: .street, [.response: 0.5, .resolution: 0.5, .attitude: 0])
        await #expect(throws: AccessDenied.self) { try await settings.setWeights(even, side: .street, scope: w.street) }
        try await settings.setWeights(even, side: .street, scope: w.admin)
        #expect(try await settings.weights(.street) == even)
        #expect(try await settings.weights(.department) == EvaluationWeights.defaults(.department))
    }
}
