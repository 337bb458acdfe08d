import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Forms on a unit page that change the organization system: add a child unit, an organization, a staff member.
struct UnitEditRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.post("/units/:id/children", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            try await submit(request, context) { id, form, scope in
                guard let kind = UnitKind(rawValue: form["kind"] ?? "") else {
                    throw ValidationError("kind", Bilingual("请选择单元类型", "Choose the kind of unit"))
                }
                let unit = try await stores.units.create(parentID: id, kind: kind, name: form["name"] ?? "", code: form["code"], address: form["address"], scope: scope)
                return "/units/\(unit.id)"
            }
        }
        router.post("/units/:id/organizations", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            try await submit(request, context) { id, form, scope in
                let raw = form["member_count"]?.trimmed ?? ""
                let members = raw.isEmpty ? 0 : Int(raw)
                guard let members else {
                    throw ValidationError("member_count", Bilingual("人数应为整数", "Member count must be a whole number"))
                }
                _ = try await stores.organizations.addOrganization(unitID: id, kind: try OrganizationKind.parse(form["kind"] ?? ""), name: form["name"] ?? "",
                                                                   leaderName: form["leader_name"], memberCount: members,
                                                                   hasPartyOrganization: form["has_party_org"] == "1", scope: scope)
                return "/units/\(id)"
            }
        }
        router.post("/units/:id/staff", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            try await submit(request, context) { id, form, scope in
                guard let role = StaffRole(rawValue: form["role"] ?? "") else {
                    throw ValidationError("role", Bilingual("请选择职责", "Choose a role"))
                }
                _ = try await stores.organizations.addStaff(unitID: id, role: role, name: form["name"] ?? "", phone: form["phone"], scope: scope)
                return "/units/\(id)"
            }
        }
    }

    /// Reads the form, runs the change and redirects; validation errors re-show the unit page with the messages.
    func submit(_ request: Request, _ context: AppContext,
                _ change: (Int, Form, Scope) async throws -> String) async throws -> Response {
        let id = try context.parameters.require("id", as: Int.self)
        let form = try await Form.read(request, context: context)
        do {
            return HTML.redirect(try await change(id, form, try context.scope()))
        } catch let error as ValidationError {
            return try await TerritoryRoutes(stores: stores).unitPage(id, context, errors: HouseholdRoutes.messages(error, context), status: .unprocessableContent)
        }
    }

    /// The three forms, shown to roles that edit the registry.
    static func forms(_ unit: TerritoryUnit, errors: [String: String], context: AppContext) -> HTML {
        let lang = context.language
        let csrf = HTML.csrfField(context)
        var html: HTML = "<h2>\(context.t("维护", "Maintain"))</h2>\(HTML.errorBox(errors))"
        if let child = unit.kind.childKind {
            html += """
                <details class="card"><summary>\(context.t("新增下级", "Add a child unit"))：\(child.label.text(lang))</summary>
                <form method="post" action="/units/\(unit.id)/children" id="new-unit">\(csrf)<input type="hidden" name="kind" value="\(child.rawValue)">
                \(HTML.field("name", label: context.t("名称", "Name"), value: nil, errors: errors, required: true))
                \(child.hasDivisionCode || child == .grid ? HTML.field("code", label: context.t("代码", "Code"), value: nil, errors: errors, hint: child == .grid ? context.t("15位：社区代码+3位序号", "15 digits: community code + 3-digit sequence") : context.t("12位统计区划代码", "12-digit division code")) : "")
                \(HTML.field("address", label: context.t("地址", "Address"), value: nil, errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form></details>
                """
        }
        let kinds = OrganizationKind.allCases.filter { kind in OrganizationKind.partyTier.first { $0.value == kind }.map { $0.key == unit.kind } ?? true }
        html += """
            <details class="card"><summary>\(context.t("新增组织", "Add an organization"))</summary>
            <form method="post" action="/units/\(unit.id)/organizations" id="new-organization">\(csrf)
            \(HTML.select("kind", label: context.t("类型", "Kind"), options: kinds.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors))
            \(HTML.field("name", label: context.t("名称", "Name"), value: nil, errors: errors, required: true))
            \(HTML.field("leader_name", label: context.t("负责人", "Leader"), value: nil, errors: errors))
            \(HTML.field("member_count", label: context.t("人数", "Members"), value: nil, errors: errors, type: "number"))
            <div class="field checks"><label><input type="checkbox" name="has_party_org" value="1"> \(context.t("已建立党组织（新经济组织）", "Has a party organization (new economic organizations)"))</label></div>
            <button type="submit">\(context.t("保存", "Save"))</button></form></details>
            """
        if unit.kind >= .grid {
            html += """
                <details class="card"><summary>\(context.t("新增网格力量", "Add grid staff"))</summary>
                <form method="post" action="/units/\(unit.id)/staff" id="new-staff">\(csrf)
                \(HTML.select("role", label: context.t("职责", "Role"), options: StaffRole.allCases.map { ($0.rawValue, $0.label(workerNickname: "格格").text(lang)) }, selected: nil, errors: errors))
                \(HTML.field("name", label: context.t("姓名", "Name"), value: nil, errors: errors, required: true))
                \(HTML.field("phone", label: context.t("电话", "Phone"), value: nil, errors: errors, type: "tel"))
                <button type="submit">\(context.t("保存", "Save"))</button></form></details>
                """
        }
        return html
    }
}
