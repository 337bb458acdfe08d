import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Requests over HTTP on the demo city: a resident files and rates, the grid worker works it, bad input is said and
/// changes nothing, the rates page and its settings, the JSON API, and Open311 GeoReport v2 in JSON and XML.
@Suite struct ServicesWebTests {
    typealias W = CoordinationWebTests

    static func count(_ context: StoreContext, _ sql: String) async throws -> Int { try await AuthorizationTests.id(context, sql) }

    @Test func residentFilesGridWorkerAnswersResidentRates() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let community = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let noise = try await Self.count(context, "SELECT id AS n FROM request_categories WHERE service_code = 'noise'")
        try await app.test(.router) { client in
            let resident = try await W.browser(client, "jumin")
            let (status, form) = try await W.get(client, "/requests/new", as: resident)
            #expect(status == .ok && form.contains("<optgroup label=\"环境卫生\">") && !form.contains("contact_phone"))
            let before = try await Self.count(context, "SELECT COUNT(*) AS n FROM requests")
            let bad = try await W.post(client, "/requests", as: resident, [("kind", "complaint"), ("category_id", "\(noise)"), ("unit_id", "\(community)"), ("description", "吵")])
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("请描述诉求（5–2000字）"))
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM requests") == before)
            let filed = try await W.post(client, "/requests", as: resident, [("kind", "complaint"), ("category_id", "\(noise)"), ("unit_id", "\(community)"),
                                                                           ("description", "楼下烧烤店油烟和噪音到凌晨")])
            let location = try #require(filed.headers[.location])
            let id = try #require(Int(location.dropFirst("/requests/".count)))
            let (_, mine) = try await W.get(client, "/requests", as: resident)
            #expect(mine.contains("楼下烧烤店油烟") && !mine.contains("居民反映的第1件事项"))

