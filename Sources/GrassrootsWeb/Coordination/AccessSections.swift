import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The sections of the access-list page below the list itself.
extension AccessRoutes {
    func certificates(_ scope: Scope, _ context: AppContext, errors: [String: String]) async throws -> HTML {
        let all = try await stores.access.certificates()
        func list(_ allowed: Bool) -> HTML {
            all.filter { $0.allowed == allowed }.map { "<li>\($0.title)<small class=\"muted\">\($0.basis.isEmpty ? "" : "（\($0.basis)）")</small></li>" as HTML }.joined()
        }
        var html: HTML = """
            <h2>\(context.t("社区证明事项", "Certificates"))</h2><div class="grid two">
            <div class="card"><b>\(context.t("可以出具", "May issue"))</b><ul id="certificates-allowed">\(list(true))</ul></div>
            <div class="card"><b>\(context.t("不应出具", "May not issue"))</b><ul id="certificates-refused">\(list(false))</ul></div></div>
            """
        if scope.role == .cityAdmin {
            html += """
                <form method="post" action="/access/certificates" class="card" id="certificate-form">\(HTML.csrfField(context))
                \(HTML.field("title", label: context.t("证明名称", "Certificate"), value: nil, errors: errors))
                \(HTML.select("allowed", label: context.t("社区可否出具", "May a community issue it"), options: [("1", context.t("可以", "Yes")), ("0", context.t("不应", "No"))], selected: nil, errors: errors))
                \(HTML.field("basis", label: context.t("依据或说明", "Basis or note"), value: nil, errors: errors))
                <button type="submit">\(context.t("加入清单", "Add"))</button></form>
                """
        }
        return html
    }

    func tasks(_ scope: Scope, items: [AccessItem], _ context: AppContext, errors: [String: String]) async throws -> HTML {
        let lang = context.language
        let tasks = try await stores.departmentTasks.tasks(scope: scope)
        let rows = tasks.map { t -> HTML in
            let decide: HTML = t.status == .pendingStreet && scope.role.decidesForStreet && scope.contains(t.path) ? """
                <form method="post" action="/access/tasks/\(t.id)" class="inline">\(HTML.csrfField(context))<input name="note" placeholder="\(context.t("理由", "Reason"))" class="w8">
                <button type="submit" name="approve" value="1" class="small">\(context.t("批准", "Approve"))</button>
                <button type="submit" name="approve" value="0" class="small secondary">\(context.t("不予批准", "Reject"))</button></form>
                """ : ""
            return """
                <tr class="\(t.status.rawValue)"><td>\(t.title)</td><td>\(t.departmentName)</td><td>\(t.communityName)</td>
                <td class="num">\(t.forms)/\(t.inspections)</td><td>\(t.status.label.text(lang))\(decide)</td><td class="hide-phone">\(t.reason)</td></tr>
                """
        }.joined()
        var html: HTML = "<h2>\(context.t("部门派发任务", "Department tasks"))</h2>"
        html += tasks.isEmpty ? "<p class=\"muted\">\(context.t("暂无", "None"))</p>" : """
            <table id="department-tasks"><tr><th>\(context.t("任务", "Task"))</th><th>\(context.t("部门", "Department"))</th><th>\(context.t("社区", "Community"))</th>
            <th class="num">\(context.t("报表/检查", "Forms / inspections"))</th><th>\(context.t("准入结果", "Verdict"))</th><th class="hide-phone">\(context.t("理由", "Reason"))</th></tr>\(rows)</table>
            """
        if scope.role == .departmentOfficer {
            let mine = items.filter { $0.departmentID == scope.departmentID }
            html += """
                <form method="post" action="/access/tasks" class="card" id="task-form">\(HTML.csrfField(context))<h2>\(context.t("向社区派发任务", "Send a task to a community"))</h2>
                \(HTML.field("title", label: context.t("任务名称", "Task"), value: nil, errors: errors, required: true))
                \(HTML.field("community_unit_id", label: context.t("社区编号", "Community id"), value: nil, errors: errors, type: "number", required: true,
                             hint: context.t("社区在辖区页中的编号", "The community's id on the territory pages")))
                \(HTML.select("access_item_id", label: context.t("引用准入事项", "Access-list item"), options: [("", context.t("（未引用）", "(none)"))] + mine.map { ("\($0.id)", "\($0.code) \($0.title)") },
                              selected: nil, errors: errors))
                \(HTML.field("forms", label: context.t("报表数", "Forms"), value: "0", errors: errors, type: "number"))
                \(HTML.field("inspections", label: context.t("检查考核数", "Inspections"), value: "0", errors: errors, type: "number"))
                <label class="checks"><input type="checkbox" name="ask_street" value="1"> \(context.t("清单外事项报街道审批", "Not listed: ask the street"))</label>
                <button type="submit">\(context.t("派发", "Send"))</button></form>
                """
        }
        return html
    }

