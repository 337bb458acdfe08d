import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Summons, two-way evaluation, the access list and the departments registry over HTTP, on the demo city:
/// who sees and may do what, what the pages show after each step, and what bad input gets back.
@Suite struct CoordinationWebTests {
    /// A signed-in browser: its session cookie and the CSRF token its forms carry.
    struct Browser { let cookie: String; let csrf: String }

    static func browser(_ client: some TestClientProtocol, _ username: String) async throws -> Browser {
        let cookie = try await AuthorizationTests.login(client, username)
        let page = String(buffer: try await client.execute(uri: "/summons", method: .get, headers: [.cookie: cookie]).body)
        return Browser(cookie: cookie, csrf: String(try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)))
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, as browser: Browser) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: [.cookie: browser.cookie])
        return (response.status, String(buffer: response.body))
    }

    /// Posts a form with the session's CSRF token; values are percent-encoded.
    static func post(_ client: some TestClientProtocol, _ uri: String, as browser: Browser, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = ([("_csrf", browser.csrf)] + fields).map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
        return try await client.execute(uri: uri, method: .post, headers: [.cookie: browser.cookie, .contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: body.joined(separator: "&")))
    }

    /// Calls the JSON API and parses the answer.
    static func api(_ client: some TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method = .get, _ headers: HTTPFields,
                    _ body: String? = nil) async throws -> (HTTPResponse.Status, Any?) {
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return (response.status, try? JSONSerialization.jsonObject(with: Data(buffer: response.body)))
    }

    static func fields(_ problem: Any?) -> Set<String> {
        Set(((problem as? [String: Any])?["fields"] as? [[String: String]] ?? []).compactMap { $0["field"] })
    }

    /// The table row holding `marker`, from `<tr` to its `</tr>`.
    static func row(_ html: String, _ marker: String) -> String? {
        html.components(separatedBy: "<tr").first { $0.contains(marker) }.map { $0.components(separatedBy: "</tr>")[0] }
    }

    /// The element opened with `id="…"`, up to the first `end` after it.
    static func section(_ html: String, _ id: String, end: String) -> String {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        let stop = html.range(of: end, range: start.upperBound..<html.endIndex)?.upperBound ?? html.endIndex
        return String(html[start.lowerBound..<stop])
    }

    @Test func streetSeesOverdueClocksAndVerifiesClosure() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let dogs = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons WHERE title = '流浪犬伤人隐患'")
        let target = try await AuthorizationTests.id(context, "SELECT t.id AS n FROM summons_targets t JOIN summons s ON s.id = t.summons_id WHERE s.title = '流浪犬伤人隐患'")
        try await app.test(.router) { client in
            let street = try await Self.browser(client, "beicheng")
            let (status, list) = try await Self.get(client, "/summons", as: street)
            #expect(status == .ok)
            for title in ["夜间施工噪音扰民", "占道经营联合整治", "楼道堆物火灾隐患", "流浪犬伤人隐患", "违建阳台投诉"] { #expect(list.contains(title), "\(title)") }
            let fire = try #require(Self.row(list, "楼道堆物火灾隐患"))
            #expect(fire.hasPrefix(" class=\"stalled\"") && fire.contains("<span class=\"overdue\">超时</span>") && fire.contains("紧急"))
            #expect(Self.row(list, "流浪犬伤人隐患")?.contains("overdue") == false)
            #expect(Self.row(list, "违建阳台投诉")?.contains("待街道审核") == true)
            let (_, closedOnly) = try await Self.get(client, "/summons?status=closed", as: street)
            #expect(closedOnly.contains("夜间施工噪音扰民") && !closedOnly.contains("楼道堆物火灾隐患") && !closedOnly.contains("流浪犬伤人隐患"))

            let (_, page) = try await Self.get(client, "/summons/\(dogs)", as: street)
            #expect(page.contains("<b id=\"summons-status\">处置中</b>"))
            #expect(Self.row(page, "id=\"target-\(target)\"")?.contains("<td class=\"status\">申请办结") == true)
            #expect(page.contains("action=\"/summons/\(dogs)/targets/\(target)\""))
            #expect(page.contains("value=\"close\">核实办结</button>") && page.contains(">退回重办</button>"))
            let timeline = Self.section(page, "timeline", end: "</ul>")
            for step in ["发起吹哨", "响应接单", "到场报到", "申请办结", "minjing", "beicheng"] { #expect(timeline.contains(step), "\(step)") }

            let noNote = try await Self.post(client, "/summons/\(dogs)/targets/\(target)", as: street, [("action", "close"), ("note", " ")])
            #expect(noNote.status == .unprocessableContent)
            #expect(String(buffer: noNote.body).contains("请填写“核实办结”的说明"))
            let closed = try await Self.post(client, "/summons/\(dogs)/targets/\(target)", as: street, [("action", "close"), ("note", "现场复核，流浪犬已收容")])
            #expect(closed.status == .seeOther)
            #expect(closed.headers[.location] == "/summons/\(dogs)")
            let (_, after) = try await Self.get(client, "/summons/\(dogs)", as: street)
            #expect(after.contains("<b id=\"summons-status\">已办结</b>"))
            #expect(Self.row(after, "id=\"target-\(target)\"")?.contains("<td class=\"status\">已办结") == true)
            #expect(!after.contains("value=\"close\""))
            let steps = Self.section(after, "timeline", end: "</ul>")
            #expect(steps.contains("核实办结") && steps.contains("现场复核，流浪犬已收容"))
        }
        try await context.database.close()
    }

    @Test func officerSeesOnlySummonsCallingItsDepartmentAndCannotClose() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let fire = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons WHERE title = '楼道堆物火灾隐患'")
        let pending = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons WHERE title = '违建阳台投诉'")
        let dogs = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons WHERE title = '流浪犬伤人隐患'")
        let target = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons_targets WHERE summons_id = \(dogs)")
        try await app.test(.router) { client in
            let officer = try await Self.browser(client, "minjing")
            let (status, list) = try await Self.get(client, "/summons", as: officer)
            #expect(status == .ok)
            for title in ["夜间施工噪音扰民", "占道经营联合整治", "流浪犬伤人隐患"] { #expect(list.contains(title), "\(title)") }
            #expect(!list.contains("楼道堆物火灾隐患") && !list.contains("违建阳台投诉"))
            #expect(!list.contains("href=\"/summons/new\""))
            #expect(try await Self.get(client, "/summons/\(fire)", as: officer).0 == .notFound)
            #expect(try await Self.get(client, "/summons/\(pending)", as: officer).0 == .notFound)
            #expect(try await Self.get(client, "/summons/new", as: officer).0 == .forbidden)
            let (_, page) = try await Self.get(client, "/summons/\(dogs)", as: officer)
            #expect(page.contains("流浪犬伤人隐患") && !page.contains("action=\"/summons/\(dogs)/targets/"))
            let close = try await Self.post(client, "/summons/\(dogs)/targets/\(target)", as: officer, [("action", "close"), ("note", "自行办结")])
            #expect(close.status == .forbidden)
            let street = try await Self.browser(client, "beicheng")
            // A step posted under another summons's URL is refused and changes nothing.
            let noise = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons WHERE title = '夜间施工噪音扰民'")
            let elsewhere = try await Self.post(client, "/summons/\(noise)/targets/\(target)", as: street, [("action", "close"), ("note", "核实")])
            #expect(elsewhere.status == .notFound)
            let (_, still) = try await Self.get(client, "/summons/\(dogs)", as: street)
            #expect(still.contains("<b id=\"summons-status\">处置中</b>"))
        }
        try await context.database.close()
    }

    @Test func communitySummonsWaitsForTheStreetAndBadFormsCreateNothing() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let community = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let cg = try await AuthorizationTests.id(context, "SELECT id AS n FROM departments WHERE code = 'CG'")
        try await app.test(.router) { client in
            let admin = try await MobilizationWebTests.bearer(client, "admin")
            let count = { () async throws -> Int in try #require(try await Self.api(client, "/api/v1/summons", .get, admin).1 as? [Any]).count }
            let before = try await count()
            let staff = try await Self.browser(client, "datongmen")
            #expect(try await Self.get(client, "/summons/new", as: staff).1.contains("社区的吹哨先报街道审核"))
            let form = [("unit_id", "\(community)"), ("matter", "resident_problem"), ("urgency", "general"), ("description", "楼顶加建，社区劝阻无效")]
            let bad = try await Self.post(client, "/summons", as: staff, form + [("title", "")])
            #expect(bad.status == .unprocessableContent)
            let text = String(buffer: bad.body)
            #expect(text.contains("标题为1–100个字") && text.contains("请至少选择一个部门或派驻机构") && text.contains("输入有误，请按提示修改"))
            #expect(text.contains("楼顶加建，社区劝阻无效"))
            #expect(try await count() == before)

            let raised = try await Self.post(client, "/summons", as: staff, form + [("title", "楼顶违建阳光房"), ("department_ids", "\(cg)")])
            #expect(raised.status == .seeOther)
            let location = try #require(raised.headers[.location])
            let id = try #require(Int(location.replacingOccurrences(of: "/summons/", with: "")))
            #expect(try await count() == before + 1)
            let (_, waiting) = try await Self.get(client, location, as: staff)
            #expect(waiting.contains("<b id=\"summons-status\">待街道审核</b>"))
            let unsent = try #require(Self.row(waiting, "<td>市综合行政执法局</td>"))
            #expect(unsent.contains("<td>—</td><td>—</td>") && unsent.firstMatch(of: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/) == nil)
            #expect(!waiting.contains("id=\"decide-form\""))
            #expect(try await Self.post(client, "/summons/\(id)/decide", as: staff, [("send", "1")]).status == .forbidden)

            let street = try await Self.browser(client, "beicheng")
            #expect(try await Self.get(client, location, as: street).1.contains("id=\"decide-form\""))
            let sent = try await Self.post(client, "/summons/\(id)/decide", as: street, [("send", "1"), ("note", "")])
            #expect(sent.status == .seeOther)
            let (_, open) = try await Self.get(client, location, as: street)
            #expect(open.contains("<b id=\"summons-status\">处置中</b>") && !open.contains("id=\"decide-form\""))
            let clocked = try #require(Self.row(open, "<td>市综合行政执法局</td>"))
            #expect(clocked.contains(/<td><span class="">\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/span><\/td>/))
            #expect(Self.section(open, "timeline", end: "</ul>").contains("街道同意并吹哨"))
            let detail = try await Self.api(client, "/api/v1/summons/\(id)", .get, admin).1 as? [String: Any]
            let targets = (detail?["summons"] as? [String: Any])?["targets"] as? [[String: Any]]
            #expect((targets?.first?["clocks"] as? [String: Any])?["respond_due"] != nil)
        }
        try await context.database.close()
    }

    @Test func summonsAPIRaisesActsAndValidates() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let community = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let cg = try await AuthorizationTests.id(context, "SELECT id AS n FROM departments WHERE code = 'CG'")
        let police = try await AuthorizationTests.id(context, "SELECT id AS n FROM stations WHERE name = '北城派出所'")
        let fire = try await AuthorizationTests.id(context, "SELECT id AS n FROM summons WHERE title = '楼道堆物火灾隐患'")
        try await app.test(.router) { client in
            let street = try await MobilizationWebTests.bearer(client, "beicheng")
            let officer = try await MobilizationWebTests.bearer(client, "minjing"), resident = try await MobilizationWebTests.bearer(client, "jumin")
            let good = #"{"unit_id":\#(community),"matter":"emergency","urgency":"emergency","title":"燃气泄漏","description":"5号楼燃气味道浓，请派出所与执法到场","department_ids":[\#(cg)],"station_ids":[\#(police)]}"#
            let (status, created) = try await Self.api(client, "/api/v1/summons", .post, street, good)
            #expect(status == .created)
            let summons = try #require(created as? [String: Any])
            #expect(summons["status"] as? String == "open")
            let id = try #require(summons["id"] as? Int)
            let targets = try #require(summons["targets"] as? [[String: Any]])
            #expect(targets.count == 2)
            for target in targets {
                let clocks = target["clocks"] as? [String: Any]
                #expect(clocks?["respond_due"] is String && clocks?["arrive_due"] is String && clocks?["resolve_due"] is String)
            }
            let cgTarget = try #require(targets.first { $0["department_id"] as? Int == cg }?["id"] as? Int)
            let gaTarget = try #require(targets.first { $0["station_id"] as? Int == police }?["id"] as? Int)

            #expect(try await Self.api(client, "/api/v1/summons", .post, street, #"{"unit_id": "#).0 == .badRequest)
            let invalid = #"{"unit_id":null,"matter":"flood","urgency":"soon","title":"","description":""}"#
            let (invalidStatus, problem) = try await Self.api(client, "/api/v1/summons", .post, street, invalid)
            #expect(invalidStatus == .unprocessableContent)
            #expect(Self.fields(problem) == ["unit_id", "matter", "urgency", "title", "description", "targets"])
            #expect(try await Self.api(client, "/api/v1/summons", .post, resident, good).0 == .forbidden)
            // A resident is not among the roles that read summons: refused, not shown an empty list.
            #expect(try await Self.api(client, "/api/v1/summons", .get, resident).0 == .forbidden)
            #expect(try await Self.api(client, "/api/v1/summons?status=bogus", .get, street).0 == .unprocessableContent)

            let (accepted, after) = try await Self.api(client, "/api/v1/summons-targets/\(cgTarget)/steps", .post, officer, #"{"action":"accept"}"#)
            #expect(accepted == .ok)
            let afterTargets = (after as? [String: Any])?["targets"] as? [[String: Any]]
            #expect(afterTargets?.first { $0["id"] as? Int == cgTarget }?["status"] as? String == "accepted")
            #expect(try await Self.api(client, "/api/v1/summons-targets/\(cgTarget)/steps", .post, officer, #"{"action":"accept"}"#).0 == .unprocessableContent)
            #expect(try await Self.api(client, "/api/v1/summons-targets/\(gaTarget)/steps", .post, officer, #"{"action":"accept"}"#).0 == .forbidden)
            let (unknown, unknownProblem) = try await Self.api(client, "/api/v1/summons-targets/\(cgTarget)/steps", .post, officer, #"{"action":"dance"}"#)
            #expect(unknown == .unprocessableContent && Self.fields(unknownProblem) == ["action"])

            let (detailStatus, detail) = try await Self.api(client, "/api/v1/summons/\(id)", .get, street)
            #expect(detailStatus == .ok)
            let body = try #require(detail as? [String: Any])
            #expect((body["summons"] as? [String: Any])?["id"] as? Int == id)
            let timeline = try #require(body["timeline"] as? [[String: Any]])
            #expect(timeline.compactMap { $0["action"] as? String } == ["raise", "send", "accept"])
            #expect(timeline.last?["username"] as? String == "minjing" && timeline.last?["side"] as? String == "department")
            let officerList = try #require(try await Self.api(client, "/api/v1/summons", .get, officer).1 as? [[String: Any]])
            #expect(officerList.contains { $0["id"] as? Int == id } && !officerList.contains { $0["id"] as? Int == fire })
            #expect(try await Self.api(client, "/api/v1/summons/\(fire)", .get, officer).0 == .notFound)
        }
        try await context.database.close()
    }

    @Test func publishedEvaluationShowsWeightsAndScoresAndRefusesRatings() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let period = Period.quarter(of: context.clock()).previousQuarter.code
        let current = Period.quarter(of: context.clock()).code
        let cg = try await AuthorizationTests.id(context, "SELECT id AS n FROM departments WHERE code = 'CG'")
        let beicheng = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
        try await app.test(.router) { client in
            let admin = try await Self.browser(client, "admin")
            let (status, page) = try await Self.get(client, "/evaluations?period=\(period)", as: admin)
            #expect(status == .ok)
            #expect(page.contains("已于") && !page.contains("尚未发布"))
            #expect(!page.contains("id=\"rate-form\"") && !page.contains("id=\"publish-form\""))
            let streets = Self.section(page, "evaluation-street", end: "</table>")
            #expect(streets.contains("按时响应率<br><small>权重 0.4</small>") && streets.contains("服务态度评分<br><small>权重 0.2</small>"))
            let departments = Self.section(page, "evaluation-department", end: "</table>")
            #expect(departments.contains("配合度评分<br><small>权重 0.3</small>") && departments.contains("5★"))
            let cgRow = try #require(Self.row(streets, "<td>市综合行政执法局</td>"))
            #expect(cgRow.contains("<td>北城街道</td>") && cgRow.contains("4★"))
            #expect(Self.row(streets, "<td>市市场监督管理局</td>")?.contains("3★") == true)

            let token = try await MobilizationWebTests.bearer(client, "admin")
            let rows = try #require(try await Self.api(client, "/api/v1/evaluations?period=\(period)", .get, token).1 as? [[String: Any]])
            #expect(rows.count == 4)
            for row in rows {
                #expect((row["parts"] as? [[String: Any]])?.count == 3 && row["score"] is Double && row["computed_at"] is String)
            }
            let cgScore = try #require(rows.first { $0["rater"] as? String == "street" && $0["department_id"] as? Int == cg }?["score"] as? Double)
            #expect(cgRow.contains("<td class=\"num score\"><b>\(String(format: "%.1f", cgScore))</b></td>"))
            let (bad, problem) = try await Self.api(client, "/api/v1/evaluations?period=2026Q9", .get, token)
            #expect(bad == .unprocessableContent && Self.fields(problem) == ["period"])

            let street = try await Self.browser(client, "beicheng")
            let rating = [("street_unit_id", "\(beicheng)"), ("department_id", "\(cg)"), ("stars", "4"), ("comment", "")]
            let refused = try await Self.post(client, "/evaluations/rate", as: street, [("period", period)] + rating)
            // The page comes back with the reason, so the street sees why (and nothing was rated).
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("\(period) 的考评结果已发布，不能再评分"))
            let open = try await Self.post(client, "/evaluations/rate", as: street, [("period", current)] + rating)
            #expect(open.status == .seeOther && open.headers[.location] == "/evaluations?period=\(current)")
        }
        try await context.database.close()
    }

    @Test func accessListGatesDepartmentTasks() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let community = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let listed = try await AuthorizationTests.id(context, "SELECT id AS n FROM access_items WHERE code = 'ZR-05'")
        let waiting = try await AuthorizationTests.id(context, "SELECT id AS n FROM department_tasks WHERE title = '住房租赁情况摸底统计'")
        try await app.test(.router) { client in
            let admin = try await Self.browser(client, "admin")
            let (status, page) = try await Self.get(client, "/access", as: admin)
            #expect(status == .ok)
            let items = Self.section(page, "access-items", end: "</table>")
            #expect(Self.row(items, "<td>ZR-05</td>")?.hasPrefix(" class=\"listed\"") == true)
            #expect(Self.row(items, "<td>ZR-07</td>")?.contains("value=\"approve\"") == true)
            let allowed = Self.section(page, "certificates-allowed", end: "</ul>"), refused = Self.section(page, "certificates-refused", end: "</ul>")
            #expect(allowed.contains("亲属关系证明") == false && allowed.contains("居民在本社区居住情况的证明（据实出具）"))
            #expect(refused.contains("无犯罪记录证明") && refused.contains("亲属关系证明") && !refused.contains("困难群众家庭经济状况初审意见"))
            let burden = Self.section(page, "burden", end: "</table>")
            #expect(burden.contains("<tr><td>市综合行政执法局</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td>"))
            #expect(burden.contains("<tr><td>市住房和城乡建设局</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td>"))
            #expect(burden.contains("<tr><td>市消防救援大队</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td>"))
            #expect(Self.row(page, "创文测评点位迎检材料")?.contains("所引用事项不属于本部门") == true)

            let officer = try await Self.browser(client, "minjing")
            let task = [("community_unit_id", "\(community)"), ("forms", "1"), ("inspections", "0")]
            let unlisted = try await Self.post(client, "/access/tasks", as: officer, task + [("title", "垃圾分类入户宣传"), ("access_item_id", "")])
            #expect(unlisted.status == .seeOther && unlisted.headers[.location] == "/access")
            #expect(try await Self.post(client, "/access/tasks", as: officer, task + [("title", "门前三包宣传"), ("access_item_id", "\(listed)")]).status == .seeOther)
            let (_, mine) = try await Self.get(client, "/access", as: officer)
            let refusedRow = try #require(Self.row(mine, "<td>垃圾分类入户宣传</td>"))
            #expect(refusedRow.hasPrefix(" class=\"refused\"") && refusedRow.contains("不予准入") && refusedRow.contains("未引用准入清单事项"))
            let acceptedRow = try #require(Self.row(mine, "<td>门前三包宣传</td>"))
            #expect(acceptedRow.hasPrefix(" class=\"accepted\"") && acceptedRow.contains("准入接收"))
            #expect(!mine.contains("住房租赁情况摸底统计"))
            #expect(Self.section(mine, "burden", end: "</table>").contains("<tr><td>市综合行政执法局</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">0</td>"))

            let street = try await Self.browser(client, "beicheng")
            #expect(try await Self.get(client, "/access", as: street).1.contains("action=\"/access/tasks/\(waiting)\""))
            let approved = try await Self.post(client, "/access/tasks/\(waiting)", as: street, [("approve", "1"), ("note", "")])
            #expect(approved.status == .seeOther)
            let (_, after) = try await Self.get(client, "/access", as: street)
            let approvedRow = try #require(Self.row(after, "<td>住房租赁情况摸底统计</td>"))
            #expect(approvedRow.hasPrefix(" class=\"approved\"") && approvedRow.contains("街道批准") && !approvedRow.contains("action=\"/access/tasks/"))

            let body = #"{"title":"街道代发任务","community_unit_id":\#(community)}"#
            #expect(try await Self.api(client, "/api/v1/department-tasks", .post, try await MobilizationWebTests.bearer(client, "beicheng"), body).0 == .forbidden)
            let cited = #"{"title":"门前三包回访","community_unit_id":\#(community),"access_item_id":\#(listed)}"#
            let (created, json) = try await Self.api(client, "/api/v1/department-tasks", .post, try await MobilizationWebTests.bearer(client, "minjing"), cited)
            #expect(created == .created && (json as? [String: Any])?["status"] as? String == "accepted")
        }
        try await context.database.close()
    }

    @Test func departmentsPageShowsLimitsAndOnlyTheCityChangesThem() async throws {
        let (app, context) = try await AuthorizationTests.app()
        try await app.test(.router) { client in
            let admin = try await Self.browser(client, "admin")
            let (status, page) = try await Self.get(client, "/departments", as: admin)
            #expect(status == .ok)
            let table = Self.section(page, "departments", end: "</table>")
            for code in ["GA", "WJ", "CG", "SJ", "ZJ", "YJ", "MZ", "XF"] { #expect(table.contains("<td>\(code)</td>"), "\(code)") }
            #expect(Self.row(table, "<td>CG</td>")?.contains("北城执法中队") == true)
            let limits = Self.section(page, "time-limits", end: "</table>")
            #expect(limits.contains("15分钟内响应，30分钟内到场，1个工作日内办结") && limits.contains("24小时内响应，7个工作日内办结")
                    && limits.contains("24小时内响应，15个工作日内办结"))
            #expect(page.contains("id=\"department-form\"") && page.contains("id=\"time-limit-form\""))

            let limit = [("urgency", "general"), ("respond_minutes", "120"), ("arrive_minutes", "")]
            let bad = try await Self.post(client, "/time-limits", as: admin, limit + [("resolve_working_days", "0")])
            #expect(bad.status == .unprocessableContent)
            let text = String(buffer: bad.body)
            #expect(text.contains("办结时限应为 1–90 个工作日") && text.contains("24小时内响应，7个工作日内办结"))
            #expect(try await Self.post(client, "/time-limits", as: admin, limit + [("resolve_working_days", "5")]).status == .seeOther)
            #expect(try await Self.get(client, "/departments", as: admin).1.contains("2小时内响应，5个工作日内办结"))

            let street = try await Self.browser(client, "beicheng")
            let (_, streetPage) = try await Self.get(client, "/departments", as: street)
            #expect(!streetPage.contains("id=\"department-form\"") && streetPage.contains("id=\"station-form\""))
            let department = [("code", "JT"), ("name", "市交通运输局"), ("name_en", "Transport")]
            #expect(try await Self.post(client, "/departments", as: street, department).status == .forbidden)
            #expect(try await Self.post(client, "/time-limits", as: street, limit + [("resolve_working_days", "3")]).status == .forbidden)
            #expect(!(try await Self.get(client, "/departments", as: admin).1.contains("市交通运输局")))
            #expect(try await Self.post(client, "/departments", as: admin, department).status == .seeOther)
            #expect(try await Self.get(client, "/departments", as: admin).1.contains("<td>JT</td><td>市交通运输局</td>"))
        }
        try await context.database.close()
    }
}
