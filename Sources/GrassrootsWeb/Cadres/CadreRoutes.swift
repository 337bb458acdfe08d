import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The cadre list with its CSV export and the form that adds a profile, and each cadre's page.
struct CadreRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/cadres", .signedIn(\.readsCadres, .unitInScope)) { request, context in
            let tier = request.uri.queryParameters.get("tier").flatMap(CadreTier.init(rawValue:))
            if request.uri.queryParameters.get("format") == "csv" {
                let period = request.uri.queryParameters.get("period") ?? Period.year(of: stores.context.clock()).code
                return try await csv(period: period, context)
            }
            return try await list(tier: tier, context, form: nil, errors: [:])
        }
        router.post("/cadres", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            let input = CadreInput(name: form["name"] ?? "", tier: form["tier"] ?? "", unitID: Int(form["unit_id"] ?? ""),
                                   departmentID: Int(form["department_id"] ?? ""), position: form["position"] ?? "", education: form["education"] ?? "",
                                   grassrootsSince: form["grassroots_since"] ?? "", specialties: form["specialties"] ?? "")
            var created: Cadre?
            return try await FormErrors.submit(context, redirect: "/cadres", { created = try await stores.cadres.create(input, scope: try context.scope()) },
                                               page: { try await list(tier: nil, context, form: form, errors: $0) })
                .redirected(to: created.map { "/cadres/\($0.id)" })
        }
        router.get("/cadres/:id", .signedIn(\.readsCadres, .unitInScope)) { request, context in
            try await CadrePage(stores: stores).render(try context.parameters.require("id", as: Int.self), period: request.uri.queryParameters.get("period"),
                                                       context, form: nil, errors: [:])
        }
        router.post("/cadres/:id/posts", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            let input = PostInput(role: form["role"] ?? "", title: form["title"] ?? "", unitID: Int(form["unit_id"] ?? ""),
                                  departmentID: Int(form["department_id"] ?? ""), move: form["move"] ?? "", startsOn: form["starts_on"] ?? "", note: form["note"] ?? "")
            return try await FormErrors.submit(context, redirect: "/cadres/\(id)", {
                _ = try await stores.cadres.addPost(cadreID: id, input, endsCurrent: form["ends_current"] == "1", scope: try context.scope())
            }, page: { try await CadrePage(stores: stores).render(id, period: nil, context, form: form, errors: $0) })
        }
    }

    func list(tier: CadreTier?, _ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let today = WorkingCalendar.dayKey(stores.context.clock())
        let cadres = try await stores.cadres.list(scope: scope, tier: tier)
        let rows = cadres.map { c -> HTML in
            let years = yearsSince(c.grassrootsSince, today: today).map { "\($0)" } ?? "—"
            return """
                <tr><td><a href="/cadres/\(c.id)">\(c.name)</a></td><td>\(c.tier.label.text(lang))</td>\
                <td>\(c.departmentName ?? c.unitName)</td><td>\(c.position)</td>\
                <td class="hide-phone">\(c.education.label.text(lang))</td><td class="num">\(years)</td>\
                <td class="hide-phone">\(c.specialties)</td></tr>
                """
        }.joined()
        let tiers = [("", context.t("全部", "All"))] + CadreTier.allCases.map { ($0.rawValue, $0.label.text(lang)) }
        var body = CadreRoutes.subnav(context)
        body += """
            <form method="get" action="/cadres" class="inline">\(HTML.select("tier", label: context.t("类别", "Tier"), options: tiers, selected: tier?.rawValue, errors: [:]))\
            <button type="submit">\(context.t("筛选", "Filter"))</button></form>
            <p>\(context.t("共 \(cadres.count) 人", "\(cadres.count) cadres")) · <a href="/cadres?format=csv">\(context.t("导出 CSV（含本年度考评）", "Export CSV (with this year's evaluation)"))</a></p>
            <table id="cadres"><tr><th>\(context.t("姓名", "Name"))</th><th>\(context.t("类别", "Tier"))</th><th>\(context.t("单位", "Unit"))</th>\
            <th>\(context.t("职务", "Position"))</th><th class="hide-phone">\(context.t("学历", "Education"))</th>\
            <th class="num">\(context.t("基层工作年限", "Years at grassroots"))</th><th class="hide-phone">\(context.t("专长", "Specialties"))</th></tr>\(rows)</table>
            """
        if scope.role.managesCadres {
            let units = try await stores.units.units(of: [.city, .street, .community], scope: scope)
            let departments = try await stores.departments.departments()
            body += """
                <form method="post" action="/cadres" class="card" id="cadre-form">\(HTML.csrfField(context))<h2>\(context.t("新增干部", "Add a cadre"))</h2>
                \(HTML.errorBox(errors))
                \(HTML.field("name", label: context.t("姓名", "Name"), value: form?["name"], errors: errors, required: true))
                \(HTML.select("tier", label: context.t("类别", "Tier"), options: CadreTier.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["tier"], errors: errors))
                \(HTML.select("unit_id", label: context.t("所在单位", "Unit"), options: Self.unitOptions(units), selected: form?["unit_id"], errors: errors))
                \(HTML.select("department_id", label: context.t("所属部门（机关干部）", "Department (agency cadres)"),
                              options: [("", "—")] + departments.map { ("\($0.id)", $0.name) }, selected: form?["department_id"], errors: errors))
                \(HTML.field("position", label: context.t("职务", "Position"), value: form?["position"], errors: errors, required: true))
                \(HTML.select("education", label: context.t("学历", "Education"), options: Education.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                              selected: form?["education"], errors: errors))
                \(HTML.field("grassroots_since", label: context.t("到基层工作日期", "At the grassroots since"), value: form?["grassroots_since"], errors: errors, type: "date"))
                \(HTML.field("specialties", label: context.t("专长", "Specialties"), value: form?["specialties"], errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("干部队伍", "Cadres"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Every cadre with the year's evaluation, one row each, for the organization department's spreadsheet.
    func csv(period: String, _ context: AppContext) async throws -> Response {
        let evaluation = try await stores.cadreEvaluation.evaluation(period: period, scope: try context.scope())
        let data = CadreExport.csv(evaluation, today: WorkingCalendar.dayKey(stores.context.clock()), language: context.language)
        return HTML.csv(data, filename: "cadres-\(evaluation.period).csv")
    }

    /// Units as picker options, indented by tier so a street's communities read under it.
    static func unitOptions(_ units: [TerritoryUnit]) -> [(value: String, label: String)] {
        units.map { ("\($0.id)", String(repeating: "　", count: max(0, $0.kind.rank - UnitKind.city.rank)) + $0.name) }
    }

    /// The unit a `?unit=` names (in the scope), or the scope's own root.
    static func unitOrRoot(_ raw: String?, _ stores: Stores, _ scope: Scope) async throws -> TerritoryUnit {
        if let id = raw.flatMap({ Int($0) }) { return try await stores.units.unit(id, scope: scope) }
        return try await stores.units.root(of: scope)
    }

    /// Links between the cadre pages.
    static func subnav(_ context: AppContext) -> HTML {
        """
        <p class="crumbs"><a href="/cadres">\(context.t("干部", "Cadres"))</a> · <a href="/training">\(context.t("培训", "Training"))</a> · \
        <a href="/secondments">\(context.t("交流挂职", "Secondments"))</a> · <a href="/cadres/evaluation">\(context.t("考评", "Evaluation"))</a> · \
        <a href="/cadres/leadership">\(context.t("各单位与“一肩挑”", "Units and 一肩挑"))</a></p>
        """
    }
}

extension Response {
    /// This response, or a redirect to `location` when one is known (a created record's own page).
    func redirected(to location: String?) -> Response {
        guard let location, status == .seeOther else { return self }
        var moved = self
        moved.headers[.location] = location
        return moved
    }
}
