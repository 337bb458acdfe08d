import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Resident requests on the demo city: routing to the grid worker of the resident's household, who sees what, the
/// steps and their order, escalation up to a summons in one transaction, call-backs and exclusions decided one tier
/// up, the three rates recounted by hand, and Open311 keys and filters.
@Suite struct ServicesStoreTests {
    static let cityCode = "513401000000", streetCode = "513401001000", communityCode = "513401001003", gridCode = "513401001003001"

    struct World {
        let context: StoreContext
        let city: Scope, street: Scope, community: Scope, grid: Scope, resident: Scope, west: Scope
        let communityUnit: TerritoryUnit, gridUnit: TerritoryUnit
    }

    static func world(_ engine: Engine) async throws -> World {
        let context = try await Fixtures.city(engine)
        let jumin = try await Fixtures.count(context, "SELECT id AS n FROM accounts WHERE username = 'jumin'")
        let community = try await UnitStore(context).unit(code: communityCode, scope: .system)
        return World(context: context, city: try await Fixtures.scope(context, code: cityCode, role: .cityAdmin),
                     street: try await Fixtures.scope(context, code: streetCode, role: .streetAdmin),
                     community: try await Fixtures.scope(context, code: communityCode, role: .communityStaff),
                     grid: try await Fixtures.scope(context, code: gridCode, role: .gridWorker),
                     resident: Scope(path: community.path, role: .resident, accountID: jumin, username: "jumin"),
                     west: try await Fixtures.scope(context, code: "513401002000", role: .streetAdmin),
                     communityUnit: community, gridUnit: try await UnitStore(context).unit(code: gridCode, scope: .system))
    }

    static func category(_ context: StoreContext, _ code: String) async throws -> Int {
        try await Fixtures.count(context, "SELECT id AS n FROM request_categories WHERE service_code = '\(code)'")
    }


    @Test(arguments: Fixtures.engines)
    func residentsRequestReachesTheGridWorkerAndGoesRoundTheLoop(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = RequestStore(w.context)
        let noise = try await Self.category(w.context, "noise")
        // The resident names the community; the request goes to the grid of the resident's household and its worker.
        let r = try await store.submit(RequestInput(kind: "complaint", categoryID: noise, unitID: w.communityUnit.id, description: "楼上每晚装修到十一点"), scope: w.resident)
        let grid = try await Fixtures.count(w.context, "SELECT h.grid_id AS n FROM accounts a JOIN households h ON h.id = a.household_id WHERE a.username = 'jumin'")
        let staff = try await Fixtures.count(w.context, "SELECT handler_staff_id AS n FROM requests WHERE id = \(r.id)")
        #expect(r.handlerUnitID == grid && r.level == .grid && r.status == .submitted && r.source == "resident")
        #expect(try await Fixtures.count(w.context, "SELECT unit_id AS n FROM staff WHERE id = \(staff)") == grid)
        #expect(r.resolveBy.timeIntervalSince(r.createdAt) == 7 * 86_400)
        // Who sees it: the resident, the grid and everything above; not another resident, not the west street.
        #expect(try await store.list(scope: w.resident).contains { $0.id == r.id })
        #expect(try await store.list(scope: Scope(path: w.communityUnit.path, role: .resident, accountID: 999_999, username: "other")).isEmpty)
        await Fixtures.expectError(StoreError.self) { try await store.request(r.id, scope: w.west) }
        await Fixtures.expectError(AccessDenied.self) { try await store.list(scope: Scope(path: "/1/", role: .partyMember, accountID: 0, username: "p")) }

        await Fixtures.expectError(ValidationError.self) { try await store.act(r.id, .reply, note: "", scope: w.grid) }
        await Fixtures.expectError(StoreError.self) { try await store.act(r.id, .reply, note: "已处理", scope: w.grid) }  // not yet accepted
        _ = try await store.act(r.id, .accept, note: "", scope: w.grid)
        _ = try await store.act(r.id, .reply, note: "已约谈装修户，改为白天施工", scope: w.grid)
        // The handler cannot rate its own answer; the resident can, and "not solved" sends it back.
        await Fixtures.expectError(AccessDenied.self) { try await store.feedback(r.id, solved: true, satisfaction: "satisfied", comment: "", scope: w.grid) }
        await Fixtures.expectError(ValidationError.self) { try await store.feedback(r.id, solved: true, satisfaction: "great", comment: "", scope: w.resident) }
        let reopened = try await store.feedback(r.id, solved: false, satisfaction: "dissatisfied", comment: "仍有噪音", scope: w.resident)
        #expect(reopened.status == .accepted && reopened.solved == false)
        _ = try await store.act(r.id, .reply, note: "已再次上门，装修户承诺整改", scope: w.grid)
        let closed = try await store.feedback(r.id, solved: true, satisfaction: "basically_satisfied", comment: "", scope: w.resident)
        #expect(closed.status == .closed && closed.satisfaction == .basicallySatisfied)
        await Fixtures.expectError(StoreError.self) { try await store.withdraw(r.id, scope: w.resident) }
        let steps = try await store.timeline(r.id, scope: w.resident).map(\.action)
        #expect(steps == [.submit, .accept, .reply, .feedback, .reopen, .reply, .feedback])
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'request' AND entity_id = \(r.id)") == 6)

        // A place whose grid has no worker goes to the community, and says why.
        let bare = try await UnitStore(w.context).create(parentID: w.communityUnit.id, kind: .grid, name: "新网格", code: nil, address: nil, scope: .system)
        let other = try await store.submit(RequestInput(kind: "help", categoryID: noise, unitID: bare.id, description: "新网格的诉求内容"), scope: w.community)
        #expect(other.level == .community && other.handlerUnitID == w.communityUnit.id)
        #expect(try await store.timeline(other.id, scope: w.community).first?.note.contains("无网格员") == true)
    }

