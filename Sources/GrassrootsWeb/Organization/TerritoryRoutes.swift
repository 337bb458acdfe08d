import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The territory browser: city → street → community → grid → compound → building → household,
/// with breadcrumbs, the unit's organization chart and its staff.
struct TerritoryRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/units", .signedIn(.unitInScope)) { _, context in
            HTML.redirect("/units/\(try await stores.units.root(of: try context.scope()).id)")
        }
        router.get("/units/:id", .signedIn(.unitInScope)) { _, context in try await unitPage(try context.parameters.require("id", as: Int.self), context) }
        UnitEditRoutes(stores: stores).register(router)
    }

    /// Links from the scope's root down to the unit, then any further links (a household), then `last` as plain text.
    static func breadcrumbs(_ lineage: [TerritoryUnit], context: AppContext, links: [(href: String, label: String)] = [],
                            last: String? = nil) -> HTML {
        let items = lineage.map { "<a href=\"/units/\($0.id)\">\($0.name)</a>" as HTML }
            + links.map { "<a href=\"\(url: $0.href)\">\($0.label)</a>" as HTML } + (last.map { [HTML(text: $0)] } ?? [])
        return "<div class=\"crumbs\">\(items.joined(separator: " › "))</div>"
    }

    /// The finer tier (镇, 乡, 虚拟社区…) beside a child's name, where its code names one: a city's children mix them.
    static func tier(_ kind: UnitKind, _ code: String?, _ lang: Language) -> HTML {
        guard kind == .street || kind == .community, code != nil else { return "" }
        return " <small class=\"muted tier\">\(DivisionCode.kindLabel(kind, code: code).text(lang))</small>"
    }

    func unitPage(_ id: Int, _ context: AppContext, errors: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let scope = try context.scope()
        let unit = try await stores.units.unit(id, scope: scope)
        async let lineage = stores.units.lineage(of: unit, scope: scope)
        async let children = stores.units.children(of: id, scope: scope)
        async let organizations = stores.organizations.organizations(of: id, scope: scope)
        async let staff = stores.organizations.staff(of: id, scope: scope)
        let lang = context.language
        var body = Self.breadcrumbs(try await lineage, context: context)
        body += "<p class=\"muted\">\(DivisionCode.kindLabel(unit.kind, code: unit.code).text(lang))\(unit.code.html { " · \(context.t("代码", "code")) \($0)" })"
        body += " · <a href=\"/units/\(id)/coverage\">\(context.t("覆盖情况", "Coverage"))</a>"
        if scope.role.issuesDirectives, unit.kind <= .compound {
            body += " · <a href=\"/directives/new?unit=\(id)\">\(context.t("向本辖区下发任务", "Issue a directive here"))</a>"
        }
        body += "</p>"
        body += organizationChart(unit, try await organizations, context: context)
        let staffList = try await staff
        if !staffList.isEmpty || unit.kind == .grid {
            let nickname = "格格"
            let rows: HTML = staffList.map { "<tr><td>\($0.role.label(workerNickname: nickname).text(lang))</td><td>\($0.name)</td><td>\($0.phone)</td></tr>" as HTML }.joined()
            body += "<h2>\(context.t("网格力量", "Grid staff"))</h2><table id=\"staff\"><tr><th>\(context.t("职责", "Role"))</th><th>\(context.t("姓名", "Name"))</th><th>\(context.t("电话", "Phone"))</th></tr>\(if: rows.isEmpty, "<tr><td colspan=3 class=\"missing\">\(context.t("尚未配备网格员", "No grid worker yet"))</td></tr>", else: rows)</table>"
        }
        let kids = try await children
        if !kids.isEmpty {
            let childKind = kids[0].unit.kind.label.text(lang)
            let rows = kids.map {
                "<tr><td><a href=\"/units/\($0.unit.id)\">\($0.unit.name)</a>\(Self.tier($0.unit.kind, $0.unit.code, lang))</td><td class=\"num\">\($0.households)</td><td class=\"num\">\($0.residents)</td></tr>" as HTML
            }.joined()
            body += "<h2>\(childKind)（\(kids.count)）</h2><table id=\"children\"><tr><th>\(context.t("名称", "Name"))</th><th class=\"num\">\(context.t("户数", "Households"))</th><th class=\"num\">\(context.t("人数", "Residents"))</th></tr>\(rows)</table>"
        }
        if unit.kind == .building {
            body += try await HouseholdRoutes(stores: stores).buildingSection(unit, context: context, errors: [:], input: nil)
        }
        if scope.role.editsRegistry { body += UnitEditRoutes.forms(unit, errors: errors, context: context) }
        if scope.role.issuesDirectives, unit.kind <= .grid {
            body += TeamGroupRoutes.section("/units/\(id)", try await stores.teamGroups.groups(.unit(id), scope: scope), errors: errors,
                                            about: context.t("新任务与下级的任务预警将发到这些群。", "New directives, and escalations about the units below, are posted to these groups."),
                                            context: context)
        }
        return HTML.response(Layout.page(title: unit.name, context: context, body: body), status: status)
    }

    func organizationChart(_ unit: TerritoryUnit, _ organizations: [Organization], context: AppContext) -> HTML {
        let lang = context.language
        var html: HTML = "<h2>\(context.t("组织体系", "Organizations"))</h2><div class=\"card\" id=\"org-chart\">"
        if let expected = OrganizationKind.partyTier[unit.kind], !organizations.contains(where: { $0.kind == expected }) {
            html += "<div class=\"org missing\">\(context.t("缺少", "Missing")) \(expected.label.text(lang))</div>"
        }
        if unit.kind == .compound {
            for kind in [OrganizationKind.ownersCommittee, .propertyCompany] where !organizations.contains(where: { $0.kind == kind }) {
                html += "<div class=\"org missing\">\(context.t("缺少", "Missing")) \(kind.label.text(lang))</div>"
            }
        }
        for org in organizations {
            let party = org.kind.isNewEconomic ? (org.hasPartyOrganization ? context.t("（已建党组织）", " (has party organization)") : context.t("（未建党组织）", " (no party organization)")) : ""
            html += "<div class=\"org\"><b>\(org.kind.label.text(lang))</b> \(org.name)\(party)"
            html += " <span class=\"muted\">\(org.leaderName.map { context.t("负责人 ", "Leader ") + $0 + " · " })\(org.memberCount) \(context.t("人", "members"))</span></div>"
        }
        if organizations.isEmpty { html += "<p class=\"muted\">\(context.t("暂无组织", "No organizations yet"))</p>" }
        return html + "</div>"
    }
}
