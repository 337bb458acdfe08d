import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The grid worker's pages on the demo's gas-safety directive (a form of four required fields): whole-building
/// entry with the form, and what the report makes of the answers.
@Suite struct FieldWorkWebTests {
    typealias Web = CoordinationWebTests

    static func demoDirective(_ context: StoreContext) async throws -> Int {
        try await AuthorizationTests.id(context, "SELECT id AS n FROM directives WHERE title = '冬季燃气安全入户排查'")
    }

    @Test func wholeBuildingEntryAsksForTheSharedAnswersOnceAndKeepsTheChoices() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let directive = try await Self.demoDirective(context)
        try await app.test(.router) { client in
            let worker = try await Web.browser(client, "gege")
            let (_, worklist) = try await Web.get(client, "/directives/\(directive)/work", as: worker)
            let building = try #require(worklist.firstMatch(of: /\/directives\/\d+\/units\/(\d+)\/bulk/)?.1)
            let open = try await context.database.read { db in
                try await db.raw("""
                    SELECT id FROM assignments WHERE directive_id = \(bind: directive) AND unit_id = \(bind: Int(building)!) AND outcome = 'pending' ORDER BY id
                    """).all().map { try $0.decode(column: "id", as: Int.self) }
            }
            #expect(open.count >= 2)
            let uri = "/directives/\(directive)/units/\(building)/bulk"
            let marks = open.map { ("o\($0)", "done") }

            // Every household marked done, the form left empty: each required field is asked for once, not once a
            // household, and the choices made stay made.
            let refused = try await Web.post(client, uri, as: worker, [("batch", UUID().uuidString)] + marks)
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            let box = Web.section(page, "bulk-form", end: "</form>")
            let errorBox = page.components(separatedBy: "class=\"error-box\"").dropFirst().first?.components(separatedBy: "</div>").first ?? ""
            for label in ["在家人数", "最高体温", "有无发热咳嗽", "近14天外出情况"] {
                #expect(errorBox.components(separatedBy: "请填写“\(label)”").count - 1 == 1, "asked once for \(label)")
            }
            #expect(errorBox.contains("标为“已完成”的 \(open.count) 户共用此项"))
            for id in open { #expect(box.contains("name=\"o\(id)\" value=\"done\" checked"), "the choice for \(id) is kept") }

            // The shared answers given once reach every household marked done.
            let answers = [("f1", "2"), ("f2", "36.6"), ("f3", "no"), ("f4", "未外出")]
            let accepted = try await Web.post(client, uri, as: worker, [("batch", UUID().uuidString)] + marks + answers)
            #expect(accepted.status == .seeOther)
            let stored = try await context.database.read { db in
                try await db.raw("SELECT outcome, data_json FROM assignments WHERE id IN \(SQLBind.group(open))").all()
                    .map { (try $0.decode(column: "outcome", as: String.self), try $0.decode(column: "data_json", as: String.self)) }
            }
            #expect(stored.count == open.count)
            for (outcome, json) in stored {
                #expect(outcome == "done")
                #expect(try JSONDecoder().decode([String: String].self, from: Data(json.utf8)) == ["f1": "2", "f2": "36.6", "f3": "no", "f4": "未外出"])
            }
        }
        try await context.database.close()
    }

