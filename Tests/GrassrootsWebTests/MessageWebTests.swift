import Foundation
import GrassrootsCore
@testable import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Synchronization
import Testing

/// The gateway's delivery report over HTTP: it needs the message's own token, and what it says shows on the request's
/// page, with the phone masked.
@Suite struct MessageWebTests {
    @Test func aReportWithTheMessagesTokenMarksItDeliveredOnTheRequestsPage() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let grid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        let community = Scope(path: String(grid.path.dropLast("201/".count)), role: .communityStaff, accountID: 0, username: "test")
        let worker = Scope(path: grid.path, role: .gridWorker, accountID: 0, username: "test-grid")
        let category = try await AuthorizationTests.id(context, "SELECT id AS n FROM request_categories WHERE service_code = 'noise'")
        let requests = RequestStore(context)
        let id = try await requests.submit(RequestInput(kind: "help", categoryID: category, unitID: grid.id, description: "楼道路灯坏了", contactPhone: "13912345678"),
                                           scope: community).id
        _ = try await requests.act(id, .accept, note: "", scope: worker)
        // Sent when the quiet hours allow, whenever the test runs.
        _ = try await MessageStore(context.at(QuietHours.standard.nextAllowed(after: Date()))).send(through: SMSGateway(perSecond: 1000, reportBase: "http://x") { _, _, _ in .accepted })
        let (message, token) = try await context.database.read { db in
            let row = try await db.raw("SELECT id, report_token FROM messages WHERE record_id = \(bind: id)").first()!
            return (try row.decode(column: "id", as: Int.self), try row.decode(column: "report_token", as: String.self))
        }
        try await app.test(.router) { client in
            for (query, status) in [("", HTTPResponse.Status.badRequest), ("?m=\(message)&status=1", .badRequest),
                                    ("?m=\(message)&t=guess&status=1", .notFound), ("?m=\(message + 1000)&t=\(token)&status=1", .notFound)] {
                #expect(try await client.execute(uri: "/sms/report" + query, method: .get).status == status, "\(query)")
            }
            #expect(try await RequestStore(context).messages(id, scope: worker).map(\.status) == [.sent], "a refused report changes nothing")
            #expect(try await client.execute(uri: "/sms/report?m=\(message)&t=\(token)&status=1", method: .get).status == .ok)
            let staff = try await CoordinationWebTests.browser(client, "datongmen")
            let page = String(buffer: try await client.execute(uri: "/requests/\(id)", method: .get, headers: [.cookie: staff.cookie]).body)
            #expect(page.contains("短信通知") && page.contains("139****5678") && page.contains("data-status=\"delivered\">已送达"))
            #expect(!page.contains("13912345678"), "the phone is shown masked")
        }
    }

    @Test func aNoticesPageCountsItsTextsAndSendsTheFailedOnesAgain() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let grid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        try await app.test(.router) { client in
            let staff = try await CoordinationWebTests.browser(client, "datongmen")
            let published = try await client.execute(uri: "/notices", method: .post, headers: [.cookie: staff.cookie, .contentType: "application/x-www-form-urlencoded"],
                                                     body: ByteBuffer(string: "_csrf=\(staff.csrf)&unit_id=\(grid.id)&title=%E5%81%9C%E6%B0%B4&body=%E5%91%A8%E4%B8%89%E5%81%9C%E6%B0%B4&text_households=1"))
            #expect(published.status == .seeOther)
            let notice = try await AuthorizationTests.id(context, "SELECT MAX(id) AS n FROM notices")
            let households = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM messages WHERE record_kind = 'notice' AND record_id = \(notice)")
            #expect(households > 0)
            // Every text refused, whenever the test runs (quiet hours or not).
            _ = try await MessageStore(context.at(QuietHours.standard.nextAllowed(after: Date()))).send(through: SMSGateway(perSecond: 1000, reportBase: "http://x") { _, _, _ in
                .refused("Kannel HTTP 400: Invalid number")
            })
            let failed = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM messages WHERE record_id = \(notice) AND record_kind = 'notice' AND status = 'failed'")
            #expect(failed > 0)
            let page = String(buffer: try await client.execute(uri: "/notices/\(notice)", method: .get, headers: [.cookie: staff.cookie]).body)
            #expect(page.contains("id=\"message-counts\"") && page.contains("data-status=\"failed\">发送失败 <b>\(failed)</b>"))
            #expect(page.contains("Kannel HTTP 400: Invalid number") && page.contains("action=\"/notices/\(notice)/resend-texts\""))
            let resent = try await client.execute(uri: "/notices/\(notice)/resend-texts", method: .post,
                                                  headers: [.cookie: staff.cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "_csrf=\(staff.csrf)"))
            #expect(resent.status == .seeOther)
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM messages WHERE record_id = \(notice) AND record_kind = 'notice' AND status = 'failed'") == 0)
        }
    }
}

