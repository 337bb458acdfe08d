import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Participation on the demo city: registrations and their approval, a need claimed once even when two claim at
/// once, adoptions only of unmanaged compounds (and in the coverage counts), an event that never overfills under a
/// rush, hours only against real events or projects and only once confirmed, the service card, the scores.
@Suite struct ParticipationStoreTests {
    static let communityCode = "513401001003", gridCode = "513401001003001"

    struct World {
        let context: StoreContext
        let staff: Scope, west: Scope, liaison: Scope, member: Scope
        let community: TerritoryUnit, grid: TerritoryUnit
    }

    static func world(_ engine: Engine) async throws -> World {
        let context = try await Fixtures.city(engine)
        let community = try await UnitStore(context).unit(code: communityCode, scope: .system)
        let liaison = try await Fixtures.count(context, "SELECT id AS n FROM accounts WHERE username = 'lianluo'")
        let member = try await Fixtures.count(context, "SELECT id AS n FROM accounts WHERE username = 'dangyuan'")
        return World(context: context, staff: try await Fixtures.scope(context, code: communityCode, role: .communityStaff),
                     west: try await Fixtures.scope(context, code: "513401002001", role: .communityStaff),
                     liaison: Scope(path: community.path, role: .unitLiaison, accountID: liaison, username: "lianluo"),
                     member: Scope(path: community.path, role: .partyMember, accountID: member, username: "dangyuan"),
                     community: community, grid: try await UnitStore(context).unit(code: gridCode, scope: .system))
    }


    /// A fresh party member account of the community.
    static func newMember(_ w: World, _ name: String) async throws -> Scope {
        let account = try await AccountStore(w.context).create(username: name, displayName: name, password: "long-enough-1", role: .partyMember,
                                                               scopeUnitID: w.community.id, by: .system)
        return Scope(path: w.community.path, role: .partyMember, accountID: account.id, username: name)
    }

