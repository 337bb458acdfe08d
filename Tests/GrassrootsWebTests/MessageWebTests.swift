import Foundation
import GrassrootsCore
@testable import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
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
