import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// A directive's live dashboard (a tree table of counters, updated by server-sent events), its report and its export.
struct DashboardRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/directives/:id", .signedIn(.unitInScope)) { request, context in
            try await dashboard(try context.parameters.require("id", as: Int.self), unitID: request.uri.queryParameters.get("unit").flatMap(Int.init), context)
        }
        router.get("/directives/:id/events", .signedIn(.unitInScope)) { _, context in try await events(try context.parameters.require("id", as: Int.self), context) }
        router.get("/directives/:id/export.csv", .signedIn(\.readsHouseholdRows, .unitInScope)) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let data = try await DirectiveExport(stores.context).csv(directiveID: id, scope: try context.scope())
            return HTML.csv(data, filename: "directive-\(id).csv")
        }
        router.get("/directives/:id/report", .signedIn(.unitInScope)) { _, context in try await report(try context.parameters.require("id", as: Int.self), context) }
    }

    func dashboard(_ id: Int, unitID: Int?, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let directive = try await stores.directives.directive(id, scope: scope)
        let tree = try await stores.progress.tree(directiveID: id, unitID: unitID, scope: scope)
        let stalled = Set(try await stores.progress.stalled(directiveID: id, scope: scope).map(\.unitID))
        // The tree starts at the unit asked for, else at the viewer's root of the directive.
        let rootUnit = try await stores.units.unit(tree.first?.unitID ?? unitID ?? directive.unitID, scope: scope)
        let lineage = try await stores.units.lineage(of: rootUnit, scope: scope)
        let lang = context.language, now = Date(), reach = try await stores.directives.reach(of: directive)
        var body: HTML = "<div class=\"crumbs\">" + ([("/directives", context.t("任务", "Directives"))] + lineage.dropLast().map { ("/directives/\(id)?unit=\($0.id)", $0.name) })
            .map { "<a href=\"\(url: $0.0)\">\($0.1)</a>" as HTML }.joined(separator: " › ") + " › \(rootUnit.name)</div>"
        body += """
            <div class="card" id="directive-info"><p><span class="tag">\(directive.kind.label.text(lang))</span>\
            <span class="tag">\(directive.priority.label.text(lang))</span><span class="tag status">\(directive.status.label.text(lang))</span>
            \(context.t("截止", "Deadline"))：<b>\(LocalTime.format(directive.deadline))</b>\(if: directive.deadline < now && directive.status == .issued, " <span class=\"overdue\">\(context.t("已超期", "overdue"))</span>")</p>
            <p>\(context.t("对象", "Targets"))：\(directive.target.label.text(lang))（\(directive.status == .draft ? context.t("下发时将到达 ", "would reach ") : "")<b id="reach">\(reach)</b>）·
            \(context.t("责任人", "Responsible"))：\(directive.responsible.label.text(lang)) · \(context.t("下发人", "By"))：\(directive.createdBy)</p>
            \(if: !directive.instructions.isEmpty, "<p>\(directive.instructions)</p>")\(Self.fields(directive.form, context))</div>
            """
        body += actions(directive, reach: reach, scope: scope, context)
        if directive.status != .draft, let root = tree.first {
            body += summary(root.counts, directive: directive, now: now, context)
            body += """
                <p><a class="button" href="/directives/\(id)/work?unit=\(root.unitID)">\(context.t("作业清单", "Worklist"))</a>
                <a href="/directives/\(id)/report">\(context.t("任务报告", "Report"))</a> · <a href="/directives/\(id)/export.csv">\(context.t("导出 CSV", "Export CSV"))</a></p>
                <h2>\(context.t("各级进度", "Progress by tier"))<small class="live" id="live" data-events="/directives/\(id)/events">\(context.t("实时", "live"))</small></h2>
                <table id="progress"><tr><th>\(context.t("单元", "Unit"))</th><th>\(context.t("到达率", "Reached"))</th><th class="num">\(context.t("对象", "Targets"))</th>
                <th class="num">\(context.t("完成", "Done"))</th><th class="num hide-phone">\(context.t("未遇", "Absent"))</th><th class="num hide-phone">\(context.t("拒绝", "Refused"))</th>
                <th class="num hide-phone">\(context.t("不适用", "N/A"))</th><th class="num">\(context.t("未办", "Pending"))</th></tr>
                \(tree.map { row($0, id: id, rootDepth: root.depth, stalled: stalled.contains($0.unitID), context) }.joined())</table>
                """
            if !stalled.isEmpty {
                let names = tree.filter { stalled.contains($0.unitID) }.map { "<li>\($0.kind.label.text(lang))“\($0.name)”</li>" as HTML }
                body += "<h2>\(context.t("卡在门口", "Stuck at the gate"))（\(stalled.count)）</h2><p class=\"muted\">\(context.t("超过\(directive.stallHours)小时没有任何进展的小区和网格", "Compounds and grids with no progress for \(directive.stallHours) hours"))</p><ul id=\"stalled\">\(names.joined())</ul>"
            }
            body += StaticAssets.live.script
        }
        if let texts = try await stores.directives.texts(id, scope: scope) { body += MessageRoutes.summary(texts.counts, texts.failed, resend: nil, context) }
        return HTML.response(Layout.page(title: directive.title, context: context, body: body))
    }

    /// The form the targets will be asked, one line a field, so a draft is checked before it goes out.
    static func fields(_ form: FormSchema, _ context: AppContext) -> HTML {
        guard !form.fields.isEmpty else { return "" }
        let items = form.fields.map { f -> HTML in
            let detail = f.type == .number ? f.range : f.options.joined(separator: "/")
            let kind = f.type.label.text(context.language) + (detail.isEmpty ? "" : "：" + detail)
            return "<li>\(f.label) <small class=\"muted\">\(kind)\(f.required ? context.t("，必填", ", required") : "")</small></li>"
        }.joined()
        return "<p>\(context.t("到户填写", "Asked at each target"))：</p><ol id=\"form-fields\">\(items)</ol>"
    }

    /// Issuing states the count on the button the user presses (the draft's page is the confirmation step);
    /// cancelling an issued directive asks first, with the count.
    func actions(_ directive: Directive, reach: Int, scope: Scope, _ context: AppContext) -> HTML {
        guard scope.role.issuesDirectives, scope.contains(directive.path), directive.status != .cancelled else { return "" }
        var html: HTML = "<div class=\"card actions\">"
        if directive.status == .draft {
            html += """
                <p>\(context.t("下发后，\(reach) 个对象立即进入各责任人的作业清单，无法收回（只能撤销）。", "Once issued, \(reach) targets go to their workers' lists at once; it cannot be taken back, only cancelled."))</p>
                <form method="post" action="/directives/\(directive.id)/issue" class="inline" id="issue-form">\(HTML.csrfField(context))\
                <button type="submit">\(context.t("确认向 \(reach) 个对象下发", "Issue to \(reach) targets"))</button></form>
                <a class="button secondary" href="/directives/\(directive.id)/edit" id="edit-draft">\(context.t("修改草稿", "Edit the draft"))</a>
                """
        } else {
            html += """
                <form method="post" action="/directives/\(directive.id)/extend" class="inline" id="extend-form">\(HTML.csrfField(context))
                <input type="datetime-local" name="deadline" value="\(LocalTime.inputValue(directive.deadline.addingTimeInterval(86400)))" class="auto-width">
                <button type="submit">\(context.t("延期", "Extend"))</button></form>
                """
        }
        let confirm = directive.status == .draft ? context.t("确定删除这份草稿？", "Discard this draft?")
            : context.t("撤销后，\(reach) 个对象的任务一并作废。确定撤销？", "Cancelling voids the work of all \(reach) targets. Cancel it?")
        html += " <form method=\"post\" action=\"/directives/\(directive.id)/cancel\" class=\"inline\" data-confirm=\"\(confirm)\">\(HTML.csrfField(context))<button type=\"submit\" class=\"secondary\">\(context.t("撤销", "Cancel"))</button></form></div>"
        return html
    }

    /// The headline tiles. Refused and not-applicable targets were reached (someone stood at the door), so they
    /// count in the share; refusals also get a tile of their own, as they call for a follow-up.
    func summary(_ c: ProgressCounts, directive: Directive, now: Date, _ context: AppContext) -> HTML {
        let reached: HTML = "\(c.reachedShare.map { HTML.percent($0) + "%" } ?? "—")<small class=\"muted\" data-of>\(c.reached)/\(c.total)</small>"
        let stats: [(String, HTML, String)] = [
            (context.t("到达率", "Reached"), reached, "reached"), (context.t("已完成", "Done"), "\(c.done)", "done"),
            (context.t("拒绝", "Refused"), "\(c.refused)", "refused"), (context.t("未遇待再访", "Absent"), "\(c.absent)", "absent"),
            (context.t("未办", "Pending"), "\(c.pending)", "pending"),
            (context.t("超期未落实", "Overdue"), "\(c.overdue(deadline: directive.deadline, now: now))", "overdue")]
        return "<div class=\"grid\" id=\"summary\">" + stats.map { "<div class=\"stat\" data-stat=\"\($0.2)\"><b>\($0.1)</b>\($0.0)</div>" as HTML }.joined() + "</div>"
    }

    func row(_ p: UnitProgress, id: Int, rootDepth: Int, stalled: Bool, _ context: AppContext) -> HTML {
        let c = p.counts, indent = min(max(p.depth - rootDepth, 0), 8)
        let link: HTML = p.depth > rootDepth && p.kind < .building ? "<a href=\"/directives/\(id)?unit=\(p.unitID)\">\(p.name)</a>" : HTML(text: p.name)
        return """
            <tr data-unit="\(p.unitID)"\(if: stalled, " class=\"stalled\"")><td class="indent-\(indent)">\(link) <small class="muted">\(p.kind.label.text(context.language))</small></td>
            <td>\(HTML.bar(c.reachedShare, width: 120, noData: "—"))</td><td class="num" data-k="total">\(c.total)</td><td class="num" data-k="done">\(c.done)</td>
            <td class="num hide-phone" data-k="absent">\(c.absent)</td><td class="num hide-phone" data-k="refused">\(c.refused)</td>
            <td class="num hide-phone" data-k="not_applicable">\(c.notApplicable)</td><td class="num" data-k="pending">\(c.pending)</td></tr>
            """
    }

    /// Streams counter changes as server-sent events, only for units within the viewer's scope.
    func events(_ id: Int, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        _ = try await stores.directives.directive(id, scope: scope)
        let stream = await stores.hub.watch(id)
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
            for await changes in stream {
                let visible = changes.filter { scope.contains($0.path) }
                if changes.isEmpty {
                    try await writer.write(ByteBuffer(string: ": ping\n\n"))
                } else if !visible.isEmpty, let json = try? JSONBody.encoder.encode(visible) {
                    try await writer.write(ByteBuffer(string: "data: " + String(decoding: json, as: UTF8.self) + "\n\n"))
                }
            }
            try await writer.finish(nil)
        })
    }

    /// Follows the stream named by `#live`'s `data-events` and updates the rows, the bars and the summary in place.
    static let liveScript = """
        (function(){var live=document.getElementById('live');if(!live)return;
        function percent(s){var p=s*100;return p>0&&p<10?Math.max(p,0.1).toFixed(1):p>99&&p<100?Math.min(p,99.9).toFixed(1):String(Math.round(p))}var es=new EventSource(live.getAttribute('data-events'));
        es.onopen=function(){live.className='live on'};es.onerror=function(){live.className='live'};
        es.onmessage=function(e){JSON.parse(e.data).forEach(function(u){var tr=document.querySelector('tr[data-unit="'+u.unit_id+'"]');if(!tr)return;
        var c=u.counts;['total','done','absent','refused','not_applicable','pending'].forEach(function(k){var td=tr.querySelector('[data-k="'+k+'"]');if(td)td.textContent=c[k]});
        var reached=c.done+c.refused+c.not_applicable,share=c.total?reached/c.total:0,svg=tr.querySelector('svg.bar'),pct=percent(share);
        if(svg){var r=svg.querySelectorAll('rect')[1];r.setAttribute('width',Math.round(share*120));
        r.setAttribute('fill',share>=0.9?'#2e7d32':share>=0.7?'#f9a825':'#c62828');svg.querySelector('text').textContent=pct+'%'}
        tr.classList.remove('stalled');tr.classList.add('flash');setTimeout(function(){tr.classList.remove('flash')},600);
        if(tr===document.querySelector('#progress tr[data-unit]')){var s=document.querySelector('[data-stat="reached"] b');
        if(s){s.firstChild.textContent=pct+'%';s.querySelector('[data-of]').textContent=reached+'/'+c.total}
        ['done','refused','absent','pending'].forEach(function(k){var b=document.querySelector('[data-stat="'+k+'"] b');if(b)b.textContent=c[k]})}})};})();
        """

    func report(_ id: Int, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let directive = try await stores.directives.directive(id, scope: scope)
        let timeline = try await stores.progress.timeline(directiveID: id, scope: scope)
        let people = try await stores.progress.contributors(directiveID: id, scope: scope)
        let tree = try await stores.progress.tree(directiveID: id, levels: 1, scope: scope)
        let answers = try await stores.progress.answers(directiveID: id, scope: scope)
        let total = tree.first?.counts.total ?? 0
        var cumulative = 0
        let points = timeline.map { p -> (String, Double) in
            cumulative += p.reached
            return (p.hour, total == 0 ? 0 : Double(cumulative) / Double(total))
        }
        var body: HTML = "<div class=\"crumbs\"><a href=\"/directives\">\(context.t("任务", "Directives"))</a> › <a href=\"/directives/\(id)\">\(directive.title)</a> › \(context.t("报告", "Report"))</div>"
        body += "<h2>\(context.t("到达率随时间变化", "Share reached over time"))</h2>" + Self.lineChart(points, context)
        body += "<h2>\(context.t("各下级到达率", "Reached by unit"))</h2><table>" + tree.dropFirst().map {
            "<tr><td>\($0.name)</td><td>\(HTML.bar($0.counts.reachedShare, noData: "—"))</td><td class=\"num\">\($0.counts.reached)/\($0.counts.total)</td></tr>" as HTML
        }.joined() + "</table>"
        body += AnswerView.render(answers, context)
        body += "<h2>\(context.t("谁做了什么", "Who did what"))</h2><table id=\"contributors\"><tr><th>\(context.t("账号", "Account"))</th><th class=\"num\">\(context.t("反馈次数", "Reports"))</th></tr>"
            + people.map { "<tr><td>\($0.username)</td><td class=\"num\">\($0.submissions)</td></tr>" as HTML }.joined() + "</table>"
        return HTML.response(Layout.page(title: context.t("任务报告：", "Report: ") + directive.title, context: context, body: body))
    }

    /// A cumulative line in SVG, hours along the bottom (shown in Beijing time).
    static func lineChart(_ points: [(String, Double)], _ context: AppContext) -> HTML {
        guard !points.isEmpty else { return "<p class=\"nodata\">\(context.t("尚无反馈", "No reports yet"))</p>" }
        let w = 600.0, h = 180.0, step = points.count > 1 ? w / Double(points.count - 1) : 0
        let coords = points.enumerated().map { i, p in "\(Int(Double(i) * step + 30)),\(Int(h - p.1 * (h - 20) + 5))" }.joined(separator: " ")
        let first = points.first!.0, last = points.last!.0
        func local(_ hour: String) -> String { Timestamp.parse(hour + ":00:00Z").map(LocalTime.format) ?? hour }
        return """
            <svg class="chart" viewBox="0 0 \(Int(w) + 60) \(Int(h) + 30)" width="100%" role="img" aria-label="\(context.t("到达率曲线", "reach curve"))">
            <line x1="30" y1="\(Int(h) + 5)" x2="\(Int(w) + 30)" y2="\(Int(h) + 5)" stroke="#999"/><line x1="30" y1="25" x2="\(Int(w) + 30)" y2="25" stroke="#eee"/>
            <text x="0" y="29" font-size="11">100%</text><text x="0" y="\(Int(h) + 9)" font-size="11">0</text>
            <polyline fill="none" stroke="#b71c1c" stroke-width="2" points="\(coords)"/>
            <text x="30" y="\(Int(h) + 24)" font-size="11">\(local(first))</text><text x="\(Int(w) - 60)" y="\(Int(h) + 24)" font-size="11">\(local(last))</text>
            <text x="\(Int(w) - 20)" y="20" font-size="12">\(Int((points.last!.1 * 100).rounded()))%</text></svg>
            """
    }
}