    @Test(arguments: Fixtures.engines)
    func escalationReachesDepartmentsThroughASummonsInOneTransaction(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = RequestStore(w.context)
        let r = try await store.submit(RequestInput(kind: "report", categoryID: try await Self.category(w.context, "illegal_building"), unitID: w.communityUnit.id,
                                                    description: "顶楼加建彩钢棚"), scope: w.community)
        #expect(r.level == .community)
        let up = try await store.act(r.id, .escalate, note: "社区无执法权", scope: w.community)
        let streetPath = try await UnitStore(w.context).unit(code: Self.streetCode, scope: .system).path
        #expect(up.level == .street && up.handlerPath == streetPath)
        await Fixtures.expectError(StoreError.self) { try await store.act(r.id, .escalate, note: "", scope: w.street) }
        // The community no longer handles it.
        await Fixtures.expectError(AccessDenied.self) { try await store.act(r.id, .reply, note: "x", scope: w.community) }
        let summonses = "SELECT COUNT(*) AS n FROM summons"
        let before = try await Fixtures.count(w.context, summonses)
        await Fixtures.expectError(ValidationError.self) { try await store.act(r.id, .summon, note: "", departmentIDs: [], scope: w.street) }
        #expect(try await Fixtures.count(w.context, summonses) == before)
        #expect(try await store.request(r.id, scope: w.street).level == .street)
        let cg = try await Fixtures.count(w.context, "SELECT id AS n FROM departments WHERE code = 'CG'")
        let sent = try await store.act(r.id, .summon, note: "请执法部门处置", departmentIDs: [cg], scope: w.street)
        let summons = try #require(sent.summonsID)
        #expect(sent.level == .department && sent.status == .accepted)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM summons s JOIN summons_targets t ON t.summons_id = s.id WHERE s.id = \(summons) AND t.department_id = \(cg) AND s.matter = 'resident_problem' AND s.status = 'open'") == 1)
    }