    @Test func theReportCountsAnswersAndListsWhomToFollowUp() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let directive = try await Self.demoDirective(context)
        try await app.test(.router) { client in
            let worker = try await Web.browser(client, "gege")
            let open = try await client.execute(uri: "/api/v1/directives/\(directive)/assignments", method: .get,
                                                headers: try await MobilizationWebTests.bearer(client, "gege")) { response in
                try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]).compactMap { $0["id"] as? Int }
            }
            #expect(open.count >= 3)
            // A fever, a low fever, a cough answered yes and a refusal, among the demo's 36.5 ℃ reports.
            for (id, outcome, temperature, cough) in [(open[0], "done", "38.2", "yes"), (open[1], "done", "37.3", "no"), (open[2], "refused", "", "")] {
                var fields = [("key", UUID().uuidString), ("outcome", outcome)]
                if outcome == "done" { fields += [("f1", "1"), ("f2", temperature), ("f3", cough), ("f4", "省内")] }
                #expect(try await Web.post(client, "/assignments/\(id)", as: worker, fields).status == .seeOther)
            }
            let before = try await context.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(bind: directive) AND data_json LIKE '%f2%'").first()!
                    .decode(column: "n", as: Int.self)
            }
            let street = try await Web.browser(client, "beicheng")
            let (status, page) = try await Web.get(client, "/directives/\(directive)/report", as: street)
            #expect(status == .ok)
            // The temperature table's total row: every answer in a band, the two fevers in theirs.
            let temperature = Web.section(page, "answers-f2", end: "</table>")
            let total = try #require(temperature.components(separatedBy: "<tr>").last)
            let cells = total.matches(of: /<td class="num[^"]*">(\d+)<\/td>/).map { Int($0.1)! }
            #expect(cells == [before - 2, 1, 1, 0])
            #expect(total.contains("class=\"num flag\">1<"))
            let cough = Web.section(page, "answers-f3", end: "</table>").components(separatedBy: "<tr>").last ?? ""
            #expect(cough.matches(of: /<td class="num[^"]*">(\d+)<\/td>/).map { Int($0.1)! }.first == 1)
            // Whom to visit again: the two fevers and the refusal among them, each a link to its record.
            let followUps = Web.section(page, "follow-ups", end: "</ul>")
            for id in open.prefix(3) { #expect(followUps.contains("href=\"/assignments/\(id)\"")) }
            #expect(followUps.contains("最高体温 38.2 ℃") && followUps.contains("最高体温 37.3 ℃") && followUps.contains("拒绝配合"))

            // The CSV writes yes/no as people read them.
            let csv = String(buffer: try await client.execute(uri: "/directives/\(directive)/export.csv", method: .get, headers: [.cookie: street.cookie]).body)
            #expect(csv.contains(",38.2,是,省内,") && !csv.contains(",no,"))
        }
        try await context.database.close()
    }

    @Test func aRoleThatSeesTotalsOnlyGetsTheCountsButNoHouseholds() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let directive = try await Self.demoDirective(context)
        let target = try await AuthorizationTests.id(context, """
            SELECT MIN(a.id) AS n FROM assignments a JOIN units c ON a.path LIKE c.path || '%'
            WHERE c.code = '513401001003' AND a.directive_id = \(directive) AND a.outcome = 'pending'
            """)
        try await app.test(.router) { client in
            let street = try await Web.browser(client, "beicheng")
            let fever = [("key", UUID().uuidString), ("outcome", "done"), ("f1", "1"), ("f2", "38.5"), ("f3", "yes"), ("f4", "省内")]
            #expect(try await Web.post(client, "/assignments/\(target)", as: street, fever).status == .seeOther)
            // A party member registered at that community: the street's directive reaches into it.
            let leader = try await Web.browser(client, "dangyuan")
            let (status, page) = try await Web.get(client, "/directives/\(directive)/report", as: leader)
            #expect(status == .ok)
            #expect(page.contains("答案汇总") && page.contains("id=\"answers-f2\""))
            #expect(Web.section(page, "answers-f2", end: "</table>").contains("class=\"num flag\">1<"))
            #expect(!page.contains("follow-ups") && !page.contains("/assignments/") && !page.contains("38.5"))
        }
        try await context.database.close()
    }

    @Test func theHeadlineCountsRefusalsAsReachedAndNeverRoundsThemAway() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let street = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
        try await app.test(.router) { client in
            let admin = try await MobilizationWebTests.bearer(client, "beicheng")
            let body = #"{"unit_id":\#(street),"title":"通知送达","kind":"notice","target":"households","deadline":"2099-01-01 12:00","issue":true}"#
            let (_, created) = try await Web.api(client, "/api/v1/directives", .post, admin, body)
            let directive = try #require((created as? [String: Any])?["id"] as? Int)
            let (_, listed) = try await Web.api(client, "/api/v1/directives/\(directive)/assignments", .get, admin)
            let open = try #require(listed as? [[String: Any]]).compactMap { $0["id"] as? Int }
            for (id, outcome) in zip(open, ["done", "done", "refused"]) {
                let report = #"{"assignment_id":\#(id),"outcome":"\#(outcome)","key":"headline-\#(id)"}"#
                #expect(try await Web.api(client, "/api/v1/submissions", .post, admin, report).0 == .created)
            }
            let browser = try await Web.browser(client, "beicheng")
            let (_, page) = try await Web.get(client, "/directives/\(directive)", as: browser)
            let total = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(directive)")
            #expect(total > 30, "few enough reached to fall under 10 %")
            let reached = Web.section(page, "summary", end: "</div></div>")
            let share = String(format: "%.1f", 300.0 / Double(total))
            #expect(reached.contains("<b>\(share)%<small class=\"muted\" data-of>3/\(total)</small></b>"))
            #expect(reached.contains("<div class=\"stat\" data-stat=\"refused\"><b>1</b>"))
        }
        try await context.database.close()
    }
}