    @Test(arguments: Fixtures.engines)
    func registrationsClaimsAndAdoptions(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let registrations = RegistrationStore(w.context), needs = NeedStore(w.context)
        await Fixtures.expectError(StoreError.self) {  // the demo liaison's unit is registered already
            try await registrations.registerUnit(name: "第二家", kind: "enterprise", communityID: w.community.id, liaisonName: "李", liaisonPhone: "", venues: "场地",
                                                 skills: "", funds: "", volunteers: 0, jointCommittee: "none", commitment: "", scope: w.liaison)
        }
        await Fixtures.expectError(ValidationError.self) {
            try await registrations.registerUnit(name: "", kind: "club", communityID: w.community.id, liaisonName: "", liaisonPhone: "12x", venues: "", skills: "",
                                                 funds: "", volunteers: -1, jointCommittee: "x", commitment: "", scope: w.staff)
        }
        let unit = try await registrations.registerUnit(name: "测试物流公司", kind: "enterprise", communityID: w.community.id, liaisonName: "周", liaisonPhone: "13700000000",
                                                        venues: "", skills: "搬运", funds: "", volunteers: 5, jointCommittee: "community", commitment: "应急物资运输", scope: w.staff)
        #expect(try await registrations.units(scope: w.west).allSatisfy { $0.id != unit.id })

        let fresh = try await Self.newMember(w, "dy2")
        await Fixtures.expectError(ValidationError.self) {
            try await registrations.registerMember(name: "钱", employer: "", employerPartyOrg: "", communityID: w.community.id, posts: ["flying"], scope: fresh)
        }
        let reg = try await registrations.registerMember(name: "钱党员", employer: "市教育局", employerPartyOrg: "市教育局机关党委", communityID: w.community.id,
                                                         posts: ["legal_aid", "法律援助", "patrol"], scope: fresh)
        #expect(reg.status == .pending && reg.posts == [.legalAid, .patrol])
        await Fixtures.expectError(StoreError.self) {
            try await registrations.registerMember(name: "钱党员", employer: "x", employerPartyOrg: "y", communityID: w.community.id, posts: ["other"], scope: fresh)
        }
        // A pending member cannot claim; placing needs a grid and a compound of it.
        let need = try await needs.publish(communityID: w.community.id, title: "助餐", description: "为独居老人送餐服务", scope: w.staff)
        await Fixtures.expectError(AccessDenied.self) { try await needs.claim(need.id, commitment: "每天中午送餐上门", scope: fresh) }
        let compounds = try await UnitStore(w.context).children(of: w.grid.id, scope: .system).map(\.unit).filter { $0.kind == .compound }
        await Fixtures.expectError(ValidationError.self) { try await registrations.decide(reg.id, approve: true, gridID: w.grid.id, compoundID: nil, note: "", scope: w.staff) }
        await Fixtures.expectError(StoreError.self) { try await registrations.decide(reg.id, approve: true, gridID: w.grid.id, compoundID: compounds[0].id, note: "", scope: w.west) }
        let placed = try await registrations.decide(reg.id, approve: true, gridID: w.grid.id, compoundID: compounds[0].id, note: "", scope: w.staff)
        #expect(placed.status == .approved && placed.gridName == w.grid.name)

        // Two claims at once: one wins, the other is told it is taken.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await needs.claim(need.id, commitment: "每天中午送餐", scope: fresh)) != nil }
            group.addTask { (try? await needs.claim(need.id, commitment: "派司机送餐", scope: w.liaison)) != nil }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let claimed = try await needs.needs(scope: w.staff).first { $0.id == need.id }!
        #expect(claimed.status == .project && (claimed.memberID == reg.id) != (claimed.memberUnitID != nil))
        await Fixtures.expectError(ValidationError.self) { try await needs.progress(need.id, percent: 80, accept: true, scope: w.staff) }
        #expect(try await needs.progress(need.id, percent: 100, accept: true, scope: w.staff).status == .accepted)

        // Adoption: only an unmanaged compound, never overlapping; the coverage counts follow.
        await Fixtures.expectError(ValidationError.self) {
            try await needs.adopt(compoundID: compounds[0].id, memberUnitID: unit.id, responsibilities: "清扫与协调", startsOn: "2026-11-01", endsOn: "2027-10-31", scope: w.staff)
        }
        let street = try await UnitStore(w.context).unit(code: "513401001000", scope: .system)
        let before = try await CoverageStore(w.context).report(unitID: street.id, scope: .system).counts
        try await w.context.database.write { db in
            try await db.raw("DELETE FROM organizations WHERE unit_id = \(bind: compounds[0].id) AND kind IN ('property_company', 'owners_committee')").run()
        }
        try await needs.adopt(compoundID: compounds[0].id, memberUnitID: unit.id, responsibilities: "清扫与协调", startsOn: "2026-11-01", endsOn: "2027-10-31", scope: w.staff)
        await Fixtures.expectError(StoreError.self) {
            try await needs.adopt(compoundID: compounds[0].id, memberUnitID: unit.id, responsibilities: "再认领一次", startsOn: "2027-01-01", endsOn: "2027-12-31", scope: w.staff)
        }
        let after = try await CoverageStore(w.context).report(unitID: street.id, scope: .system).counts
        #expect(after.unmanagedCompounds == before.unmanagedCompounds + 1 && after.unmanagedAdopted == before.unmanagedAdopted + 1)
        #expect(after.unmanagedNotAdopted == before.unmanagedNotAdopted && after.unmanagedAdopted + after.unmanagedNotAdopted == after.unmanagedCompounds)
    }

    @Test(arguments: Fixtures.engines)
    func eventsNeverOverfillAndHoursNeedARealActivity(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let events = EventStore(w.context)
        await Fixtures.expectError(ValidationError.self) {
            try await events.create(communityID: w.community.id, kind: "party", title: "", description: "", place: "", startsAt: "2026-12-01 10:00", endsAt: "2026-12-01 09:00",
                                    capacity: 0, scope: w.staff)
        }
        let event = try await events.create(communityID: w.community.id, kind: "volunteer", title: "清扫楼道", description: "", place: "3栋", startsAt: "2026-11-20 09:00",
                                            endsAt: "2026-11-20 11:00", capacity: 5, scope: w.staff)
        var members: [Scope] = []
        for n in 0..<8 { members.append(try await Self.newMember(w, "v\(n)")) }
        let signed = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, m) in members.enumerated() { group.addTask { (index, (try? await events.signUp(event.id, name: m.username, scope: m)) != nil) } }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        #expect(signed.values.filter { $0 }.count == 5)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM event_signups WHERE event_id = \(event.id)") == 5)
        #expect(try await Fixtures.count(w.context, "SELECT signed_up AS n FROM events WHERE id = \(event.id)") == 5)
        let winner = try #require(members.indices.first { signed[$0] == true }.map { members[$0] })
        await Fixtures.expectError(StoreError.self) { try await events.signUp(event.id, name: winner.username, scope: winner) }
        await Fixtures.expectError(StoreError.self) { try await events.markAttendance(event.id, attended: [winner.accountID], scope: w.staff) }  // not started yet

