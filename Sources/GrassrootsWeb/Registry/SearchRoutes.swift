import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Search by name or address (GET), and by exact identity number (POST, audited, for roles that may reveal): a
/// number never travels in a URL, where proxies log it and browsers keep it.
struct SearchRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/search", .signedIn(\.readsRegistry, .unitInScope)) { request, context in
            let q = request.uri.queryParameters.get("q") ?? ""
            do {
                return try await page(context, q: q, hits: q.isEmpty ? nil : try await stores.search.search(q, scope: try context.scope()))
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await page(context, q: q, hits: nil, errors: errors, status: .unprocessableContent)
            }
        }
        router.post("/search/id-number", .signedIn(\.mayRevealIdentity, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            do {
                return try await page(context, q: "", hits: try await stores.search.find(identityNumber: form["id_number"] ?? "", scope: try context.scope()))
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await page(context, q: "", hits: nil, errors: errors, status: .unprocessableContent)
            }
        }
    }

    func page(_ context: AppContext, q: String, hits: [SearchHit]?, errors: [String: String] = [:],
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let scope = try context.scope()
        var body: HTML = """
            \(HTML.errorBox(errors))<form method="get" action="/search" class="card" id="search-form">\
            \(HTML.field("q", label: context.t("姓名或地址", "Name or address"), value: q, errors: [:]))
            <button type="submit">\(context.t("查找", "Search"))</button></form>
            """
        if scope.role.mayRevealIdentity {
            body += """
                <form method="post" action="/search/id-number" class="card" id="id-number-form">\(HTML.csrfField(context))\
                \(HTML.field("id_number", label: context.t("按身份证号查找", "Find by ID number"), value: nil, errors: [:],
                             hint: context.t("完整的18位号码；每次查找记入审计日志", "The full 18 characters; every lookup is audited")))
                <button type="submit">\(context.t("查找", "Find"))</button></form>
                """
        }
        if let hits {
            let rows = hits.map { h -> HTML in
                h.kind == "resident"
                    ? "<tr><td><a href=\"/residents/\(h.id)\">\(h.title)</a></td><td><a href=\"/households/\(h.householdID)\">\(context.t("所在住户", "household"))</a></td></tr>"
                    : "<tr><td><a href=\"/households/\(h.id)\">\(h.title)</a></td><td>\(h.detail)</td></tr>"
            }.joined()
            body += hits.isEmpty ? "<p>\(context.t("没有找到", "Nothing found"))</p>" : "<table id=\"results\">\(rows)</table>"
        }
        return HTML.response(Layout.page(title: context.t("查找", "Search"), context: context, body: body), status: status)
    }
}
