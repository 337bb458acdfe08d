import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The server's side of the phone's outbox: who is signed in and the token to send with, the outbox page, the marks
/// a report form carries for it, and the API answer the outbox reads a refusal from. (The outbox itself runs in the
/// browser: Tests/e2e/test_outbox.py.)
@Suite struct ReportOutboxWebTests {
    typealias W = CoordinationWebTests

    @Test func theSessionAnswerNamesTheAccountAndAFreshTokenAndIsNeverKept() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let gege = try await AuthorizationTests.id(context, "SELECT id AS n FROM accounts WHERE username = 'gege'")
        try await app.test(.router) { client in
            let worker = try await W.browser(client, "gege")
            let answer = try await client.execute(uri: "/outbox/session", method: .get, headers: [.cookie: worker.cookie])
            #expect(answer.status == .ok && answer.headers[.cacheControl] == "no-store" && answer.headers[.contentType] == "application/json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [String: Any])
            #expect(json["account"] as? Int == gege && json["csrf"] as? String == worker.csrf)
            // Signed out, there is nobody to send for: no account, no token.
            let anonymous = try await client.execute(uri: "/outbox/session", method: .get)
            #expect(anonymous.status != .ok && !String(buffer: anonymous.body).contains("csrf"))
        }
    }

    @Test func fieldPagesCarryTheAccountAndTheReportFormItsMarks() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let gege = try await AuthorizationTests.id(context, "SELECT id AS n FROM accounts WHERE username = 'gege'")
        let assignment = try await Self.gegesFirstAssignment(context)
        try await app.test(.router) { client in
            let worker = try await W.browser(client, "gege")
            let (status, form) = try await W.get(client, "/assignments/\(assignment)", as: worker)
            #expect(status == .ok)
            #expect(form.contains("name=\"_account\" value=\"\(gege)\"") && form.contains("name=\"_return\" value=\"/directives/"))
            let label = try #require(form.firstMatch(of: /name="_label" value="([^"]+)"/)?.1)
            #expect(label.split(separator: " ").count >= 2, "building and room, to tell the reports apart: \(label)")
            #expect(form.contains("id=\"outbox-status\"") && form.contains("data-account=\"\(gege)\"") && form.contains(ReportOutbox.store.path))
            // The outbox's marks are not answers: a post carrying them is a plain report.
            let posted = try await W.post(client, "/assignments/\(assignment)", as: worker, [
                ("key", "outbox-\(UUID().uuidString)"), ("_account", "\(gege)"), ("_label", String(label)), ("_return", "/"), ("outcome", "absent"),
            ])
            #expect(posted.status == .seeOther)
            let data = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM assignments WHERE id = \(assignment) AND outcome = 'absent' AND COALESCE(instr(data_json, 'label'), 0) = 0 AND COALESCE(instr(data_json, 'account'), 0) = 0")
            #expect(data == 1)

            let (outboxStatus, outbox) = try await W.get(client, "/outbox", as: worker)
            #expect(outboxStatus == .ok && outbox.contains("id=\"outbox-items\"") && outbox.contains("<option value=\"done\">已完成</option>"))
            // A resident reports no field work: no outbox page, and no outbox on their pages.
            let resident = try await W.browser(client, "jumin")
            #expect(try await W.get(client, "/outbox", as: resident).0 == .forbidden)
            #expect(!(try await W.get(client, "/", as: resident).1.contains("outbox-status")))
        }
    }

    /// What the outbox sends: the form's fields as the API's JSON, with the session's cookie and the token from
    /// `/outbox/session`. A replay is answered as one; a refusal carries the reasons the outbox shows.
    @Test func theOutboxSendsThroughTheAPIWithTheSessionAndReadsRefusals() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let assignment = try await Self.gegesFirstAssignment(context)
        try await app.test(.router) { client in
            let worker = try await W.browser(client, "gege")
            func send(_ json: String, token: String?) async throws -> TestResponse {
                var headers: HTTPFields = [.cookie: worker.cookie, .contentType: "application/json"]
                if let token { headers[.init("X-CSRF-Token")!] = token }
                return try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: ByteBuffer(string: json))
            }
            let key = "outbox-\(UUID().uuidString)"
            let body = #"{"key":"\#(key)","assignment_id":\#(assignment),"outcome":"refused","answers":{}}"#
            #expect(try await send(body, token: nil).status == .forbidden, "a cookie alone does not write")
            #expect(try await send(body, token: worker.csrf).status == .created)
            let replay = try await send(body, token: worker.csrf)
            #expect(replay.status == .ok && String(buffer: replay.body).contains("\"replayed\":true"))

            let refused = try await send(#"{"key":"outbox-\#(UUID().uuidString)","assignment_id":\#(assignment),"outcome":"done","answers":{"f2":"50"}}"#,
                                         token: worker.csrf)
            #expect(refused.status == .unprocessableContent)
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(buffer: refused.body)) as? [String: Any])
            let messages = (problem["fields"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(problem["error"] as? String == "输入有误，请按提示修改" && messages.contains { $0.contains("体温") }, "\(messages)")
        }
    }

    @Test func theServiceWorkerKeepsUnansweredReportsAndTheOutboxPage() {
        let worker = OfflineApp.serviceWorker
        #expect(worker.hasPrefix("importScripts('\(ReportOutbox.store.path)');"))
        #expect(worker.contains(#"REPORT=/^\/assignments\/\d+$/"#) && worker.contains("Outbox.capture(path,body)") && worker.contains("sync.register('outbox')"))
        #expect(OfflineApp.kept.contains { "/outbox".wholeMatch(of: try! Regex($0)) != nil })
        #expect(StaticAssets.all[ReportOutbox.store.path] != nil && StaticAssets.all[ReportOutbox.script.path] != nil)
    }

    /// An assignment in gege's grid.
    static func gegesFirstAssignment(_ context: StoreContext) async throws -> Int {
        try await AuthorizationTests.id(context, """
            SELECT MIN(a.id) AS n FROM assignments a JOIN households h ON h.id = a.household_id
            WHERE h.path LIKE (SELECT path FROM units WHERE code = '513401001003001') || '%'
            """)
    }
}
