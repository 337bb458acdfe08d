import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The directive list, the form that drafts or issues one, and the issue / extend / cancel actions.
struct DirectiveRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/directives", .signedIn(.unitInScope)) { _, context in try await list(context) }
        router.get("/directives/new", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let scope = try context.scope()
            guard scope.role.issuesDirectives else { throw AccessDenied() }
            var unitID = request.uri.queryParameters.get("unit").flatMap(Int.init)
            if unitID == nil { unitID = try await stores.units.root(of: scope).id }
            return try await form(unitID: unitID!, draft: nil, nil, rows: [FormBuilder.Row()], errors: [:], context)
        }
        router.post("/directives", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            guard let unitID = form["unit_id"].flatMap(Int.init) else { throw BadRequest(Bilingual("缺少下发单位", "The issuing unit is missing")) }
            return try await save(form, context, page: { rows, errors in try await self.form(unitID: unitID, draft: nil, Self.input(form), rows: rows, errors: errors, context) }) {
                let draft = try await stores.directives.create(unitID: unitID, $0, scope: try context.scope())
                // "Issue" on a new form goes through the draft's page, which states how many it will reach first.
                return HTML.redirect("/directives/\(draft.id)", flash: form["action"] == "issue"
                    ? Bilingual("已存为草稿：请核对下发对象的数量，再确认下发", "Saved as a draft: check how many it reaches, then issue it")
                    : Bilingual("已存为草稿，下发前仍可修改", "Saved as a draft; it can change until issued"))
            }
        }
        router.get("/directives/:id/edit", .signedIn(\.issuesDirectives, .unitInScope)) { _, context in
            let directive = try await stores.directives.editableDraft(try context.parameters.require("id", as: Int.self), scope: try context.scope())
            return try await form(unitID: directive.unitID, draft: directive, Self.input(directive), rows: FormBuilder.rows(directive.form), errors: [:], context)
        }
        router.post("/directives/:id/edit", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let directive = try await stores.directives.editableDraft(try context.parameters.require("id", as: Int.self), scope: try context.scope())
            let form = try await Form.read(request, context: context)
            return try await save(form, context, page: { rows, errors in
                try await self.form(unitID: directive.unitID, draft: directive, Self.input(form), rows: rows, errors: errors, context)
            }) {
                _ = try await stores.directives.update(directive.id, $0, scope: try context.scope())
                return HTML.redirect("/directives/\(directive.id)", flash: Bilingual("草稿已修改，下发前仍可修改", "Draft changed; it can change until issued"))
            }
        }
        router.post("/directives/:id/issue", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            _ = try await Form.read(request, context: context)
            let issued = try await stores.directives.issue(id, scope: try context.scope())
            return HTML.redirect("/directives/\(id)", flash: Bilingual("已下发，共 \(issued.targetCount) 个对象", "Issued to \(issued.targetCount) targets"))
        }
        router.post("/directives/:id/extend", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            let extended = try await stores.directives.extend(id, to: form["deadline"] ?? "", scope: try context.scope())
            let until = LocalTime.format(extended.deadline)
            return HTML.redirect("/directives/\(id)", flash: Bilingual("截止时间已延至 \(until)", "Deadline moved to \(until)"))
        }
        router.post("/directives/:id/cancel", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            _ = try await Form.read(request, context: context)
            _ = try await stores.directives.cancel(id, scope: try context.scope())
            return HTML.redirect("/directives/\(id)", flash: Bilingual("任务已撤销，未办的对象不再需要办理", "Directive cancelled: open targets need nothing more"))
        }
    }

    func list(_ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let directives = try await stores.directives.directives(scope: scope)
        let lang = context.language
        let counts = try await stores.progress.counts(directiveIDs: directives.filter { $0.status != .draft }.map(\.id), scope: scope)
        let rows = directives.map { d -> HTML in
            // The viewer's own part: reached of their targets.
            let mine: HTML = counts[d.id].map { "\($0.reached)/\($0.total)" } ?? HTML(text: d.status == .draft ? "—" : "\(d.targetCount)")
            return """
                <tr class="\(d.status.rawValue)"><td><a href="/directives/\(d.id)">\(d.title)</a></td><td class="hide-phone">\(d.kind.label.text(lang))</td>
                <td class="hide-phone">\(d.priority.label.text(lang))</td><td>\(d.status.label.text(lang))</td>
                <td class="num" data-mine>\(mine)</td><td class="hide-phone">\(LocalTime.format(d.deadline))</td></tr>
                """
        }.joined()
        var body: HTML = scope.role.issuesDirectives ? "<p><a class=\"button\" href=\"/directives/new\">\(context.t("新建任务", "New directive"))</a></p>" : ""
        body += directives.isEmpty ? "<p class=\"muted\">\(context.t("暂无任务", "No directives yet"))</p>" : """
            <table id="directives"><tr><th>\(context.t("任务", "Directive"))</th><th class="hide-phone">\(context.t("类型", "Kind"))</th>
            <th class="hide-phone">\(context.t("紧急程度", "Priority"))</th><th>\(context.t("状态", "Status"))</th>
            <th class="num">\(context.t("本级已到/对象", "Reached/targets here"))</th><th class="hide-phone">\(context.t("截止", "Deadline"))</th></tr>\(rows)</table>
            """
        return HTML.response(Layout.page(title: context.t("任务", "Directives"), context: context, body: body))
    }

    /// Saves the directive the form describes, or shows the form again: changed by a builder button, or with the
    /// messages of what was refused, every answer kept.
    func save(_ form: Form, _ context: AppContext, page: ([FormBuilder.Row], [String: String]) async throws -> Response,
              _ write: (DirectiveInput) async throws -> Response) async throws -> Response {
        if let (rows, errors) = FormBuilder.step(form, template: .screening, context) { return try await page(rows, errors) }
        let rows = FormBuilder.rows(form)
        do {
            var input = Self.input(form)
            input.form = try FormBuilder.schema(rows)
            return try await write(input)
        } catch {
            guard let errors = FormErrors.messages(error, context) else { throw error }
            return try await page(rows, errors)
        }
    }

    static func input(_ form: Form) -> DirectiveInput {
        DirectiveInput(title: form["title"] ?? "", kind: form["kind"] ?? "", target: form["target"] ?? "", category: form["category"],
                       responsible: form["responsible"] ?? "", priority: form["priority"] ?? "", deadline: form["deadline"] ?? "",
                       instructions: form["instructions"] ?? "", stallHours: Int(form["stall_hours"] ?? "") ?? 0)
    }

    static func input(_ d: Directive) -> DirectiveInput {
        DirectiveInput(title: d.title, kind: d.kind.rawValue, target: d.target.rawValue, category: d.category, responsible: d.responsible.rawValue,
                       priority: d.priority.rawValue, deadline: LocalTime.inputValue(d.deadline), instructions: d.instructions, form: d.form,
                       stallHours: d.stallHours)
    }

    /// The directive's form, new (`draft` nil) or a draft's; a builder step comes back here with status 200, a refusal with 422.
    func form(unitID: Int, draft: Directive?, _ input: DirectiveInput?, rows: [FormBuilder.Row], errors: [String: String], _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let unit = try await stores.units.unit(unitID, scope: scope)
        let categories = try await stores.residents.categories()
        let lang = context.language
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ label: (T) -> Bilingual) -> [(value: String, label: String)] where T.RawValue == String {
            T.allCases.map { ($0.rawValue, label($0).text(lang)) }
        }
        let deadline = input?.deadline ?? LocalTime.inputValue(Date().addingTimeInterval(3 * 86400))
        let title = draft == nil ? context.t("新建任务", "New directive") : context.t("修改草稿", "Edit the draft")
        let body: HTML = """
            \(TerritoryRoutes.breadcrumbs(try await stores.units.lineage(of: unit, scope: scope), context: context, last: title))
            \(if: !errors.isEmpty, "<div class=\"error-box\" role=\"alert\">\(context.t("输入有误，请按提示修改", "Some input is invalid; please correct it"))</div>")
            <form method="post" action="\(draft.map { "/directives/\($0.id)/edit" } ?? "/directives")" class="card" id="directive-form">\(HTML.csrfField(context))
            <input type="hidden" name="unit_id" value="\(unit.id)">
            <p>\(context.t("下发单位", "Issued by"))：<b>\(unit.name)</b>（\(context.t("任务到达其下全部对象", "reaches every target below it"))）</p>
            \(HTML.field("title", label: context.t("标题", "Title"), value: input?.title, errors: errors, required: true))
            \(HTML.select("kind", label: context.t("任务类型", "Kind"), options: options(DirectiveKind.self, \.label), selected: input?.kind, errors: errors))
            \(HTML.select("target", label: context.t("下发对象", "Targets"), options: options(TargetKind.self, \.label), selected: input?.target, errors: errors))
            \(HTML.select("category", label: context.t("人员类别（按类别下发时）", "Resident category (for category targets)"),
                          options: [("", "—")] + categories.map { ($0.code, $0.name.text(lang)) }, selected: input?.category, errors: errors))
            \(HTML.select("responsible", label: context.t("责任人规则", "Responsible person"), options: options(ResponsibleRule.self, \.label), selected: input?.responsible, errors: errors))
            \(HTML.select("priority", label: context.t("紧急程度", "Priority"), options: options(Priority.self, \.label), selected: input?.priority, errors: errors))
            \(HTML.field("deadline", label: context.t("截止时间（北京时间）", "Deadline (Beijing time)"), value: deadline, errors: errors, type: "datetime-local", required: true))
            \(HTML.field("stall_hours", label: context.t("多少小时无进展算停滞", "Hours without progress before a unit counts as stalled"),
                         value: "\(input?.stallHours ?? 24)", errors: errors, type: "number"))
            \(HTML.textarea("instructions", label: context.t("工作要求", "Instructions"), value: input?.instructions, errors: errors))
            \(FormBuilder.editor(rows, template: context.t("入户排查表", "household screening form"), errors: errors, context))
            \(draft == nil ? """
                <button type="submit" name="action" value="draft">\(context.t("保存草稿", "Save draft"))</button>
                <button type="submit" name="action" value="issue">\(context.t("下一步：核对下发对象", "Next: check whom it reaches"))</button>
                """ : "<button type=\"submit\">\(context.t("保存修改", "Save changes"))</button> <a href=\"/directives/\(draft!.id)\">\(context.t("返回草稿", "Back to the draft"))</a>" as HTML)</form>
            """
        return HTML.response(Layout.page(title: title, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
