import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Home quarantine and supply deliveries over HTTP on the demo city: the community registers from a household and
/// records checks on the phone page, a bad check says what to fix and writes nothing, the auditor reads masked names,
/// a resident is refused by the API, and a delivery is marked by its volunteer once.
@Suite struct QuarantineWebTests {
    typealias W = CoordinationWebTests

    /// The first resident of the demo's first grid of 大通门.
    static func resident(_ context: StoreContext) async throws -> (id: Int, household: Int, name: String) {
        try await context.database.read { db in
            let row = try await db.raw("""
                SELECT r.id, r.household_id, r.name FROM residents r JOIN units u ON u.code = '513401001003001'
                WHERE r.path >= u.path AND r.path < u.path || '~' ORDER BY r.household_id, r.id LIMIT 1
                """).first()!
            return (try row.decode(column: "id", as: Int.self), try row.decode(column: "household_id", as: Int.self), try row.decode(column: "name", as: String.self))
        }
    }

    static func register(_ client: some TestClientProtocol, _ staff: W.Browser, _ r: (id: Int, household: Int, name: String), today: String) async throws -> Int {
        let response = try await W.post(client, "/quarantine", as: staff, [("household_id", "\(r.household)"), ("resident_id", "\(r.id)"), ("place", "家中"),
                                                                         ("starts_on", today), ("ends_on", QuarantineSchedule.day(today, plus: 13)), ("test_days", "1,7")])
        #expect(response.status == .seeOther)
        let location = try #require(response.headers[.location])
        return try #require(Int(location.replacingOccurrences(of: "/quarantine/", with: "")))
    }

