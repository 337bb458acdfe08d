import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Bad input to the emergency forms says what to fix, in the user's language, and writes nothing: an alert issued
/// with every field wrong, and a stand-down whose summary is too long (the incident stays active).
@Suite struct EmergencyInputWebTests {
    typealias W = CoordinationWebTests

    @Test func aBadAlertFormNamesEachFieldAndIssuesNothing() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let headers = try await MobilizationWebTests.bearer(client, "beicheng")
            let (_, before) = try await W.api(client, "/api/v1/alerts", .get, headers)
            let response = try await W.post(client, "/emergency/alerts/issue", as: street, [
                ("event", ""), ("event_kind", "flood"), ("severity", "Terrible"), ("urgency", "Expected"), ("certainty", "Likely"),
                ("headline", String(repeating: "雨", count: 101)), ("description", ""), ("expires_hours", "0")])
            let page = String(buffer: response.body)
            for message in ["事件名称为1–60字", "请选择严重程度", "标题为1–100字", "请写明预警内容", "请选择1–200个预警区域", "有效期为1–720小时"] {
                #expect(page.contains(message), "missing: \(message)")
            }
            // What was typed is kept in the form, so fixing one field does not mean typing the rest again.
            #expect(page.contains("Terrible") || page.contains(String(repeating: "雨", count: 101)))
            let (_, after) = try await W.api(client, "/api/v1/alerts", .get, headers)
            #expect((before as? [Any])?.count == (after as? [Any])?.count)
        }
    }

    @Test func anOverlongStandDownSummaryIsRefusedAndTheIncidentStaysActive() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            var headers = try await MobilizationWebTests.bearer(client, "beicheng")
            headers[.contentType] = "application/json"
            let (_, plans) = try await W.api(client, "/api/v1/plans", .get, headers)
            let flood = try #require((plans as? [[String: Any]])?.first { ($0["title"] as? String)?.contains("防汛") == true }?["id"] as? Int)
            let (_, incident) = try await W.api(client, "/api/v1/incidents", .post, headers, #"{"plan_id":\#(flood),"level":"IV","drill":true}"#)
            let id = try #require((incident as? [String: Any])?["id"] as? Int)
            let long = String(repeating: "总结", count: 2_001)  // 4,002 characters

            let (status, problem) = try await W.api(client, "/api/v1/incidents/\(id)/stand-down", .post, headers, #"{"summary":"\#(long)"}"#)
            #expect(status == .unprocessableContent && W.fields(problem) == ["summary"])
            let street = try await W.browser(client, "beicheng")
            let response = try await W.post(client, "/emergency/incidents/\(id)/stand-down", as: street, [("summary", long)])
            #expect(String(buffer: response.body).contains("总结不超过4000字"))
            let (_, still) = try await W.api(client, "/api/v1/incidents/\(id)", .get, headers)
            #expect((still as? [String: Any])?["status"] as? String == "active")
            // Within the limit it stands down.
            let (_, down) = try await W.api(client, "/api/v1/incidents/\(id)/stand-down", .post, headers, #"{"summary":"\#(String(long.prefix(4_000)))"}"#)
            #expect((down as? [String: Any])?["status"] as? String == "stood_down")
        }
    }
}
