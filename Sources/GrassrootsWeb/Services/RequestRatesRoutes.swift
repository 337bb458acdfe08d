import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The three rates of a unit and the ranking of the units under it, with the formula and weights beside them; the
/// category tree, the time limits and Open311 keys.
struct RequestRatesRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/requests/rates", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.auditor], .unitInScope))) { request, context in
            try await rates(request.uri.queryParameters.get("unit"), request.uri.queryParameters.get("period"), context, errors: [:])
        }
        router.post("/requests/rates/settings", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            guard try context.scope().role == .cityAdmin else { throw AccessDenied(Bilingual("“三率”权重由市级设置", "The city sets the weights")) }
            return try await FormErrors.submit(context, redirect: "/requests/rates", {
                var weights: [RateComponent: Double] = [:]
                for part in RateComponent.allCases { weights[part] = Double(form[part.rawValue] ?? "") ?? -1 }
                let settings = try RateSettings(weights: weights, basicallyFactor: Double(form["basically_factor"] ?? "") ?? -1)
                try await stores.requestRates.setSettings(settings, scope: try context.scope())
            }, page: { try await rates(nil, nil, context, errors: $0) })
        }
        router.get("/requests/settings", .signedIn(.published)) { _, context in try await settings(context, errors: [:], key: nil) }
        router.post("/requests/categories", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/requests/settings", {
                _ = try await stores.requestCategories.create(parentID: Int(form["parent_id"] ?? ""), name: form["name"] ?? "", nameEn: form["name_en"] ?? "",
                                                              timeClass: form["time_class"], serviceCode: form["service_code"], scope: try context.scope())
            }, page: { try await settings(context, errors: $0, key: nil) })
        }
        router.post("/requests/categories/:id/public", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context), id = try context.parameters.require("id", as: Int.self)
            return try await FormErrors.submit(context, redirect: "/requests/settings", {
                _ = try await stores.requestCategories.setPublic(id, form["is_public"] == "1", scope: try context.scope())
            }, page: { try await settings(context, errors: $0, key: nil) })
        }
        router.post("/requests/limits", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/requests/settings", {
                var v = Validator()
                let tc = TimeClass.pick(form["time_class"] ?? "", field: "time_class", names: Bilingual("时限类别", "Time class"), &v)
                try v.finish()
                try await stores.requestCategories.setLimit(try RequestLimit(timeClass: tc!, respondMinutes: Int(form["respond_minutes"] ?? "") ?? 0,
                                                                             resolveMinutes: Int(form["resolve_minutes"] ?? "") ?? 0), scope: try context.scope())
            }, page: { try await settings(context, errors: $0, key: nil) })
        }
        router.post("/requests/open311-keys", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            do {
                let key = try await stores.open311.createKey(name: form["name"] ?? "", unitID: Int(form["unit_id"] ?? "") ?? 0, scope: try context.scope())
                return try await settings(context, errors: [:], key: key)
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await settings(context, errors: errors, key: nil)
            }
        }
    }

    func rates(_ unitRaw: String?, _ periodRaw: String?, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        var messages = errors
        let period = FormErrors.period(periodRaw, now: stores.context.clock(), context, errors: &messages)
        let unit = try await CadreRoutes.unitOrRoot(unitRaw, stores, scope)
        let (own, children) = try await stores.requestRates.rates(unitID: unit.id, period: period.code, scope: scope)
        let settings = try await stores.requestRates.settings()
        let noData = context.t("无数据", "no data")
        func cells(_ r: UnitRates) -> HTML {
            let t = r.tally
            return """
                <td class="num">\(r.requests)</td><td>\(HTML.bar(r.rates[.response], width: 80, noData: noData))<small> \(t.respondedOnTime)/\(t.due)</small></td>\
                <td>\(HTML.bar(r.rates[.resolution], width: 80, noData: noData))<small> \(t.solved)/\(t.followUps)</small></td>\
                <td>\(HTML.bar(r.rates[.satisfaction], width: 80, noData: noData))<small> \(t.satisfied)+\(t.basicallySatisfied)/\(t.satisfied + t.basicallySatisfied + t.dissatisfied)\(t.excluded > 0 ? context.t("，不计\(t.excluded)", ", \(t.excluded) excluded") : "")</small></td>\
                <td class="num"><b>\(r.composite.map { String(format: "%.1f", $0) } ?? noData)</b></td>
                """
        }
        let w = { (c: RateComponent) in String(format: "%.2f", settings.weights[c] ?? 0) }
        let head: HTML = """
            <tr><th>\(context.t("单位", "Unit"))</th><th class="num">\(context.t("诉求", "Requests"))</th><th>\(context.t("响应率", "Response")) ×\(w(.response))</th>\
            <th>\(context.t("解决率", "Resolution")) ×\(w(.resolution))</th><th>\(context.t("满意率", "Satisfaction")) ×\(w(.satisfaction))</th><th class="num">\(context.t("综合", "Composite"))</th></tr>
            """
        let ranked = children.enumerated().map { index, r -> HTML in
            "<tr><td>\(index + 1). <a href=\"/requests/rates?unit=\(r.unitID)&amp;period=\(period.code)\">\(r.unitName)</a></td>\(cells(r))</tr>"
        }.joined()
        var body = RequestRoutes.subnav(context, scope) + HTML.errorBox(messages) + """
            <form method="get" action="/requests/rates" class="inline"><input type="hidden" name="unit" value="\(unit.id)">\
            \(HTML.field("period", label: context.t("期间", "Period"), value: period.code, errors: [:]))<button type="submit">\(context.t("查看", "Show"))</button></form>
            <p class="muted">\(context.t("响应率 = 在响应时限内受理的诉求 ÷ 已到响应时限或已受理的诉求；解决率 = 居民表示已解决 ÷ 有居民评价（含回访）的诉求；满意率 = (满意 + \(settings.basicallyFactor)×基本满意) ÷ 评价数（经上级同意不计的除外）；综合 = 三率按权重加权（满分100，无数据的项不计）。撤回的诉求不计。",
                "Response = taken up within the limit ÷ due or taken up; resolution = said solved ÷ with the resident's verdict (call-backs included); satisfaction = (satisfied + \(settings.basicallyFactor) × basically satisfied) ÷ verdicts (less approved exclusions); composite = the weighted rates (out of 100, parts without data left out). Withdrawn requests count in none."))</p>
            <table id="own-rates">\(head)<tr><td>\(unit.name)</td>\(cells(own))</tr></table>
            <h2>\(context.t("下级排名", "Ranking below"))</h2><div class="scroll-x"><table id="ranking">\(head)\(ranked)</table></div>
            """
        if scope.role == .cityAdmin {
            body += """
                <form method="post" action="/requests/rates/settings" class="card" id="rate-settings-form">\(HTML.csrfField(context))<h2>\(context.t("权重与折算（合计为1）", "Weights and factor (adding up to 1)"))</h2>
                \(RateComponent.allCases.map { HTML.field($0.rawValue, label: $0.label.text(context.language), value: w($0), errors: errors) }.joined())
                \(HTML.field("basically_factor", label: context.t("“基本满意”折算系数", "Factor of “basically satisfied”"), value: String(settings.basicallyFactor), errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("诉求“三率”", "Request rates"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Whether a leaf's requests are listed publicly over Open311 whatever the resident chose; the city switches it.
    func publicCell(_ c: RequestCategory, _ scope: Scope, _ context: AppContext) -> HTML {
        let state = c.isPublic ? context.t("公开", "Public") : context.t("居民同意时公开", "When the resident agrees")
        guard scope.role == .cityAdmin else { return HTML(text: state) }
        return """
            <form method="post" action="/requests/categories/\(c.id)/public" class="inline">\(HTML.csrfField(context))\
            <input type="hidden" name="is_public" value="\(c.isPublic ? "0" : "1")">\(state) \
            <button type="submit">\(c.isPublic ? context.t("改为不公开", "Stop listing") : context.t("设为公开", "List publicly"))</button></form>
            """
    }

    func settings(_ context: AppContext, errors: [String: String], key: String?) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let categories = try await stores.requestCategories.categories()
        let limits = try await stores.requestCategories.limits()
        let tree = categories.map { c -> HTML in
            c.parentID == nil ? "<tr><th colspan=\"4\">\(c.name) <small>\(c.nameEn)</small></th></tr>"
                : "<tr><td>\(c.name)</td><td>\(c.timeClass?.label.text(lang))</td><td><code>\(c.serviceCode)</code></td><td>\(publicCell(c, scope, context))</td></tr>"
        }.joined()
        var body = RequestRoutes.subnav(context, scope) + HTML.errorBox(errors)
        if let key { body += "<p class=\"notice\" id=\"new-key\">\(context.t("新密钥（只显示一次）", "New key (shown once)"))：<code>\(key)</code></p>" }
        body += """
            <h2>\(context.t("时限", "Time limits"))</h2><table id="limits">\(limits.map { "<tr><td>\($0.timeClass.label.text(lang))</td><td>\($0.summary.text(lang))</td></tr>" as HTML }.joined())</table>
            <h2>\(context.t("诉求分类（二级类别即 Open311 服务）", "Categories (second level = Open311 services)"))</h2>
            <table id="categories"><tr><th>\(context.t("类别", "Category"))</th><th>\(context.t("时限类别", "Time class"))</th><th>service_code</th><th>\(context.t("公开", "Public"))</th></tr>\(tree)</table>
            <p class="muted">\(context.t("Open311 GeoReport v2 接口：/open311/v2/services.json、requests.json（JSON 或 XML）。", "Open311 GeoReport v2: /open311/v2/services.json, requests.json (JSON or XML)."))</p>
            """
        if scope.role == .cityAdmin {
            let tops = categories.filter { $0.parentID == nil }
            let places = try await stores.units.units(of: [.city, .street, .community], scope: scope)
            body += """
                <form method="post" action="/requests/categories" class="card" id="category-form">\(HTML.csrfField(context))<h2>\(context.t("新增类别", "Add a category"))</h2>
                \(HTML.select("parent_id", label: context.t("上级（空为一级类别）", "Parent (none for top level)"), options: [("", "—")] + tops.map { ("\($0.id)", $0.name) }, selected: nil, errors: errors))
                \(HTML.field("name", label: context.t("名称", "Name"), value: nil, errors: errors, required: true))
                \(HTML.field("name_en", label: context.t("英文名称", "English name"), value: nil, errors: errors))
                \(HTML.select("time_class", label: context.t("时限类别（二级）", "Time class (second level)"), options: TimeClass.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors))
                \(HTML.field("service_code", label: context.t("Open311 服务代码（二级）", "Open311 service code (second level)"), value: nil, errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                <form method="post" action="/requests/limits" class="card" id="limit-form">\(HTML.csrfField(context))<h2>\(context.t("修改时限", "Change a limit"))</h2>
                \(HTML.select("time_class", label: context.t("时限类别", "Time class"), options: TimeClass.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors))
                \(HTML.field("respond_minutes", label: context.t("响应时限（分钟）", "Respond within (minutes)"), value: nil, errors: errors, type: "number"))
                \(HTML.field("resolve_minutes", label: context.t("答复时限（分钟）", "Answer within (minutes)"), value: nil, errors: errors, type: "number"))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                <form method="post" action="/requests/open311-keys" class="card" id="key-form">\(HTML.csrfField(context))<h2>\(context.t("签发 Open311 接口密钥", "Issue an Open311 key"))</h2>
                \(HTML.field("name", label: context.t("接入系统名称", "System name"), value: nil, errors: errors, required: true))
                \(HTML.select("unit_id", label: context.t("诉求落地单位", "Files into"), options: CadreRoutes.unitOptions(places), selected: nil, errors: errors))
                <button type="submit">\(context.t("签发", "Issue"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("诉求分类与时限", "Categories and limits"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