    @Test(arguments: Fixtures.engines)
    func exclusionsAndCallBacksAreTheTierAbovesAndRatesAreRecounted(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = RequestStore(w.context)
        let r = try await store.submit(RequestInput(kind: "complaint", categoryID: try await Self.category(w.context, "property"), unitID: w.communityUnit.id,
                                                    description: "物业费太高要求全免"), scope: w.community)
        _ = try await store.act(r.id, .accept, note: "", scope: w.community)
        await Fixtures.expectError(ValidationError.self) { try await store.flag(r.id, reason: "unreasonable", note: "短", scope: w.community) }
        _ = try await store.flag(r.id, reason: "unreasonable", note: "要求全免物业费无依据", scope: w.community)
        await Fixtures.expectError(AccessDenied.self) { try await store.decideFlag(r.id, approve: true, note: "", scope: w.community) }
        _ = try await store.act(r.id, .reply, note: "物业费按合同收取，已解释", scope: w.community)
        await Fixtures.expectError(AccessDenied.self) { try await store.feedback(r.id, solved: false, satisfaction: "dissatisfied", comment: "", scope: w.community) }
        _ = try await store.feedback(r.id, solved: false, satisfaction: "dissatisfied", comment: "", scope: w.street)
        #expect(try await store.decideFlag(r.id, approve: true, note: "同意", scope: w.street).flagStatus == "approved")
        await Fixtures.expectError(StoreError.self) { try await store.decideFlag(r.id, approve: false, note: "", scope: w.street) }

        let streetUnit = try await UnitStore(w.context).unit(code: Self.streetCode, scope: .system)
        let settings = RateSettings.defaults
        for period in ["2026Q3", "2026Q4"] {
            let (own, children) = try await RequestRatesStore(w.context).rates(unitID: streetUnit.id, period: period, scope: w.street)
            let p = try Period(period)
            for rates in [own] + children {
                let unit = try await UnitStore(w.context).unit(rates.unitID, scope: .system)
                let base = """
                    FROM requests WHERE withdrawn = 0 AND path LIKE '\(unit.path)%' AND created_at >= '\(Timestamp.format(p.start))' AND created_at < '\(Timestamp.format(p.end))'
                    """
                let now = Timestamp.format(w.context.clock())
                let due = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(base) AND (responded_at IS NOT NULL OR respond_by <= '\(now)')")
                let onTime = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(base) AND responded_at <= respond_by")
                let rated = { (s: String) in try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(base) AND satisfaction = '\(s)' AND (flag_status IS NULL OR flag_status <> 'approved')") }
                let (sat, basic, dis) = (try await rated("satisfied"), try await rated("basically_satisfied"), try await rated("dissatisfied"))
                let followUps = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(base) AND solved IS NOT NULL")
                let solved = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n \(base) AND solved = 1")
                #expect(rates.tally.due == due && rates.tally.respondedOnTime == onTime && rates.tally.followUps == followUps && rates.tally.solved == solved, "\(unit.name) \(period)")
                #expect(rates.tally.satisfied == sat && rates.tally.basicallySatisfied == basic && rates.tally.dissatisfied == dis, "\(unit.name) \(period)")
                var values: [RateComponent: Double] = [:]
                if due > 0 { values[.response] = Double(onTime) / Double(due) }
                if followUps > 0 { values[.resolution] = Double(solved) / Double(followUps) }
                if sat + basic + dis > 0 { values[.satisfaction] = (Double(sat) + 0.9 * Double(basic)) / Double(sat + basic + dis) }
                let total = values.keys.map { settings.weights[$0]! }.reduce(0, +)
                let composite = total == 0 ? nil : (values.map { settings.weights[$0.key]! * $0.value }.reduce(0, +) / total * 1000).rounded() / 10
                #expect(rates.composite == composite, "\(unit.name) \(period)")
            }
            #expect(children.map { $0.composite ?? -1 } == children.map { $0.composite ?? -1 }.sorted(by: >))
        }
        // The approved exclusion is out of satisfaction but still in resolution.
        let (q4, _) = try await RequestRatesStore(w.context).rates(unitID: w.communityUnit.id, period: "2026Q4", scope: w.community)
        #expect(q4.tally.excluded >= 1)
        await Fixtures.expectError(AccessDenied.self) { try await RequestRatesStore(w.context).rates(unitID: w.communityUnit.id, period: "2026Q4", scope: w.resident) }
    }

    @Test(arguments: Fixtures.engines)
    func open311KeysFileIntoTheirTerritoryAndListsFilter(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let open311 = Open311Store(w.context)
        let streetUnit = try await UnitStore(w.context).unit(code: Self.streetCode, scope: .system)
        await Fixtures.expectError(AccessDenied.self) { try await open311.createKey(name: "街道App", unitID: streetUnit.id, scope: w.street) }
        let key = try await open311.createKey(name: "北城App", unitID: streetUnit.id, scope: w.city)
        #expect(try await open311.client(forKey: "o311_wrong") == nil)
        let scope = try #require(try await open311.client(forKey: key))
        await Fixtures.expectError(ValidationError.self) {
            try await open311.submit(serviceCode: "road", description: "道路破损严重", addressID: "513401002001", address: "", latitude: nil, longitude: nil,
                                     name: "", phone: "", kind: nil, client: scope)
        }
        await Fixtures.expectError(ValidationError.self) {
            try await open311.submit(serviceCode: "teleport", description: "道路破损严重", addressID: nil, address: "x", latitude: nil, longitude: nil,
                                     name: "", phone: "", kind: nil, client: scope)
        }
        let (filed, token) = try await open311.submit(serviceCode: "road", description: "人行道砖块松动", addressID: Self.communityCode, address: "航天大道", latitude: 27.89,
                                                      longitude: 102.26, name: "李", phone: "13800001111", kind: "report", client: scope)
        #expect(filed.source == "open311" && filed.level == .community && filed.kind == .report)
        #expect(try await open311.request(token: token)?.id == filed.id)
        // The phone is stored encrypted, never as typed.
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM requests WHERE contact_phone_enc LIKE '%13800001111%'") == 0)
        #expect(try await RequestStore(w.context).revealPhone(filed.id, scope: w.community) == "13800001111")
        let unrouted = try await open311.submit(serviceCode: "noise", description: "广场舞音响太大", addressID: nil, address: "北城广场", latitude: nil, longitude: nil,
                                                name: "", phone: "", kind: nil, client: scope).request
        #expect(unrouted.level == .street && unrouted.handlerUnitID == streetUnit.id)
        let roads = try await open311.requests(Open311Filter(serviceCodes: ["road"]), client: scope)
        #expect(roads.contains { $0.request.id == filed.id && $0.full } && roads.allSatisfy { $0.request.serviceCode == "road" })
        #expect(try await open311.requests(Open311Filter(statuses: ["open"]), client: scope).contains { $0.request.id == filed.id })
        #expect(try await !open311.requests(Open311Filter(statuses: ["closed"]), client: scope).contains { $0.request.id == filed.id })
        #expect(try await open311.requests(Open311Filter(ids: [filed.id, unrouted.id]), client: scope).map(\.request.id).sorted() == [filed.id, unrouted.id])
        #expect(try await open311.requests(Open311Filter(start: w.context.clock().addingTimeInterval(60)), client: scope).isEmpty)
    }

    @Test(arguments: Fixtures.engines)
    func open311ListsPubliclyOnlyWhatIsPublished(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let open311 = Open311Store(w.context), requests = RequestStore(w.context), categories = RequestCategoryStore(w.context)
        let noise = try await Self.category(w.context, "noise")
        let file = { (isPublic: Bool) in
            try await requests.submit(RequestInput(kind: "complaint", categoryID: noise, unitID: w.communityUnit.id, description: "楼上每晚装修到十一点",
                                                   isPublic: isPublic), scope: w.resident)
        }
        let kept = try await file(false), agreed = try await file(true), withdrawn = try await file(true)
        _ = try await requests.withdraw(withdrawn.id, scope: w.resident)
        let ids = Open311Filter(ids: [kept.id, agreed.id, withdrawn.id])
        // The public sees only what the resident agreed to, never a withdrawn one, and that coarsened to the compound.
        let listed = try await open311.requests(ids)
        #expect(listed.map(\.request.id) == [agreed.id] && listed.allSatisfy { !$0.full })
        let place = try #require(listed.first?.place)
        #expect(place.kind == .compound && agreed.path.hasPrefix(place.path) && agreed.path != place.path)

        // A category made public by the city lists its requests whatever the resident chose; a street may not.
        await Fixtures.expectError(AccessDenied.self) { try await categories.setPublic(noise, true, scope: w.street) }
        // Only a leaf is a service: a top-level group or an unknown id is refused, and nothing changes.
        let group = try await Fixtures.count(w.context, "SELECT MIN(id) AS n FROM request_categories WHERE parent_id IS NULL")
        await Fixtures.expectError(ValidationError.self) { try await categories.setPublic(group, true, scope: w.city) }
        await Fixtures.expectError(ValidationError.self) { try await categories.setPublic(999_999, true, scope: w.city) }
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM request_categories WHERE is_public = 1") == 2)
        #expect(try await categories.setPublic(noise, true, scope: w.city).isPublic)
        #expect(try await open311.requests(ids).map(\.request.id) == [agreed.id, kept.id])
        _ = try await categories.setPublic(noise, false, scope: w.city)

        // Another system's key sees what the public sees, not more.
        let street = try await UnitStore(w.context).unit(code: Self.streetCode, scope: .system)
        let other = try #require(try await open311.client(forKey: try await open311.createKey(name: "另一系统", unitID: street.id, scope: w.city)))
        #expect(try await open311.requests(ids, client: other).map { "\($0.request.id) \($0.full)" } == ["\(agreed.id) false"])

        // The answer for the public goes with a reply only.
        await Fixtures.expectError(ValidationError.self) { try await requests.act(agreed.id, .accept, note: "", publicReply: "已受理", scope: w.grid) }
        _ = try await requests.act(agreed.id, .accept, note: "", scope: w.grid)
        await Fixtures.expectError(ValidationError.self) {
            try await requests.act(agreed.id, .reply, note: "已约谈", publicReply: String(repeating: "长", count: 501), scope: w.grid)
        }
        let replied = try await requests.act(agreed.id, .reply, note: "已约谈302室住户张某", publicReply: "已约谈装修户，改为白天施工", scope: w.grid)
        #expect(replied.publicReply == "已约谈装修户，改为白天施工" && replied.statusNote == "已约谈302室住户张某")
    }

    @Test(arguments: Fixtures.engines)
    func noticesReachTheirHouseholdsAndCountConfirmations(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let notices = NoticeStore(w.context)
        await Fixtures.expectError(ValidationError.self) { try await notices.publish(unitID: w.gridUnit.id, title: "", body: "", askAck: true, scope: w.grid) }
        await Fixtures.expectError(StoreError.self) { try await notices.publish(unitID: w.communityUnit.id, title: "越级", body: "网格员不能发社区通知", askAck: false, scope: w.grid) }
        let notice = try await notices.publish(unitID: w.gridUnit.id, title: "楼道清理", body: "周六清理楼道堆物，请配合。", askAck: true, scope: w.grid)
        let households = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM households WHERE path LIKE '\(w.gridUnit.path)%'")
        #expect(notice.households == households && notice.acknowledged == 0)
        await Fixtures.expectError(AccessDenied.self) { try await notices.acknowledge(notice.id, scope: w.grid) }
        #expect(try await notices.acknowledge(notice.id, scope: w.resident).acknowledged == 1)
        #expect(try await notices.acknowledge(notice.id, scope: w.resident).acknowledged == 1)  // saying it twice changes nothing
        let unread = try await notices.unread(notice.id, scope: w.grid)
        #expect(unread.count == households - 1)
        await Fixtures.expectError(StoreError.self) { try await notices.unread(notice.id, scope: w.west) }
        let plain = try await notices.publish(unitID: w.gridUnit.id, title: "停水", body: "周三停水", askAck: false, scope: w.grid)
        await Fixtures.expectError(StoreError.self) { try await notices.acknowledge(plain.id, scope: w.resident) }
        await Fixtures.expectError(ValidationError.self) {
            try await notices.setServiceInfo(communityID: w.communityUnit.id, openingHours: "", onlineMatters: "", phone: "", address: "", scope: w.community)
        }
        try await notices.setServiceInfo(communityID: w.communityUnit.id, openingHours: "工作日 9–17 时", onlineMatters: "居住证明", phone: "1", address: "x", scope: w.community)
        let page = try await notices.page(code: Self.communityCode)
        #expect(page.info?.openingHours == "工作日 9–17 时" && page.notices.contains { $0.id == notice.id })
        let grids = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'grid' AND parent_id = \(w.communityUnit.id)")
        #expect(page.gridWorkers.count == grids)
    }

    @Test(arguments: Fixtures.engines)
    func categoriesAndLimitsAreTheCitysAndChecked(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = RequestCategoryStore(w.context)
        let before = try await store.categories().count
        await Fixtures.expectError(AccessDenied.self) { try await store.create(parentID: nil, name: "街道自设", nameEn: "", timeClass: nil, serviceCode: nil, scope: w.street) }
        await Fixtures.expectError(ValidationError.self) { try await store.create(parentID: 1, name: "", nameEn: "", timeClass: "someday", serviceCode: "bad code!", scope: w.city) }
        let leaf = try await store.categories().first { $0.parentID != nil }!
        await Fixtures.expectError(ValidationError.self) { try await store.create(parentID: leaf.id, name: "三级", nameEn: "", timeClass: "general", serviceCode: "third", scope: w.city) }
        await Fixtures.expectError(StoreError.self) { try await store.create(parentID: 1, name: "重复代码", nameEn: "", timeClass: "general", serviceCode: "road", scope: w.city) }
        #expect(try await store.categories().count == before)
        let added = try await store.create(parentID: 1, name: "桥梁隐患", nameEn: "Bridge", timeClass: "urgent", serviceCode: "bridge", scope: w.city)
        let after = try await store.categories().count
        #expect(added.timeClass == .urgent && after == before + 1)
        await Fixtures.expectError(AccessDenied.self) { try await store.setLimit(RequestLimit.defaults[0], scope: w.street) }
        try await store.setLimit(try RequestLimit(timeClass: .general, respondMinutes: 60, resolveMinutes: 3 * 1440), scope: w.city)
        #expect(try await store.limits().first { $0.timeClass == .general }?.resolveMinutes == 3 * 1440)
    }
}
