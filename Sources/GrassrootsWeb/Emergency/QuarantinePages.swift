import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The quarantine pages: the list with the missed checks of the reader's tier, the registration form for one
/// household, and a quarantine's page with its checks and today's check form (phone first: one column, big inputs).
extension QuarantineRoutes {
    func list(_ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let active = try await quarantines.active(scope: scope)
        let missed = try await quarantines.missedChecks(scope: scope)
        let full = scope.role.reportsFieldWork
        let tier = QuarantineSchedule.escalationLag(for: scope.role) == 0
            ? context.t("未按日完成健康监测的天数（次日即列出）。", "Days without a check (listed the next morning).")
            : context.t("社区超过一天仍未补报的漏测（逐级上报）。", "Missed checks the community has not caught up for more than a day (escalated).")
        let missedRows = missed.map { m -> HTML in
            """
            <tr class="stalled"><td class="overdue">\(m.day)</td><td><a href="/quarantine/\(m.quarantineID)">\(m.residentName)</a></td>\
            <td>\(m.location)<br><small>\(m.communityName) \(m.gridName)</small></td>\
            <td class="num">\(context.t("\(m.daysAgo)天前", "\(m.daysAgo) d ago"))</td></tr>
            """
        }.joined()
        let rows = active.map { q -> HTML in
            let today: HTML = q.checkedToday ? "<span class=\"done\">✓</span>" : "<span class=\"overdue\">\(context.t("今日未测", "Not yet today"))</span>"
            let test: HTML = q.testDueToday ? " <span class=\"tag\">\(context.t("今日检测", "Test today"))</span>" : ""
            return """
                <tr id="quarantine-\(q.id)" class="\(q.missedDays.isEmpty ? "" : "stalled")"><td><a href="/quarantine/\(q.id)">\(q.residentName)</a></td>\
                <td>\(q.location)<br><small>\(q.communityName) \(q.gridName)</small></td>\
                <td class="hide-phone">\(q.place)</td><td>\(q.startsOn) – \(q.endsOn)<br><small>\(context.t("第\(q.dayNumber)天", "Day \(q.dayNumber)"))</small></td>\
                <td>\(today)\(test)</td><td class="num\(q.missedDays.isEmpty ? "" : " overdue")">\(q.missedDays.count)</td></tr>
                """
        }.joined()
        let head: HTML = "<tr><th>\(context.t("姓名", "Name"))</th><th>\(context.t("住址", "Home"))</th><th class=\"hide-phone\">\(context.t("隔离地点", "Place"))</th><th>\(context.t("隔离期", "Period"))</th><th>\(context.t("今日", "Today"))</th><th class=\"num\">\(context.t("漏测", "Missed"))</th></tr>"
        var body: HTML = """
            <p class="crumbs"><a href="/supplies">\(context.t("物资代购代送", "Supply deliveries"))</a>\(full ? "" : " · " + context.t("审计视图：姓名已脱敏，不含健康信息", "Auditor view: names masked, no health data"))</p>
            <h2>\(context.t("漏测提醒", "Missed checks"))（\(missed.count)）</h2><p class="muted">\(tier)</p>
            \(if: missed.isEmpty, "<p class=\"nodata\">\(context.t("没有漏测", "No missed checks"))</p>", else: "<table id=\"missed-checks\">\(missedRows)</table>")
            <h2>\(context.t("居家隔离人员", "In home quarantine"))（\(active.count)）</h2>
            \(if: active.isEmpty, "<p class=\"nodata\">\(context.t("暂无", "None"))</p>", else: "<div class=\"scroll-x\"><table id=\"quarantines\">\(head)\(rows)</table></div>")
            """
        if full {
            body += """
                <form method="get" action="/quarantine/new" class="card" id="find-household"><h2>\(context.t("登记居家隔离", "Register a home quarantine"))</h2>
                <p class="muted">\(context.t("从住户页面进入，或输入住户编号：", "Start from the household's page, or give its id:"))</p>
                \(HTML.field("household", label: context.t("住户编号", "Household id"), value: nil, errors: [:], type: "number", required: true))
                <button type="submit">\(context.t("下一步", "Next"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("居家隔离", "Home quarantine"), context: context, body: body))
    }

    func newForm(_ householdID: Int, _ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        guard scope.role.reportsFieldWork else { throw AccessDenied(Bilingual("由社区、网格工作人员登记居家隔离", "Staff register home quarantines")) }
        let household = try await stores.households.household(householdID, scope: scope)
        let today = WorkingCalendar.dayKey(stores.context.clock())
        let residents = household.residents.map { ("\($0.id)", $0.name) }
        let place = household.address.flatMap { $0.isEmpty ? nil : $0 } ?? context.t("家中", "At home")
        let body = HTML.errorBox(errors) + """
            <form method="post" action="/quarantine" class="card" id="quarantine-form">\(HTML.csrfField(context))
            <input type="hidden" name="household_id" value="\(household.id)">
            <p class="muted">\(context.t("住户", "Household")) \(household.room)</p>
            \(HTML.select("resident_id", label: context.t("隔离人员", "Resident"), options: residents, selected: form?["resident_id"], errors: errors))
            \(HTML.field("place", label: context.t("隔离地点", "Place"), value: form?["place"] ?? place, errors: errors, required: true))
            \(HTML.field("starts_on", label: context.t("开始日期", "First day"), value: form?["starts_on"] ?? today, errors: errors, type: "date", required: true))
            \(HTML.field("ends_on", label: context.t("结束日期", "Last day"), value: form?["ends_on"] ?? QuarantineSchedule.day(today, plus: 13), errors: errors, type: "date",
                         required: true, hint: context.t("最长为开始后\(QuarantineInput.maxDays)天", "At most \(QuarantineInput.maxDays) days after the first")))
            \(HTML.field("test_days", label: context.t("检测日（第几天）", "Test days (day numbers)"), value: form?["test_days"] ?? "1,7,14", errors: errors,
                         hint: context.t("如 1,3,7：第1、3、7天检测", "e.g. 1,3,7: tests on days 1, 3 and 7")))
            <button type="submit">\(context.t("登记", "Register"))</button></form>
            """
        return HTML.response(Layout.page(title: context.t("登记居家隔离", "Register a home quarantine"), context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func detail(_ id: Int, _ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope(), lang = context.language, csrf = HTML.csrfField(context)
        let detail = try await quarantines.detail(id, scope: scope)
        let q = detail.quarantine
        let today = WorkingCalendar.dayKey(stores.context.clock())
        let head = q.healthVisible
            ? "<tr><th>\(context.t("日期", "Day"))</th><th class=\"num\">\(context.t("体温", "°C"))</th><th>\(context.t("症状", "Symptoms"))</th><th>\(context.t("检测", "Test"))</th><th class=\"hide-phone\">\(context.t("监测人", "By"))</th></tr>"
            : "<tr><th>\(context.t("日期", "Day"))</th><th>\(context.t("监测人", "By"))</th></tr>"
        let rows = detail.checks.map { c -> HTML in
            guard q.healthVisible else { return "<tr><td>\(c.day)</td><td>\(c.checkedBy)</td></tr>" }
            return """
                <tr><td>\(c.day)</td><td class="num\(c.fever == true ? " overdue" : "")">\(c.temperature ?? "")\(c.fever == true ? context.t(" 发热", " fever") : "")</td>\
                <td>\(c.symptoms)</td><td>\(c.testResult.map { $0 == .none ? "" : $0.label.text(lang) })</td>\
                <td class="hide-phone">\(c.checkedBy) \(LocalTime.format(c.checkedAt))</td></tr>
                """
        }.joined()
        var body = HTML.errorBox(errors) + """
            <div class="card" id="quarantine-summary"><b>\(q.residentName)</b> · \(q.location) · \(q.communityName) \(q.gridName)<br>
            \(if: q.healthVisible, "\(q.place)<br>")\(q.startsOn) – \(q.endsOn) · \(q.status.label.text(lang))\
            \(q.status == .active ? " · " + context.t("第\(q.dayNumber)天", "day \(q.dayNumber)") : "")\
            \(if: !q.testDays.isEmpty, "<br>\(context.t("检测日：第\(q.testDays.map(String.init).joined(separator: "、"))天", "Test days: \(q.testDays.map(String.init).joined(separator: ", "))"))")\
            \(if: q.testDueToday, " <span class=\"tag\">\(context.t("今日检测", "Test today"))</span>")</div>
            \(if: !q.missedDays.isEmpty, "<p class=\"overdue\" id=\"missed-days\">\(context.t("漏测", "Missed"))：\(q.missedDays.joined(separator: "、"))</p>")
            """
        let running = q.status == .active && today >= q.startsOn && today <= q.endsOn
        if scope.role.reportsFieldWork && running {
            body += """
                <form method="post" action="/quarantine/\(q.id)/checks" class="card" id="check-form">\(csrf)<h2>\(context.t("今日健康监测", "Today's check"))（\(today)）</h2>
                <label class="field\(errors["temperature"] == nil ? "" : " invalid")"><span>\(context.t("体温（°C）", "Temperature (°C)")) *</span>\
                <input name="temperature" inputmode="decimal" placeholder="36.5" value="\(form?["temperature"])" required>\
                \(errors["temperature"].html { "<em class=\"msg\">\($0)</em>" as HTML })</label>
                \(HTML.field("symptoms", label: context.t("症状（无则不填）", "Symptoms (if any)"), value: form?["symptoms"], errors: errors))
                \(HTML.select("test_result", label: context.t("检测结果", "Test result"), options: TestResult.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                              selected: form?["test_result"] ?? (q.testDueToday ? TestResult.pending.rawValue : ""), errors: errors))
                <button type="submit">\(q.checkedToday ? context.t("更正今日记录", "Correct today's check") : context.t("保存", "Save"))</button></form>
                """
        }
        body += "<h2>\(context.t("每日监测", "Daily checks"))（\(detail.checks.count)）</h2>"
            + (detail.checks.isEmpty ? "<p class=\"nodata\">\(context.t("暂无记录", "No checks yet"))</p>" : "<div class=\"scroll-x\"><table id=\"checks\">\(head)\(rows)</table></div>")
        if scope.role.reportsFieldWork && q.status == .active {
            body += """
                <form method="post" action="/quarantine/\(q.id)/end" class="card" id="end-form">\(csrf)<h2>\(context.t("提前解除", "End early"))</h2>
                \(HTML.select("reason", label: context.t("原因", "Reason"), options: QuarantineEndReason.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["reason"], errors: errors))
                <button type="submit" class="secondary">\(context.t("解除", "End"))</button></form>
                """
        }
        body += "<p><a href=\"/quarantine\">\(context.t("返回列表", "Back to the list"))</a></p>"
        return HTML.response(Layout.page(title: context.t("居家隔离", "Home quarantine") + " #\(q.id)", context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
