import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The rating, publication and proposal forms of the evaluation page, and its history table.
extension EvaluationRoutes {
    func forms(_ period: Period, published: Bool, scope: Scope, _ context: AppContext, errors: [String: String]) async throws -> HTML {
        let departments = try await stores.departments.departments()
        let streets = try await CoordinationRoutes(stores: stores).streetsOf(scope.role == .departmentOfficer ? .system : scope)
        let stars = (1...5).reversed().map { ("\($0)", String(repeating: "★", count: $0)) }
        var html = HTML()
        if !published, scope.role.decidesForStreet || scope.role == .departmentOfficer {
            let others = scope.role == .departmentOfficer
                ? HTML.select("street_unit_id", label: context.t("被评街道", "Street"), options: streets.map { ("\($0.id)", $0.name) }, selected: nil, errors: errors)
                    + "<input type=\"hidden\" name=\"department_id\" value=\"\(scope.departmentID ?? 0)\">"
                : HTML.select("department_id", label: context.t("被评部门", "Department"), options: departments.map { ("\($0.id)", $0.name) }, selected: nil, errors: errors)
                    + HTML.select("street_unit_id", label: context.t("评价街道", "Street"), options: streets.map { ("\($0.id)", $0.name) }, selected: nil, errors: errors)
            html += """
                <form method="post" action="/evaluations/rate" class="card" id="rate-form">\(HTML.csrfField(context))
                <h2>\(scope.role == .departmentOfficer ? context.t("评价街道配合度", "Rate a street's cooperation") : context.t("评价部门服务态度", "Rate a department's attitude"))（\(period.code)）</h2>
                <input type="hidden" name="period" value="\(period.code)">\(others)
                \(HTML.select("stars", label: context.t("评分", "Rating"), options: stars, selected: nil, errors: errors, prompt: context.t("请选择", "Choose…")))
                \(HTML.field("comment", label: context.t("意见", "Comment"), value: nil, errors: errors))
                <button type="submit">\(context.t("提交评价", "Rate"))</button></form>
                """
        }
        if !published, scope.role == .cityAdmin {
            html += """
                <form method="post" action="/evaluations/publish" class="card" id="publish-form">\(HTML.csrfField(context))
                <input type="hidden" name="period" value="\(period.code)">\(errors["period"].html { "<em class=\"msg\">\($0)</em>" as HTML })
                <button type="submit">\(context.t("发布 \(period.code) 考评结果", "Publish \(period.code)"))</button>
                <small class="muted">\(context.t("期间结束后方可发布；发布后结果固定，可由 grassroots verify 复核。", "Only after the period ends; published scores are fixed and re-checked by grassroots verify."))</small></form>
                """
        }
        let proposals = try await stores.proposals.proposals(scope: scope)
        let rows = proposals.map { p -> HTML in
            "<tr><td>\(p.streetName)</td><td>\(p.departmentName)</td><td>\(p.matter)</td><td>\(p.proposal)</td><td>\(p.reply ?? "—")</td></tr>"
        }.joined()
        html += "<h2>\(context.t("街道建议权：对部门决策的意见", "The street's proposals on department decisions"))</h2>"
        html += proposals.isEmpty ? "<p class=\"muted\">\(context.t("暂无", "None yet"))</p>" : """
            <table id="proposals"><tr><th>\(context.t("街道", "Street"))</th><th>\(context.t("部门", "Department"))</th><th>\(context.t("事项", "Matter"))</th>
            <th>\(context.t("意见建议", "Proposal"))</th><th>\(context.t("部门答复", "Reply"))</th></tr>\(rows)</table>
            """
        if scope.role.decidesForStreet {
            html += """
                <form method="post" action="/proposals" class="card" id="proposal-form">\(HTML.csrfField(context))
                \(HTML.select("department_id", label: context.t("部门", "Department"), options: departments.map { ("\($0.id)", $0.name) }, selected: nil, errors: errors))
                \(HTML.select("street_unit_id", label: context.t("街道", "Street"), options: streets.map { ("\($0.id)", $0.name) }, selected: nil, errors: errors))
                \(HTML.field("matter", label: context.t("涉及本街道的部门决策事项", "The department's matter affecting the street"), value: nil, errors: errors))
                \(HTML.textarea("proposal", label: context.t("意见建议", "Proposal"), value: nil, errors: errors, rows: 3))
                <button type="submit">\(context.t("提出建议", "Propose"))</button></form>
                """
        }
        return html
    }

    func history(_ scope: Scope, _ context: AppContext) async throws -> HTML {
        let rows = try await stores.evaluations.history(scope: scope)
        guard !rows.isEmpty else { return "" }
        let lines = rows.map { r -> HTML in
            "<tr><td><a href=\"/evaluations?period=\(r.period)\">\(r.period)</a></td><td>\(r.rater.label.text(context.language))</td><td>\(r.streetName)</td><td>\(r.departmentName)</td><td class=\"num\">\(r.score.map { String(format: "%.1f", $0) } ?? context.t("无数据", "no data"))</td></tr>"
        }.joined()
        return """
            <h2>\(context.t("历史考评", "History"))</h2><table id="evaluation-history"><tr><th>\(context.t("期间", "Period"))</th><th>\(context.t("评价方", "Rater"))</th>
            <th>\(context.t("街道", "Street"))</th><th>\(context.t("部门", "Department"))</th><th class="num">\(context.t("得分", "Score"))</th></tr>\(lines)</table>
            """
    }
}
