import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The council hall and the fund over HTTP: a resident raises a topic and votes for their household once; staff
/// keep the ledger; the public account needs no sign-in; bad input is said and changes nothing.
@Suite struct DeliberationWebTests {
    typealias W = CoordinationWebTests

    static func count(_ context: StoreContext, _ sql: String) async throws -> Int { try await AuthorizationTests.id(context, sql) }

    @Test func residentRaisesAndVotesOnceStaffRunTheVote() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let grid = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001003001'")
        try await app.test(.router) { client in
            let resident = try await W.browser(client, "jumin")
            let (status, list) = try await W.get(client, "/council", as: resident)
            #expect(status == .ok && list.contains("老旧楼栋加装电梯") && list.contains("id=\"topic-form\""))
            let before = try await Self.count(context, "SELECT COUNT(*) AS n FROM topics")
            let bad = try await W.post(client, "/council", as: resident, [("unit_id", "\(grid)"), ("title", ""), ("description", "短")])
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("议题为1–100字") && String(buffer: bad.body).contains("请说明议题"))
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM topics") == before)
            let raised = try await W.post(client, "/council", as: resident, [("unit_id", "\(grid)"), ("title", "垃圾分类亭选址"), ("description", "建议把垃圾分类亭移到小区东门外。")])
            let location = try #require(raised.headers[.location])
            let id = try #require(Int(location.dropFirst("/council/".count)))

            let staff = try await W.browser(client, "datongmen")
            let (_, page) = try await W.get(client, location, as: staff)
            #expect(page.contains("id=\"vote-form\"") && page.contains("id=\"meeting-form\""))
            let badVote = try await W.post(client, "/council/\(id)/vote", as: staff, [("question", "是否移址"), ("rule", "households"), ("quorum_percent", "0"),
                                                                                      ("majority_percent", "50"), ("days", "5")])
            #expect(badVote.status == .unprocessableContent && String(buffer: badVote.body).contains("参与比例应在 1% 到 100% 之间"))
            #expect(try await W.post(client, "/council/\(id)/vote", as: staff, [("question", "是否移址"), ("rule", "households"), ("quorum_percent", "30"),
                                                                              ("majority_percent", "50"), ("days", "5")]).status == .seeOther)
            let (_, ballot) = try await W.get(client, location, as: resident)
            #expect(ballot.contains("id=\"ballot-form\"") && ballot.contains("本户投票"))
            #expect(try await W.post(client, "/council/\(id)/ballot", as: resident, [("choice", "yes")]).status == .seeOther)
            let twice = try await W.post(client, "/council/\(id)/ballot", as: resident, [("choice", "no")])
            #expect(twice.status == .unprocessableContent && String(buffer: twice.body).contains("该户已经投过票"))
            #expect(try await Self.count(context, "SELECT yes AS n FROM votes WHERE topic_id = \(id)") == 1)
            #expect(try await Self.count(context, "SELECT no AS n FROM votes WHERE topic_id = \(id)") == 0)
            // The same through the API: a second ballot is a conflict.
            let headers = try await MobilizationWebTests.bearer(client, "jumin")
            var json = headers
            json[.contentType] = "application/json"
            let (again, _) = try await W.api(client, "/api/v1/topics/\(id)/ballots", .post, json, #"{"choice":"abstain"}"#)
            #expect(again == .conflict)
            let (_, detail) = try await W.api(client, "/api/v1/topics/\(id)", .get, headers)
            #expect((((detail as? [String: Any])?["vote"] as? [String: Any])?["count"] as? [String: Any])?["yes"] as? Int == 1)
            // Staff name a household by its room through the API too: an unknown room is refused on the field, a
            // building and room record the ballot.
            let staffAPI = try await MobilizationWebTests.bearer(client, "datongmen")
            let (unknown, problem) = try await W.api(client, "/api/v1/topics/\(id)/ballots", .post, staffAPI, #"{"choice":"no","room":"9-999"}"#)
            #expect(unknown == .unprocessableContent && W.fields(problem) == ["room"])
            let building = try await Self.count(context, """
                SELECT MIN(h.building_id) AS n FROM households h JOIN accounts a ON a.username = 'jumin'
                WHERE h.grid_id = \(grid) AND h.room = '1-101' AND h.id <> a.household_id
                """)
            let (recorded, _) = try await W.api(client, "/api/v1/topics/\(id)/ballots", .post, staffAPI, #"{"choice":"no","room":"1-101","building_id":\#(building)}"#)
            #expect(recorded == .created)
            #expect(try await Self.count(context, "SELECT no AS n FROM votes WHERE topic_id = \(id)") == 1)
        }
    }

    @Test func fundIsPublicAndItsLedgerRefusesOverdrafts() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let community = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        let balance = try await Self.count(context, "SELECT CAST(balance_fen AS INTEGER) AS n FROM fund_balances WHERE community_id = \(community)")
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/fund/513401001003", method: .get)
            let html = String(buffer: page.body)
            #expect(page.status == .ok && html.contains("id=\"fund-balance\">\(Money.text(balance))<") && !html.contains("fund-form"))
            let csv = try await client.execute(uri: "/fund/513401001003?format=csv", method: .get)
            let bytes = Array(buffer: csv.body)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) && String(decoding: bytes, as: UTF8.self).contains("冲销"))
            #expect(try await client.execute(uri: "/fund/000000000000", method: .get).status == .notFound)
            let (_, json) = try await W.api(client, "/api/v1/funds/513401001003", .get, [:])
            #expect((json as? [String: Any])?["balance_fen"] as? Int == balance)

            let staff = try await W.browser(client, "datongmen")
            let entries = try await Self.count(context, "SELECT COUNT(*) AS n FROM fund_entries")
            let bad = try await W.post(client, "/fund/entries", as: staff, [("community_id", "\(community)"), ("kind", "donation"), ("amount", "12.345"), ("party", "")])
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("金额应为大于0的数字"))
            let overdraft = try await W.post(client, "/fund/entries", as: staff, [("community_id", "\(community)"), ("kind", "disbursement"),
                                                                                 ("amount", Money.text(balance + 1).replacingOccurrences(of: ",", with: "")),
                                                                                 ("party", "施工队"), ("project", "修缮")])
            #expect(overdraft.status == .unprocessableContent && String(buffer: overdraft.body).contains("余额不足"))
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM fund_entries") == entries)
            #expect(try await W.post(client, "/fund/entries", as: staff, [("community_id", "\(community)"), ("kind", "donation"), ("amount", "1,000"),
                                                                        ("party", "居民李某")]).status == .seeOther)
            let after = try await Self.count(context, "SELECT CAST(balance_fen AS INTEGER) AS n FROM fund_balances WHERE community_id = \(community)")
            #expect(after == balance + 100_000)
            let resident = try await W.browser(client, "jumin")
            #expect(try await W.get(client, "/fund", as: resident).0 == .forbidden)
        }
    }
}
