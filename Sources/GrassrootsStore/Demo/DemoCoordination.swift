import Foundation
import GrassrootsCore
import SQLKit

/// Coordination for the demo: the city's departments and 北城街道's dispatched stations, the officer account bound
/// to urban management, last quarter's summons (published two-way evaluation), this quarter's summons in every
/// state, the access list with certificates and department tasks. Every step goes through the stores, at the
/// time it would have happened, so timelines, clocks and scores are those a real run would produce.
struct DemoCoordination {
    let context: StoreContext
    static let departments: [(code: String, name: String, en: String)] = [
        ("GA", "市公安局", "Public security"), ("WJ", "市卫生健康局", "Health"), ("CG", "市综合行政执法局", "Urban management and law enforcement"),
        ("SJ", "市市场监督管理局", "Market supervision"), ("ZJ", "市住房和城乡建设局", "Housing"), ("YJ", "市应急管理局", "Emergency management"),
        ("MZ", "市民政局", "Civil affairs"), ("XF", "市消防救援大队", "Fire and rescue"),
    ]

    func build() async throws {
        guard let street = try? await UnitStore(context).unit(code: DemoDirective.street, scope: .system),
              let community = try? await UnitStore(context).unit(code: "513401001003", scope: .system) else { return }
        var created: [String: Int] = [:]
        for d in Self.departments {
            created[d.code] = try await DepartmentStore(context).createDepartment(code: d.code, name: d.name, nameEn: d.en, scope: .system).id
        }
        let ids = created
        try await context.database.write { db in
            try await db.update("accounts").set("department_id", to: SQLBind(ids["CG"]!)).where("username", .equal, SQLBind("minjing")).run()
        }
        let streetScope = Scope(path: street.path, role: .streetAdmin, accountID: 0, username: "beicheng")
        let police = try await DepartmentStore(context).createStation(departmentID: ids["GA"]!, name: "北城派出所", kind: StationKind.policeStation.rawValue,
                                                                     streetUnitID: street.id, scope: streetScope)
        let squad = try await DepartmentStore(context).createStation(departmentID: ids["CG"]!, name: "北城执法中队", kind: StationKind.enforcementSquad.rawValue,
                                                                    streetUnitID: street.id, scope: streetScope)
        _ = try await DepartmentStore(context).createStation(departmentID: ids["WJ"]!, name: "北城社区卫生服务中心", kind: StationKind.healthCentre.rawValue,
                                                            streetUnitID: street.id, scope: streetScope)
        let officer = { (code: String) in Scope(path: "/", role: .departmentOfficer, accountID: 0, username: code == "CG" ? "minjing" : "officer-\(code)", departmentID: ids[code]!) }
        let now = context.clock()
        let thisQuarter = Period.quarter(of: now), lastQuarter = thisQuarter.previousQuarter
        let hour = 3600.0, day = 86400.0
        // This quarter's matters start after last quarter's publication, so that `verify`'s recount (as of the
        // publication) sees exactly what was published.
        let published = thisQuarter.start.addingTimeInterval(1800)
        let recent = { (ago: Double) in max(now.addingTimeInterval(-ago), published.addingTimeInterval(1800)) }

        // Last quarter: three matters worked to the end, one of them late; ratings both ways; published.
        let t0 = lastQuarter.start.addingTimeInterval(20 * day + 9 * hour)
        let noise = try await raise(at: t0, street: street, unit: community.id, .residentProblem, .general, "夜间施工噪音扰民",
                                    "大通门社区多户反映夜间施工，街道无执法权，请执法中队处置。", stations: [squad.id], scope: streetScope)
        try await steps(noise, by: officer("CG"), street: streetScope, from: t0, [(.accept, 2), (.arrive, 20), (.requestClosure, 50)], close: 60)
        let t1 = t0.addingTimeInterval(15 * day)
        let stalls = try await raise(at: t1, street: street, unit: community.id, .jointEnforcement, .complex, "占道经营联合整治",
                                     "菜市场周边占道经营反复出现，需执法与市场监管联合整治。", departments: [ids["SJ"]!], stations: [squad.id], scope: streetScope)
        try await steps(stalls, by: officer("CG"), street: streetScope, from: t1, [(.accept, 30), (.requestClosure, 400)], close: 410)
        try await steps(stalls, target: 1, by: officer("SJ"), street: streetScope, from: t1, [(.accept, 5), (.requestClosure, 30 * 24)], close: 30 * 24 + 50)
        for (code, stars) in [("CG", 4), ("SJ", 3)] {
            try await EvaluationStore(context.at(t1.addingTimeInterval(40 * day))).rate(period: lastQuarter.code, streetUnitID: street.id, departmentID: ids[code]!,
                                                                                stars: stars, comment: "", scope: streetScope)
            try await EvaluationStore(context.at(t1.addingTimeInterval(40 * day))).rate(period: lastQuarter.code, streetUnitID: street.id, departmentID: ids[code]!,
                                                                                stars: 5, comment: "", scope: officer(code))
        }
        _ = try await EvaluationStore(context.at(published)).publish(period: lastQuarter.code, scope: .system)

        // This quarter: an emergency accepted but not yet on site, a matter waiting for the street to verify, and a
        // community's summons waiting for the street.
        let fire = try await raise(at: recent(2 * hour), street: street, unit: community.id, .emergency, .emergency, "楼道堆物火灾隐患",
                                   "3号楼楼道大量堆放杂物，堵塞疏散通道，请派出所与执法中队到场。", departments: [ids["XF"]!], stations: [police.id], scope: streetScope)
        try await steps(fire, by: officer("GA"), street: streetScope, from: recent(2 * hour), [(.accept, 0.1)], close: nil)
        let dogs = try await raise(at: recent(4 * day), street: street, unit: community.id, .residentProblem, .general, "流浪犬伤人隐患",
                                   "小区内流浪犬聚集，已有居民被追咬，请执法中队处置。", stations: [squad.id], scope: streetScope)
        try await steps(dogs, by: officer("CG"), street: streetScope, from: recent(4 * day), [(.accept, 3), (.arrive, 26), (.requestClosure, 80)], close: nil)
        let communityScope = Scope(path: community.path, role: .communityStaff, accountID: 0, username: "datongmen")
        _ = try await raise(at: recent(1 * hour), street: street, unit: community.id, .residentProblem, .general, "违建阳台投诉",
                            "居民投诉顶楼加建阳光房，社区劝阻无效，请街道吹哨执法。", departments: [ids["CG"]!], scope: communityScope)
        try await DemoAccessList(context: context, departments: ids, community: community).build()
    }

