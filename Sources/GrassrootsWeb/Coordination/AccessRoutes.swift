import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The access list page: listed items and applications, the certificates list, department tasks with the gate's
/// verdict, and the burden report; with the forms each role may use.
struct AccessRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/access", .coordinationReaders.or(.signedIn(Access.coordinationOthers, .published))) { request, context in try await page(request.uri.queryParameters.get("period"), context, errors: [:]) }
        router.post("/access/items", .signedIn([.cityAdmin], .unitInScope).or(.signedIn([.departmentOfficer], .ownDepartment))) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(context) {
                let scope = try context.scope()
                _ = try await stores.access.apply(code: form["code"] ?? "", title: form["title"] ?? "", kind: form["kind"] ?? "", legalBasis: form["legal_basis"] ?? "",
                                                  departmentID: scope.departmentID ?? Int(form["department_id"] ?? "") ?? 0, funded: form["funded"] == "1",
                                                  authorized: form["authorized"] == "1", scope: scope)
            }
        }
        router.post("/access/items/:id", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            guard let decision = form["decision"].flatMap(AccessItemDecision.init(rawValue:)) else { throw BadRequest(Bilingual("未知操作", "Unknown decision")) }
            let id = try context.parameters.require("id", as: Int.self)
            return try await handle(context) { _ = try await stores.access.decide(itemID: id, decision, note: form["note"] ?? "", scope: try context.scope()) }
        }
        router.post("/access/certificates", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(context) {
                try await stores.access.addCertificate(title: form["title"] ?? "", allowed: form["allowed"] == "1", basis: form["basis"] ?? "", scope: try context.scope())
            }
        }
        router.post("/access/tasks", .signedIn([.departmentOfficer], .ownDepartment)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(context) {
                _ = try await stores.departmentTasks.submit(title: form["title"] ?? "", communityUnitID: Int(form["community_unit_id"] ?? "") ?? 0,
                                                            accessItemID: form["access_item_id"].flatMap(Int.init), forms: Int(form["forms"] ?? "") ?? -1,
                                                            inspections: Int(form["inspections"] ?? "") ?? -1, askStreet: form["ask_street"] == "1",
                                                            scope: try context.scope())
            }
        }
        router.post("/access/tasks/:id", .signedIn(\.decidesForStreet, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            return try await handle(context) {
                _ = try await stores.departmentTasks.decide(taskID: id, approve: form["approve"] == "1", note: form["note"] ?? "", scope: try context.scope())
            }
        }
    }

    func handle(_ context: AppContext, _ change: () async throws -> Void) async throws -> Response {
        try await FormErrors.submit(context, redirect: "/access", change) { try await page(nil, context, errors: $0) }
    }

    func page(_ raw: String?, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        var errors = errors
        let period = FormErrors.period(raw, now: stores.context.clock(), context, errors: &errors)
        let items = try await stores.access.items()
        let yes = context.t("是", "yes"), no = context.t("否", "no")
        let itemRows = items.map { i -> HTML in
            let decisions = scope.role == .cityAdmin ? AccessItemDecision.allCases.filter { (try? i.status.after($0)) != nil }.map {
                "<button type=\"submit\" name=\"decision\" value=\"\($0.rawValue)\" class=\"small\">\($0.label.text(lang))</button>" as HTML
            }.joined(separator: " ") : ""
            return """
                <tr class="\(i.status.rawValue)"><td>\(i.code)</td><td>\(i.title)</td><td>\(i.kind.label.text(lang))</td>
                <td>\(i.departmentName)</td><td class="hide-phone">\(i.legalBasis)</td><td>\(i.funded ? yes : no) / \(i.authorized ? yes : no)</td>
                <td>\(i.status.label.text(lang))\(if: !decisions.isEmpty, "<form method=\"post\" action=\"/access/items/\(i.id)\" class=\"inline\">\(HTML.csrfField(context))\(decisions)</form>")</td></tr>
                """
        }.joined()
        var body: HTML = HTML.errorBox(errors)
        body += """
            <p class="muted">\(context.t("部门向社区派发任务须引用清单内本部门事项，否则不予准入（或报街道审批）；未准入数计入减负成效。",
                                         "A department's task to a community must cite a listed item of that department; otherwise it is refused (or sent to the street), and counted as burden avoided."))</p>
            <table id="access-items"><tr><th>\(context.t("编号", "Code"))</th><th>\(context.t("事项", "Item"))</th><th>\(context.t("类别", "Kind"))</th><th>\(context.t("责任部门", "Department"))</th>
            <th class="hide-phone">\(context.t("依据", "Legal basis"))</th><th>\(context.t("费随事转/权随事转", "Funding / authority"))</th><th>\(context.t("状态", "Status"))</th></tr>\(itemRows)</table>
            """
        body += try await certificates(scope, context, errors: errors)
        body += try await tasks(scope, items: items.filter { $0.status == .listed }, context, errors: errors)
        body += try await burden(period, scope: scope, context)
        body += applyForm(scope, context, errors: errors)
        return HTML.response(Layout.page(title: context.t("社区事务准入", "Community access list"), context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
