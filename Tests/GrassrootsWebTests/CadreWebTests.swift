import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Cadre pages and API on the demo city: what a street keeps and sees, what bad input gets back (and that it
/// changes nothing), who is refused, and the CSV export.
@Suite struct CadreWebTests {
    typealias W = CoordinationWebTests

    static func count(_ context: StoreContext, _ sql: String) async throws -> Int { try await AuthorizationTests.id(context, sql) }

    @Test func streetKeepsProfilesPostsAndAttendanceThroughItsPages() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let datongmen = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let beimen = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001006'")
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let (status, list) = try await W.get(client, "/cadres", as: street)
            #expect(status == .ok && list.contains("id=\"cadre-form\"") && list.contains("href=\"/cadres/leadership\""))
            let demo = try await Self.count(context, "SELECT COUNT(*) AS n FROM cadres WHERE path LIKE '/1/2/%'")
            #expect(list.components(separatedBy: "<tr><td><a href=\"/cadres/").count - 1 >= demo)

            // Bad input: every problem said at once, the typed values kept, nothing written.
            let before = try await Self.count(context, "SELECT COUNT(*) AS n FROM cadres")
            let bad = try await W.post(client, "/cadres", as: street, [("name", ""), ("tier", "community"), ("unit_id", "\(datongmen)"), ("position", "委员"),
                                                                        ("education", "bachelor"), ("grassroots_since", "2099-01-01"), ("specialties", "调解")])
            let badPage = String(buffer: bad.body)
            #expect(bad.status == .unprocessableContent && badPage.contains("姓名为1–50个字") && badPage.contains("到基层工作的日期不能晚于今天"))
            #expect(badPage.contains("value=\"委员\"") && badPage.contains("value=\"调解\""))
            let wrongTier = try await W.post(client, "/cadres", as: street, [("name", "错层"), ("tier", "street"), ("unit_id", "\(datongmen)"), ("position", "科员"),
                                                                              ("education", "bachelor")])
            #expect(wrongTier.status == .unprocessableContent && String(buffer: wrongTier.body).contains("街道干部应在街道（乡镇）单位"))
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM cadres") == before)

            let created = try await W.post(client, "/cadres", as: street, [("name", "网页测试"), ("tier", "community"), ("unit_id", "\(datongmen)"),
                                                                            ("position", "两委委员"), ("education", "本科"), ("grassroots_since", "2021-04-01")])
            let location = try #require(created.headers[.location])
            #expect(created.status == .seeOther && location.hasPrefix("/cadres/"))
            let id = try #require(Int(location.dropFirst("/cadres/".count)))
            let moved = try await W.post(client, "/cadres/\(id)/posts", as: street, [("role", "party_secretary"), ("title", "北门社区党委书记"), ("unit_id", "\(beimen)"),
                                                                                    ("department_id", ""), ("move", "appointment"), ("starts_on", "2026-06-01"), ("ends_current", "1")])
            #expect(moved.status == .seeOther)
            let (_, profile) = try await W.get(client, "/cadres/\(id)", as: street)
            #expect(W.row(profile, "北门社区党委书记")?.contains("2026-06-01 – 至今") == true)
            #expect(profile.contains("北门社区居民委员会") && profile.contains("id=\"breakdown\"") && profile.contains("所服务区域诉求“三率”"))
            let badPost = try await W.post(client, "/cadres/\(id)/posts", as: street, [("role", "committee_director"), ("title", ""), ("unit_id", ""), ("move", "x"), ("starts_on", "")])
            #expect(badPost.status == .unprocessableContent && String(buffer: badPost.body).contains("请选择任职单位或部门"))

            // A session, then attendance: one bad figure refuses the whole list.
            let course = try await Self.count(context, "SELECT id AS n FROM courses WHERE required = 1 ORDER BY id LIMIT 1")
            let street2 = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
            let session = try await W.post(client, "/training/sessions", as: street, [("course_id", "\(course)"), ("unit_id", "\(street2)"), ("held_on", "2026-11-10"),
                                                                                     ("hours", "3"), ("place", "北城街道党群服务中心")])
            #expect(session.status == .seeOther)
            let sessionID = try await Self.count(context, "SELECT MAX(id) AS n FROM training_sessions")
            let other = try await Self.count(context, "SELECT MIN(id) AS n FROM cadres WHERE path LIKE '/1/2/%'")
            let tooLong = try await W.post(client, "/training/sessions/\(sessionID)/attendance", as: street,
                                           [("cadre", "\(id)"), ("hours_\(id)", "3"), ("cadre", "\(other)"), ("hours_\(other)", "5")])
            #expect(tooLong.status == .unprocessableContent && String(buffer: tooLong.body).contains("学时应在 0.5 到 3 之间"))
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM training_attendance WHERE session_id = \(sessionID)") == 0)
            let saved = try await W.post(client, "/training/sessions/\(sessionID)/attendance", as: street,
                                         [("cadre", "\(id)"), ("hours_\(id)", "3"), ("cadre", "\(other)"), ("hours_\(other)", "1.5")])
            #expect(saved.status == .seeOther)
            let (_, sessionPage) = try await W.get(client, "/training/sessions/\(sessionID)", as: street)
            #expect(W.row(sessionPage, "网页测试")?.contains(">3</td>") == true)

            let (_, leadership) = try await W.get(client, "/cadres/leadership", as: street)
            let expected = try await Self.count(context, """
                SELECT COUNT(DISTINCT p.unit_id) AS n FROM cadre_posts p JOIN cadre_posts q ON q.cadre_id = p.cadre_id AND q.unit_id = p.unit_id
                WHERE p.role = 'party_secretary' AND q.role = 'committee_director' AND p.ends_on IS NULL AND q.ends_on IS NULL
                """)
            #expect(leadership.contains("中 \(expected) 个由党组织书记兼任居委会主任"))
            // The unit table: 北门 now has the new cadre among its cadres.
            let beimenCadres = try await Self.count(context, "SELECT COUNT(*) AS n FROM cadres c JOIN units u ON u.id = \(beimen) WHERE c.path LIKE u.path || '%'")
            #expect(W.row(W.section(leadership, "unit-records", end: "</table>"), "北门社区")?.contains("<td class=\"num\">\(beimenCadres)</td>") == true)

            let (_, evaluation) = try await W.get(client, "/cadres/evaluation?period=2026", as: street)
            #expect(evaluation.contains("权重 0.25") && evaluation.contains("网页测试") && !evaluation.contains("id=\"weights-form\""))
            let (_, badPeriod) = try await W.get(client, "/cadres/evaluation?period=2026Q9", as: street)
            #expect(badPeriod.contains("期间“2026Q9”无效"))

            let csv = try await client.execute(uri: "/cadres?format=csv&period=2026", method: .get, headers: [.cookie: street.cookie])
            let bytes = Array(buffer: csv.body)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("姓名,类别,单位,职务,学历,基层工作年限,必修课完成,期内学时,必修课程完成率") && text.contains("网页测试,社区干部,北门社区居民委员会"))
        }
    }

    @Test func rolesAndScopeAreEnforced() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let west = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401002001'")
        let admin = Scope(path: "/1/", role: .cityAdmin, accountID: 0, username: "admin")
        let outsider = try await CadreStore(context).create(CadreInput(name: "西城干部", tier: "community", unitID: west, position: "委员", education: "bachelor"), scope: admin)
        try await app.test(.router) { client in
            for name in ["gege", "jumin", "minjing"] {
                let browser = try await W.browser(client, name)
                let (status, _) = try await W.get(client, "/cadres", as: browser)
                #expect(status == .forbidden, "\(name)")
            }
            let street = try await W.browser(client, "beicheng")
            #expect(try await W.get(client, "/cadres/\(outsider.id)", as: street).0 == .notFound)
            #expect(try await W.post(client, "/cadres/weights", as: street, [("required_training", "1")]).status == .forbidden)
            let community = try await W.browser(client, "datongmen")
            let (status, list) = try await W.get(client, "/cadres", as: community)
            #expect(status == .ok && !list.contains("id=\"cadre-form\"") && list.contains("大通门社区居民委员会") && !list.contains("北门社区居民委员会"))
            #expect(try await W.post(client, "/secondments", as: community, [("cadre_id", "1")]).status == .forbidden)

            let city = try await W.browser(client, "admin")
            let weights = CadreComponent.allCases.map { ($0.rawValue, "0.2") } + [("yearly_hours", "40")]
            let unbalanced = try await W.post(client, "/cadres/weights", as: city, weights)
            #expect(unbalanced.status == .unprocessableContent && String(buffer: unbalanced.body).contains("各项权重之和应为 1"))
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM cadre_weights WHERE component = 'required_training' AND weight = 0.25") == 1)
            let balanced = CadreComponent.allCases.map { ($0.rawValue, $0 == .requiredTraining ? "0.5" : "0.1") } + [("yearly_hours", "30")]
            #expect(try await W.post(client, "/cadres/weights", as: city, balanced).status == .seeOther)
            let (_, page) = try await W.get(client, "/cadres/evaluation", as: city)
            #expect(page.contains("权重 0.50") && page.contains("年度学时目标 30 学时"))
        }
    }

    @Test func apiCreatesListsAndRefusesBadBodies() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let datongmen = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        try await app.test(.router) { client in
            let headers = try await MobilizationWebTests.bearer(client, "beicheng")
            var json = headers
            json[.contentType] = "application/json"
            let (badStatus, problem) = try await W.api(client, "/api/v1/cadres", .post, json, #"{"name":"","tier":"boss","position":"x","education":"bachelor"}"#)
            #expect(badStatus == .unprocessableContent && W.fields(problem) == ["name", "tier", "unit_id"])
            let (created, body) = try await W.api(client, "/api/v1/cadres", .post, json,
                                                  #"{"name":"接口干部","tier":"community","unitId":\#(datongmen),"position":"委员","education":"college"}"#)
            let id = try #require((body as? [String: Any])?["id"] as? Int)
            #expect(created == .created)
            let (_, detail) = try await W.api(client, "/api/v1/cadres/\(id)", .get, headers)
            #expect(((detail as? [String: Any])?["cadre"] as? [String: Any])?["unit_name"] as? String == "大通门社区居民委员会")
            let session = try await Self.count(context, "SELECT MIN(id) AS n FROM training_sessions")
            let (dup, dupProblem) = try await W.api(client, "/api/v1/training-sessions/\(session)/attendance", .put, json,
                                                   #"{"attendance":[{"cadreId":\#(id),"hours":1},{"cadreId":\#(id),"hours":2}]}"#)
            #expect(dup == .unprocessableContent && W.fields(dupProblem) == ["attendance"])
            let (_, evaluation) = try await W.api(client, "/api/v1/cadre-evaluation?period=2026", .get, headers)
            let rows = (evaluation as? [String: Any])?["rows"] as? [[String: Any]] ?? []
            #expect(rows.contains { ($0["cadre"] as? [String: Any])?["id"] as? Int == id })
            let (_, leadership) = try await W.api(client, "/api/v1/leadership", .get, headers)
            #expect((leadership as? [[String: Any]])?.count == 6)
            let (badPeriod, _) = try await W.api(client, "/api/v1/cadre-evaluation?period=26", .get, headers)
            #expect(badPeriod == .unprocessableContent)
        }
    }
}