        // The member registers and is confirmed; hours for the event count only once attended and confirmed.
        let later = StoreContext(database: w.context.database, cipher: w.context.cipher, clock: { try! LocalTime.parse("2026-11-21 09:00", field: "t") })
        let registration = try await RegistrationStore(w.context).registerMember(name: "志愿者", employer: "单位", employerPartyOrg: "支部", communityID: w.community.id,
                                                                                  posts: ["other"], scope: winner)
        let compound = try await UnitStore(w.context).children(of: w.grid.id, scope: .system).map(\.unit).first { $0.kind == .compound }!
        _ = try await RegistrationStore(w.context).decide(registration.id, approve: true, gridID: w.grid.id, compoundID: compound.id, note: "", scope: w.staff)
        let hours = HoursStore(later)
        await Fixtures.expectError(ValidationError.self) {
            try await hours.record(memberID: registration.id, memberUnitID: nil, eventID: event.id, needID: nil, servedOn: "2026-11-20", hours: 2, description: "清扫", scope: winner)
        }
        try await EventStore(later).markAttendance(event.id, attended: [winner.accountID], scope: w.staff)
        await Fixtures.expectError(ValidationError.self) {
            try await hours.record(memberID: registration.id, memberUnitID: nil, eventID: nil, needID: nil, servedOn: "2026-11-20", hours: 2, description: "没有依据", scope: winner)
        }
        await Fixtures.expectError(ValidationError.self) {
            try await hours.record(memberID: registration.id, memberUnitID: nil, eventID: event.id, needID: nil, servedOn: "2026-11-20", hours: 2.2, description: "清扫", scope: winner)
        }
        let own = try await hours.record(memberID: registration.id, memberUnitID: nil, eventID: event.id, needID: nil, servedOn: "2026-11-20", hours: 2, description: "清扫楼道", scope: winner)
        #expect(own.status == .pending)
        var card = try await HoursStore(later).card(memberID: registration.id, period: "2026Q4", scope: winner)
        #expect(card.hours == 0)  // not confirmed yet
        await Fixtures.expectError(AccessDenied.self) { try await hours.decide(own.id, approve: true, scope: winner) }
        _ = try await hours.decide(own.id, approve: true, scope: w.staff)
        card = try await HoursStore(later).card(memberID: registration.id, period: "2026Q4", scope: w.staff)
        let hand = try await Fixtures.count(w.context, "SELECT CAST(SUM(hours * 2) AS INTEGER) AS n FROM service_hours WHERE member_id = \(registration.id) AND status = 'approved' AND served_on >= '2026-10-01' AND served_on < '2027-01-01'")
        #expect(card.hours * 2 == Double(hand) && card.hours == 2 && card.employerPartyOrg == "支部")
        #expect(try await HoursStore(later).card(memberID: registration.id, period: "2026Q3", scope: w.staff).hours == 0)
        await Fixtures.expectError(StoreError.self) { try await HoursStore(later).card(memberID: registration.id, period: "2026Q4", scope: w.west) }

        // Two-way scores: the community rates the unit, the liaison rates the community; a second score replaces the first.
        let unit = try await Fixtures.count(w.context, "SELECT member_unit_id AS n FROM accounts WHERE username = 'lianluo'")
        try await HoursStore(w.context).score(year: 2026, memberUnitID: unit, stars: 3, comment: "", scope: w.staff)
        await Fixtures.expectError(ValidationError.self) { try await HoursStore(w.context).score(year: 2026, memberUnitID: unit, stars: 6, comment: "", scope: w.liaison) }
        let scores = try await HoursStore(w.context).scores(year: 2026, scope: w.staff)
        let row = try #require(scores.first { $0.unit == "西昌市某建筑公司" })
        #expect(row.byCommunity == 3 && row.byUnit == 4)
    }
}
