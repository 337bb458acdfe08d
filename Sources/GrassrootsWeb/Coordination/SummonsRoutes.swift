import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Summons pages: the list with overdue clocks, the form that raises one, and the page of one summons with each
/// called department's clocks, the steps the signed-in side may take, and the timeline.
struct SummonsRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/summons", .coordinationReaders) { request, context in
            let status = request.uri.queryParameters.get("status").flatMap(SummonsStatus.init(rawValue:))
            return try await list(status: status, context)
        }
        router.get("/summons/new", .signedIn(\.raisesSummons, .unitInScope)) { _, context in try await form(context, input: nil, errors: [:]) }
        router.post("/summons", .signedIn(\.raisesSummons, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            let input = SummonsInput(unitID: form["unit_id"].flatMap(Int.init), matter: form["matter"] ?? "", urgency: form["urgency"] ?? "",
                                     title: form["title"] ?? "", description: form["description"] ?? "",
                                     departmentIDs: form.all("department_ids").compactMap(Int.init), stationIDs: form.all("station_ids").compactMap(Int.init))
            do {
                let summons = try await stores.summons.raise(input, scope: try context.scope())
                return HTML.redirect("/summons/\(summons.id)", flash: Bilingual("已吹哨，处置时限自现在起计", "Summons raised: its clock runs from now"))
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await self.form(context, input: input, errors: errors)
            }
        }
        router.get("/summons/:id", .coordinationReaders) { _, context in
            try await page(try context.parameters.require("id", as: Int.self), context, errors: [:])
        }
        router.post("/summons/:id/decide", .signedIn(\.decidesForStreet, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/summons/\(id)", {
                _ = try await stores.summons.decide(id, send: form["send"] == "1", note: form["note"] ?? "", scope: try context.scope())
            }, page: { try await page(id, context, errors: $0) })
        }
        router.post("/summons/:id/targets/:target", .signedIn(\.decidesForStreet, .unitInScope).or(.signedIn([.departmentOfficer], .ownDepartment))) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            guard let action = form["action"].flatMap(SummonsAction.init(rawValue:)) else {
                throw BadRequest(Bilingual("未知操作", "Unknown action"))
            }
            let targetID = try context.parameters.require("target", as: Int.self)
            return try await FormErrors.submit(context, redirect: "/summons/\(id)", {
                _ = try await stores.summons.act(targetID: targetID, action, note: form["note"] ?? "", until: form["until"], in: id,
                                                 photos: form.all("photo").compactMap { Int($0) }, scope: try context.scope())
            }, page: { try await page(id, context, errors: $0) })
        }
    }

    func list(status: SummonsStatus?, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let all = try await stores.summons.list(scope: scope, status: status)
        let now = stores.context.clock()
        let lang = context.language
        let rows = all.map { s -> HTML in
            let late = s.isOverdue(now: now)
            return """
                <tr class="\(late ? "stalled" : "")"><td><a href="/summons/\(s.id)">\(s.title)</a></td><td>\(s.urgency.label.text(lang))</td>
                <td class="hide-phone">\(s.unitName)</td><td>\(s.targets.map(\.name).joined(separator: "、"))</td>
                <td>\(s.status.label.text(lang))\(if: late, " <span class=\"overdue\">\(context.t("超时", "Overdue"))</span>")</td>
                <td class="hide-phone">\(LocalTime.format(s.createdAt))</td></tr>
                """
        }.joined()
        let filters = ([nil] + SummonsStatus.allCases.map(Optional.some)).map { option -> HTML in
            let label = option?.label.text(lang) ?? context.t("全部", "All")
            return option == status ? "<b class=\"tag\">\(label)</b>" : "<a class=\"tag\" href=\"/summons\(option.html { "?status=\($0.rawValue)" })\">\(label)</a>"
        }.joined()
        var body: HTML = scope.role.raisesSummons ? "<p><a class=\"button\" href=\"/summons/new\">\(context.t("吹哨（呼叫部门）", "Raise a summons"))</a></p>" : ""
        body += "<p>\(filters)</p>"
        body += all.isEmpty ? "<p class=\"muted\">\(context.t("暂无吹哨事项", "No summons"))</p>" : """
            <table id="summons"><tr><th>\(context.t("事项", "Matter"))</th><th>\(context.t("紧急程度", "Urgency"))</th><th class="hide-phone">\(context.t("事发单元", "Unit"))</th>
            <th>\(context.t("呼叫部门", "Called"))</th><th>\(context.t("状态", "Status"))</th><th class="hide-phone">\(context.t("发起时间", "Raised"))</th></tr>\(rows)</table>
            """
        return HTML.response(Layout.page(title: context.t("吹哨报到", "Summons and report-in"), context: context, body: body))
    }

    func form(_ context: AppContext, input: SummonsInput?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        guard scope.role.raisesSummons else { throw AccessDenied() }
        let root = try await stores.units.root(of: scope)
        let children = root.kind < .community ? try await stores.units.children(of: root.id, scope: scope).map(\.unit) : []
        let departments = try await stores.departments.departments()
        let stations = try await stores.departments.stations()
        let limits = try await stores.coordinationSettings.timeLimits()
        let lang = context.language
        let units = ([root] + children).map { (value: "\($0.id)", label: $0.name) }
        func checks(_ name: String, _ items: [(Int, String)], chosen: [Int]) -> HTML {
            items.map { "<label><input type=\"checkbox\" name=\"\(token: name)\" value=\"\($0.0)\"\(chosen.contains($0.0) ? " checked" : "")> \($0.1)</label>" as HTML }.joined()
        }
        let body: HTML = """
            \(if: !errors.isEmpty, "<div class=\"error-box\" role=\"alert\">\(context.t("输入有误，请按提示修改", "Some input is invalid; please correct it"))</div>")
            \(if: scope.role == .communityStaff, "<p class=\"notice\">\(context.t("社区的吹哨先报街道审核，街道同意后计时开始。", "A community's summons goes to its street first; the clocks start when the street sends it."))</p>")
            <form method="post" action="/summons" class="card" id="summons-form">\(HTML.csrfField(context))
            \(HTML.select("unit_id", label: context.t("事发单元", "Where"), options: units, selected: input?.unitID.map(String.init), errors: errors))
            \(HTML.select("matter", label: context.t("事项类型", "Kind of matter"), options: MatterKind.allCases.map { ($0.rawValue, $0.label.text(lang)) },
                          selected: input?.matter, errors: errors, prompt: context.t("请选择", "Choose…")))
            \(HTML.select("urgency", label: context.t("紧急程度", "Urgency"),
                          options: limits.map { ($0.urgency.rawValue, "\($0.urgency.label.text(lang))：\($0.summary.text(lang))") }, selected: input?.urgency, errors: errors,
                          prompt: context.t("请选择", "Choose…")))
            \(HTML.field("title", label: context.t("标题", "Title"), value: input?.title, errors: errors, required: true))
            \(HTML.textarea("description", label: context.t("情况描述", "Description"), value: input?.description, errors: errors))
            <fieldset class="checks\(errors["targets"] == nil ? "" : " invalid")"><legend>\(context.t("呼叫部门", "Departments"))</legend>
            \(checks("department_ids", departments.map { ($0.id, $0.name) }, chosen: input?.departmentIDs ?? []))</fieldset>
            <fieldset class="checks"><legend>\(context.t("派驻机构", "Dispatched stations"))</legend>
            \(checks("station_ids", stations.map { ($0.id, "\($0.name)（\($0.streetName)）") }, chosen: input?.stationIDs ?? []))</fieldset>
            \(errors["targets"].html { "<em class=\"msg\">\($0)</em>" as HTML })
            <button type="submit">\(context.t("吹哨", "Raise"))</button></form>
            """
        return HTML.response(Layout.page(title: context.t("吹哨", "Raise a summons"), context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
