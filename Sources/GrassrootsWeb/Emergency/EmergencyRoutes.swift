import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Emergency pages: the overview (active responses, alerts, plans, drills), plans with their actions per level, and
/// one-step activation with the capacity estimate shown first.
struct EmergencyRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/emergency", .signedIn(\.readsRegistry, .unitInScope)) { _, context in try await overview(context) }
        router.get("/emergency/plans/new", .signedIn(\.issuesDirectives, .unitInScope)) { _, context in try await newPlan(context, form: nil, errors: [:]) }
        router.post("/emergency/plans", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            // A builder button shows the page again with its step done, nothing saved.
            if form["builder"] != nil { return try await newPlan(context, form: form, errors: [:]) }
            do {
                let level = ResponseLevel(rawValue: form["level"] ?? "") ?? .iv
                let plan = try await stores.plans.create(unitID: Int(form["unit_id"] ?? "") ?? 0, PlanInput(
                    title: form["title"] ?? "", eventKind: form["event_kind"] ?? "", summary: form["summary"] ?? "", actions: [level: [try PlanForm.action(form)]]),
                    scope: try context.scope())
                return HTML.redirect("/emergency/plans/\(plan.id)")
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await newPlan(context, form: form, errors: errors)
            }
        }
        router.get("/emergency/plans/:id/estimate", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let chosen = request.uri.queryParameters.getAll("unit_ids").compactMap { Int($0) }
            let plan = try await stores.plans.plan(id, scope: try context.scope())
            let (units, estimate) = try await estimate(plan, chosen: chosen, rate: request.uri.queryParameters.get("per_worker_hour").flatMap(Double.init), context)
            return HTML.response(IncidentPages.estimate(estimate, context, heading: Self.estimateHeading(units.count, context)))
        }
        router.get("/emergency/plans/:id", .signedIn(\.readsRegistry, .unitInScope)) { request, context in
            try await plan(try context.parameters.require("id", as: Int.self), context, alert: request.uri.queryParameters["alert"].flatMap { Int($0) }, form: nil, errors: [:])
        }
        router.post("/emergency/plans/:id/actions", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            if form["builder"] != nil { return try await plan(id, context, alert: nil, form: form, errors: [:]) }
            return try await FormErrors.submit(context, redirect: "/emergency/plans/\(id)", {
                _ = try await stores.plans.addAction(planID: id, level: form["level"] ?? "", try PlanForm.action(form), scope: try context.scope())
            }, page: { try await plan(id, context, alert: nil, form: form, errors: $0) })
        }
        router.post("/emergency/plans/:id/activate", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            do {
                // A drill unless "real" is chosen, and a real activation only with its second confirmation ticked.
                let real = form["mode"] == "real"
                if real && form["confirm_real"] != "1" {
                    throw ValidationError("confirm_real", Bilingual("真实启动须勾选确认：任务将立即下发到所选范围的全部住户，并计入实际统计",
                                                                    "A real activation needs its confirmation ticked: work goes to every household of the units at once and counts"))
                }
                let incident = try await stores.incidents.activate(ActivationInput(
                    planID: id, level: form["level"] ?? "", unitIDs: form.all("unit_ids").compactMap { Int($0) }, drill: !real,
                    alertID: Int(form["alert_id"] ?? ""), perWorkerHour: Double(form["per_worker_hour"] ?? "") ?? CapacityEstimate.defaultRate), scope: try context.scope())
                return HTML.redirect("/emergency/incidents/\(incident.id)", flash: real
                    ? Bilingual("已真实启动响应：任务已下发", "Response activated for real: the work has gone out")
                    : Bilingual("演练已启动：不计入实际统计", "Drill started: kept out of real statistics"))
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await plan(id, context, alert: Int(form["alert_id"] ?? ""), form: form, errors: errors)
            }
        }
    }

    func overview(_ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let incidents = try await stores.incidents.incidents(scope: scope)
        let alerts = try await stores.alerts.alerts(scope: scope, limit: 20)
        let plans = try await stores.plans.plans(scope: scope)
        let active = incidents.filter { $0.status == .active }
        var body: HTML = "<p id=\"emergency-links\"><a class=\"button\" href=\"/quarantine\">\(context.t("居家隔离", "Home quarantine"))</a> <a class=\"button\" href=\"/supplies\">\(context.t("物资配送", "Supplies"))</a></p>"
        body += "<h2>\(context.t("响应中", "Active responses"))</h2>" + IncidentPages.list(active, context, empty: context.t("当前没有启动的响应", "No response is active"))
        body += "<h2>\(context.t("预警", "Alerts"))</h2>" + AlertRoutes.list(alerts, context)
        body += "<p><a class=\"button\" href=\"/emergency/alerts\">\(context.t("接收或发布预警", "Receive or issue an alert"))</a> <a href=\"/cap/alerts.atom\">Atom</a></p>"
        body += "<h2>\(context.t("预案", "Plans"))</h2>"
        body += plans.isEmpty ? "<p class=\"nodata\">\(context.t("尚无预案", "No plans yet"))</p>" : "<table id=\"plans\">" + plans.map { p -> HTML in
            "<tr><td><a href=\"/emergency/plans/\(p.id)\">\(p.title)</a></td><td>\(p.eventKind.label.text(context.language))</td><td>\(p.unitName)</td><td>\(p.levels.map { Self.badge($0.level, context) }.joined(separator: " "))</td></tr>"
        }.joined() + "</table>"
        if scope.role.issuesDirectives { body += "<p><a class=\"button\" href=\"/emergency/plans/new\">\(context.t("制定预案", "New plan"))</a></p>" }
        body += "<h2>\(context.t("演练与响应记录", "Drills and past responses"))</h2>" + IncidentPages.list(incidents.filter { $0.status != .active }, context, empty: context.t("尚无记录", "None yet"))
        return HTML.response(Layout.page(title: context.t("应急管理", "Emergency"), context: context, body: body))
    }

    func newPlan(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        let units = try await stores.units.units(of: [.city, .street, .community], scope: scope)
        let departments = try await stores.departments.departments().map { ($0.id, $0.name) }
        let body = HTML.errorBox(errors) + """
            <form method="post" action="/emergency/plans" class="card" id="plan-form">\(HTML.csrfField(context))
            \(HTML.select("unit_id", label: context.t("制定单位", "Unit"), options: CadreRoutes.unitOptions(units), selected: form?["unit_id"], errors: errors))
            \(HTML.field("title", label: context.t("预案名称", "Title"), value: form?["title"], errors: errors, required: true))
            \(HTML.select("event_kind", label: context.t("事件类型", "Event kind"), options: HazardKind.allCases.map { ($0.rawValue, $0.label.text(context.language)) },
                          selected: form?["event_kind"], errors: errors))
            \(HTML.textarea("summary", label: context.t("说明", "Summary"), value: form?["summary"], errors: errors, rows: 2))
            <h2>\(context.t("第一项响应措施", "First action"))</h2>\(PlanForm.fields(form, departments: departments, errors: errors, context))
            <button type="submit">\(context.t("保存预案", "Save the plan"))</button></form>
            """
        return HTML.response(Layout.page(title: context.t("制定预案", "New plan"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func plan(_ id: Int, _ context: AppContext, alert alertID: Int?, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let plan = try await stores.plans.plan(id, scope: scope)
        let lang = context.language
        var body: HTML = HTML.errorBox(errors) + "<p>\(plan.eventKind.label.text(lang)) · \(plan.unitName)</p><p>\(plan.summary)</p>"
        for level in plan.levels {
            body += "<h2>\(Self.badge(level.level, context))</h2><ol class=\"work\">" + level.actions.map { a -> HTML in
                "<li><b>\(a.kind.label.text(lang))</b> \(a.title)<small class=\"muted\">\(Self.detail(a, context))</small></li>"
            }.joined() + "</ol>"
        }
        guard scope.role.issuesDirectives else { return HTML.response(Layout.page(title: plan.title, context: context, body: body)) }
        var alert: Alert?
        if let alertID { alert = try await stores.alerts.alert(alertID, scope: scope) }
        let root = try await stores.units.unit(plan.unitID, scope: .system)
        let candidates = try await stores.units.units(of: [.street, .community], scope: scope).filter { $0.path.hasPrefix(root.path) }
        let preselected = Set(form?.all("unit_ids").compactMap { Int($0) } ?? alert?.units.map(\.unitID) ?? [])
        let (estimateUnits, estimate) = try await self.estimate(plan, chosen: Array(preselected),
                                                                rate: form?["per_worker_hour"].flatMap(Double.init), context)
        let level = form?["level"] ?? alert.map { ResponseLevel.suggested(bySeverity: $0.severity).rawValue } ?? plan.levels.first?.level.rawValue
        let checks = candidates.map {
            "<label><input type=\"checkbox\" name=\"unit_ids\" value=\"\($0.id)\"\(preselected.contains($0.id) ? " checked" : "")> \($0.name)</label>" as HTML
        }.joined()
        let real = form?["mode"] == "real"
        body += """
            <form method="post" action="/emergency/plans/\(id)/activate" class="card" id="activate-form" data-estimate="/emergency/plans/\(id)/estimate">\(HTML.csrfField(context))
            <h2>\(context.t("启动响应", "Activate"))</h2>
            \(alert.html { "<p class=\"notice\">\(context.t("依据预警", "From alert"))：\($0.headline)\($0.isExercise ? context.t("（演练预警，只能启动演练）", " (an exercise alert: a drill only)") : "")</p><input type=\"hidden\" name=\"alert_id\" value=\"\($0.id)\">" as HTML })
            \(HTML.select("level", label: context.t("响应级别", "Level"), options: plan.levels.map { ($0.level.rawValue, $0.level.label.text(lang)) }, selected: level, errors: errors))
            <fieldset class="checks\(errors["unit_ids"] == nil ? "" : " invalid")"><legend>\(context.t("启动范围（不选则为预案单位）", "Units (none: the plan's unit)"))</legend>\(checks)</fieldset>
            \(HTML.field("per_worker_hour", label: context.t("每名网格员每小时入户数", "Households per worker-hour"), value: form?["per_worker_hour"] ?? "6", errors: errors, type: "number"))
            \(Self.modeChoice(real: real, exerciseOnly: alert?.isExercise == true, errors: errors, context))
            \(IncidentPages.estimate(estimate, context, heading: Self.estimateHeading(estimateUnits.count, context)))
            <button type="submit">\(context.t("启动", "Activate"))</button></form>\(StaticAssets.estimate.script)
            <form method="post" action="/emergency/plans/\(id)/actions" class="card" id="action-form">\(HTML.csrfField(context))<h2>\(context.t("增加响应措施", "Add an action"))</h2>
            \(PlanForm.fields(form, departments: try await stores.departments.departments().map { ($0.id, $0.name) }, errors: errors, context))
            <button type="submit">\(context.t("增加", "Add"))</button></form>
            """
        return HTML.response(Layout.page(title: plan.title, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Drill or real, drill chosen unless the user chose otherwise; real asks a second time, in a box that must be
    /// ticked. An exercise alert can start a drill only.
    static func modeChoice(real: Bool, exerciseOnly: Bool, errors: [String: String], _ context: AppContext) -> HTML {
        let realChoice: HTML = exerciseOnly ? "" : """
            <label><input type="radio" name="mode" value="real"\(if: real, " checked")> \(context.t("真实启动", "Real activation"))</label>
            <label class="field\(if: errors["confirm_real"] != nil, " invalid")"><input type="checkbox" name="confirm_real" value="1" class="auto-width"> \
            \(context.t("我确认这不是演练：任务将立即下发到所选范围的全部住户，并计入实际统计", "I confirm this is not a drill: work goes to every household of the units at once and counts"))\
            \(errors["confirm_real"].html { "<em class=\"msg\">\($0)</em>" as HTML })</label>
            """
        return """
            <fieldset class="checks" id="mode"><legend>\(context.t("演练还是真实启动", "Drill or real"))</legend>
            <label><input type="radio" name="mode" value="drill"\(if: !real, " checked")> \(context.t("演练（不计入实际统计）", "Drill (kept out of real statistics)"))</label>
            \(realChoice)</fieldset>
            """
    }

    static func estimateHeading(_ units: Int, _ context: AppContext) -> String {
        context.t("能力预估（\(units) 个单元）", "Capacity estimate (\(units) units)")
    }

    /// The capacity estimate for the units chosen on the activation form, or for the plan's own unit when none is:
    /// the same units the activation would reach.
    func estimate(_ plan: EmergencyPlan, chosen: [Int], rate: Double?, _ context: AppContext) async throws -> ([Int], CapacityEstimate) {
        let scope = try context.scope()
        // None chosen: the plan's unit, as the activation takes it; for staff below the plan's unit, their own.
        var units = chosen
        if units.isEmpty {
            if let own = try? await stores.units.unit(plan.unitID, scope: scope) { units = [own.id] } else { units = [try await stores.units.root(of: scope).id] }
        }
        // A rate nobody works at would make the estimate meaningless (or divide by zero): such a number is not used.
        let rate = rate.flatMap { (0.5...200).contains($0) ? $0 : nil } ?? CapacityEstimate.defaultRate
        return (units, try await stores.incidents.estimate(unitIDs: units, perWorkerHour: rate, scope: scope))
    }

    static func badge(_ level: ResponseLevel, _ context: AppContext) -> HTML {
        "<span class=\"badge level level-\(level.rawValue)\">\(level.label.text(context.language))</span>"
    }

    static func detail(_ a: PlanAction, _ context: AppContext) -> String {
        let lang = context.language
        switch a.kind {
        case .directive:
            return [a.directiveKind?.label.text(lang), a.target?.label.text(lang), a.deadlineHours.map { context.t("\($0)小时内", "within \($0) h") },
                    a.form.map { context.t("表单 \($0.fields.count) 项", "a form of \($0.fields.count) fields") }].compactMap { $0 }.joined(separator: " · ")
        case .summons: return context.t("呼叫 \(a.departmentIDs?.count ?? 0) 个部门", "calls \(a.departmentIDs?.count ?? 0) departments")
        case .notice: return String((a.body ?? "").prefix(60))
        }
    }
}
