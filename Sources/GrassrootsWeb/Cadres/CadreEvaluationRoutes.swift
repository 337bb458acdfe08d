import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The period evaluation of cadres with its weights beside it, the forms that set the weights and the hours target,
/// and the communities' secretary–director (一肩挑) table.
struct CadreEvaluationRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/cadres/evaluation", .signedIn(\.readsCadres, .unitInScope)) { request, context in try await page(request.uri.queryParameters.get("period"), context, errors: [:]) }
        router.post("/cadres/weights", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            // Refused before the figures are read, so a street learns it may not rather than what to fix.
            guard try context.scope().role == .cityAdmin else { throw AccessDenied(Bilingual("考评权重由市级设置", "The city sets the weights")) }
            return try await FormErrors.submit(context, redirect: "/cadres/evaluation", {
                var v = Validator()
                var weights: [CadreComponent: Double] = [:]
                for part in CadreComponent.allCases {
                    let value = Double(form[part.rawValue] ?? "")
                    v.check(value != nil, part.rawValue, Bilingual("“\(part.label.zh)”的权重应为数字", "The weight of “\(part.label.en)” must be a number"))
                    weights[part] = value
                }
                let hours = Double(form["yearly_hours"] ?? "")
                v.check(hours != nil, "yearly_hours", Bilingual("年度学时目标应为数字", "The yearly hours target must be a number"))
                try v.finish()
                _ = try CadreWeights(weights)
                try await stores.cadreEvaluation.setWeights(weights, scope: try context.scope())
                try await stores.cadreEvaluation.setYearlyHours(hours!, scope: try context.scope())
            }, page: { try await page(nil, context, errors: $0) })
        }
        router.get("/cadres/leadership", .signedIn(\.readsCadres, .unitInScope)) { request, context in
            let scope = try context.scope()
            let unit = try await CadreRoutes.unitOrRoot(request.uri.queryParameters.get("unit"), stores, scope)
            return try await leadership(unit, period: request.uri.queryParameters.get("period"), context)
        }
    }

    func page(_ raw: String?, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        var messages = errors
        let period = FormErrors.period(raw, now: stores.context.clock(), context, errors: &messages)
        let evaluation = try await stores.cadreEvaluation.evaluation(period: period.code, scope: scope)
        let parts = CadreComponent.allCases
        let head: HTML = parts.map { "<th>\($0.label.text(lang))<br><small>\(context.t("权重", "weight")) \(Self.weight(evaluation.weights.weights[$0]))</small></th>" as HTML }.joined()
        let rows = evaluation.rows.sorted { ($0.score ?? -1) > ($1.score ?? -1) }.map { row -> HTML in
            let values = row.parts.values
            let cells: HTML = parts.map { "<td>\(HTML.bar(values[$0], width: 60, noData: context.t("无数据", "no data")))</td>" as HTML }.joined()
            return "<tr><td><a href=\"/cadres/\(row.cadre.id)?period=\(evaluation.period)\">\(row.cadre.name)</a><br><small class=\"muted\">\(row.cadre.departmentName ?? row.cadre.unitName)</small></td>\(cells)<td class=\"num\"><b>\(Self.score(row.score, context))</b></td></tr>"
        }.joined()
        var body = CadreRoutes.subnav(context) + HTML.errorBox(messages)
        body += """
            <form method="get" action="/cadres/evaluation" class="inline">\(HTML.field("period", label: context.t("期间（2026、2026Q4 或 2026-11）", "Period (2026, 2026Q4 or 2026-11)"), value: evaluation.period, errors: [:]))\
            <button type="submit">\(context.t("查看", "Show"))</button></form>
            <p class="muted">\(context.t("得分 = 各项得分按权重加权（满分100）；无数据的项不计，其权重按比例分给其余各项。年度学时目标 \(Hours.text(evaluation.yearlyHours)) 学时，按期间月数折算。不统计登录、在线时长或打卡。",
                                         "Score = the parts weighted (out of 100); parts without data are left out and their weight spread over the others. Yearly hours target \(Hours.text(evaluation.yearlyHours)), prorated by months. No logins, online time or check-ins are counted."))</p>
            <div class="scroll-x"><table id="evaluation"><tr><th>\(context.t("干部", "Cadre"))</th>\(head)<th class="num">\(context.t("得分", "Score"))</th></tr>\(rows)</table></div>
            <p><a href="/cadres?format=csv&amp;period=\(evaluation.period)">\(context.t("导出 CSV", "Export CSV"))</a></p>
            """
        if scope.role == .cityAdmin {
            let fields = parts.map { HTML.field($0.rawValue, label: $0.label.text(lang), value: Self.weight(evaluation.weights.weights[$0]), errors: errors) }.joined()
            body += """
                <form method="post" action="/cadres/weights" class="card" id="weights-form">\(HTML.csrfField(context))<h2>\(context.t("考评权重（合计为1）", "Weights (adding up to 1)"))</h2>
                \(fields)\(HTML.field("yearly_hours", label: context.t("年度学时目标", "Yearly hours target"), value: Hours.text(evaluation.yearlyHours), errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("干部考评", "Cadre evaluation"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// One cadre's evaluation, part by part with the counts behind each share, and the areas served.
    static func breakdown(_ row: CadreEvaluationRow, weights: CadreWeights, rateSettings: RateSettings, period: String, _ context: AppContext) -> HTML {
        let lang = context.language
        let p = row.parts, values = p.values
        let counts: [CadreComponent: String] = [
            .requiredTraining: context.t("\(p.requiredTraining.hits)/\(p.requiredTraining.of) 门", "\(p.requiredTraining.hits)/\(p.requiredTraining.of) courses"),
            .trainingHours: context.t("\(Hours.text(p.hours))/\(Hours.text(p.hoursTarget)) 学时", "\(Hours.text(p.hours))/\(Hours.text(p.hoursTarget)) hours"),
            .secondmentReview: p.reviews.map { $0.label.text(lang) }.joined(separator: "、"),
            .areaCoverage: "\(p.coverage.hits)/\(p.coverage.of)", .directiveReach: "\(p.reach.hits)/\(p.reach.of)",
            .requestRates: p.requests.map { context.t("综合 \(String(format: "%.1f", $0))", "composite \(String(format: "%.1f", $0))") } ?? "",
        ]
        let rows = CadreComponent.allCases.map {
            "<tr><td>\($0.label.text(lang))</td><td>\(HTML.bar(values[$0], noData: context.t("无数据", "no data")))</td><td>\(counts[$0])</td><td class=\"num\">\(weight(weights.weights[$0]))</td></tr>" as HTML
        }.joined()
        let areas = row.areas.map {
            "<tr><td>\($0.unitName)</td><td>\(HTML.bar($0.coverage.value, noData: context.t("无数据", "no data")))</td><td>\(HTML.bar($0.reach.value, noData: context.t("本期无任务", "no directives")))</td><td>\(requestsCell($0.requests, rateSettings, context))</td></tr>" as HTML
        }.joined()
        return """
            <h2>\(context.t("\(period) 考评：\(score(row.score, context))", "Evaluation \(period): \(score(row.score, context))"))</h2>
            <form method="get" class="inline"><input name="period" value="\(period)" aria-label="period" class="w8"> <button type="submit">\(context.t("换期间", "Change period"))</button></form>
            <table id="breakdown"><tr><th>\(context.t("考评项", "Part"))</th><th>\(context.t("得分率", "Share"))</th><th>\(context.t("依据", "Counts"))</th><th class="num">\(context.t("权重", "Weight"))</th></tr>\(rows)</table>
            <h3>\(context.t("所服务区域的成效", "Outcomes of the areas served"))</h3>
            \(if: row.areas.isEmpty, "<p class=\"nodata\">\(context.t("未在街道、社区任职或挂职", "Serves no street or community"))</p>", else: """
            <table id="areas"><tr><th>\(context.t("区域", "Area"))</th><th>\(context.t("组织覆盖（小区党小组+网格党支部）", "Coverage (compound groups + grid branches)"))</th>\
            <th>\(context.t("本期任务到户率", "Directive reach this period"))</th><th>\(context.t("诉求“三率”", "Request rates"))</th></tr>\(areas)</table>
            """)
            """
    }

    func leadership(_ unit: TerritoryUnit, period raw: String?, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        var errors: [String: String] = [:]
        let period = raw == nil ? Period.year(of: stores.context.clock()) : FormErrors.period(raw, now: stores.context.clock(), context, errors: &errors)
        let rows = try await stores.cadres.leadership(under: unit, scope: scope)
        let records = try await stores.cadreEvaluation.units(under: unit, period: period.code, scope: scope)
        let both = rows.filter(\.oneShoulder).count
        let noData = context.t("无数据", "no data")
        let table = rows.map {
            "<tr><td>\($0.unitName)</td><td>\($0.secretary ?? "—")</td><td>\($0.director ?? "—")</td><td>\($0.oneShoulder ? "✓" : "")</td></tr>" as HTML
        }.joined()
        let unitRows = records.map { r -> HTML in
            let name: HTML = r.kind == .street ? "<a href=\"/cadres/leadership?unit=\(r.unitID)&amp;period=\(period.code)\">\(r.unitName)</a>" : HTML(text: r.unitName)
            let oneShoulder = rows.first { $0.unitID == r.unitID }.map { $0.oneShoulder ? "✓" : "" } ?? ""
            return """
                <tr><td>\(name)</td><td class="num">\(r.trained.of)</td><td>\(HTML.bar(r.trained.value, width: 80, noData: noData))</td>\
                <td class="num">\(Hours.text(r.hours))</td><td class="num">\(r.secondedIn)</td><td>\(oneShoulder)</td>\
                <td>\(HTML.bar(r.coverage.value, width: 80, noData: noData))</td><td>\(HTML.bar(r.reach.value, width: 80, noData: context.t("本期无任务", "no directives")))</td>\
                <td>\(HTML.bar(r.requests.map { $0 / 100 }, width: 80, noData: noData))</td></tr>
                """
        }.joined()
        let body = CadreRoutes.subnav(context) + HTML.errorBox(errors) + """
            <form method="get" action="/cadres/leadership" class="inline"><input type="hidden" name="unit" value="\(unit.id)">\
            \(HTML.field("period", label: context.t("期间", "Period"), value: period.code, errors: [:]))<button type="submit">\(context.t("查看", "Show"))</button></form>
            <h2>\(context.t("各单位干部队伍与成效", "Each unit's cadres beside its outcomes"))</h2>
            <div class="scroll-x"><table id="unit-records"><tr><th>\(context.t("单位", "Unit"))</th><th class="num">\(context.t("干部", "Cadres"))</th>\
            <th>\(context.t("必修课全部完成", "All required courses"))</th><th class="num">\(context.t("期内学时", "Hours"))</th><th class="num">\(context.t("挂职在岗", "Seconded in"))</th>\
            <th>\(context.t("一肩挑", "Both posts"))</th><th>\(context.t("组织覆盖", "Coverage"))</th><th>\(context.t("任务到户率", "Directive reach"))</th>\
            <th>\(context.t("诉求“三率”", "Request rates"))</th></tr>\(unitRows)</table></div>
            <h2>\(context.t("书记主任“一肩挑”", "Secretary and director"))</h2>
            <p>\(unit.name)：\(context.t("\(rows.count) 个社区中 \(both) 个由党组织书记兼任居委会主任", "\(both) of \(rows.count) communities have the party secretary also chairing the residents' committee")) \
            \(HTML.bar(rows.isEmpty ? nil : Double(both) / Double(rows.count), noData: context.t("无社区", "no communities")))</p>
            <table id="leadership"><tr><th>\(context.t("社区", "Community"))</th><th>\(context.t("党组织书记", "Party secretary"))</th><th>\(context.t("居委会主任", "Committee director"))</th>\
            <th>\(context.t("一肩挑", "Both posts"))</th></tr>\(table)</table>
            """
        return HTML.response(Layout.page(title: context.t("各单位干部与“一肩挑”", "Units: cadres and secretary–directors"), context: context, body: body))
    }

    /// An area's request rates: the composite as a bar, with how many verdicts it rests on.
    static func requestsCell(_ tally: RequestTally, _ settings: RateSettings, _ context: AppContext) -> HTML {
        HTML.bar(tally.composite(settings).map { $0 / 100 }, noData: context.t("无数据", "no data"))
            + "<small> \(context.t("评价 \(tally.followUps)", "\(tally.followUps) rated"))</small>"
    }

    static func weight(_ w: Double?) -> String { w.map { String(format: "%.2f", $0) } ?? "—" }
    static func score(_ s: Double?, _ context: AppContext) -> String { s.map { String(format: "%.1f", $0) } ?? context.t("无数据", "no data") }
}
