import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// An incident's page (what it raised, rolling up live), its stand-down, and the drill review with its charts.
struct IncidentPages {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/emergency/incidents/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in try await page(try context.parameters.require("id", as: Int.self), context, errors: [:]) }
        router.post("/emergency/incidents/:id/stand-down", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/emergency/incidents/\(id)/review", {
                _ = try await stores.incidents.standDown(id, summary: form["summary"] ?? "", scope: try context.scope())
            }, page: { try await page(id, context, errors: $0) })
        }
        router.get("/emergency/incidents/:id/review", .signedIn(\.readsRegistry, .unitInScope)) { _, context in try await review(try context.parameters.require("id", as: Int.self), context) }
    }

    func page(_ id: Int, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let incident = try await stores.incidents.incident(id, scope: scope)
        // One unit: its name is in the header already, and a phone has no width to spare for it.
        let oneUnit = Set(incident.items.map(\.unitName)).count <= 1
        let rows = incident.items.map { item -> HTML in
            let link = switch item.kind { case .directive: "/directives/\(item.id)"; case .summons: "/summons/\(item.id)"; case .notice: "/notices/\(item.id)" }
            let share = item.total == 0 ? nil : Double(item.reached) / Double(item.total)
            return """
                <tr id="item-\(item.kind.rawValue)-\(item.id)"><td>\(item.kind.label.text(context.language))</td><td><a href="\(url: link)">\(item.title)</a></td>\
                \(if: !oneUnit, "<td>\(item.unitName)</td>")<td class="num reached">\(item.reached)/\(item.total)</td><td class="bar">\(HTML.bar(share, width: 120, noData: "—"))</td></tr>
                """
        }.joined()
        var body = HTML.errorBox(errors) + Self.header(incident, context) + """
            <h2>\(context.t("实时进展", "Live progress"))</h2><p class="muted">\(context.t("任务：已到户/目标；吹哨：已办结部门/呼叫部门；通知：已确认户/应确认户。每5秒刷新。",
                "Directives: reached/targets; summons: departments closed/called; notices: households confirmed/addressed. Refreshes every 5 s."))</p>
            <table id="incident-items" data-poll="/api/v1/incidents/\(id)"><tr><th>\(context.t("类型", "Kind"))</th><th>\(context.t("事项", "Item"))</th>\(if: !oneUnit, "<th>\(context.t("单元", "Unit"))</th>")<th class="num">\(context.t("进度", "Progress"))</th><th></th></tr>\(rows)</table>
            \(try await messages(id, scope, context))
            \(Self.estimate(incident.estimate, context, heading: context.t("启动时的能力预估", "Capacity estimate at activation")))
            <p><a class="button" href="/emergency/incidents/\(id)/review">\(context.t(incident.drill ? "演练评估" : "响应评估", incident.drill ? "Drill review" : "Review"))</a></p>
            \(StaticAssets.incident.script)
            """
        if incident.status == .active && scope.role.issuesDirectives && scope.contains(incident.path) {
            body += """
                <form method="post" action="/emergency/incidents/\(id)/stand-down" class="card" id="stand-down-form">\(HTML.csrfField(context))
                \(HTML.textarea("summary", label: context.t("终止响应：总结", "Stand down: summary"), value: nil, errors: errors, rows: 2))
                <button type="submit">\(context.t("终止响应", "Stand down"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: incident.planTitle, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The incident's messages by state, when it sent any: each notice's and directive's page lists its own.
    func messages(_ id: Int, _ scope: Scope, _ context: AppContext) async throws -> HTML {
        let counts = try await stores.incidents.messages(id, scope: scope)
        return counts.values.reduce(0, +) == 0 ? HTML() : MessageRoutes.summary(counts, [], resend: nil, context)
    }

    func review(_ id: Int, _ context: AppContext) async throws -> Response {
        let review = try await stores.incidents.review(id, scope: try context.scope())
        let lang = context.language
        func t(_ s: Double?) -> String { ReachTimes.text(s, lang) }
        let o = review.overall, estimate = review.incident.estimate
        var body = Self.header(review.incident, context) + """
            <h2>\(context.t("到户用时", "Time to reach households"))</h2>
            <table id="overall"><tr><th></th><th class="num">50%</th><th class="num">90%</th><th class="num">100%</th><th class="num">\(context.t("预估", "Estimate"))</th></tr>
            <tr><td>\(context.t("全部（\(o.reached)/\(o.total) 户）", "All (\(o.reached)/\(o.total))"))</td><td class="num">\(t(o.to50))</td><td class="num">\(t(o.to90))</td><td class="num">\(t(o.to100))</td>\
            <td class="num">\(t(estimate.slowestHours * 3600))</td></tr></table>
            <p class="muted">\(CapacityEstimate.model(estimate.perWorkerHour).text(lang)) \(context.t("统计截至", "Measured until")) \(LocalTime.format(review.cutoff))。</p>
            \(Self.chart(review.tiers.filter { $0.kind != .grid }, context))
            <h2>\(context.t("各层级用时", "By tier"))</h2><table id="tiers"><tr><th>\(context.t("单元", "Unit"))</th><th class="num">\(context.t("户数", "Households"))</th><th class="num">50%</th><th class="num">90%</th><th class="num">100%</th></tr>
            """
        let top = review.tiers.map(\.depth).min() ?? 0
        body += review.tiers.map { tier -> HTML in
            "<tr><td>\(String(repeating: "　", count: tier.depth - top))\(tier.name)</td><td class=\"num\">\(tier.times.reached)/\(tier.times.total)</td><td class=\"num\">\(t(tier.times.to50))</td><td class=\"num\">\(t(tier.times.to90))</td><td class=\"num\">\(t(tier.times.to100))</td></tr>"
        }.joined() + "</table>"
        body += "<h2>\(context.t("停滞小区（\(review.stalledCompounds.count)）", "Stalled compounds (\(review.stalledCompounds.count))"))</h2>"
        body += review.stalledCompounds.isEmpty ? "<p class=\"nodata\">\(context.t("无", "None"))</p>" : "<table id=\"stalled\">" + review.stalledCompounds.map {
            "<tr><td>\($0.name)</td><td class=\"num\">\(context.t("未完成 \($0.pending) 户", "\($0.pending) open"))</td><td>\($0.lastReportAt.map(LocalTime.format) ?? context.t("从未上报", "never reported"))</td></tr>" as HTML
        }.joined() + "</table>"
        body += "<h2>\(context.t("未响应人员（\(review.silentStaff.count)）", "Staff who never responded (\(review.silentStaff.count))"))</h2>"
        body += review.silentStaff.isEmpty ? "<p class=\"nodata\">\(context.t("无", "None"))</p>" : "<table id=\"silent\">" + review.silentStaff.map {
            "<tr><td>\($0.name)</td><td>\($0.unitName)</td><td class=\"num\">\(context.t("\($0.assignments) 户未报", "\($0.assignments) unreported"))</td></tr>" as HTML
        }.joined() + "</table>"
        body += "<h2>\(context.t("历次对比", "Compared over time"))</h2><table id=\"history\"><tr><th>\(context.t("启动时间", "Activated"))</th><th></th><th class=\"num\">50%</th><th class=\"num\">90%</th><th class=\"num\">100%</th><th class=\"num\">\(context.t("预估", "Estimate"))</th></tr>"
        body += review.history.map { h -> HTML in
            "<tr><td><a href=\"/emergency/incidents/\(h.incidentID)/review\">\(LocalTime.format(h.activatedAt))</a></td><td>\(h.drill ? context.t("演练", "drill") : context.t("实战", "real")) \(EmergencyRoutes.badge(h.level, context))</td><td class=\"num\">\(t(h.times.to50))</td><td class=\"num\">\(t(h.times.to90))</td><td class=\"num\">\(t(h.times.to100))</td><td class=\"num\">\(t(h.estimatedHours * 3600))</td></tr>"
        }.joined() + "</table>"
        return HTML.response(Layout.page(title: context.t("评估：", "Review: ") + review.incident.planTitle, context: context, body: body))
    }

    /// Horizontal bars per street and community: the time to 50 %, 90 % and 100 %, on one scale.
    static func chart(_ tiers: [DrillReview.TierReach], _ context: AppContext) -> HTML {
        let times = tiers.flatMap { [$0.times.to50, $0.times.to90, $0.times.to100].compactMap { $0 } }
        guard let longest = times.max(), longest > 0 else { return "" }
        let rowHeight = 26, width = 300.0
        let rows = tiers.enumerated().map { i, tier -> HTML in
            let y = i * rowHeight + 4
            let bars = [(tier.times.to100, "#f3c2c2"), (tier.times.to90, "#e07070"), (tier.times.to50, "#b71c1c")].compactMap { time, colour -> HTML? in
                time.map { "<rect x=\"150\" y=\"\(y)\" width=\"\(Int(($0 / longest * width).rounded()))\" height=\"18\" fill=\"\(colour)\"/>" as HTML }
            }.joined()
            return "<text x=\"0\" y=\"\(y + 14)\" font-size=\"12\">\(String(tier.name.prefix(10)))</text>\(bars)"
        }.joined()
        let legend = context.t("深红：50%　中红：90%　浅红：100%　（最长 \(ReachTimes.text(longest, .zh))）", "dark: 50 %  mid: 90 %  light: 100 %  (longest \(ReachTimes.text(longest, .en)))")
        return "<svg class=\"chart\" id=\"reach-chart\" viewBox=\"0 0 470 \(tiers.count * rowHeight + 8)\" width=\"100%\" class=\"chart narrow\" role=\"img\" aria-label=\"reach times\">\(rows)</svg><p class=\"muted\">\(legend)</p>"
    }

    static func header(_ i: Incident, _ context: AppContext) -> HTML {
        let drill: HTML = i.drill ? "<span class=\"badge drill\">\(context.t("演练", "DRILL"))</span> " : ""
        return """
            <p id="incident-head">\(drill)\(EmergencyRoutes.badge(i.level, context)) \(i.status.label.text(context.language)) · \
            \(i.units.map(\.name).joined(separator: "、")) · \(context.t("启动", "activated")) \(LocalTime.format(i.activatedAt)) \(i.activatedBy)\
            \(i.stoodDownAt.map { " · " + context.t("终止", "stood down") + " " + LocalTime.format($0) })\(i.alertID.html { " · <a href=\"/emergency/alerts/\($0)\">\(context.t("预警", "alert"))</a>" as HTML })</p>
            \(if: !i.summary.isEmpty, "<p>\(i.summary)</p>")
            """
    }

    static func estimate(_ e: CapacityEstimate, _ context: AppContext, heading: String) -> HTML {
        let lang = context.language
        return """
            <div class="card" id="estimate"><b>\(heading)</b><br>\
            \(context.t("网格 \(e.grids) 个，住户 \(e.households) 户，网格员 \(e.staff) 人", "\(e.grids) grids, \(e.households) households, \(e.staff) grid staff"))；\
            \(context.t("预计全部到户", "expected to reach all")) <b>\(ReachTimes.text(e.slowestHours * 3600, lang))</b>\
            \(e.slowestGrid.map { context.t("（最慢：\($0)）", " (slowest: \($0))") })，\(context.t("中位网格", "median grid")) \(ReachTimes.text(e.medianHours * 3600, lang))\
            \(if: e.unstaffedGrids > 0, "<br><span class=\"overdue\">\(context.t("\(e.unstaffedGrids) 个网格无网格员，\(e.unstaffedHouseholds) 户需另派人员", "\(e.unstaffedGrids) grids have no worker: \(e.unstaffedHouseholds) households need someone sent"))</span>")
            <br><small>\(CapacityEstimate.model(e.perWorkerHour).text(lang))</small></div>
            """
    }

    static func list(_ incidents: [Incident], _ context: AppContext, empty: String) -> HTML {
        guard !incidents.isEmpty else { return "<p class=\"nodata\">\(empty)</p>" }
        return "<table class=\"incidents\">" + incidents.map { i -> HTML in
            let reached = i.items.filter { $0.kind == .directive }.reduce((0, 0)) { ($0.0 + $1.reached, $0.1 + $1.total) }
            return "<tr><td><a href=\"/emergency/incidents/\(i.id)\">\(i.planTitle)</a></td><td>\(i.drill ? context.t("演练", "drill") : "") \(EmergencyRoutes.badge(i.level, context))</td><td>\(i.units.map(\.name).joined(separator: "、"))</td><td>\(LocalTime.format(i.activatedAt))</td><td class=\"num\">\(reached.0)/\(reached.1)</td></tr>"
        }.joined() + "</table>"
    }
}
