import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Search by name, address or exact identity number.
struct SearchRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/search", .signedIn(\.readsRegistry, .unitInScope)) { request, context in
            let scope = try context.scope()
            let q = request.uri.queryParameters.get("q") ?? ""
            var body = """
                <form method="get" action="/search" class="card" id="search-form">\(HTML.field("q", label: context.t("姓名、地址或完整身份证号", "Name, address or full ID number"), value: q, errors: [:]))
                <button type="submit">\(context.t("查找", "Search"))</button></form>
                """
            if !q.isEmpty {
                let hits = try await stores.search.search(q, scope: scope)
                let rows = hits.map { h in
                    h.kind == "resident"
                        ? "<tr><td><a href=\"/residents/\(h.id)\">\(HTML.escape(h.title))</a></td><td><a href=\"/households/\(h.householdID)\">\(context.t("所在住户", "household"))</a></td></tr>"
                        : "<tr><td><a href=\"/households/\(h.id)\">\(HTML.escape(h.title))</a></td><td>\(HTML.escape(h.detail))</td></tr>"
                }.joined()
                body += hits.isEmpty ? "<p>\(context.t("没有找到", "Nothing found"))</p>" : "<table id=\"results\">\(rows)</table>"
            }
            return HTML.response(Layout.page(title: context.t("查找", "Search"), context: context, body: body))
        }
    }
}
