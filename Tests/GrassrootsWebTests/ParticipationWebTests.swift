import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Participation over HTTP: the community desk and its forms, a party member's self-service registration, an event
/// page and the iCalendar feed, the printable service card and its CSV, and who is refused.
@Suite struct ParticipationWebTests {
    typealias W = CoordinationWebTests

    static func count(_ context: StoreContext, _ sql: String) async throws -> Int { try await AuthorizationTests.id(context, sql) }

    @Test func deskSelfServiceFeedAndCard() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let community = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let member = try await Self.count(context, "SELECT id AS n FROM member_registrations WHERE name = '赵党员'")
        try await app.test(.router) { client in
            let staff = try await W.browser(client, "datongmen")
            let (status, desk) = try await W.get(client, "/participation", as: staff)
            #expect(status == .ok && desk.contains("西昌市某建筑公司") && desk.contains("老年食堂送餐志愿者") && desk.contains("id=\"unit-form\""))
            let needs = try await Self.count(context, "SELECT COUNT(*) AS n FROM needs")
            let bad = try await W.post(client, "/participation/needs", as: staff, [("community_id", "\(community)"), ("title", ""), ("description", "短")])
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("需求名称为1–100字"))
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM needs") == needs)
            #expect(try await W.post(client, "/participation/needs", as: staff, [("community_id", "\(community)"), ("title", "助浴服务"),
                                                                                ("description", "为失能老人提供上门助浴")]).status == .seeOther)
            let badEvent = try await W.post(client, "/participation/events", as: staff, [("community_id", "\(community)"), ("kind", "volunteer"), ("title", "义诊"),
                                                                                        ("place", "广场"), ("starts_at", "2026-12-20T10:00"), ("ends_at", "2026-12-20T09:00"), ("capacity", "20")])
            #expect(badEvent.status == .unprocessableContent && String(buffer: badEvent.body).contains("结束应晚于开始"))
            #expect(try await W.post(client, "/participation/events", as: staff, [("community_id", "\(community)"), ("kind", "volunteer"), ("title", "社区义诊"),
                                                                                 ("place", "广场"), ("starts_at", "2026-12-20T10:00"), ("ends_at", "2026-12-20T12:00"),
                                                                                 ("capacity", "20")]).status == .seeOther)

            // The public feed: a calendar clients can subscribe to.
            let feed = try await client.execute(uri: "/community/513401001003/events.ics", method: .get)
            let ics = String(buffer: feed.body)
            #expect(feed.headers[.contentType]?.hasPrefix("text/calendar") == true && ics.contains("SUMMARY:社区义诊\r\n") && ics.contains("DTSTART:20261220T020000Z"))

            // The member's card: confirmed hours only, printable, and as CSV.
            let (_, card) = try await W.get(client, "/participation/card/\(member)", as: staff)
            let confirmed = try await Self.count(context, "SELECT CAST(COALESCE(SUM(hours), 0) AS INTEGER) AS n FROM service_hours WHERE member_id = \(member) AND status = 'approved'")
            #expect(card.contains("市自然资源局机关第二党支部") && card.contains("<b id=\"card-hours\">\(confirmed)</b>"))
            let csv = try await client.execute(uri: "/participation/card/\(member)?format=csv", method: .get, headers: [.cookie: staff.cookie])
            #expect(Array(buffer: csv.body).starts(with: [0xEF, 0xBB, 0xBF]))

            // A party member with no registration registers on the phone page; a resident is refused the desk.
            let resident = try await W.browser(client, "jumin")
            #expect(try await W.get(client, "/participation", as: resident).0 == .forbidden)
            let (_, mine) = try await W.get(client, "/me", as: resident)
            #expect(mine.contains("近期活动") && !mine.contains("id=\"member-form\""))
            let headers = try await MobilizationWebTests.bearer(client, "jumin")
            #expect(try await W.api(client, "/api/v1/member-registrations", .get, headers).0 == .forbidden)
            let (_, events) = try await W.api(client, "/api/v1/events", .get, headers)
            #expect(((events as? [[String: Any]]) ?? []).contains { $0["title"] as? String == "社区义诊" })
        }
    }
}
