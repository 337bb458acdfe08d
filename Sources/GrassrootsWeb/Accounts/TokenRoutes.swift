import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// API tokens, listed and revoked: a page for people and the same under /api/v1 for scripts. Everyone sees their
/// own; an administrator also sees, and may end, those of every account in their scope.
struct TokenRoutes {
    let stores: Stores

    var tokens: APITokenStore { APITokenStore(stores.context) }

    func register(_ router: Routes) {
        router.get("/tokens", .signedIn(.ownAccount)) { _, context in try await page(context) }
        router.post("/tokens/:id/revoke", .signedIn(.ownAccount)) { request, context in
            _ = try await Form.read(request, context: context)
            try await tokens.revoke(try context.parameters.require("id", as: Int.self), by: try account(context))
            return HTML.redirect("/tokens")
        }
        let api = router.group("/api/v1")
        api.get("tokens", .signedIn(.ownAccount)) { _, context in JSONBody.response(try await tokens.tokens(for: try account(context))) }
        api.post("tokens/:id/revoke", .signedIn(.ownAccount)) { request, context in
            _ = try APIRoutes.writeScope(request, context)
            let id = try context.parameters.require("id", as: Int.self)
            try await tokens.revoke(id, by: try account(context))
            return JSONBody.response(["revoked": id])
        }
    }

    func account(_ context: AppContext) throws -> Account {
        _ = try context.scope()
        return context.session!.account
    }

    func page(_ context: AppContext) async throws -> Response {
        let list = try await tokens.tokens(for: try account(context))
        let rows = list.map { t -> HTML in
            """
            <tr><td>\(t.username)</td><td>\(t.name)</td><td class="hide-phone">\(t.createdAt)</td>\
            <td>\(t.expiresAt)</td><td><form method="post" action="/tokens/\(t.id)/revoke" class="inline">\(HTML.csrfField(context))\
            <button type="submit" class="link dark">\(context.t("撤销", "Revoke"))</button></form></td></tr>
            """
        }.joined()
        let body: HTML = """
            <p class="muted">\(context.t("令牌供脚本和外部系统调用接口，每个令牌到期自动失效；不再使用的请立即撤销。重置密码或停用账号会结束全部令牌和登录。",
                                         "Tokens let scripts and other systems call the API; each expires by itself. Revoke any no longer used. A password reset or a disabled account ends every token and session."))</p>
            \(if: list.isEmpty, "<p class=\"nodata\">\(context.t("没有有效的令牌", "No live tokens"))</p>", else: """
            <table><tr><th>\(context.t("用户", "User"))</th><th>\(context.t("名称", "Name"))</th><th class="hide-phone">\(context.t("签发(UTC)", "Issued (UTC)"))</th>\
            <th>\(context.t("到期(UTC)", "Expires (UTC)"))</th><th></th></tr>\(rows)</table>
            """)
            """
        return HTML.response(Layout.page(title: context.t("接口令牌", "API tokens"), context: context, body: body))
    }
}
