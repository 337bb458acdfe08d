import Foundation
import GrassrootsCore
import SQLKit

/// Resident requests for the demo: `jumin` linked to a household of 大通门's first grid (handled by `gege`); this
/// quarter a request answered and rated, one past its response limit, one answered for a resident by staff, one
/// rated unsolved and flagged (approved by the street), one passed up to the street and on to urban management by a
/// summons, one from the 12345 hotline through Open311; last quarter's rated requests across 北城's communities,
/// so the three rates and the ranking have figures. Every step goes through the stores, at its own time.
struct DemoServices {
    let context: StoreContext

    func build() async throws {
        let units = UnitStore(context)
        guard let grid = try? await units.unit(code: "513401001003001", scope: .system), let street = try? await units.unit(code: DemoDirective.street, scope: .system),
              let city = try? await units.unit(code: "513401000000", scope: .system) else { return }
        let community = try await units.unit(grid.parentID!, scope: .system)
        let (household, building, juminID) = try await context.database.write { db in
            let row = try await db.raw("SELECT id, building_id FROM households WHERE grid_id = \(bind: grid.id) ORDER BY id LIMIT 1").first()!
            let household = try row.decode(column: "id", as: Int.self)
            try await db.update("accounts").set("household_id", to: SQLBind(household)).where("username", .equal, SQLBind("jumin")).run()
            let account = try await db.raw("SELECT id FROM accounts WHERE username = 'jumin'").first()!.decode(column: "id", as: Int.self)
            return (household, try row.decode(column: "building_id", as: Int.self), account)
        }
        _ = household
        let resident = Scope(path: community.path, role: .resident, accountID: juminID, username: "jumin")
        let gege = Scope(path: grid.path, role: .gridWorker, accountID: 0, username: "gege")
        let staff = Scope(path: community.path, role: .communityStaff, accountID: 0, username: "datongmen")
        let beicheng = Scope(path: street.path, role: .streetAdmin, accountID: 0, username: "beicheng")
        let codes = Dictionary(uniqueKeysWithValues: try await RequestCategoryStore(context).categories().compactMap { c in c.serviceCode.map { ($0, c.id) } })
        // Matters of the street itself are listed publicly over Open311 whoever reports them.
        for code in ["road", "streetlight"] { _ = try await RequestCategoryStore(context).setPublic(codes[code]!, true, scope: .system) }
        let now = context.clock()
        let quarter = Period.quarter(of: now)
        let hour = 3600.0, day = 86400.0
        let recent = { (ago: Double) in max(now.addingTimeInterval(-ago), quarter.start.addingTimeInterval(3600)) }
        func file(_ scope: Scope, _ code: String, _ unit: Int, _ kind: RequestKind, _ text: String, at time: Date, isPublic: Bool = false) async throws -> ServiceRequest {
            try await RequestStore(context.at(time)).submit(RequestInput(kind: kind.rawValue, categoryID: codes[code], unitID: unit, description: text, isPublic: isPublic),
                                                            scope: scope)
        }
        func step(_ r: ServiceRequest, _ action: RequestAction, _ note: String = "", publicReply: String = "", by scope: Scope, at time: Date,
                  departments: [Int] = []) async throws {
            _ = try await RequestStore(context.at(time)).act(r.id, action, note: note, publicReply: publicReply, departmentIDs: departments, scope: scope)
        }

        let t1 = recent(3 * day)
        let noise = try await file(resident, "noise", building, .complaint, "楼下工地夜间施工到十二点，影响休息。", at: t1, isPublic: true)
        try await step(noise, .accept, by: gege, at: t1.addingTimeInterval(2 * hour))
        try await step(noise, .reply, "已联系施工方，夜间22点后停止施工，并在工地张贴公告。", publicReply: "工地夜间施工已按规定限时，22点后停工。",
                       by: gege, at: t1.addingTimeInterval(26 * hour))
        _ = try await RequestStore(context.at(t1.addingTimeInterval(30 * hour))).feedback(noise.id, solved: true, satisfaction: "satisfied", comment: "处理及时", scope: resident)

        _ = try await file(resident, "streetlight", building, .report, "3栋门口路灯不亮已经三天，晚上出行不便。", at: recent(5 * hour))

        let t3 = recent(2 * day)
        let lift = try await file(staff, "elevator", building, .help, "独居老人来电：电梯停在两层之间，请尽快处理。", at: t3)
        try await step(lift, .accept, by: gege, at: t3.addingTimeInterval(600))
        try await step(lift, .reply, "物业维保人员已到场解困，电梯恢复运行。", by: gege, at: t3.addingTimeInterval(90 * 60))

        let t4 = recent(10 * day)
        let property = try await file(resident, "property", building, .complaint, "物业要求一次性预交三年物业费，否则不给办理门禁卡。", at: t4)
        try await step(property, .escalate, "涉及物业收费，需社区协调", by: gege, at: t4.addingTimeInterval(3 * hour))
        try await step(property, .reply, "经核实，物业预收三年费用不符合规定，已责令改为按年收取。", by: staff, at: t4.addingTimeInterval(2 * day))
        _ = try await RequestStore(context.at(t4.addingTimeInterval(3 * day))).feedback(property.id, solved: false, satisfaction: "dissatisfied",
                                                                            comment: "要求物业退还多收费用", scope: resident)
        _ = try await RequestStore(context.at(t4.addingTimeInterval(3 * day + hour))).flag(property.id, reason: "unreasonable",
                                                                               note: "居民要求退还的为其自愿预交的停车费，不属于物业费。", scope: staff)
        _ = try await RequestStore(context.at(t4.addingTimeInterval(4 * day))).decideFlag(property.id, approve: true, note: "同意，不计入满意率", scope: beicheng)

        let t5 = recent(6 * day)
        let compound = try await units.children(of: grid.id, scope: .system).first { $0.unit.kind == .compound }?.unit.id ?? building
        let building5 = try await file(staff, "illegal_building", compound, .report, "小区顶楼住户加建彩钢棚，存在安全隐患。", at: t5)
        try await step(building5, .escalate, "社区无执法权", by: staff, at: t5.addingTimeInterval(hour))
        if let cg = try await DepartmentStore(context).departments().first(where: { $0.code == "CG" }) {
            try await step(building5, .summon, "请执法部门认定并依法处置", by: beicheng, at: t5.addingTimeInterval(3 * hour), departments: [cg.id])
        }

        let hotline = try await Open311Store(context).createKey(name: "12345市民服务热线", unitID: city.id, scope: .system)
        if let key = try await Open311Store(context).client(forKey: hotline) {
            _ = try await Open311Store(context.at(recent(1 * day))).submit(serviceCode: "water", description: "大水井社区片区停水，未见停水通知。",
                                                                   addressID: "513401001005", address: "大水井社区", latitude: 27.9, longitude: 102.26,
                                                                   name: "王先生", phone: "13800000000", kind: "help", client: key)
        }

        // The online community: 大通门's service information, a notice asking for confirmation (read by jumin), a grid notice.
        let notices = NoticeStore(context)
        try await notices.setServiceInfo(communityID: community.id, openingHours: "周一至周五 8:30–12:00，14:00–17:30；周六上午值班", onlineMatters:
                                            "居住证明、高龄津贴申请、独生子女证明、党员组织关系转接预约、诉求提交与查询", phone: "0834-3220000", address: "大通门社区党群服务中心",
                                         scope: staff)
        let gas = try await NoticeStore(context.at(recent(2 * day))).publish(unitID: community.id, title: "入户燃气安全检查通知",
                                                                     body: "本周六、周日燃气公司将入户检查，请家中留人；如不便请联系网格员另约时间。", askAck: true, scope: staff)
        _ = try await NoticeStore(context.at(recent(1 * day))).acknowledge(gas.id, scope: resident)
        _ = try await NoticeStore(context.at(recent(12 * hour))).publish(unitID: grid.id, title: "本网格周三停水", body: "因管网维修，周三9:00–15:00停水，请提前储水。",
                                                                 askAck: false, scope: gege)

        // Last quarter: rated requests in each of 北城's communities, handled by the community.
        let last = quarter.previousQuarter
        let communities = try await units.children(of: street.id, scope: .system).map(\.unit).filter { $0.kind == .community }
        let verdicts: [(Bool, String)] = [(true, "satisfied"), (true, "basically_satisfied"), (false, "dissatisfied"), (true, "satisfied")]
        for (index, place) in communities.enumerated() {
            let scope = Scope(path: place.path, role: .communityStaff, accountID: 0, username: "staff-\(place.id)")
            for n in 0..<(2 + index % 3) {
                let start = last.start.addingTimeInterval(Double(10 + index * 7 + n * 3) * day)
                let r = try await file(scope, n % 2 == 0 ? "garbage" : "social_security", place.id, n % 2 == 0 ? .complaint : .consultation,
                                       "居民反映的第\(n + 1)件事项，详见电话记录。", at: start)
                try await step(r, .accept, by: scope, at: start.addingTimeInterval(Double((index + n) % 3 == 0 ? 30 : 2) * hour))
                try await step(r, .reply, "已办理并电话回复居民。", by: scope, at: start.addingTimeInterval(2 * day))
                let verdict = verdicts[(index + n) % verdicts.count]
                _ = try await RequestStore(context.at(start.addingTimeInterval(3 * day))).feedback(r.id, solved: verdict.0, satisfaction: verdict.1, comment: "", scope: beicheng)
            }
        }
    }
}