/// 今日: a grid worker's first screen and first tab list what is theirs to do, the nearest deadline first, with the
/// counts of their own part; work with nothing open of theirs is left out.
@Suite struct TodayWebTests {
    typealias Web = CoordinationWebTests

    @Test func aGridWorkerSeesWhatIsTheirsTodayFirst() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let demo = try await FieldWorkWebTests.demoDirective(context)
        let grid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        let open = try await AuthorizationTests.id(context, """
            SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(demo) AND outcome IN ('pending', 'absent') AND path LIKE '\(grid.path)%'
            """)
        let street = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
        try await app.test(.router) { client in
            // A second directive due sooner, and one for another community only: the first comes first, the other not at all.
            let admin = try await Web.browser(client, "beicheng")
            let soon = try await W.post(client, "/directives", as: admin, FormBuilderWebTests.directive(street, title: "明日停水通知") + [("action", "draft")])
            let soonID = try #require(soon.headers[.location].flatMap { Int($0.dropFirst("/directives/".count)) })
            try await context.database.write { db in try await db.raw("UPDATE directives SET deadline = \(bind: Timestamp.format(context.clock().addingTimeInterval(5 * 3600))) WHERE id = \(bind: soonID)").run() }
            _ = try await W.post(client, "/directives/\(soonID)/issue", as: admin, [])
            let elsewhere = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001006'")
            let other = try await W.post(client, "/directives", as: admin, FormBuilderWebTests.directive(elsewhere, title: "别的社区的任务") + [("action", "draft")])
            let otherID = try #require(other.headers[.location].flatMap { Int($0.dropFirst("/directives/".count)) })
            _ = try await W.post(client, "/directives/\(otherID)/issue", as: admin, [])

            let worker = try await Web.browser(client, "gege")
            let (status, home) = try await Web.get(client, "/", as: worker)
            let today = Web.section(home, "today", end: "</ul>")
            #expect(status == .ok && home.range(of: "id=\"today\"")!.lowerBound < home.range(of: "id=\"coverage-stats\"")!.lowerBound, "today's work comes before the counters")
            let order = today.matches(of: /data-directive="(\d+)"/).map { Int($0.1)! }
            #expect(order.first == soonID && order.contains(demo) && !order.contains(otherID))
            #expect(Web.row(today.replacingOccurrences(of: "<li", with: "<tr"), "data-directive=\"\(demo)\"")?.contains("待办 \(open) / ") == true)
            #expect(today.contains("还剩 4 小时") && today.contains("href=\"/directives/\(demo)/work\""))
            let (_, page) = try await Web.get(client, "/today", as: worker)
            #expect(Web.section(page, "today", end: "</ul>") == today)
            #expect(Web.section(page, "tabs", end: "</nav>").contains("href=\"/today\""))
            #expect(try await Web.get(client, "/today", as: try await Web.browser(client, "jumin")).0 == .forbidden)
        }
    }
    typealias W = CoordinationWebTests
}