/// A work group added on its unit's page: a bad address answered with what to fix and nothing written, the token
/// never shown back, a test message whose fate shows beside the group, and the group removed.
@Suite struct TeamGroupWebTests {
    @Test func aGroupIsAddedTestedAndRemovedOnTheUnitsPage() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let unit = try await UnitStore(context).unit(code: "513401001003", scope: .system)
        let token = "693a91f6-7abc-4bc4-97a0-0ec2f1fa5aaa"
        try await app.test(.router) { client in
            let staff = try await CoordinationWebTests.browser(client, "datongmen")
            func post(_ path: String, _ form: String) async throws -> TestResponse {
                try await client.execute(uri: path, method: .post, headers: [.cookie: staff.cookie, .contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "_csrf=\(staff.csrf)&" + form))
            }
            let bad = try await post("/units/\(unit.id)/groups", "platform=dingtalk&group_name=%E7%A4%BE%E5%8C%BA%E7%BE%A4&webhook=https%3A%2F%2Foapi.dingtalk.com%2Frobot%2Fsend&secret=abc")
            #expect(bad.status == .unprocessableContent)
            let refused = String(buffer: bad.body)
            #expect(refused.contains("请粘贴机器人的 Webhook 地址") && refused.contains("加签密钥应以 SEC 开头") && refused.contains("<details class=\"card\" open>"))
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM team_groups") == 0)
            let added = try await post("/units/\(unit.id)/groups", "platform=wecom&group_name=%E7%A4%BE%E5%8C%BA%E7%BE%A4&webhook=" +
                                       "https%3A%2F%2Fqyapi.weixin.qq.com%2Fcgi-bin%2Fwebhook%2Fsend%3Fkey%3D\(token)")
            #expect(added.status == .seeOther)
            let group = try await AuthorizationTests.id(context, "SELECT MAX(id) AS n FROM team_groups")
            #expect(try await post("/units/\(unit.id)/groups/\(group)/test", "").status == .seeOther)
            let posted = Mutex<[(token: String, markdown: String)]>([])
            #expect(try await MessageStore(context).post(through: RobotGateway { _, token, _, markdown in
                posted.withLock { $0.append((token, markdown)) }; return .accepted
            }) == 1)
            #expect(posted.withLock { $0.map(\.token) } == [token] && posted.withLock { $0[0].markdown.contains("测试消息") })
            let page = String(buffer: try await client.execute(uri: "/units/\(unit.id)", method: .get, headers: [.cookie: staff.cookie]).body)
            #expect(page.contains("id=\"team-groups\"") && page.contains("<b>社区群</b>") && page.contains("data-status=\"sent\">已发出"))
            #expect(!page.contains(token), "the token is never shown back")
            #expect(try await post("/units/\(unit.id)/groups/\(group)/remove", "").status == .seeOther)
            let after = String(buffer: try await client.execute(uri: "/units/\(unit.id)", method: .get, headers: [.cookie: staff.cookie]).body)
            #expect(!after.contains("id=\"team-groups\"") && after.contains("尚未接入工作群"))
            #expect(try await post("/units/\(unit.id)/groups/\(group)/remove", "").status == .notFound)
        }
    }

    @Test func aDepartmentsOfficersKeepItsGroupsOnTheDepartmentsPage() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let department = try await AuthorizationTests.id(context, "SELECT department_id AS n FROM accounts WHERE username = 'minjing'")
        try await app.test(.router) { client in
            let officer = try await CoordinationWebTests.browser(client, "minjing")
            let added = try await client.execute(uri: "/departments/\(department)/groups", method: .post,
                                                 headers: [.cookie: officer.cookie, .contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "_csrf=\(officer.csrf)&platform=dingtalk&group_name=%E5%9F%8E%E7%AE%A1%E7%BE%A4&webhook=" + String(repeating: "ab12", count: 16)))
            #expect(added.status == .seeOther && added.headers[.location] == "/departments#groups")
            let page = String(buffer: try await client.execute(uri: "/departments", method: .get, headers: [.cookie: officer.cookie]).body)
            #expect(page.contains("<b>城管群</b>") && page.contains("action=\"/departments/\(department)/groups\""))
            #expect(!page.contains(String(repeating: "ab12", count: 16)))
            // Another department's officer is refused, and the street sees no department's groups on the page.
            let other = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM departments WHERE id <> \(department)")
            let refused = try await client.execute(uri: "/departments/\(other)/groups", method: .post,
                                                   headers: [.cookie: officer.cookie, .contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "_csrf=\(officer.csrf)&platform=wecom&group_name=x&webhook=abcdefabcdefabcdef"))
            #expect(refused.status == .forbidden)
            let street = try await CoordinationWebTests.browser(client, "beicheng")
            #expect(!String(buffer: try await client.execute(uri: "/departments", method: .get, headers: [.cookie: street.cookie]).body).contains("城管群"))
        }
    }
}
