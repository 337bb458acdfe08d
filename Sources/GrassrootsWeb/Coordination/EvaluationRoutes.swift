import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The two-way evaluation page: each side's table for a period with the parts, their counts and the weights
/// beside the score; the rating form; publication; the history of published periods; the street's proposals.
struct EvaluationRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/evaluations", .coordinationReaders) { request, context in
            try await page(request.uri.queryParameters.get("period"), context, errors: [:])
        }
        router.post("/evaluations/rate", .signedIn(\.decidesForStreet, .unitInScope).or(.signedIn([.departmentOfficer], .ownDepartment))) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(form["period"], context) {
                try await stores.evaluations.rate(period: form["period"] ?? "", streetUnitID: Int(form["street_unit_id"] ?? "") ?? 0,
                                                  departmentID: Int(form["department_id"] ?? "") ?? 0, stars: Int(form["stars"] ?? "") ?? 0,
                                                  comment: form["comment"] ?? "", scope: try context.scope())
            }
        }
        router.post("/evaluations/publish", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(form["period"], context) { _ = try await stores.evaluations.publish(period: form["period"] ?? "", scope: try context.scope()) }
        }
        router.post("/proposals", .signedIn(\.decidesForStreet, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(nil, context) {
                _ = try await stores.proposals.propose(departmentID: Int(form["department_id"] ?? "") ?? 0, streetUnitID: Int(form["street_unit_id"] ?? "") ?? 0,
                                                       matter: form["matter"] ?? "", proposal: form["proposal"] ?? "", scope: try context.scope())
            }
        }
    }

    func handle(_ period: String?, _ context: AppContext, _ change: () async throws -> Void) async throws -> Response {
        let location = "/evaluations" + (period.map { "?period=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "")
        return try await FormErrors.submit(context, redirect: location, change) { try await page(period, context, errors: $0) }
    }

    func page(_ raw: String?, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        var errors = errors
        let period = FormErrors.period(raw, now: stores.context.clock(), context, errors: &errors)
        let rows = try await stores.evaluations.evaluation(period: period.code, scope: scope)
        let published = rows.first?.computedAt
        func table(_ side: Side) -> HTML {
            let parts = EvaluationComponent.given(by: side)
            let mine = rows.filter { $0.rater == side }
            guard let first = mine.first else { return "<p class=\"nodata\">\(context.t("本期无数据", "No data for this period"))</p>" }
            let head: HTML = parts.map { "<th>\($0.label.text(lang))<br><small>\(context.t("权重", "weight")) \(first.weights[$0.rawValue] ?? 0)</small></th>" as HTML }.joined()
            let body = mine.map { row -> HTML in
                let cells = row.parts.map { part -> HTML in
                    let value = part.value.map { String(format: "%.0f%%", $0 * 100) } ?? context.t("无数据", "no data")
                    let detail: HTML = part.share.map { " <small class=\"muted\">\($0.hits)/\($0.of)</small>" as HTML } ?? part.stars.map { " <small class=\"muted\">\($0)★</small>" as HTML } ?? ""
                    return "<td class=\"num\">\(value)\(detail)</td>"
                }.joined()
                return "<tr><td>\(side == .street ? row.departmentName : row.streetName)</td><td>\(side == .street ? row.streetName : row.departmentName)</td>\(cells)<td class=\"num score\"><b>\(row.score.map { String(format: "%.1f", $0) } ?? context.t("无数据", "no data"))</b></td></tr>"
            }.joined()
            let rated = side == .street ? context.t("被评部门", "Department rated") : context.t("被评街道", "Street rated")
            let rater = side == .street ? context.t("评价街道", "Rating street") : context.t("评价部门", "Rating department")
            return "<table id=\"evaluation-\(side.rawValue)\"><tr><th>\(rated)</th><th>\(rater)</th>\(head)<th class=\"num\">\(context.t("得分", "Score"))</th></tr>\(body)</table>"
        }
        var body: HTML = HTML.errorBox(errors)
        body += """
            <form method="get" action="/evaluations" class="inline"><label>\(context.t("期间", "Period")) <input name="period" value="\(period.code)" class="w8"></label>
            <button type="submit">\(context.t("查看", "Show"))</button></form>
            <a class="tag" href="/evaluations?period=\(period.previousQuarter.code)">← \(period.previousQuarter.code)</a>
            <p class="muted">\(published.map { context.t("已于 \(LocalTime.format($0)) 发布，以下为发布时的结果。", "Published \(LocalTime.format($0)); figures as published.") }
                ?? context.t("尚未发布：以下按截至现在的吹哨记录实时计算。", "Not published: computed live from the summons records up to now."))
            \(context.t("得分 = Σ 权重 × 分项（无数据的分项不计，其余权重按比例放大）× 100。", "Score = Σ weight × part (parts without data are left out and the other weights scaled up) × 100."))</p>
            <h2>\(context.t("街道评部门", "Streets rate departments"))</h2>\(table(.street))
            <h2>\(context.t("部门评街道", "Departments rate streets"))</h2>\(table(.department))
            """
        body += try await forms(period, published: published != nil, scope: scope, context, errors: errors)
        body += try await history(scope, context)
        return HTML.response(Layout.page(title: context.t("双向考评", "Two-way evaluation"), context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
