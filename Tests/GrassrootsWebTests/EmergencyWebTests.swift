import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Emergency pages and API on the demo city: who sees what, bad forms and broken CAP refused with what to fix and
/// nothing written, CAP in through the API, activation and stand-down through the API, Atom and CAP published.
@Suite struct EmergencyWebTests {
    typealias W = CoordinationWebTests

    static func cap(_ identifier: String, sent: String = "2026-11-29T08:00:00+08:00") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>\(identifier)</identifier><sender>test@weather.example</sender>
        <sent>\(sent)</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
        <info><category>Met</category><event>暴雨</event><urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty>
        <area><areaDesc>北城</areaDesc><geocode><valueName>统计用区划代码</valueName><value>513401001000</value></geocode></area></info></alert>
        """
    }

    @Test func pagesShowPlansAlertsAndTheDemoDrillToTheRightRoles() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let (status, page) = try await W.get(client, "/emergency", as: street)
            #expect(status == .ok && page.contains("北城街道防汛应急预案") && page.contains("暴雨橙色预警信号（演练）") && page.contains("制定预案"))
            let incident = try #require(page.firstMatch(of: /href="\/emergency\/incidents\/(\d+)"/)?.1)
            let (_, review) = try await W.get(client, "/emergency/incidents/\(incident)/review", as: street)
            #expect(review.contains("id=\"reach-chart\"") && review.contains("停滞小区") && review.contains("估算模型"))
            let auditor = try await W.browser(client, "auditor")
            let (auditorStatus, readOnly) = try await W.get(client, "/emergency", as: auditor)
            #expect(auditorStatus == .ok && readOnly.contains("北城街道防汛应急预案") && !readOnly.contains("制定预案"))
            #expect(try await W.get(client, "/emergency", as: try await W.browser(client, "jumin")).0 == .forbidden)
            #expect(try await W.get(client, "/emergency/plans/new", as: auditor).0 == .forbidden)
        }
    }

    @Test func aBadPlanFormSaysWhatToFixAndCreatesNothing() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let headers = try await MobilizationWebTests.bearer(client, "beicheng")
            let (_, before) = try await W.api(client, "/api/v1/plans", .get, headers)
            let response = try await W.post(client, "/emergency/plans", as: street, [
                ("unit_id", "0"), ("title", ""), ("event_kind", "flood"), ("level", "II"), ("action", "directive"), ("action_title", "排查"),
                ("directive_kind", "screening"), ("target", "households"), ("responsible", "grid_worker"), ("deadline_hours", "0")])
            let page = String(buffer: response.body)
            #expect(response.status == .unprocessableContent && page.contains("预案名称为1–100字") && page.contains("完成时限为启动后1–720小时"))
            let (_, after) = try await W.api(client, "/api/v1/plans", .get, headers)
            #expect((before as? [Any])?.count == (after as? [Any])?.count)
            // Through the API, in snake case: the summons' departments survive the round trip; a bad level is named.
            let (_, departments) = try await W.api(client, "/api/v1/departments", .get, headers)
            let department = try #require((departments as? [[String: Any]])?.first?["id"] as? Int)
            let (created, plan) = try await W.api(client, "/api/v1/plans", .post, headers, """
                {"unit_id":\(try await context.database.read { db in try await db.raw("SELECT id FROM units WHERE code = '513401001000'").first()!.decode(column: "id", as: Int.self) }),
                 "title":"地震应急预案","event_kind":"earthquake","actions":{"I":[{"kind":"summons","title":"请求救援力量","department_ids":[\(department)],"matter":"emergency","body":"房屋倒塌"}]}}
                """)
            let action = (((plan as? [String: Any])?["levels"] as? [[String: Any]])?.first?["actions"] as? [[String: Any]])?.first
            #expect(created == .created && action?["department_ids"] as? [Int] == [department])
            let (badLevel, problem) = try await W.api(client, "/api/v1/plans", .post, headers, #"{"unit_id":1,"title":"x","event_kind":"fire","actions":{"V":[]}}"#)
            #expect(badLevel == .unprocessableContent && W.fields(problem) == ["actions"])
        }
    }

    @Test func capThroughTheAPIActivationStandDownAndPublishedFeeds() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            var headers = try await MobilizationWebTests.bearer(client, "beicheng")
            headers[.contentType] = "application/cap+xml"
            let (created, alert) = try await W.api(client, "/api/v1/alerts", .post, headers, Self.cap("WEB-1"))
            let alertID = try #require((alert as? [String: Any])?["id"] as? Int)
            #expect(created == .created && ((alert as? [String: Any])?["units"] as? [Any])?.count == 1)
            #expect(try await W.api(client, "/api/v1/alerts", .post, headers, Self.cap("WEB-1")).0 == .conflict)
            let (broken, problem) = try await W.api(client, "/api/v1/alerts", .post, headers, Self.cap("WEB-2", sent: "2026-11-29 08:00"))
            #expect(broken == .unprocessableContent && W.fields(problem).contains("alert.sent"))
            let (_, list) = try await W.api(client, "/api/v1/alerts", .get, headers)
            #expect((list as? [[String: Any]])?.contains { $0["identifier"] as? String == "WEB-2" } == false)

            headers[.contentType] = "application/json"
            let (_, plans) = try await W.api(client, "/api/v1/plans", .get, headers)
            let flood = try #require((plans as? [[String: Any]])?.first { ($0["title"] as? String)?.contains("防汛") == true }?["id"] as? Int)
            let (status, incident) = try await W.api(client, "/api/v1/incidents", .post, headers,
                                                     #"{"plan_id":\#(flood),"level":"III","drill":false,"alert_id":\#(alertID)}"#)
            let body = try #require(incident as? [String: Any])
            // Level III: one compound inspection at the street, and its notice published to each of 北城's six communities.
            #expect(status == .created && body["drill"] as? Bool == false && (body["items"] as? [Any])?.count == 1 + 6)
            let id = try #require(body["id"] as? Int)
            let (_, drills) = try await W.api(client, "/api/v1/incidents?drill=true", .get, headers)
            #expect((drills as? [[String: Any]])?.contains { $0["id"] as? Int == id } == false)
            let (_, down) = try await W.api(client, "/api/v1/incidents/\(id)/stand-down", .post, headers, #"{"summary":"雨停"}"#)
            #expect((down as? [String: Any])?["status"] as? String == "stood_down")
            let (_, review) = try await W.api(client, "/api/v1/incidents/\(id)/review", .get, headers)
            #expect(((review as? [String: Any])?["overall"] as? [String: Any])?["total"] as? Int ?? 0 > 0)
            #expect(try await W.api(client, "/api/v1/incidents", .post, try await MobilizationWebTests.bearer(client, "auditor"),
                                    #"{"plan_id":\#(flood),"level":"III","drill":true}"#).0 == .forbidden)

            let atom = try await client.execute(uri: "/cap/alerts.atom", method: .get)
            #expect(atom.status == .ok && atom.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            #expect(try await client.execute(uri: "/cap/alerts/\(alertID)", method: .get).status == .notFound)
        }
    }
}