    @Test func staffRegisterFromAHouseholdAndRecordChecksAndBadChecksWriteNothing() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let r = try await Self.resident(context)
        let today = WorkingCalendar.dayKey(Date())
        try await app.test(.router) { client in
            let staff = try await W.browser(client, "datongmen")
            let (formStatus, form) = try await W.get(client, "/quarantine/new?household=\(r.household)", as: staff)
            #expect(formStatus == .ok && form.contains("id=\"quarantine-form\"") && form.contains("<option value=\"\(r.id)\">\(HTML(text: r.name).string)</option>"))
            let id = try await Self.register(client, staff, r, today: today)
            let (_, list) = try await W.get(client, "/quarantine", as: staff)
            let row = try #require(W.row(list, "id=\"quarantine-\(id)\""))
            #expect(row.contains(HTML(text: r.name).string) && row.contains("今日未测") && row.contains("今日检测"))

            let (_, page) = try await W.get(client, "/quarantine/\(id)", as: staff)
            #expect(page.contains("id=\"check-form\"") && page.contains("inputmode=\"decimal\"") && page.contains("暂无记录"))
            let bad = try await W.post(client, "/quarantine/\(id)/checks", as: staff, [("temperature", "45"), ("symptoms", ""), ("test_result", "maybe")])
            let badPage = String(buffer: bad.body)
            #expect(bad.status == .unprocessableContent && badPage.contains("体温应为34.0–43.0之间的数字") && badPage.contains("检测结果“maybe”无效"))
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM quarantine_checks") == 0)
            let good = try await W.post(client, "/quarantine/\(id)/checks", as: staff, [("temperature", "37.5"), ("symptoms", "乏力"), ("test_result", "pending")])
            #expect(good.status == .seeOther)
            let (_, checked) = try await W.get(client, "/quarantine/\(id)", as: staff)
            #expect(W.section(checked, "checks", end: "</table>").contains("37.5 发热") && checked.contains("更正今日记录"))
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'quarantine' AND action = 'read' AND entity_id = \(id)") >= 3)
            // Registering the same resident again is refused on the form.
            let again = try await W.post(client, "/quarantine", as: staff, [("household_id", "\(r.household)"), ("resident_id", "\(r.id)"), ("place", "家中"),
                                                                           ("starts_on", today), ("ends_on", today), ("test_days", "")])
            #expect(again.status == .unprocessableContent && String(buffer: again.body).contains("已在居家隔离中"))
        }
    }

    @Test func theAuditorReadsMaskedNamesAndNoHealthData() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let r = try await Self.resident(context)
        let today = WorkingCalendar.dayKey(Date())
        try await app.test(.router) { client in
            let staff = try await W.browser(client, "datongmen")
            let id = try await Self.register(client, staff, r, today: today)
            _ = try await W.post(client, "/quarantine/\(id)/checks", as: staff, [("temperature", "38.2"), ("symptoms", "咳嗽"), ("test_result", "")])
            let auditor = try await W.browser(client, "auditor")
            let masked = String(r.name.prefix(1)) + String(repeating: "*", count: r.name.count - 1)
            let (status, list) = try await W.get(client, "/quarantine", as: auditor)
            #expect(status == .ok && list.contains(masked) && !list.contains(HTML(text: r.name).string) && !list.contains("check-form") && !list.contains("find-household"))
            let (_, page) = try await W.get(client, "/quarantine/\(id)", as: auditor)
            #expect(page.contains(masked) && !page.contains(HTML(text: r.name).string) && !page.contains("38.2") && !page.contains("咳嗽") && !page.contains("check-form"))
            let (apiStatus, json) = try await W.api(client, "/api/v1/quarantines/\(id)", .get, [.cookie: auditor.cookie])
            let checks = ((json as? [String: Any])?["checks"] as? [[String: Any]]) ?? []
            #expect(apiStatus == .ok && checks.count == 1 && checks[0]["temperature"] == nil && checks[0]["symptoms"] == nil)
        }
    }

    @Test func theAPIRefusesAResidentAndDeliveriesAreMarkedOnce() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let r = try await Self.resident(context)
        try await app.test(.router) { client in
            let resident = try await MobilizationWebTests.bearer(client, "jumin")
            let (listStatus, _) = try await W.api(client, "/api/v1/quarantines", .get, resident)
            #expect(listStatus == .forbidden)
            let today = WorkingCalendar.dayKey(Date())
            let body = #"{"resident_id":\#(r.id),"place":"家中","starts_on":"\#(today)","ends_on":"\#(today)","test_days":"1"}"#
            let (postStatus, _) = try await W.api(client, "/api/v1/quarantines", .post, resident, body)
            #expect(postStatus == .forbidden)
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM quarantines") == 0)

            // The grid worker registers and checks by API; a bad temperature names the field.
            let worker = try await MobilizationWebTests.bearer(client, "gege")
            let (created, q) = try await W.api(client, "/api/v1/quarantines", .post, worker, body)
            let id = try #require((q as? [String: Any])?["id"] as? Int)
            #expect(created == .created)
            let (badCheck, problem) = try await W.api(client, "/api/v1/quarantines/\(id)/checks", .post, worker, #"{"temperature":"hot"}"#)
            #expect(badCheck == .unprocessableContent && W.fields(problem) == ["temperature"])
            let (goodCheck, _) = try await W.api(client, "/api/v1/quarantines/\(id)/checks", .post, worker, #"{"temperature":"36.7","test_result":"negative"}"#)
            #expect(goodCheck == .created)

            // A supply request for the household goes to the grid's confirmed member, who marks it delivered once.
            let (raised, request) = try await W.api(client, "/api/v1/supply-requests", .post, worker, #"{"household_id":\#(r.household),"items":"蔬菜、牛奶","reason":"quarantine"}"#)
            let supply = try #require(request as? [String: Any])
            #expect(raised == .created && supply["status"] as? String == "assigned" && supply["volunteer_name"] as? String == "赵党员")
            let supplyID = try #require(supply["id"] as? Int)
            let member = try await W.browser(client, "dangyuan")
            let (_, mine) = try await W.get(client, "/supplies", as: member)
            #expect(W.section(mine, "my-deliveries", end: "</table>").contains("action=\"/supplies/\(supplyID)/delivered\""))
            let delivered = try await W.post(client, "/supplies/\(supplyID)/delivered", as: member, [])
            #expect(delivered.status == .seeOther)
            let memberAPI = try await MobilizationWebTests.bearer(client, "dangyuan")
            let (twice, _) = try await W.api(client, "/api/v1/supply-requests/\(supplyID)/delivered", .post, memberAPI)
            #expect(twice == .conflict)
            let (byResident, _) = try await W.api(client, "/api/v1/supply-requests/\(supplyID)/delivered", .post, resident)
            #expect(byResident == .forbidden)
        }
    }
}
