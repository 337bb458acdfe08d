import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The message after a write: said by the route (or "已保存" when it says nothing), carried in a signed cookie to
/// the next page, shown there once; nothing for a refused write, an API call or signing in; a forged cookie shows
/// nothing.
@Suite struct FlashWebTests {
    typealias W = CoordinationWebTests

    /// The flash cookie a response sets (`name=value`), if any.
    static func flashCookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(Flash.cookieName + "=") }.map { String($0.split(separator: ";")[0]) }
    }

    static func flash(_ page: String) -> String? {
        page.firstMatch(of: /<p class="notice" id="flash" role="status">✓ ([^<]*)(?: <a [^>]*>[^<]*<\/a>)?<\/p>/).map { String($0.1) }
    }

    /// The flash's link to undo or correct the write: its path and words.
    static func undo(_ page: String) -> (String, String)? {
        page.firstMatch(of: /<p class="notice" id="flash" role="status">✓ [^<]* <a href="([^"]*)" id="undo">([^<]*)<\/a><\/p>/).map { (String($0.1), String($0.2)) }
    }

    @Test func aWriteIsSaidOnceOnTheNextPageAndAForgedMessageIsNot() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let household = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM households h WHERE path LIKE (SELECT path FROM units WHERE code = '513401001003001') || '%'")
        try await app.test(.router) { client in
            let worker = try await W.browser(client, "gege")
            let saved = try await W.post(client, "/households/\(household)", as: worker, [("room", "1-101"), ("address", "阳光公寓1栋1-101"), ("note", "")])
            #expect(saved.status == .seeOther)
            let cookie = try #require(Self.flashCookie(saved))
            #expect(saved.headers[.init(Flash.header)!] == nil, "the route's header never leaves the server")

            let next = try await client.execute(uri: "/households/\(household)", method: .get, headers: [.cookie: "\(worker.cookie); \(cookie)"])
            #expect(Self.flash(String(buffer: next.body)) == "住户信息已保存")
            #expect(next.headers[values: .setCookie].contains { $0.hasPrefix(Flash.cookieName + "=;") && $0.contains("Max-Age=0") }, "shown once")
            let (_, plain) = try await W.get(client, "/households/\(household)", as: worker)
            #expect(Self.flash(plain) == nil)

            // The same words with another signature, or other words under this one: nothing is shown.
            let (name, value) = (cookie.split(separator: "=", maxSplits: 1).map(String.init)[0], cookie.split(separator: "=", maxSplits: 1).map(String.init)[1])
            let forged = Flash.encode(Flash.Message(text: Bilingual("请拨打 110 转账", "Call and pay"))) + "." + value.split(separator: ".").last!
            for planted in ["\(name)=\(forged)", "\(name)=\(value.dropLast(2))00", "\(name)=garbage"] {
                let page = try await client.execute(uri: "/households/\(household)", method: .get, headers: [.cookie: "\(worker.cookie); \(planted)"])
                #expect(Self.flash(String(buffer: page.body)) == nil, "\(planted)")
            }

            // A refused write sets no message; a write whose route says nothing is still said.
            let refused = try await W.post(client, "/households/\(household)", as: worker, [("room", ""), ("address", ""), ("note", "")])
            #expect(refused.status == .unprocessableContent && Self.flashCookie(refused) == nil)
            let staff = try await W.browser(client, "datongmen")
            let topic = try await W.post(client, "/council", as: staff, [("unit_id", "\(try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001003001'"))"),
                                                                       ("title", "楼道堆物清理"), ("description", "楼道堆放杂物，影响消防通道。")])
            let said = try #require(Self.flashCookie(topic))
            let shown = try await client.execute(uri: try #require(topic.headers[.location]), method: .get, headers: [.cookie: "\(staff.cookie); \(said)"])
            #expect(Self.flash(String(buffer: shown.body)) == "已保存")
            // A step of the topic says which step it was.
            let location = try #require(topic.headers[.location])
            let comment = try await W.post(client, location + "/comment", as: staff, [("body", "赞成，周末组织清理")])
            let commented = try await client.execute(uri: location, method: .get, headers: [.cookie: "\(staff.cookie); \(try #require(Self.flashCookie(comment)))"])
            #expect(Self.flash(String(buffer: commented.body)) == "意见已发表")

            // Signing in and the API say nothing this way.
            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "username=gege&password=\(DemoCity.password)"))
            #expect(login.status == .seeOther && Self.flashCookie(login) == nil)
            let api = try await MobilizationWebTests.bearer(client, "beicheng")
            let street = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
            let created = try await client.execute(uri: "/api/v1/directives", method: .post, headers: api, body: ByteBuffer(string:
                #"{"unit_id":\#(street),"title":"通知送达","kind":"notice","target":"households","deadline":"2099-01-01 12:00"}"#))
            #expect(created.status == .created && Self.flashCookie(created) == nil)
        }
        try await context.database.close()
    }

    /// Where a write can be put right, its message says how: a report links back to its form to correct it, a fund
    /// entry to its own row to reverse it. A link is only ever a path on this site, even signed.
    @Test func aWriteThatCanBePutRightLinksThere() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let assignment = try await AuthorizationTests.id(context, """
            SELECT MIN(a.id) AS n FROM assignments a JOIN directives d ON d.id = a.directive_id
            WHERE d.title = '冬季燃气安全入户排查' AND a.outcome = 'pending' AND a.path LIKE (SELECT path FROM units WHERE code = '513401001003001') || '%'
            """)
        let community = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        try await app.test(.router) { client in
            let worker = try await W.browser(client, "gege")
            let reported = try await W.post(client, "/assignments/\(assignment)", as: worker, [("key", UUID().uuidString), ("outcome", "absent"), ("note", "")])
            #expect(reported.status == .seeOther)
            let location = try #require(reported.headers[.location]?.split(separator: "#").first.map(String.init))
            let cookie = try #require(Self.flashCookie(reported))
            let next = try await client.execute(uri: location, method: .get, headers: [.cookie: "\(worker.cookie); \(cookie)"])
            let page = String(buffer: next.body)
            #expect(Self.flash(page)?.hasSuffix("未遇（需再访）") == true)
            #expect(Self.undo(page)?.0 == "/assignments/\(assignment)" && Self.undo(page)?.1 == "改正")

            let staff = try await W.browser(client, "datongmen")
            let recorded = try await W.post(client, "/fund/entries", as: staff, [("community_id", "\(community)"), ("kind", "donation"), ("amount", "200"),
                                                                              ("party", "阳光物业"), ("topic_id", ""), ("project", ""), ("memo", "")])
            let entry = try await AuthorizationTests.id(context, "SELECT MAX(id) AS n FROM fund_entries")
            #expect(recorded.headers[.location] == "/fund?community=\(community)#entry-\(entry)")
            let (_, ledger) = try await W.get(client, "/fund?community=\(community)", as: staff)
            #expect(ledger.contains("id=\"entry-\(entry)\"") && ledger.contains("/fund/entries/\(entry)/reverse"), "the row the link leads to can reverse it")
            let said = try #require(Self.flashCookie(recorded))
            let shown = try await client.execute(uri: "/fund?community=\(community)", method: .get, headers: [.cookie: "\(staff.cookie); \(said)"])
            #expect(Self.flash(String(buffer: shown.body)) == "已记账：捐赠 200.00 元" && Self.undo(String(buffer: shown.body))?.0 == "/fund?community=\(community)#entry-\(entry)")
        }
        // Another site's address never comes out of a message, however it got in.
        for path in ["//evil.example/", "/\\evil.example", "/%2F%2Fevil.example", "https://evil.example/"] {
            let offsite = Flash.encode(Flash.Message(text: Bilingual("x", "x"), undo: Flash.Undo(path: path, label: Bilingual("y", "y"))))
            #expect(Flash.decode(offsite) == nil, "\(path)")
        }
        let local = Flash.Message(text: Bilingual("已提交", "Sent"), undo: Flash.Undo(path: "/assignments/1", label: Bilingual("改正", "Correct it")))
        #expect(Flash.decode(Flash.encode(local)) == local)
    }

    @Test func aDraftStatesItsReachBeforeItIsIssued() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let street = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
        let households = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM households WHERE path LIKE (SELECT path FROM units WHERE id = \(street)) || '%'")
        try await app.test(.router) { client in
            let admin = try await W.browser(client, "beicheng")
            let posted = try await W.post(client, "/directives", as: admin, [("unit_id", "\(street)"), ("title", "冬季供暖入户登记"), ("kind", "notice"),
                                                                           ("target", "households"), ("responsible", "grid_worker"), ("priority", "normal"),
                                                                           ("deadline", "2099-01-01T12:00"), ("stall_hours", "24"), ("field_key", ""), ("field_label", "是否供暖"),
                                                                           ("field_type", "yesno"), ("field_required", "1"), ("field_options", ""),
                                                                           ("field_min", ""), ("field_max", ""),
                                                                           ("action", "issue")])
            let location = try #require(posted.headers[.location])
            let id = try #require(Int(location.dropFirst("/directives/".count)))
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(id)") == 0, "nothing issued yet")
            let (_, draft) = try await W.get(client, location, as: admin)
            #expect(draft.contains("<b id=\"reach\">\(households)</b>") && draft.contains("确认向 \(households) 个对象下发"))
            #expect(W.section(draft, "form-fields", end: "</ol>").contains("是否供暖"))
            let issued = try await W.post(client, "/directives/\(id)/issue", as: admin, [])
            let shown = try await client.execute(uri: location, method: .get, headers: [.cookie: "\(admin.cookie); \(try #require(Self.flashCookie(issued)))"])
            #expect(Self.flash(String(buffer: shown.body)) == "已下发，共 \(households) 个对象")
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(id)") == households)
        }
        try await context.database.close()
    }
}
