import Foundation
import GrassrootsCore

/// Cadres for the demo: 北城街道's street and community cadres (four of its six communities with one person as both
/// secretary and director, 一肩挑), agency cadres with a first secretary on term, a seconded agency leader already
/// reviewed and a secretary recruited into the civil service; the course catalogue with sessions and attendance, and
/// a reading group. Every record goes through the stores, dated relative to today.
struct DemoCadres {
    let context: StoreContext

    func build() async throws {
        let units = UnitStore(context)
        guard let street = try? await units.unit(code: DemoDirective.street, scope: .system),
              let city = try? await units.unit(code: "513401000000", scope: .system) else { return }
        let communities = try await units.children(of: street.id, scope: .system).map(\.unit).filter { $0.kind == .community }
        let streetScope = Scope(path: street.path, role: .streetAdmin, accountID: 0, username: "beicheng")
        let cityScope = Scope(path: city.path, role: .cityAdmin, accountID: 0, username: "admin")
        let now = context.clock()
        let day = { (offset: Int) in WorkingCalendar.dayKey(now.addingTimeInterval(Double(offset) * 86400)) }
        let cadres = CadreStore(context), training = TrainingStore(context)
        var rng = SeededRandom(seed: 2026)

        func add(_ name: String, _ tier: CadreTier, _ unit: TerritoryUnit, _ position: String, since years: Int, department: Int? = nil,
                 posts: [(PostRole, String)], scope: Scope) async throws -> Cadre {
            let cadre = try await cadres.create(CadreInput(name: name, tier: tier.rawValue, unitID: unit.id, departmentID: department, position: position,
                                                           education: rng.pick(Education.allCases).rawValue, grassrootsSince: years == 0 ? "" : day(-365 * years - 30),
                                                           specialties: rng.pick(["群众工作", "矛盾调解", "应急管理", "物业管理", "法律", "社会工作"])), scope: scope)
            for (role, title) in posts {
                _ = try await cadres.addPost(cadreID: cadre.id, PostInput(role: role.rawValue, title: title, unitID: unit.id, move: MoveKind.appointment.rawValue,
                                                                          startsOn: day(-365 * min(years, 3) - 10)), endsCurrent: false, scope: scope)
            }
            return cadre
        }

        var everyone: [Cadre] = [], secretaries: [Cadre] = []
        everyone.append(try await add(DemoNames.person(&rng), .street, street, "党工委书记", since: 12, posts: [(.streetLeader, "北城街道党工委书记")], scope: streetScope))
        everyone.append(try await add(DemoNames.person(&rng), .street, street, "办事处主任", since: 9, posts: [(.streetLeader, "北城街道办事处主任")], scope: streetScope))
        everyone.append(try await add(DemoNames.person(&rng), .street, street, "社区建设科科员", since: 3, posts: [(.other, "社区建设科科员")], scope: streetScope))
        for (index, community) in communities.enumerated() {
            let short = community.name.replacingOccurrences(of: "居民委员会", with: "")
            let both = index != 2 && index != 5
            let secretary = try await add(DemoNames.person(&rng), .community, community, both ? "党委书记、居委会主任" : "党委书记", since: 4 + index,
                                          posts: both ? [(.partySecretary, "\(short)党委书记"), (.committeeDirector, "\(short)居委会主任")]
                                                      : [(.partySecretary, "\(short)党委书记")], scope: streetScope)
            secretaries.append(secretary)
            everyone.append(secretary)
            if !both {
                everyone.append(try await add(DemoNames.person(&rng), .community, community, "居委会主任", since: 2,
                                              posts: [(.committeeDirector, "\(short)居委会主任")], scope: streetScope))
            }
            everyone.append(try await add(DemoNames.person(&rng), .community, community, "两委委员", since: 1, posts: [(.committeeMember, "\(short)两委委员")], scope: streetScope))
        }

        // Agency cadres: a first secretary on term, an agency leader back from the street and reviewed, and a former
        // community secretary recruited into the civil service.
        let departments = try await DepartmentStore(context).departments()
        let civil = departments.first { $0.code == "MZ" }?.id, housing = departments.first { $0.code == "ZJ" }?.id
        let first = try await add(DemoNames.person(&rng), .agency, city, "市民政局科长", since: 0, department: civil, posts: [], scope: cityScope)
        let leader = try await add(DemoNames.person(&rng), .agency, city, "市住建局副局长", since: 0, department: housing, posts: [], scope: cityScope)
        let recruited = try await add(DemoNames.person(&rng), .community, communities[0], "两委委员", since: 8,
                                      posts: [(.committeeMember, "大通门社区两委委员")], scope: streetScope)
        _ = try await cadres.addPost(cadreID: recruited.id, PostInput(role: PostRole.civilService.rawValue, title: "市民政局基层政权科科员", unitID: city.id,
                                                                      departmentID: civil, move: MoveKind.secretaryToCivilService.rawValue, startsOn: day(-60),
                                                                      note: "2026年优秀社区党组织书记定向考录"), endsCurrent: true, scope: cityScope)
        let secondments = SecondmentStore(context)
        if let jianchang = communities.last {
            _ = try await secondments.create(SecondmentInput(cadreID: first.id, kind: SecondmentKind.firstSecretary.rawValue, origin: "市民政局", unitID: jianchang.id,
                                                             startsOn: day(-240), endsOn: day(490), goals: "建强社区党组织；无人管理小区全部落实认领单位；培养两名后备干部。"),
                                             scope: cityScope)
        }
        let back = try await secondments.create(SecondmentInput(cadreID: leader.id, kind: SecondmentKind.agencyToStreet.rawValue, origin: "市住房和城乡建设局",
                                                                unitID: street.id, startsOn: day(-395), endsOn: day(-30),
                                                                goals: "推动老旧小区改造和物业覆盖；建立街道与住建部门的联席会议。"), scope: cityScope)
        _ = try await secondments.review(back.id, outcome: ReviewOutcome.competent.rawValue,
                                         text: "完成6个老旧小区改造协调，物业覆盖率由62%提高到78%；联席会议每月召开。", scope: streetScope)
        _ = try await secondments.create(SecondmentInput(cadreID: everyone[5].id, kind: SecondmentKind.communityToProperty.rawValue, origin: "大水井社区",
                                                         unitID: communities[1].id, startsOn: day(-20), endsOn: day(160),
                                                         goals: "在物业企业学习服务标准，推动物业企业建立党组织。"), scope: streetScope)

        // The catalogue, three sessions held by the street and who attended.
        var courses: [Course] = []
        for (title, category, required, hours) in [("城市基层治理", CourseCategory.governance, true, 8.0), ("党性教育专题", .party, true, 6.0),
                                                   ("应急处置技能", .emergency, false, 4.0), ("基层法律实务", .law, false, 4.0)] {
            courses.append(try await training.createCourse(CourseInput(title: title, category: category.rawValue, required: required, requiredHours: hours),
                                                           scope: cityScope))
        }
        let local = everyone.filter { $0.path.hasPrefix(street.path) }
        for (course, offset, hours) in [(courses[0], -40, 8.0), (courses[1], -12, 6.0), (courses[2], -5, 4.0)] {
            let session = try await training.createSession(courseID: course.id, unitID: street.id, heldOn: day(offset), hours: hours,
                                                           place: "北城街道党群服务中心", scope: streetScope)
            var attended: [Int: Double] = [:]
            for (index, cadre) in local.enumerated() where (index + offset) % 4 != 0 { attended[cadre.id] = index % 5 == 0 ? hours / 2 : hours }
            _ = try await training.recordAttendance(sessionID: session.id, attended, scope: streetScope)
        }
        _ = try await training.createGroup(name: "北城社区书记读书班", sector: CadreTier.community.rawValue, unitID: street.id,
                                           memberIDs: secretaries.map(\.id), scope: streetScope)
    }
}
