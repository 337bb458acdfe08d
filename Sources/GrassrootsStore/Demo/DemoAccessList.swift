import Foundation
import GrassrootsCore
import SQLKit

/// The access list of the demo: listed items with their legal basis and whether funding and authority come along,
/// one application waiting for the city, the certificates list, and department tasks that got through or were kept off.
struct DemoAccessList {
    let context: StoreContext
    let departments: [String: Int]
    let community: TerritoryUnit

    static let items: [(code: String, title: String, kind: AccessItemKind, basis: String, department: String, funded: Bool, authorized: Bool)] = [
        ("ZR-01", "协助开展社会治安综合治理、矛盾纠纷排查", .assisted, "《中华人民共和国城市居民委员会组织法》第三条", "GA", true, false),
        ("ZR-02", "协助做好传染病防控、健康教育和爱国卫生工作", .assisted, "《中华人民共和国传染病防治法》第九条", "WJ", true, false),
        ("ZR-03", "协助开展最低生活保障对象入户调查", .assisted, "《社会救助暂行办法》第十一条", "MZ", true, true),
        ("ZR-04", "开展居民自治、组织居民会议", .statutory, "《中华人民共和国城市居民委员会组织法》第二条", "MZ", false, false),
        ("ZR-05", "协助宣传市容环境卫生和门前三包", .assisted, "《城市市容和环境卫生管理条例》第四条", "CG", true, false),
        ("ZR-06", "协助开展消防安全宣传和隐患排查", .assisted, "《中华人民共和国消防法》第三十二条", "XF", true, false),
    ]

    static let certificates: [(String, Bool, String)] = [
        ("居民在本社区居住情况的证明（据实出具）", true, "社区掌握的居住事实"),
        ("困难群众家庭经济状况初审意见", true, "《社会救助暂行办法》"),
        ("亲属关系证明", false, "由户籍或民政部门依职权核查"),
        ("无犯罪记录证明", false, "由公安机关出具"),
        ("出生证明", false, "由助产机构出具"),
        ("婚姻状况证明", false, "由民政部门核查"),
        ("健康证明", false, "由医疗卫生机构出具"),
    ]

    func build() async throws {
        let store = AccessStore(context)
        var listed: [String: Int] = [:]
        for item in Self.items {
            let applied = try await store.apply(code: item.code, title: item.title, kind: item.kind.rawValue, legalBasis: item.basis,
                                                departmentID: departments[item.department]!, funded: item.funded, authorized: item.authorized, scope: .system)
            _ = try await store.decide(itemID: applied.id, .approve, note: "", scope: .system)
            listed[item.department] = try await store.decide(itemID: applied.id, .enter, note: "", scope: .system).id
        }
        _ = try await store.apply(code: "ZR-07", title: "协助开展住房租赁登记备案", kind: AccessItemKind.assisted.rawValue,
                                  legalBasis: "《商品房屋租赁管理办法》第十四条", departmentID: departments["ZJ"]!, funded: false, authorized: false, scope: .system)
        for (title, allowed, basis) in Self.certificates {
            try await store.addCertificate(title: title, allowed: allowed, basis: basis, scope: .system)
        }
        let officer = { (code: String) in Scope(path: "/", role: .departmentOfficer, accountID: 0, username: "officer-\(code)", departmentID: departments[code]!) }
        let tasks = DepartmentTaskStore(context)
        _ = try await tasks.submit(title: "冬季消防安全宣传进楼栋", communityUnitID: community.id, accessItemID: listed["XF"], forms: 1, inspections: 2,
                                   askStreet: false, scope: officer("XF"))
        _ = try await tasks.submit(title: "低保对象年度入户核查", communityUnitID: community.id, accessItemID: listed["MZ"], forms: 2, inspections: 0,
                                   askStreet: false, scope: officer("MZ"))
        _ = try await tasks.submit(title: "餐饮门店食品安全自查表收集", communityUnitID: community.id, accessItemID: nil, forms: 3, inspections: 1,
                                   askStreet: false, scope: officer("SJ"))
        _ = try await tasks.submit(title: "住房租赁情况摸底统计", communityUnitID: community.id, accessItemID: nil, forms: 2, inspections: 0,
                                   askStreet: true, scope: officer("ZJ"))
        _ = try await tasks.submit(title: "创文测评点位迎检材料", communityUnitID: community.id, accessItemID: listed["GA"], forms: 4, inspections: 3,
                                   askStreet: false, scope: officer("CG"))
    }
}