            let worker = try await W.browser(client, "gege")
            let (_, page) = try await W.get(client, location, as: worker)
            #expect(page.contains("id=\"step-form\"") && page.contains("value=\"accept\"") && page.contains("<b id=\"request-status\">待受理</b>"))
            #expect(try await W.post(client, "/requests/\(id)/steps", as: worker, [("action", "accept"), ("note", "")]).status == .seeOther)
            let empty = try await W.post(client, "/requests/\(id)/steps", as: worker, [("action", "reply"), ("note", "")])
            #expect(empty.status == .unprocessableContent && String(buffer: empty.body).contains("请填写答复或办理情况"))
            #expect(try await W.post(client, "/requests/\(id)/steps", as: worker, [("action", "reply"), ("note", "已联系店主，凌晨前停止营业")]).status == .seeOther)
            // The worker gets no rating form; the resident does.
            let (_, answered) = try await W.get(client, location, as: worker)
            #expect(!answered.contains("id=\"feedback-form\""))
            let (_, toRate) = try await W.get(client, location, as: resident)
            #expect(toRate.contains("id=\"feedback-form\"") && toRate.contains("已联系店主"))
            // Neither answer comes chosen, and a rating without "solved" is refused, not counted as unsolved.
            #expect(HonestDefaultsTests.sentAsLoaded(toRate, "solved") == "" && HonestDefaultsTests.sentAsLoaded(toRate, "satisfaction") == "")
            let unanswered = try await W.post(client, "/requests/\(id)/feedback", as: resident, [("satisfaction", "satisfied"), ("comment", "")])
            #expect(unanswered.status == .unprocessableContent && String(buffer: unanswered.body).contains("请选择问题是否解决"))
            #expect(try await W.get(client, location, as: resident).1.contains("<b id=\"request-status\">已答复待评价</b>"))
            #expect(try await W.post(client, "/requests/\(id)/feedback", as: resident, [("solved", "1"), ("satisfaction", "satisfied"), ("comment", "")]).status == .seeOther)
            let (_, done) = try await W.get(client, location, as: resident)
            #expect(done.contains("<b id=\"request-status\">已办结</b>"))
            let again = try await W.post(client, "/requests/\(id)/feedback", as: resident, [("solved", "1"), ("satisfaction", "satisfied")])
            #expect(again.status == .unprocessableContent && String(buffer: again.body).contains("答复后才能评价"))
            // The city sees it; a department officer has no request pages.
            let city = try await W.browser(client, "admin")
            #expect(try await W.get(client, location, as: city).0 == .ok)
            #expect(try await W.get(client, "/requests/\(id)", as: try await W.browser(client, "minjing")).0 == .forbidden)
        }
    }

    @Test func ratesPageSettingsAndAPI() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let (status, page) = try await W.get(client, "/requests/rates?period=2026Q3", as: street)
            let communities = try await Self.count(context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'community' AND code LIKE '513401001%'")
            #expect(status == .ok && W.section(page, "ranking", end: "</table>").components(separatedBy: "<tr><td>").count - 1 == communities)
            #expect(page.contains("响应率 ×0.10") && page.contains("0.9×基本满意") && !page.contains("id=\"rate-settings-form\""))
            #expect(try await W.post(client, "/requests/rates/settings", as: street, [("response", "1")]).status == .forbidden)
            let city = try await W.browser(client, "admin")
            let bad = try await W.post(client, "/requests/rates/settings", as: city, [("response", "0.5"), ("resolution", "0.5"), ("satisfaction", "0.5"), ("basically_factor", "0.9")])
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("各项权重之和应为 1"))
            #expect(try await W.post(client, "/requests/rates/settings", as: city, [("response", "0.2"), ("resolution", "0.4"), ("satisfaction", "0.4"),
                                                                                  ("basically_factor", "0.8")]).status == .seeOther)
            let headers = try await MobilizationWebTests.bearer(client, "beicheng")
            let (_, rates) = try await W.api(client, "/api/v1/request-rates?period=2026Q3", .get, headers)
            let settings = (rates as? [String: Any])?["settings"] as? [String: Any]
            #expect((settings?["weights"] as? [String: Double])?["response"] == 0.2 && settings?["basically_factor"] as? Double == 0.8)
            var json = headers
            json[.contentType] = "application/json"
            let (badStatus, problem) = try await W.api(client, "/api/v1/requests", .post, json, #"{"kind":"x","description":"短"}"#)
            #expect(badStatus == .unprocessableContent && W.fields(problem) == ["kind", "category_id", "unit_id", "description"])
            let (_, list) = try await W.api(client, "/api/v1/requests?status=closed", .get, headers)
            #expect(((list as? [[String: Any]]) ?? []).allSatisfy { $0["status"] as? String == "closed" })
            let (wrongStatus, _) = try await W.api(client, "/api/v1/requests?status=lost", .get, headers)
            #expect(wrongStatus == .unprocessableContent)
        }
    }

    @Test func open311ServesJSONAndXMLAndChecksKeys() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let street = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        let key = try await Open311Store(context).createKey(name: "测试客户端", unitID: street.id, scope: .system)
        try await app.test(.router) { client in
            let services = try await client.execute(uri: "/open311/v2/services.json", method: .get)
            let list = try JSONSerialization.jsonObject(with: Data(buffer: services.body)) as? [[String: Any]] ?? []
            let leaves = try await Self.count(context, "SELECT COUNT(*) AS n FROM request_categories WHERE parent_id IS NOT NULL AND active = 1")
            #expect(list.count == leaves && list.contains { $0["service_code"] as? String == "noise" && $0["group"] as? String == "环境卫生" && $0["metadata"] as? Bool == true })
            let xml = String(buffer: try await client.execute(uri: "/open311/v2/services.xml", method: .get).body)
            #expect(xml.hasPrefix("<?xml") && xml.contains("<services><service><service_code>road</service_code>"))
            let definition = String(buffer: try await client.execute(uri: "/open311/v2/services/noise.json", method: .get).body)
            #expect(definition.contains("\"code\":\"kind\"") && definition.contains("\"key\":\"complaint\""))
            #expect(try await client.execute(uri: "/open311/v2/services/nothing.json", method: .get).status == .notFound)

            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let body = "service_code=road&description=%E4%BA%BA%E8%A1%8C%E9%81%93%E7%A0%96%E6%9D%BE%E5%8A%A8&address_id=513401001003&lat=27.9&long=102.26"
            let refused = try await client.execute(uri: "/open311/v2/requests.json", method: .post, headers: form, body: ByteBuffer(string: body))
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("\"code\":403"))
            let badLat = try await client.execute(uri: "/open311/v2/requests.xml", method: .post, headers: form, body: ByteBuffer(string: "api_key=\(key)&service_code=road&lat=north"))
            #expect(badLat.status == .badRequest && String(buffer: badLat.body).contains("<errors><error><code>400</code>"))
            let posted = try await client.execute(uri: "/open311/v2/requests.json", method: .post, headers: form, body: ByteBuffer(string: "api_key=\(key)&" + body))
            #expect(posted.status == .created)
            let answer = try #require((try JSONSerialization.jsonObject(with: Data(buffer: posted.body)) as? [[String: Any]])?.first)
            let id = try #require(answer["service_request_id"] as? String), token = try #require(answer["token"] as? String)
            let byToken = String(buffer: try await client.execute(uri: "/open311/v2/tokens/\(token).json", method: .get).body)
            #expect(byToken.contains("\"service_request_id\":\"\(id)\""))
            // Roads are public in the demo: anyone reads this one coarsened (no text, no coordinates); the key that filed it, whole.
            let one = String(buffer: try await client.execute(uri: "/open311/v2/requests/\(id).xml", method: .get).body)
            #expect(one.contains("<service_request_id>\(id)</service_request_id><status>open</status>") && one.contains("<address_id>513401001003</address_id>"))
            #expect(one.contains("<description></description>") && !one.contains("<lat>"))
            let own = String(buffer: try await client.execute(uri: "/open311/v2/requests/\(id).xml", method: .get, headers: [.init("X-Api-Key")!: key]).body)
            #expect(own.contains("<description>人行道砖松动</description>") && own.contains("<lat>27.9</lat>"))
            let wrongKey = try await client.execute(uri: "/open311/v2/requests.json?api_key=o311_wrong", method: .get)
            #expect(wrongKey.status == .forbidden && String(buffer: wrongKey.body).contains("api_key"))
            let closed = try JSONSerialization.jsonObject(with: Data(buffer: try await client.execute(uri: "/open311/v2/requests.json?status=closed", method: .get).body)) as? [[String: Any]] ?? []
            #expect(!closed.isEmpty && closed.allSatisfy { $0["status"] as? String == "closed" })
            // The public list: only what was published, with the answer written for the public and no name, phone or door.
            let everything = String(buffer: try await client.execute(uri: "/open311/v2/requests.json", method: .get).body)
            let listed = try JSONSerialization.jsonObject(with: Data(everything.utf8)) as? [[String: Any]] ?? []
            let unpublished = try await Self.count(context, """
                SELECT MIN(r.id) AS n FROM requests r JOIN request_categories c ON c.id = r.category_id WHERE r.is_public = 0 AND c.is_public = 0
                """)
            let ids = listed.compactMap { ($0["service_request_id"] as? String).flatMap { Int($0) } }
            #expect(!ids.isEmpty && !ids.contains(unpublished))
            let hidden = try await client.execute(uri: "/open311/v2/requests/\(unpublished).json", method: .get)
            #expect(hidden.status == .notFound)
            let noise = try #require(listed.first { $0["service_code"] as? String == "noise" })
            #expect(noise["status_notes"] as? String == "工地夜间施工已按规定限时，22点后停工。" && (noise["description"] as? String)?.contains("夜间施工") == true)
            #expect(!everything.contains("王先生") && !everything.contains("已联系施工方") && !everything.contains("3栋"))
            let badDate = try await client.execute(uri: "/open311/v2/requests.json?start_date=yesterday", method: .get)
            #expect(badDate.status == .badRequest)
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM requests WHERE source = 'open311' AND token = '\(token)'") == 1)
        }
    }

    @Test func residentAgreesToPublishStaffAnswerThePublicAndTheCityPublishesCategories() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let community = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let noise = try await Self.count(context, "SELECT id AS n FROM request_categories WHERE service_code = 'noise'")
        try await app.test(.router) { client in
            let resident = try await W.browser(client, "jumin")
            #expect(try await W.get(client, "/requests/new", as: resident).1.contains("name=\"is_public\" value=\"1\""))
            let filed = try await W.post(client, "/requests", as: resident, [("kind", "complaint"), ("category_id", "\(noise)"), ("unit_id", "\(community)"),
                                                                           ("description", "小区广场舞音响声音过大"), ("is_public", "1")])
            let location = try #require(filed.headers[.location])
            let id = try #require(Int(location.dropFirst("/requests/".count)))
            #expect(try await Self.count(context, "SELECT is_public AS n FROM requests WHERE id = \(id)") == 1)
            let worker = try await W.browser(client, "gege")
            #expect(try await W.post(client, "\(location)/steps", as: worker, [("action", "accept"), ("note", "")]).status == .seeOther)
            #expect(try await W.get(client, location, as: worker).1.contains("name=\"public_reply\""))
            let tooSoon = try await W.post(client, "\(location)/steps", as: worker, [("action", "note"), ("note", "已上门"), ("public_reply", "已处理")])
            #expect(tooSoon.status == .unprocessableContent && String(buffer: tooSoon.body).contains("公开答复只能随答复一起填写"))
            #expect(try await W.post(client, "\(location)/steps", as: worker, [("action", "reply"), ("note", "已约谈3栋领队"), ("public_reply", "已协调降低音量")])
                .status == .seeOther)
            let listed = String(buffer: try await client.execute(uri: "/open311/v2/requests/\(id).json", method: .get).body)
            #expect(listed.contains("\"status_notes\":\"已协调降低音量\"") && !listed.contains("3栋领队"))

            // The city makes a category public; the settings page shows it and the category's requests are listed.
            let kept = try await Self.count(context, """
                SELECT MIN(r.id) AS n FROM requests r JOIN request_categories c ON c.id = r.category_id WHERE r.is_public = 0 AND c.service_code = 'elevator'
                """)
            let elevator = try await Self.count(context, "SELECT id AS n FROM request_categories WHERE service_code = 'elevator'")
            #expect(try await client.execute(uri: "/open311/v2/requests/\(kept).json", method: .get).status == .notFound)
            let admin = try await W.browser(client, "admin")
            #expect(try await W.post(client, "/requests/categories/\(elevator)/public", as: admin, [("is_public", "1")]).status == .seeOther)
            #expect(try await W.get(client, "/requests/settings", as: admin).1.contains("action=\"/requests/categories/\(elevator)/public\""))
            #expect(try await client.execute(uri: "/open311/v2/requests/\(kept).json", method: .get).status == .ok)
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'publish' AND entity = 'request_category' AND entity_id = \(elevator)") == 1)
        }
    }

    @Test func communityPageIsPublicAndResidentsConfirmNotices() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let gas = try await Self.count(context, "SELECT id AS n FROM notices WHERE title = '入户燃气安全检查通知'")
        try await app.test(.router) { client in
            let page = String(buffer: try await client.execute(uri: "/community/513401001003", method: .get).body)
            #expect(page.contains("id=\"service-info\"") && page.contains("入户燃气安全检查通知") && page.contains("id=\"grid-workers\""))
            #expect(try await client.execute(uri: "/community/513401001000", method: .get).status == .notFound)  // a street is not a community
            let staff = try await W.browser(client, "gege")
            let bad = try await W.post(client, "/notices", as: staff, [("unit_id", "0"), ("title", ""), ("body", "")])
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("标题为1–100字"))
            let (_, before) = try await W.get(client, "/notices/\(gas)", as: try await W.browser(client, "datongmen"))
            let unread = W.section(before, "unread", end: "</table>").components(separatedBy: "<tr>").count - 1
            let resident = try await W.browser(client, "jumin")
            let (_, mine) = try await W.get(client, "/notices/\(gas)", as: resident)
            #expect(mine.contains("id=\"ack-form\""))
            #expect(try await W.post(client, "/notices/\(gas)/ack", as: resident, []).status == .seeOther)
            let (_, after) = try await W.get(client, "/notices/\(gas)", as: try await W.browser(client, "datongmen"))
            #expect(W.section(after, "unread", end: "</table>").components(separatedBy: "<tr>").count - 1 == unread)  // jumin had already confirmed in the demo
            let (_, json) = try await W.api(client, "/api/v1/communities/513401001003", .get, [:])
            #expect(((json as? [String: Any])?["notices"] as? [[String: Any]])?.contains { $0["title"] as? String == "入户燃气安全检查通知" } == true)
        }
    }
}
