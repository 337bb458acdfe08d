import Foundation
import GrassrootsCore
import SQLKit

/// Participation for the demo, in 大通门社区: two registered units (one registered by the liaison `lianluo`), the
/// party member `dangyuan` registered, confirmed and placed; needs unmatched, under way and accepted; an unmanaged
/// compound adopted; a neighbourhood festival held last week (attended) and a party-lesson open day to come; hours
/// confirmed and waiting; the year's two-way scores. Every step goes through the stores at its own time.
struct DemoParticipation {
    let context: StoreContext

    func build() async throws {
        guard let grid = try? await UnitStore(context).unit(code: "513401001003001", scope: .system) else { return }
        let community = try await UnitStore(context).unit(grid.parentID!, scope: .system)
        let accounts = try await context.database.read { db in
            try await db.raw("SELECT id, username FROM accounts WHERE username IN ('lianluo', 'dangyuan')").all().reduce(into: [String: Int]()) {
                $0[try $1.decode(column: "username", as: String.self)] = try $1.decode(column: "id", as: Int.self)
            }
        }
        guard let liaisonID = accounts["lianluo"], let memberID = accounts["dangyuan"] else { return }
        let staff = Scope(path: community.path, role: .communityStaff, accountID: 0, username: "datongmen")
        let liaison = Scope(path: community.path, role: .unitLiaison, accountID: liaisonID, username: "lianluo")
        let member = Scope(path: community.path, role: .partyMember, accountID: memberID, username: "dangyuan")
        let now = context.clock(), day = 86400.0
        let registrations = RegistrationStore(context.at(now.addingTimeInterval(-40 * day)))

        let builder = try await registrations.registerUnit(name: "西昌市某建筑公司", kind: "enterprise", communityID: community.id, liaisonName: "李联络", liaisonPhone: "13900000001",
                                                           venues: "会议室（可容纳40人）", skills: "房屋维修、电路改造", funds: "每年共建资金2万元", volunteers: 12,
                                                           jointCommittee: "community", commitment: "每季度开展一次便民维修", scope: liaison)
        let tax = try await registrations.registerUnit(name: "市税务局北城分局", kind: "agency", communityID: community.id, liaisonName: "王科长", liaisonPhone: "",
                                                       venues: "", skills: "税务咨询、政策宣讲", funds: "", volunteers: 8, jointCommittee: "street",
                                                       commitment: "认领无物业小区，组织党员志愿者每月清扫", scope: staff)
        let registered = try await RegistrationStore(context.at(now.addingTimeInterval(-35 * day))).registerMember(name: "赵党员", employer: "市自然资源局", employerPartyOrg: "市自然资源局机关第二党支部",
                                                                                                      communityID: community.id, posts: ["governance", "patrol"], scope: member)
        let compounds = try await UnitStore(context).children(of: grid.id, scope: .system).map(\.unit).filter { $0.kind == .compound }
        if let home = compounds.first {
            _ = try await RegistrationStore(context.at(now.addingTimeInterval(-34 * day))).decide(registered.id, approve: true, gridID: grid.id, compoundID: home.id, note: "", scope: staff)
        }

        let needs = NeedStore(context.at(now.addingTimeInterval(-30 * day)))
        _ = try await needs.publish(communityID: community.id, title: "老年食堂送餐志愿者", description: "为行动不便的独居老人每日送午餐，需要3名志愿者。", scope: staff)
        let lights = try await needs.publish(communityID: community.id, title: "楼道照明改造", description: "3栋、5栋楼道灯具老化，需要更换为声控灯。", scope: staff)
        let care = try await needs.publish(communityID: community.id, title: "暑期儿童托管", description: "双职工家庭暑期儿童看护与作业辅导。", scope: staff)
        _ = try await NeedStore(context.at(now.addingTimeInterval(-28 * day))).claim(lights.id, commitment: "提供灯具与电工，两周内完成", scope: liaison)
        _ = try await NeedStore(context.at(now.addingTimeInterval(-20 * day))).progress(lights.id, percent: 60, accept: false, scope: staff)
        _ = try await NeedStore(context.at(now.addingTimeInterval(-27 * day))).claim(care.id, commitment: "每周二、四下午派志愿者辅导", memberUnitID: tax.id, scope: staff)
        _ = try await NeedStore(context.at(now.addingTimeInterval(-5 * day))).progress(care.id, percent: 100, accept: true, scope: staff)

        // The generated city manages every urban compound; make the last one of this grid an old courtyard nobody
        // manages, so the demo shows an adoption closing that gap.
        if let courtyard = compounds.last, compounds.count > 1 {
            try await context.database.write { db in
                try await db.raw("DELETE FROM organizations WHERE unit_id = \(bind: courtyard.id) AND kind IN ('property_company', 'owners_committee')").run()
            }
        }
        let unmanaged = try await context.database.read { db in
            try await db.raw("""
                SELECT u.id FROM units u WHERE u.kind = 'compound' AND u.path >= \(bind: community.path) AND u.path < \(bind: community.path + "~")
                  AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.unit_id = u.id AND o.kind IN ('property_company', 'owners_committee')) ORDER BY u.id LIMIT 1
                """).first()?.decode(column: "id", as: Int.self)
        }
        if let unmanaged {
            try await NeedStore(context.at(now.addingTimeInterval(-25 * day))).adopt(compoundID: unmanaged, memberUnitID: tax.id, responsibilities: "每月组织清扫、协助成立业委会、联系物业选聘",
                                                                               startsOn: WorkingCalendar.dayKey(now.addingTimeInterval(-25 * day)),
                                                                               endsOn: WorkingCalendar.dayKey(now.addingTimeInterval(340 * day)), scope: staff)
        }

        // Events at sensible local hours: the festival last week at 10:00, the open day next week at 15:00.
        let festivalStart = try LocalTime.parse(WorkingCalendar.dayKey(now.addingTimeInterval(-7 * day)) + " 10:00", field: "starts_at")
        let festival = try await EventStore(context.at(now.addingTimeInterval(-14 * day))).create(communityID: community.id, kind: "neighbour_festival", title: "大通门比邻节",
            description: "邻里百家宴、便民服务集市、文艺表演。", place: "社区广场", startsAt: LocalTime.format(festivalStart),
            endsAt: LocalTime.format(festivalStart.addingTimeInterval(4 * 3600)), capacity: 200, scope: staff)
        _ = try await EventStore(context.at(now.addingTimeInterval(-10 * day))).signUp(festival.id, name: "赵党员", scope: member)
        try await EventStore(context.at(festivalStart.addingTimeInterval(3600))).markAttendance(festival.id, attended: [memberID], scope: staff)
        let lesson = try LocalTime.parse(WorkingCalendar.dayKey(now.addingTimeInterval(6 * day)) + " 15:00", field: "starts_at")
        _ = try await EventStore(context.at(now.addingTimeInterval(-day))).create(communityID: community.id, kind: "party_open_day", title: "党课开放日：基层治理这十年",
            description: "社区党委书记讲党课，欢迎居民旁听。", place: "大通门社区红色议事厅", startsAt: LocalTime.format(lesson),
            endsAt: LocalTime.format(lesson.addingTimeInterval(2 * 3600)), capacity: 30, scope: staff)

        let hoursAt = HoursStore(context.at(now.addingTimeInterval(-6 * day)))
        _ = try await hoursAt.record(memberID: registered.id, memberUnitID: nil, eventID: festival.id, needID: nil, servedOn: WorkingCalendar.dayKey(festivalStart),
                                     hours: 3, description: "百家宴现场秩序维护", scope: member)
        _ = try await hoursAt.record(memberID: nil, memberUnitID: builder.id, eventID: nil, needID: lights.id, servedOn: WorkingCalendar.dayKey(now.addingTimeInterval(-18 * day)),
                                     hours: 16, description: "更换3栋楼道灯具（4人×4小时）", scope: staff)
        let year = Int(Period.year(of: now).code)!
        try await HoursStore(context).score(year: year, memberUnitID: builder.id, stars: 5, comment: "响应及时", scope: staff)
        try await HoursStore(context).score(year: year, memberUnitID: builder.id, stars: 4, comment: "社区对接顺畅", scope: liaison)
    }
}
