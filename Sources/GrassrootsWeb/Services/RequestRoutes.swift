import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Resident requests: the list (a resident's own, or those of the staff's territory), the phone-friendly form, and the
/// forms behind each step of a request's page.
struct RequestRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/requests", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.auditor], .unitInScope)).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let status = request.uri.queryParameters.get("status").flatMap(RequestStatus.init(rawValue:))
            return try await list(status: status, context)
        }
        router.get("/requests/new", .signedIn(.unitInScope)) { _, context in try await form(context, form: nil, errors: [:]) }
        router.post("/requests", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let form = try await Form.read(request, context: context)
            let input = RequestInput(kind: form["kind"] ?? "", categoryID: Int(form["category_id"] ?? ""), unitID: Int(form["unit_id"] ?? ""),
                                     address: form["address"] ?? "", description: form["description"] ?? "", contactName: form["contact_name"] ?? "",
                                     contactPhone: form["contact_phone"] ?? "", isPublic: form["is_public"] == "1")
            var created: ServiceRequest?
            return try await FormErrors.submit(context, redirect: "/requests",
                                               flash: Bilingual("诉求已提交，编号 \(created?.id ?? 0)，办理进展会显示在这里", "Request \(created?.id ?? 0) sent: its progress shows here"),
                                               { created = try await stores.requests.submit(input, scope: try context.scope(), photos: form.all("photo").compactMap { Int($0) }) },
                                               page: { try await self.form(context, form: form, errors: $0) })
                .redirected(to: created.map { "/requests/\($0.id)" })
        }
        router.get("/requests/:id", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.auditor], .unitInScope)).or(.signedIn([.resident], .ownHousehold))) { _, context in
            try await RequestPage(stores: stores).render(try context.parameters.require("id", as: Int.self), context, errors: [:])
        }
        router.post("/requests/:id/:step", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let step = try context.parameters.require("step")
            let form = try await Form.read(request, context: context)
            // What the step did, as the request's record names it ("已答复", "已派单").
            let done: Bilingual = switch step {
            case "feedback": Bilingual("评价已提交，谢谢", "Thank you: your rating is in")
            case "withdraw": Bilingual("诉求已撤回", "Request withdrawn")
            case "flag", "flag-decision": Bilingual("已提交", "Sent")
            default:
                RequestAction(rawValue: form["action"] ?? "").map { $0 == .note ? Bilingual("办理记录已保存", "Note saved") : Bilingual("已" + $0.label.zh, $0.label.en) }
                    ?? Flash.saved
            }
            return try await FormErrors.submit(context, redirect: "/requests/\(id)", flash: done, {
                let scope = try context.scope()
                switch step {
                case "feedback":
                    _ = try await stores.requests.feedback(id, solved: ["1": true, "0": false][form["solved"] ?? ""], satisfaction: form["satisfaction"] ?? "", comment: form["comment"] ?? "",
                                                           scope: scope)
                case "withdraw": _ = try await stores.requests.withdraw(id, scope: scope)
                case "flag": _ = try await stores.requests.flag(id, reason: form["flag_reason"] ?? "", note: form["flag_note"] ?? "", scope: scope)
                case "flag-decision": _ = try await stores.requests.decideFlag(id, approve: form["approve"] == "1", note: form["note"] ?? "", scope: scope)
                case "steps":
                    guard let action = RequestAction(rawValue: form["action"] ?? "") else {
                        throw ValidationError("action", Bilingual("请选择操作", "Choose a step"))
                    }
                    _ = try await stores.requests.act(id, action, note: form["note"] ?? "", publicReply: form["public_reply"] ?? "", targetUnitID: Int(form["unit_id"] ?? ""),
                                                      departmentIDs: form.all("department_id").compactMap { Int($0) }, scope: scope)
                default: throw HTTPError(.notFound)
                }
            }, page: { try await RequestPage(stores: stores).render(id, context, errors: $0) })
        }
    }

    func list(status: RequestStatus?, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let now = stores.context.clock()
        let requests = try await stores.requests.list(scope: scope, status: status)
        let rows = requests.map { r -> HTML in
            let late = r.status != .closed && (r.respondOverdue(now: now) || r.resolveOverdue(now: now))
            return """
                <li class="\(r.status.rawValue)"><a href="/requests/\(r.id)">#\(r.id) \(r.categoryName)：\(String(r.description.prefix(40)))</a>\
                <span class="tag">\(r.status.label.text(lang))</span>\(if: late, "<span class=\"overdue\">\(context.t("超时", "Overdue"))</span>")\
                <small class="muted">\(r.handlerName) · \(LocalTime.format(r.createdAt))</small></li>
                """
        }.joined()
        let filters = ([("", context.t("全部", "All"))] + RequestStatus.allCases.map { ($0.rawValue, $0.label.text(lang)) }).map {
            "<a href=\"/requests\($0.0.isEmpty ? "" : "?status=\($0.0)")\"\(if: status?.rawValue == $0.0 || (status == nil && $0.0.isEmpty), " class=\"tag\"")>\($0.1)</a>" as HTML
        }.joined(separator: " · ")
        var body = Self.subnav(context, scope)
        body += """
            <p><a class="button" href="/requests/new">\(context.t("提出诉求", "Raise a request"))</a></p>
            <p class="crumbs">\(filters)</p>
            \(if: requests.isEmpty, "<p class=\"nodata\">\(context.t("暂无诉求", "No requests"))</p>", else: "<ul class=\"work\" id=\"requests\">\(rows)</ul>")
            """
        return HTML.response(Layout.page(title: scope.role == .resident ? context.t("我的诉求", "My requests") : context.t("居民诉求", "Resident requests"),
                                         context: context, body: body))
    }

    func form(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let categories = try await stores.requestCategories.categories()
        let groups = categories.filter { $0.parentID == nil }.map { top -> HTML in
            let leaves = categories.filter { $0.parentID == top.id && $0.active }.map {
                "<option value=\"\($0.id)\"\(form?["category_id"] == "\($0.id)" ? " selected" : "")>\(lang == .zh || $0.nameEn.isEmpty ? $0.name : $0.nameEn)</option>" as HTML
            }.joined()
            return "<optgroup label=\"\(lang == .zh || top.nameEn.isEmpty ? top.name : top.nameEn)\">\(leaves)</optgroup>"
        }.joined()
        let places = try await stores.units.units(of: [.community, .grid, .compound], scope: scope)
        let staffFields: HTML = scope.role == .resident ? "" : """
            \(HTML.field("contact_name", label: context.t("居民姓名（代为登记）", "Resident's name (filing on their behalf)"), value: form?["contact_name"], errors: errors))
            \(HTML.field("contact_phone", label: context.t("联系电话", "Phone"), value: form?["contact_phone"], errors: errors, type: "tel"))
            """
        let body = Self.subnav(context, scope) + HTML.errorBox(errors) + """
            <form method="post" action="/requests" class="card" id="request-form" data-photos>\(HTML.csrfField(context))
            \(HTML.select("kind", label: context.t("诉求类型", "Kind"), options: RequestKind.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["kind"], errors: errors,
                          prompt: context.t("请选择", "Choose…")))
            <label class="field\(errors["category_id"] == nil ? "" : " invalid")"><span>\(context.t("类别", "Category"))</span><select name="category_id" required>\(HTML.prompt(context.t("请选择", "Choose…"), chosen: form?["category_id"]))\(groups)</select>\
            \(errors["category_id"].html { "<em class=\"msg\">\($0)</em>" as HTML })</label>
            \(HTML.select("unit_id", label: context.t("地点（小区、网格或社区）", "Where (compound, grid or community)"), options: CadreRoutes.unitOptions(places),
                          selected: form?["unit_id"], errors: errors))
            \(HTML.field("address", label: context.t("详细地址", "Address"), value: form?["address"], errors: errors))
            \(HTML.textarea("description", label: context.t("诉求内容", "What is the matter?"), value: form?["description"], errors: errors))
            \(staffFields)
            <div class="field checks"><label><input type="checkbox" name="is_public" value="1"\(form?["is_public"] == "1" ? " checked" : "")> \
            \(context.t("同意公开诉求内容（只显示所在小区或社区，不显示姓名、电话和门牌）", "List what I wrote publicly (with only the compound or community: never a name, phone or door)"))</label></div>
            \(PhotoPicker.field(context, kept: form?.all("photo") ?? []))
            <button type="submit">\(context.t("提交", "Submit"))</button></form>\(PhotoPicker.scripts(context))
            <p class="muted">\(context.t("提交后由所在网格的网格员受理；超出社区职权的事项将上报街道并吹哨职能部门。", "Your grid worker takes it up; matters beyond the community go to the street and, by a summons, to the departments."))</p>
            """
        return HTML.response(Layout.page(title: context.t("提出诉求", "Raise a request"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Links between the request pages; residents see only their own list.
    static func subnav(_ context: AppContext, _ scope: Scope) -> HTML {
        guard scope.role != .resident else { return "" }
        return """
            <p class="crumbs"><a href="/requests">\(context.t("诉求", "Requests"))</a> · <a href="/requests/rates">\(context.t("“三率”", "Three rates"))</a> · \
            <a href="/requests/settings">\(context.t("分类与时限", "Categories and limits"))</a></p>
            """
    }
}
