import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The phone-first field pages: the worklist by building and room, one assignment's form, bulk entry for a
/// building, and reassignment.
struct FieldRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/directives/:id/work", .signedIn(\.readsHouseholdRows, .unitInScope)) { request, context in
            let q = request.uri.queryParameters
            return try await worklist(try context.parameters.require("id", as: Int.self), unitID: q.get("unit").flatMap(Int.init), all: q.get("all") == "1", context)
        }
        router.get("/assignments/:id", .signedIn(\.readsHouseholdRows, .unitInScope)) { _, context in try await assignmentPage(try context.parameters.require("id", as: Int.self), context) }
        router.post("/assignments/:id", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            let scope = try context.scope()
            let assignment = try await stores.assignments.assignment(id, scope: scope)
            let directive = try await stores.directives.directive(assignment.directiveID, scope: scope)
            let answers = FormView.answers(directive.form, form)
            do {
                let result = try await stores.assignments.submit(Submission(key: form["key"] ?? "", assignmentID: id, outcome: form["outcome"] ?? "",
                                                                            answers: answers, note: form["note"], photos: form.all("photo").compactMap { Int($0) }),
                                                                 scope: scope)
                await stores.hub.publish(result.directiveID, result.changed)
                let said = "\(assignment.unitName) \(assignment.label)"
                return HTML.redirect("/directives/\(directive.id)/work?unit=\(assignment.unitID)#a\(id)",
                                     flash: Bilingual("已提交：\(said) \(result.outcome.label.zh)", "Sent: \(said) \(result.outcome.label.en)"),
                                     undo: Flash.Undo(path: "/assignments/\(id)", label: Bilingual("改正", "Correct it")))
            } catch let error as ValidationError {
                return try await assignmentPage(id, context, key: form["key"], values: answers.merging(["outcome": form["outcome"] ?? "", "note": form["note"] ?? ""]) { a, _ in a },
                                                errors: HouseholdRoutes.messages(error, context), photos: form.all("photo"))
            } catch let error as FieldError {
                return try await assignmentPage(id, context, key: form["key"], values: answers, errors: [error.field: error.message.text(context.language)],
                                                photos: form.all("photo"))
            }
        }
        router.get("/directives/:id/units/:unit/bulk", .signedIn(\.readsHouseholdRows, .unitInScope)) { _, context in
            try await bulkPage(try context.parameters.require("id", as: Int.self), unitID: try context.parameters.require("unit", as: Int.self), context)
        }
        router.post("/directives/:id/units/:unit/bulk", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self), unitID = try context.parameters.require("unit", as: Int.self)
            let form = try await Form.read(request, context: context)
            let scope = try context.scope()
            let directive = try await stores.directives.directive(id, scope: scope)
            let open = try await stores.assignments.assignments(directiveID: id, unitID: unitID, all: true, scope: scope)
            let answers = FormView.answers(directive.form, form), batch = form["batch"] ?? ""
            let submissions = open.compactMap { a -> Submission? in
                guard let outcome = form["o\(a.id)"], !outcome.isEmpty else { return nil }
                return Submission(key: "\(batch)-\(a.id)", assignmentID: a.id, outcome: outcome, answers: outcome == "done" ? answers : [:])
            }
            guard !submissions.isEmpty else {
                return try await bulkPage(id, unitID: unitID, context, errors: ["batch": context.t("请至少为一户选择结果", "Choose an outcome for at least one target")])
            }
            do {
                let results = try await stores.assignments.submit(submissions, scope: scope)
                await stores.hub.publish(id, results.flatMap(\.changed))
                return HTML.redirect("/directives/\(id)/work?unit=\(unitID)", flash: Bilingual("已提交 \(results.count) 户", "\(results.count) targets sent"))
            } catch let error as ValidationError {
                let chosen = Dictionary(open.compactMap { a in form["o\(a.id)"].map { ("o\(a.id)", $0) } }, uniquingKeysWith: { a, _ in a })
                return try await bulkPage(id, unitID: unitID, context, values: answers.merging(chosen) { a, _ in a },
                                          errors: Self.bulkMessages(error, rows: open, form: directive.form, context))
            }
        }
        router.post("/directives/:id/reassign", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            guard let unitID = form["unit_id"].flatMap(Int.init), let staffID = form["staff_id"].flatMap(Int.init) else {
                throw ValidationError("staff_id", Bilingual("请选择改派给谁", "Choose whom to reassign to"))
            }
            let moved = try await stores.assignments.reassign(directiveID: id, unitID: unitID, staffID: staffID, scope: try context.scope())
            return HTML.redirect("/directives/\(id)/work?unit=\(unitID)", flash: Bilingual("已改派 \(moved) 个未办对象", "\(moved) open targets reassigned"))
        }
    }

    func worklist(_ id: Int, unitID: Int?, all: Bool, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let directive = try await stores.directives.directive(id, scope: scope)
        let items = try await stores.assignments.assignments(directiveID: id, unitID: unitID, all: all, scope: scope)
        let lang = context.language
        var body: HTML = "<div class=\"crumbs\"><a href=\"/directives/\(id)\(unitID.html { "?unit=\($0)" })\">\(directive.title)</a> › \(context.t("作业清单", "Worklist"))</div>"
        body += "<p>\(if: all, "<a href=\"?unit=\(unitID.map(String.init) ?? "")\">\(context.t("只看未办", "Open only"))</a>", else: "<a href=\"?unit=\(unitID.map(String.init) ?? "")&all=1\">\(context.t("显示全部", "Show all"))</a>")"
            + " · \(context.t("截止", "Deadline")) \(LocalTime.format(directive.deadline))</p>"
        if items.isEmpty { body += "<p class=\"notice\">\(context.t("没有待办的对象", "Nothing left to do here"))</p>" }
        var groups: [(unit: Int, name: String, items: [Assignment])] = []
        for item in items {
            if groups.last?.unit == item.unitID { groups[groups.count - 1].items.append(item) }
            else { groups.append((item.unitID, [item.compoundName, item.unitName].compactMap { $0 }.joined(separator: " "), [item])) }
        }
        let perTarget = directive.target == .households || directive.target == .householdsWithCategory || directive.target == .residentsWithCategory
        // Each building says how far it is, from the maintained counters (the list itself shows only what is open).
        let progress = perTarget ? try await stores.progress.counts(directiveID: id, unitIDs: groups.map(\.unit), scope: scope) : [:]
        if groups.count > 1 || items.count > 12 {
            body += "<p><input type=\"search\" id=\"work-search\" placeholder=\"\(context.t("搜索小区、楼栋或房号", "Search compound, building or room"))\" aria-label=\"\(context.t("搜索", "Search"))\"></p>"
        }
        for group in groups {
            let counts = progress[group.unit]
            body += "<section class=\"work-group\"><h2>\(perTarget ? group.name : directive.target.label.text(lang))"
            if let counts { body += " <small class=\"muted\" data-progress>\(context.t("已到 \(counts.reached)/\(counts.total)", "\(counts.reached)/\(counts.total) reached"))</small>" }
            if perTarget, directive.status == .issued { body += " <a class=\"button small\" href=\"/directives/\(id)/units/\(group.unit)/bulk\">\(context.t("整栋录入", "Whole building"))</a>" }
            body += "</h2><ul class=\"work\">" + group.items.map { a -> HTML in
                """
                <li id="a\(a.id)" class="\(a.outcome.rawValue)" data-search="\(group.name) \(a.label)"><a href="/assignments/\(a.id)"><b>\(a.label)</b>\(a.residentName.html { " \($0)" })</a>
                <span class="tag">\(a.outcome.label.text(lang))</span><small class="muted">\(a.responsibleName ?? context.t("无责任人", "no one responsible"))</small></li>
                """
            }.joined() + "</ul></section>"
        }
        if let unitID, scope.role.reportsFieldWork, directive.status == .issued {
            let staff = try await stores.organizations.staff(of: unitID, scope: scope)
            if !staff.isEmpty {
                let choices = staff.map { ("\($0.id)", "\($0.name)（\($0.role.label(workerNickname: nil).text(lang))）") }
                body += """
                    <h2>\(context.t("改派", "Reassign"))</h2><form method="post" action="/directives/\(id)/reassign" class="card" id="reassign-form">\(HTML.csrfField(context))
                    <input type="hidden" name="unit_id" value="\(unitID)">\(HTML.select("staff_id", label: context.t("本单元未完成的对象改由", "Open targets here go to"),
                        options: choices, selected: nil, errors: [:]))
                    <button type="submit">\(context.t("改派", "Reassign"))</button></form>
                    """
            }
        }
        body += StaticAssets.worklist.script
        return HTML.response(Layout.page(title: context.t("作业清单", "Worklist"), context: context, body: body))
    }

    func assignmentPage(_ id: Int, _ context: AppContext, key: String? = nil, values: [String: String]? = nil, errors: [String: String] = [:],
                        photos: [String] = []) async throws -> Response {
        let scope = try context.scope()
        let a = try await stores.assignments.assignment(id, scope: scope)
        let directive = try await stores.directives.directive(a.directiveID, scope: scope)
        let current = values ?? a.answers.merging(["outcome": a.outcome == .pending ? "" : a.outcome.rawValue, "note": a.note ?? ""]) { x, _ in x }
        var body: HTML = "<div class=\"crumbs\"><a href=\"/directives/\(directive.id)/work?unit=\(a.unitID)\">\(directive.title)</a> › \(a.unitName) \(a.label)</div>"
        body += HTML.errorBox(errors)
        if !directive.instructions.isEmpty { body += "<p class=\"card\">\(directive.instructions)</p>" }
        if let at = a.submittedAt { body += "<p class=\"muted\">\(context.t("上次反馈", "Last report"))：\(a.outcome.label.text(context.language)) · \(LocalTime.format(at)) · \(a.submittedBy)</p>" }
        body += PhotoPicker.gallery(try await stores.photos.photos(kind: "assignment", recordID: id, scope: scope), context, back: "/assignments/\(id)")
        guard directive.status == .issued, scope.role.reportsFieldWork else {
            return HTML.response(Layout.page(title: a.label, context: context, body: body))
        }
        body += """
            <form method="post" action="/assignments/\(id)" class="card" id="assignment-form" data-offline data-photos>\(HTML.csrfField(context))
            <input type="hidden" name="key" value="\(key ?? UUID().uuidString)"><input type="hidden" name="_account" value="\(context.session?.account.id ?? 0)">
            <input type="hidden" name="_label" value="\([a.compoundName, a.unitName, a.label].compactMap { $0 }.joined(separator: " "))"><input type="hidden" name="_return" value="/directives/\(directive.id)/work?unit=\(a.unitID)">
            <p id="outbox-fixing" class="notice" hidden></p>
            <fieldset class="outcomes\(errors["outcome"] == nil ? "" : " invalid")"><legend>\(context.t("办理结果", "Outcome")) *</legend>\(FormView.outcomeChoices(selected: current["outcome"], context: context))</fieldset>
            \(FormView.fields(directive.form, values: current, errors: errors, context: context))
            \(HTML.field("note", label: context.t("备注", "Note"), value: current["note"], errors: errors))
            \(PhotoPicker.field(context, kept: photos))
            <button type="submit">\(context.t("提交", "Submit"))</button><p id="offline-note" class="notice" hidden>\(context.t("当前离线：已保存在本机，联网后自动发送", "Offline: kept on this phone and sent when the connection returns"))</p></form>
            \(PhotoPicker.scripts(context))
            """
        return HTML.response(Layout.page(title: "\(a.unitName) \(a.label)", context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The store checks each household's copy of the shared answers, so one missing answer comes back once per
    /// household. Each form field's message is said once, on the shared field, with the number of households it
    /// holds up; anything else names its row by room rather than by an id the user never sees.
    static func bulkMessages(_ error: ValidationError, rows: [Assignment], form: FormSchema, _ context: AppContext) -> [String: String] {
        let labels = Dictionary(rows.map { ("\($0.id)", $0.label) }, uniquingKeysWith: { a, _ in a })
        let keys = Set(form.fields.map(\.key))
        var shared: [String: (message: String, rows: Set<String>)] = [:], messages: [String: String] = [:]
        for e in error.errors {
            let row = String(e.field.prefix { $0 != "." }), field = String(e.field.drop { $0 != "." }.dropFirst())
            let message = e.message.text(context.language)
            if keys.contains(field) {
                shared[field, default: (message, [])].rows.insert(row)
            } else {
                messages[e.field] = (labels[row].map { "\($0)：" } ?? "") + message
            }
        }
        for (field, entry) in shared {
            messages[field] = entry.message + context.t("（标为“已完成”的 \(entry.rows.count) 户共用此项）", " (shared by the \(entry.rows.count) targets marked done)")
        }
        return messages
    }

    func bulkPage(_ id: Int, unitID: Int, _ context: AppContext, values: [String: String] = [:], errors: [String: String] = [:]) async throws -> Response {
        let scope = try context.scope()
        let directive = try await stores.directives.directive(id, scope: scope)
        let unit = try await stores.units.unit(unitID, scope: scope)
        let items = try await stores.assignments.assignments(directiveID: id, unitID: unitID, all: true, scope: scope)
        let lang = context.language
        var body: HTML = "<div class=\"crumbs\"><a href=\"/directives/\(id)/work?unit=\(unitID)\">\(directive.title)</a> › \(unit.name)</div>"
        body += HTML.errorBox(errors)
        let rows = items.map { a -> HTML in
            "<tr\(if: a.outcome == .pending || a.outcome == .absent, " data-open")><td>\(a.label)\(a.residentName.map { " " + $0 })</td><td class=\"muted\">\(a.outcome.label.text(lang))</td><td class=\"choices\">\(FormView.outcomeChoices(selected: values["o\(a.id)"], name: "o\(a.id)", includeUnchanged: true, context: context))</td></tr>"
        }.joined()
        body += """
            <form method="post" action="/directives/\(id)/units/\(unitID)/bulk" id="bulk-form">\(HTML.csrfField(context))
            <input type="hidden" name="batch" value="\(UUID().uuidString)">
            <p><button type="button" class="secondary small" data-check="#bulk tr[data-open] input[value=done]">\(context.t("未办和未遇的各户全部标为“已完成”", "Mark every open target done"))</button></p>
            <table id="bulk"><tr><th>\(context.t("房号", "Room"))</th><th>\(context.t("当前", "Now"))</th><th>\(context.t("本次结果", "Outcome"))</th></tr>\(rows)</table>
            <div class="card"><p class="muted">\(context.t("以下内容填入本次标为“已完成”的各户，带 * 的项须填写", "These answers go to every target marked done; fields marked * are required"))</p>
            \(FormView.fields(directive.form, values: values, errors: errors, context: context))</div>
            <button type="submit">\(context.t("一并提交", "Submit all"))</button></form>
            """
        return HTML.response(Layout.page(title: context.t("整栋录入：", "Whole building: ") + unit.name, context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
