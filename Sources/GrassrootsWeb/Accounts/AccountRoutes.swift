import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Sign-in and sign-out, the language switch, the home dashboard and the audit log page.
struct AccountRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/login", .anyone(.nothing)) { request, context in loginPage(context, next: request.uri.queryParameters.get("next"), error: nil) }
        router.post("/login", .anyone(.nothing)) { request, context in try await login(request, context) }
        router.post("/logout", .signedIn(.ownAccount)) { request, context in
            _ = try await Form.read(request, context: context)
            if let token = request.cookies[SessionMiddleware.cookieName]?.value { try await stores.accounts.logout(token: token) }
            var response = HTML.redirect("/login")
            response.setCookie(SessionMiddleware.sessionCookie("", request: request, maxAge: 0))
            return response
        }
        router.get("/lang/:code", .anyone(.nothing)) { request, context in
            let code = context.parameters.get("code") == "en" ? "en" : "zh-Hans"
            var response = HTML.redirect(LocalPath.validated(request.headers[.referer].flatMap { URL(string: $0)?.path }) ?? "/")
            response.setCookie(Cookie(name: "lang", value: code, maxAge: 365 * 86400, path: "/", httpOnly: false))
            return response
        }
        router.get("/", .signedIn(.unitInScope)) { _, context in try await home(context) }
        router.get("/audit", .signedIn(\.readsAudit, .unitInScope)) { request, context in try await audit(request, context) }
    }

    func loginPage(_ context: AppContext, next: String?, error: String?, username: String = "") -> Response {
        let body: HTML = """
            \(error.html { "<div class=\"error-box\" role=\"alert\">\($0)</div>" as HTML })
            <form method="post" action="/login" class="card" id="login-form">
            <input type="hidden" name="next" value="\(LocalPath.validated(next) ?? "/")">
            \(HTML.field("username", label: context.t("用户名", "Username"), value: username, errors: [:], required: true))
            \(HTML.field("password", label: context.t("密码", "Password"), value: nil, errors: [:], type: "password", required: true))
            <button type="submit">\(context.t("登录", "Sign in"))</button></form>
            """
        return HTML.response(Layout.page(title: context.t("登录", "Sign in"), context: context, body: body), status: error == nil ? .ok : .unauthorized)
    }

    func login(_ request: Request, _ context: AppContext) async throws -> Response {
        let form = try await Form.read(request, context: context, checkCSRF: false)
        let username = form["username"]?.trimmed ?? ""
        do {
            let (token, _) = try await stores.accounts.login(username: username, password: form["password"] ?? "",
                                                             address: context.clientAddress(request))
            // Only same-site paths, so the login form cannot be used to send users elsewhere.
            let next = LocalPath.validated(form["next"]) ?? "/"
            var response = HTML.redirect(next)
            response.setCookie(SessionMiddleware.sessionCookie(token, request: request))
            return response
        } catch let error as LoginError {
            return loginPage(context, next: form["next"], error: error.message.text(context.language), username: username)
        }
    }

    func home(_ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let root = try await stores.units.root(of: scope)
        var body: HTML = "<p>\(context.t("您的管辖范围", "Your scope"))：<a href=\"/units/\(root.id)\">\(root.name)</a></p>"
        // A grid worker's first screen is what is theirs to do today; the coverage of their grid comes after.
        if scope.role == .gridWorker {
            body += "<h2>\(context.t("今日待办", "Today"))</h2>" + (try await TodayRoutes(stores: stores).list(scope, context))
            body += "<h2>\(context.t("我的网格", "My grid"))</h2>"
        }
        if scope.role.readsRegistry {
            let report = try await stores.coverage.report(unitID: root.id, scope: scope)
            body += CoverageRoutes.statCards(report.counts, context: context)
            body += "<p><a class=\"button\" href=\"/units/\(root.id)/coverage\">\(context.t("查看覆盖情况与短板", "See coverage and gaps"))</a> "
            body += "<a class=\"button\" href=\"/units/\(root.id)\">\(context.t("浏览辖区", "Browse the territory"))</a></p>"
        }
        return HTML.response(Layout.page(title: context.t("工作台", "Dashboard"), context: context, body: body))
    }

    func audit(_ request: Request, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let q = request.uri.queryParameters
        let entries = try await AuditLog.search(stores.context.database, scope: scope, username: q.get("username"), action: q.get("action"),
                                                entity: q.get("entity"))
        let rows = entries.map { e -> HTML in
            "<tr><td>\(e.at)</td><td>\(e.username)</td><td>\(e.action)</td><td>\(e.entity) \(e.entityID.map(String.init) ?? "")</td><td class=\"hide-phone\">\(e.detail)</td></tr>"
        }.joined()
        let body: HTML = """
            <form method="get" class="card"><div class="grid">
            \(HTML.field("username", label: context.t("用户", "User"), value: q.get("username"), errors: [:]))
            \(HTML.field("action", label: context.t("操作", "Action"), value: q.get("action"), errors: [:], hint: "create, update, reveal_id_number, login …"))
            \(HTML.field("entity", label: context.t("对象", "Entity"), value: q.get("entity"), errors: [:], hint: "household, resident, unit …"))
            </div><button type="submit">\(context.t("查询", "Search"))</button></form>
            <table><tr><th>\(context.t("时间(UTC)", "Time (UTC)"))</th><th>\(context.t("用户", "User"))</th><th>\(context.t("操作", "Action"))</th><th>\(context.t("对象", "Entity"))</th><th class="hide-phone">\(context.t("说明", "Detail"))</th></tr>\(rows)</table>
            """
        return HTML.response(Layout.page(title: context.t("审计日志", "Audit log"), context: context, body: body))
    }
}
