import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Work groups (WeCom, DingTalk robots) of a unit's team, on the unit's page, kept by those who issue directives
/// there; and of a department, on the departments page, kept by its own officers. Added, checked with a test message
/// and removed; the webhook's token and secret go in and never come back out.
struct TeamGroupRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        let territory = TerritoryRoutes(stores: stores), coordination = CoordinationRoutes(stores: stores)
        routes(router, "/units", .signedIn(\.issuesDirectives, .unitInScope), owner: TeamGroupOwner.unit) { id, context, errors in
            try await territory.unitPage(id, context, errors: errors, status: .unprocessableContent)
        }
        routes(router, "/departments", .signedIn([.departmentOfficer], .ownDepartment), owner: TeamGroupOwner.department) { _, context, errors in
            try await coordination.departments(context, errors: errors)
        }
    }

    /// Adding, testing and removing the groups of the owners under `base`; a mistake shows the owner's page again.
    func routes(_ router: Routes, _ base: String, _ access: Access, owner: @escaping @Sendable (Int) -> TeamGroupOwner,
                page: @escaping @Sendable (Int, AppContext, [String: String]) async throws -> Response) {
        @Sendable func handle(_ request: Request, _ context: AppContext, _ change: (TeamGroupOwner, Form, Scope) async throws -> Void) async throws -> Response {
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "\(base)\(base == "/units" ? "/\(id)" : "")#groups", {
                try await change(owner(id), form, try context.scope())
            }, page: { try await page(id, context, $0) })
        }
        router.post("\(base)/:id/groups", access) { request, context in
            try await handle(request, context) { owner, form, scope in
                let input = try TeamGroupInput(platform: form["platform"] ?? "", name: form["group_name"] ?? "", webhook: form["webhook"] ?? "",
                                               secret: form["secret"])
                _ = try await stores.teamGroups.add(owner, input, scope: scope)
            }
        }
        router.post("\(base)/:id/groups/:group/test", access) { request, context in
            try await handle(request, context) { owner, _, scope in
                try await stores.teamGroups.test(try context.parameters.require("group", as: Int.self), of: owner, scope: scope)
            }
        }
        router.post("\(base)/:id/groups/:group/remove", access) { request, context in
            try await handle(request, context) { owner, _, scope in
                try await stores.teamGroups.remove(try context.parameters.require("group", as: Int.self), of: owner, scope: scope)
            }
        }
    }

    /// The groups of the owner at `base` (`/units/ID`, `/departments/ID`), each with how its last message fared, and
    /// the form that adds one.
    static func section(_ base: String, _ groups: [TeamGroup], errors: [String: String], about: String, context: AppContext) -> HTML {
        let lang = context.language, csrf = HTML.csrfField(context)
        let items = groups.map { g -> HTML in
            let last: HTML = g.last.html { last in
                """
                <span class="message-status" data-status="\(last.status.rawValue)">\(last.status.label.text(lang))</span> \
                <small class="muted">\(LocalTime.format(last.at))</small>\(last.error.html { " <small class=\"message-error\">\($0)</small>" as HTML })
                """
            }
            return """
                <li data-group="\(g.id)"><b>\(g.name)</b> <small class="muted">\(g.platform.label.text(lang))\(if: g.signed, " · \(context.t("加签", "signed"))")</small> \(last)
                <form method="post" action="\(base)/groups/\(g.id)/test" class="inline">\(csrf)<button type="submit">\(context.t("发送测试消息", "Send a test message"))</button></form>
                <form method="post" action="\(base)/groups/\(g.id)/remove" class="inline">\(csrf)<button type="submit" class="secondary">\(context.t("移除", "Remove"))</button></form></li>
                """
        }.joined()
        return """
            <h2 id="groups">\(context.t("工作群机器人", "Work group robots"))</h2>
            <p class="muted">\(about)</p>
            \(if: items.isEmpty, "<p class=\"missing\">\(context.t("尚未接入工作群", "No work group yet"))</p>", else: "<ul class=\"work\" id=\"team-groups\">\(items)</ul>")
            <details class="card"\(if: errors.keys.contains { ["platform", "group_name", "webhook", "secret"].contains($0) }, " open")><summary>\(context.t("接入工作群", "Add a work group"))</summary>
            <form method="post" action="\(base)/groups" id="new-group">\(csrf)
            \(HTML.select("platform", label: context.t("平台", "Platform"), options: RobotPlatform.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors))
            \(HTML.field("group_name", label: context.t("群名称", "Group name"), value: nil, errors: errors, required: true))
            \(HTML.field("webhook", label: context.t("机器人 Webhook 地址", "Robot webhook address"), value: nil, errors: errors, attributes: "autocomplete=\"off\"", required: true, hint: context.t("在群设置中添加机器人后复制", "Copy it after adding a robot in the group's settings")))
            \(HTML.field("secret", label: context.t("加签密钥（钉钉，可选）", "Signing secret (DingTalk, optional)"), value: nil, errors: errors, type: "password", attributes: "autocomplete=\"off\""))
            <button type="submit">\(context.t("保存", "Save"))</button></form></details>
            """
    }
}
