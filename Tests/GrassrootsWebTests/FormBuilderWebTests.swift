import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The form builder over HTTP, as a browser without the page script uses it: its buttons come back with the rows
/// changed and nothing saved; rows become the directive's (or a plan action's) form; a refused form keeps every row;
/// a draft opens again in the builder and changes until it is issued.
@Suite struct FormBuilderWebTests {
    typealias W = CoordinationWebTests

    /// One builder row as a browser sends it: every part, in row order.
    static func row(_ label: String, _ type: String, required: Bool = false, options: String = "", min: String = "", max: String = "", key: String = "") -> [(String, String)] {
        [("field_key", key), ("field_label", label), ("field_type", type), ("field_required", required ? "1" : ""), ("field_options", options),
         ("field_min", min), ("field_max", max)]
    }

    static func directive(_ street: Int, title: String = "独居老人冬季走访") -> [(String, String)] {
        [("unit_id", "\(street)"), ("title", title), ("kind", "visit"), ("target", "households"), ("responsible", "grid_worker"),
         ("priority", "normal"), ("deadline", "2099-01-01T12:00"), ("stall_hours", "24"), ("instructions", "")]
    }

    /// The labels of the rows a page's builder shows (the blank row's template left out).
    static func labels(_ page: String) -> [String] {
        let rows = W.section(page, "builder-rows", end: "</ol>")
        return rows.matches(of: /name="field_label" value="([^"]*)"/).map { String($0.1) }
    }

    @Test func builderStepsChangeOnlyThePageAndRowsBecomeTheForm() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let street = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
        let drafts = "SELECT COUNT(*) AS n FROM directives"
        let before = try await AuthorizationTests.id(context, drafts)
        try await app.test(.router) { client in
            let admin = try await W.browser(client, "beicheng")
            let (status, blank) = try await W.get(client, "/directives/new", as: admin)
            #expect(status == .ok && blank.contains("id=\"form-builder\"") && blank.contains("id=\"form-preview\"") && Self.labels(blank) == [""])
            #expect(blank.contains(StaticAssets.formBuilder.path) && !blank.contains("name=\"form\""))

            // A row more: the typed row is kept, a blank one follows; nothing is saved.
            let one = Self.directive(street) + Self.row("身体状况", "choice", required: true, options: "良好、一般/较差")
            let added = try await W.post(client, "/directives", as: admin, one + [("builder", "add")])
            var page = String(buffer: added.body)
            #expect(added.status == .ok && Self.labels(page) == ["身体状况", ""])
            #expect(page.contains("value=\"良好、一般/较差\"") && page.contains("name=\"title\" value=\"独居老人冬季走访\""))
            // The preview is the phone form the rows make: the choice's options in its select.
            let preview = W.section(page, "preview-fields", end: "</fieldset>")
            #expect(preview.contains("身体状况 *") && preview.contains("<option value=\"一般\">一般</option>"))

            // Imported text replaces the rows; text that does not parse says which line and keeps them.
            let imported = try await W.post(client, "/directives", as: admin, one + [("builder", "import"), ("form_lines", "在家人数 | 数字 | 必填 | 0~9\n需要帮助 | 是否")])
            page = String(buffer: imported.body)
            #expect(imported.status == .ok && Self.labels(page) == ["在家人数", "需要帮助"] && page.contains("name=\"field_max\" value=\"9\""))
            let badImport = try await W.post(client, "/directives", as: admin, one + [("builder", "import"), ("form_lines", "人数 | 颜色")])
            page = String(buffer: badImport.body)
            #expect(badImport.status == .unprocessableContent && page.contains("第1行：类型“颜色”无效") && Self.labels(page) == ["身体状况"])
            let screening = try await W.post(client, "/directives", as: admin, one + [("builder", "screening")])
            #expect(Self.labels(String(buffer: screening.body)) == FormSchema.screening.fields.map(\.label))
            #expect(try await AuthorizationTests.id(context, drafts) == before, "no step saves anything")

            // A bad row is refused with its number; every row comes back as typed.
            let bad = Self.directive(street) + Self.row("身体状况", "choice", options: "良好") + Self.row("人数", "number", min: "9", max: "1")
            let refused = try await W.post(client, "/directives", as: admin, bad + [("action", "draft")])
            page = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent && page.contains("第1项：选择题至少两个不同选项") && page.contains("第2项：范围的最小值不能大于最大值"))
            #expect(Self.labels(page) == ["身体状况", "人数"] && page.contains("name=\"field_min\" value=\"9\""))
            #expect(try await AuthorizationTests.id(context, drafts) == before)

            // Saved: the rows in order, keys by position, blank rows left out; the draft's page lists them.
            let good = Self.directive(street) + Self.row("身体状况", "choice", required: true, options: "良好、一般/较差") + Self.row("", "text")
                + Self.row("在家人数", "number", min: "0", max: "9")
            let saved = try await W.post(client, "/directives", as: admin, good + [("action", "draft")])
            let location = try #require(saved.headers[.location])
            let id = try #require(Int(location.dropFirst("/directives/".count)))
            let form = try await Stores(context).directives.directive(id, scope: .system).form
            #expect(form.fields.map(\.key) == ["f1", "f2"] && form.fields[0].options == ["良好", "一般", "较差"] && form.fields[0].required)
            #expect(form.fields[1].minimum == 0 && form.fields[1].maximum == 9)
            let (_, draft) = try await W.get(client, location, as: admin)
            #expect(W.section(draft, "form-fields", end: "</ol>").contains("数字：0~9") && draft.contains("href=\"/directives/\(id)/edit\""))
        }
    }

    @Test func aDraftOpensInTheBuilderAndChangesUntilIssued() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let street = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
        try await app.test(.router) { client in
            let admin = try await W.browser(client, "beicheng")
            let saved = try await W.post(client, "/directives", as: admin, Self.directive(street) + Self.row("身体状况", "choice", options: "良好/较差") + [("action", "draft")])
            let location = try #require(saved.headers[.location])
            let id = try #require(Int(location.dropFirst("/directives/".count)))
            let (status, edit) = try await W.get(client, "/directives/\(id)/edit", as: admin)
            #expect(status == .ok && Self.labels(edit) == ["身体状况"] && edit.contains("action=\"/directives/\(id)/edit\"") && edit.contains("name=\"field_key\" value=\"f1\""))

            // Rows reordered, one added: the kept row keeps its key, the new one takes the next free.
            let changed = Self.directive(street, title: "独居老人走访（修订）") + Self.row("需要帮助", "yesno", required: true) + Self.row("身体状况", "choice", options: "良好/较差", key: "f1")
            let updated = try await W.post(client, "/directives/\(id)/edit", as: admin, changed)
            #expect(updated.status == .seeOther && FlashWebTests.flashCookie(updated) != nil)
            let directive = try await Stores(context).directives.directive(id, scope: .system)
            #expect(directive.title == "独居老人走访（修订）" && directive.form.fields.map(\.key) == ["f2", "f1"] && directive.status == .draft)

            // Refused input keeps the draft as it was.
            let refused = try await W.post(client, "/directives/\(id)/edit", as: admin, Self.directive(street, title: "") + Self.row("体温", "temperature"))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("标题不能为空"))
            #expect(try await Stores(context).directives.directive(id, scope: .system) == directive)

            // The community below sees the street's draft but cannot change it; once issued, nobody can.
            let community = try await W.browser(client, "datongmen")
            #expect(try await W.get(client, "/directives/\(id)/edit", as: community).0 == .forbidden)
            #expect(try await W.post(client, "/directives/\(id)/edit", as: community, changed).status == .forbidden)
            _ = try await W.post(client, "/directives/\(id)/issue", as: admin, [])
            #expect(try await W.get(client, "/directives/\(id)/edit", as: admin).0 == .conflict)
            #expect(try await W.post(client, "/directives/\(id)/edit", as: admin, changed).status == .conflict)
            let (_, issued) = try await W.get(client, "/directives/\(id)", as: admin)
            #expect(!issued.contains("/directives/\(id)/edit"))
        }
    }

    @Test func aPlanActionTakesItsFormFromTheBuilder() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let plan = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM emergency_plans")
        try await app.test(.router) { client in
            let admin = try await W.browser(client, "beicheng")
            let action: [(String, String)] = [("level", "IV"), ("action", "directive"), ("action_title", "转移前入户确认"), ("directive_kind", "screening"),
                                              ("target", "households"), ("responsible", "grid_worker"), ("deadline_hours", "12"), ("instructions", "")]
            let filled = try await W.post(client, "/emergency/plans/\(plan)/actions", as: admin, action + [("builder", "screening")])
            #expect(filled.status == .ok && Self.labels(String(buffer: filled.body)) == PlanAction.screeningForm.fields.map(\.label))
            let bad = try await W.post(client, "/emergency/plans/\(plan)/actions", as: admin, action + Self.row("撤离人数", "number", min: "很多"))
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("第1项：范围“很多”应为数字"))
            let added = try await W.post(client, "/emergency/plans/\(plan)/actions", as: admin,
                                         action + Self.row("撤离人数", "number", required: true, min: "0", max: "20") + Self.row("去向", "choice", options: "亲友家/安置点"))
            #expect(added.status == .seeOther)
            let saved = try await Stores(context).plans.plan(plan, scope: .system).levels.flatMap(\.actions).last { $0.title == "转移前入户确认" }
            #expect(saved?.form?.fields.map(\.label) == ["撤离人数", "去向"] && saved?.form?.fields[0].maximum == 20)
            let (_, page) = try await W.get(client, "/emergency/plans/\(plan)", as: admin)
            #expect(page.contains("表单 2 项"))
        }
    }

}