    private func raise(at time: Date, street: TerritoryUnit, unit: Int, _ matter: MatterKind, _ urgency: Urgency, _ title: String, _ text: String,
                       departments: [Int] = [], stations: [Int] = [], scope: Scope) async throws -> Summons {
        try await SummonsStore(context.at(time)).raise(SummonsInput(unitID: unit, matter: matter.rawValue, urgency: urgency.rawValue, title: title,
                                                            description: text, departmentIDs: departments, stationIDs: stations), scope: scope)
    }

    /// Runs the officer's steps at the given hours after `start`, then the street's closure, if any.
    private func steps(_ summons: Summons, target index: Int = 0, by officer: Scope, street: Scope, from start: Date,
                       _ plan: [(SummonsAction, Double)], close: Double?) async throws {
        let target = summons.targets[index]
        let notes: [SummonsAction: String] = [.record: "已现场处置", .requestClosure: "已处置完毕，申请办结"]
        for (action, hours) in plan {
            _ = try await SummonsStore(context.at(start.addingTimeInterval(hours * 3600))).act(targetID: target.id, action, note: notes[action] ?? "", scope: officer)
        }
        if let close {
            _ = try await SummonsStore(context.at(start.addingTimeInterval(close * 3600))).act(targetID: target.id, .close, note: "经核实已办结", scope: street)
        }
    }
}
