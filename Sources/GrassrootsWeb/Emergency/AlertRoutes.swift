import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Alerts: receiving a CAP 1.2 document (pasted, or posted to the API), issuing our own, one-step activation of a
/// matching plan from an alert, and our alerts published as CAP and as an Atom feed (public, no sign-in).
struct AlertRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/emergency/alerts", .signedIn(\.readsRegistry, .unitInScope)) { _, context in try await page(context, form: nil, errors: [:]) }
        router.post("/emergency/alerts/receive", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await record(context, form: form) { try await stores.alerts.receive(Data((form["cap"] ?? "").utf8), scope: $0) }
        }
        router.post("/emergency/alerts/issue", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await record(context, form: form) {
                try await stores.alerts.issue(AlertInput(event: form["event"] ?? "", eventKind: form["event_kind"] ?? "", severity: form["severity"] ?? "",
                                                         urgency: form["urgency"] ?? "", certainty: form["certainty"] ?? "", headline: form["headline"] ?? "",
                                                         description: form["description"] ?? "", instruction: form["instruction"] ?? "",
                                                         unitIDs: form.all("unit_ids").compactMap { Int($0) }, exercise: form["exercise"] == "1",
                                                         expiresHours: Int(form["expires_hours"] ?? "") ?? 0), scope: $0)
            }
        }
        router.get("/emergency/alerts/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in try await alert(try context.parameters.require("id", as: Int.self), context, errors: [:]) }
        router.post("/emergency/alerts/:id/cancel", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/emergency/alerts/\(id)", {
                _ = try await stores.alerts.cancel(id, note: form["note"] ?? "", scope: try context.scope())
            }, page: { try await alert(id, context, errors: $0) })
        }
        router.get("/cap/alerts.atom", .anyone(.published)) { request, _ in try await feed(request) }
        router.get("/cap/alerts/:id", .anyone(.published)) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return Self.cap(try await stores.alerts.xml(id, scope: nil), id: id)
        }
        let api = router.group("/api/v1")
        api.get("alerts", .signedIn(\.readsRegistry, .unitInScope)) { _, context in JSONBody.response(try await stores.alerts.alerts(scope: try context.scope())) }
        api.get("alerts/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in JSONBody.response(try await stores.alerts.alert(try context.parameters.require("id", as: Int.self), scope: try context.scope())) }
        api.get("alerts/:id/cap", .signedIn(\.readsRegistry, .unitInScope)) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            return Self.cap(try await stores.alerts.xml(id, scope: try context.scope()), id: id)
        }
        api.post("alerts", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            var request = request
            let body = try await request.collectBody(limit: CAPParser.maximumSize)
            return JSONBody.response(try await stores.alerts.receive(Data(buffer: body), scope: scope), status: .created)
        }
    }

    /// A CAP document, received from outside or issued here, as a download that stays inert: a browser saves it
    /// instead of rendering it as XML from our origin (where an XHTML `<script>` inside a received file would run),
    /// does not sniff another type, and would run nothing in it even if opened (`sandbox`). CAP clients read the body.
    static func cap(_ xml: String, id: Int) -> Response {
        Response(status: .ok, headers: [.contentType: "application/cap+xml; charset=utf-8", .contentDisposition: "attachment; filename=\"alert-\(id).xml\"",
                                        .init("X-Content-Type-Options")!: "nosniff", .contentSecurityPolicy: "sandbox; default-src 'none'"],
                 body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    func feed(_ request: Request) async throws -> Response {
        let published = try await stores.alerts.published()
        let entries = published.map { p in
            AtomEntry(id: "tag:\(p.alert.sender),\(p.alert.identifier)", title: (p.alert.isExercise ? "【演练】" : "") + (p.alert.headline.isEmpty ? p.alert.event : p.alert.headline),
                      updated: p.alert.sent, summary: "\(p.alert.msgType.rawValue) · \(p.alert.severity) · \(p.alert.areaDesc)", link: "/cap/alerts/\(p.alert.id)")
        }
        let xml = CAPWriter.atom(feedID: "tag:grassroots.xichang.gov.cn,2026:alerts", title: "西昌市基层治理平台预警", selfURL: "/cap/alerts.atom",
                                 updated: published.first?.alert.sent ?? stores.context.clock(), entries: entries)
        return Response(status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    func record(_ context: AppContext, form: Form, _ change: (Scope) async throws -> Alert) async throws -> Response {
        do { return HTML.redirect("/emergency/alerts/\(try await change(try context.scope()).id)") } catch {
            guard let errors = FormErrors.messages(error, context) else { throw error }
            return try await page(context, form: form, errors: errors)
        }
    }

    func page(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        var body = HTML.errorBox(errors) + Self.list(try await stores.alerts.alerts(scope: scope), context)
        if scope.role.issuesDirectives {
            let lang = context.language
            let units = try await stores.units.units(of: [.street, .community, .grid], scope: scope)
            let chosen = Set(form?.all("unit_ids") ?? [])
            let checks: HTML = units.map { "<label><input type=\"checkbox\" name=\"unit_ids\" value=\"\($0.id)\"\(chosen.contains("\($0.id)") ? " checked" : "")> \($0.name)</label>" as HTML }.joined()
            func options<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [(value: String, label: String)] where T.RawValue == String {
                T.allCases.map { ($0.rawValue, $0.rawValue) }
            }
            body += """
                <form method="post" action="/emergency/alerts/receive" class="card" id="receive-form">\(HTML.csrfField(context))<h2>\(context.t("接收 CAP 预警", "Receive a CAP alert"))</h2>
                \(HTML.textarea("cap", label: context.t("粘贴 CAP 1.2 XML 文档", "Paste a CAP 1.2 XML document"), value: form?["cap"], errors: errors, rows: 6,
                                hint: context.t("系统按 geocode 中的区划/网格代码或 polygon、circle 范围找到受影响的单元；Update、Cancel 会更新或解除所引用的预警。", "Affected units are found from division or grid codes in geocodes, or from polygons and circles; Update and Cancel follow their references.")))
                <button type="submit">\(context.t("接收", "Receive"))</button></form>
                <form method="post" action="/emergency/alerts/issue" class="card" id="issue-form">\(HTML.csrfField(context))<h2>\(context.t("发布预警", "Issue an alert"))</h2>
                \(HTML.field("event", label: context.t("事件", "Event"), value: form?["event"], errors: errors, required: true))
                \(HTML.select("event_kind", label: context.t("事件类型", "Event kind"), options: HazardKind.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["event_kind"], errors: errors,
                              prompt: context.t("请选择", "Choose…")))
                \(HTML.select("severity", label: context.t("严重程度", "Severity"), options: options(CAPSeverity.self), selected: form?["severity"], errors: errors,
                              prompt: context.t("请选择", "Choose…")))
                \(HTML.select("urgency", label: context.t("紧急程度", "Urgency"), options: options(CAPUrgency.self), selected: form?["urgency"], errors: errors,
                              prompt: context.t("请选择", "Choose…")))
                \(HTML.select("certainty", label: context.t("确定程度", "Certainty"), options: options(CAPCertainty.self), selected: form?["certainty"], errors: errors,
                              prompt: context.t("请选择", "Choose…")))
                \(HTML.field("headline", label: context.t("标题", "Headline"), value: form?["headline"], errors: errors, required: true))
                \(HTML.textarea("description", label: context.t("内容", "Description"), value: form?["description"], errors: errors, rows: 3))
                \(HTML.textarea("instruction", label: context.t("防御指引", "Instruction"), value: form?["instruction"], errors: errors, rows: 2))
                \(HTML.field("expires_hours", label: context.t("有效小时数", "Expires after hours"), value: form?["expires_hours"] ?? "24", errors: errors, type: "number"))
                <fieldset class="checks\(errors["unit_ids"] == nil ? "" : " invalid")"><legend>\(context.t("预警区域", "Areas"))</legend>\(checks)</fieldset>
                <label class="checks"><label><input type="checkbox" name="exercise" value="1"\(form?["exercise"] == "1" ? " checked" : "")> \(context.t("演练预警（CAP status Exercise）", "Exercise alert (CAP status Exercise)"))</label></label>
                <button type="submit">\(context.t("发布", "Issue"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("预警", "Alerts"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func alert(_ id: Int, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let alert = try await stores.alerts.alert(id, scope: scope)
        let categories = Set(try await stores.alerts.document(id, scope: scope).infos.flatMap { $0.categories.map(\.rawValue) })
        let level = ResponseLevel.suggested(bySeverity: alert.severity)
        var body = HTML.errorBox(errors) + """
            <p>\(if: alert.isExercise, "<b>\(context.t("演练", "EXERCISE"))</b> · ")\(alert.event) · \(alert.severity) / \(alert.urgency) / \(alert.certainty) · \
            \(alert.msgType.rawValue) · \(Self.state(alert.state, context))</p>
            <p>\(alert.sender) · \(LocalTime.format(alert.sent)) · <a href="/api/v1/alerts/\(id)/cap">CAP XML</a></p>
            <h2>\(context.t("受影响单元", "Affected units"))</h2><ul id="alert-units">\(alert.units.map { "<li>\($0.name)</li>" as HTML }.joined())</ul>
            """
        if scope.role.issuesDirectives && alert.state == "active" && alert.msgType != .cancel {
            let plans = try await stores.plans.plans(scope: scope)
            let ranked = plans.sorted { !$0.eventKind.capCategories.isDisjoint(with: categories) && $1.eventKind.capCategories.isDisjoint(with: categories) }
            body += "<h2>\(context.t("一键启动预案（建议\(level.label.zh)）", "Activate a plan (suggested \(level.label.en))"))</h2>"
            body += ranked.isEmpty ? "<p class=\"nodata\">\(context.t("没有可用的预案", "No plan to activate"))</p>" : "<ul class=\"work\" id=\"alert-plans\">" + ranked.map { plan -> HTML in
                let matches = !plan.eventKind.capCategories.isDisjoint(with: categories)
                let units: HTML = alert.units.map { "<input type=\"hidden\" name=\"unit_ids\" value=\"\($0.unitID)\">" as HTML }.joined()
                let chosen = plan.actions(at: level).isEmpty ? (plan.levels.first?.level ?? level) : level
                return """
                    <li>\(if: matches, "<b>\(context.t("匹配", "match"))</b> ")<a href="/emergency/plans/\(plan.id)?alert=\(id)">\(plan.title)</a>
                    <form method="post" action="/emergency/plans/\(plan.id)/activate" class="inline">\(HTML.csrfField(context))<input type="hidden" name="alert_id" value="\(id)">\
                    <input type="hidden" name="level" value="\(chosen.rawValue)">\(units)\(if: !alert.isExercise, "<input type=\"hidden\" name=\"mode\" value=\"real\">")\
                    <button type="submit">\(context.t("启动", "Activate")) \(chosen.label.text(context.language))\(alert.isExercise ? context.t("（演练）", " (drill)") : "")</button></form></li>
                    """
            }.joined() + "</ul>"
        }
        if scope.role.issuesDirectives && alert.source == "issued" && alert.state == "active" {
            body += """
                <form method="post" action="/emergency/alerts/\(id)/cancel" class="card" id="cancel-alert-form">\(HTML.csrfField(context))
                \(HTML.field("note", label: context.t("解除原因", "Reason for cancelling"), value: nil, errors: errors, required: true))
                <button type="submit">\(context.t("解除预警", "Cancel the alert"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: alert.headline.isEmpty ? alert.event : alert.headline, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func state(_ state: String, _ context: AppContext) -> String {
        switch state {
        case "active": context.t("有效", "active")
        case "updated": context.t("已被更新", "updated")
        default: context.t("已解除", "cancelled")
        }
    }

    static func list(_ alerts: [Alert], _ context: AppContext) -> HTML {
        guard !alerts.isEmpty else { return "<p class=\"nodata\">\(context.t("暂无预警", "No alerts"))</p>" }
        return "<table id=\"alerts\">" + alerts.map { a -> HTML in
            "<tr><td><a href=\"/emergency/alerts/\(a.id)\">\(a.headline.isEmpty ? a.event : a.headline)</a></td><td>\(a.isExercise ? context.t("演练", "exercise") : "")</td><td>\(a.severity)</td><td>\(state(a.state, context))</td><td>\(a.units.map(\.name).joined(separator: "、"))</td><td>\(LocalTime.format(a.sent))</td></tr>"
        }.joined() + "</table>"
    }
}