    func burden(_ period: Period, scope: Scope, _ context: AppContext) async throws -> HTML {
        let lines = try await stores.departmentTasks.burden(period: period.code, scope: scope)
        let rows = lines.map { l -> HTML in
            let total = l.taken + l.keptOff + l.pending
            return """
                <tr><td>\(l.departmentName)</td><td class="num">\(l.taken)</td><td class="num">\(l.keptOff)</td><td class="num">\(l.pending)</td>
                <td>\(HTML.bar(total == 0 ? nil : Double(l.keptOff) / Double(total), noData: context.t("无数据", "no data")))</td>
                <td class="num">\(l.forms)</td><td class="num">\(l.inspections)</td></tr>
                """
        }.joined()
        return """
            <h2>\(context.t("减负报告", "Burden report")) \(period.code)</h2>
            \(if: lines.isEmpty, "<p class=\"nodata\">\(context.t("本期无部门任务", "No department tasks this period"))</p>", else: """
            <table id="burden"><tr><th>\(context.t("部门", "Department"))</th><th class="num">\(context.t("准入", "Taken"))</th><th class="num">\(context.t("挡回", "Kept off"))</th>
            <th class="num">\(context.t("待批", "Pending"))</th><th>\(context.t("挡回比例", "Share kept off"))</th><th class="num">\(context.t("下派报表", "Forms"))</th>
            <th class="num">\(context.t("下派检查", "Inspections"))</th></tr>\(rows)</table>
            """)
            """
    }

    func applyForm(_ scope: Scope, _ context: AppContext, errors: [String: String]) -> HTML {
        guard scope.role == .departmentOfficer || scope.role == .cityAdmin else { return "" }
        let lang = context.language
        return """
            <form method="post" action="/access/items" class="card" id="item-form">\(HTML.csrfField(context))<h2>\(context.t("申请列入准入清单", "Apply for an access-list item"))</h2>
            \(scope.role == .cityAdmin ? HTML.field("department_id", label: context.t("部门编号", "Department id"), value: nil, errors: errors, type: "number") : "")
            \(HTML.field("code", label: context.t("事项编号", "Code"), value: nil, errors: errors, required: true))
            \(HTML.field("title", label: context.t("事项名称", "Title"), value: nil, errors: errors, required: true))
            \(HTML.select("kind", label: context.t("类别", "Kind"), options: AccessItemKind.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors))
            \(HTML.field("legal_basis", label: context.t("法律法规依据", "Legal basis"), value: nil, errors: errors, required: true))
            <label class="checks"><input type="checkbox" name="funded" value="1"> \(context.t("费随事转", "Funding comes with it"))</label>
            <label class="checks"><input type="checkbox" name="authorized" value="1"> \(context.t("权随事转", "Authority comes with it"))</label>
            <button type="submit">\(context.t("提交申请", "Apply"))</button></form>
            """
    }
}
