import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The course catalogue, training sessions with their attendance, and reading groups.
struct TrainingRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/training", .signedIn(\.readsCadres, .unitInScope)) { _, context in try await page(context, form: nil, errors: [:]) }
        router.post("/training/courses", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await submit(context, form) {
                _ = try await stores.training.createCourse(CourseInput(title: form["title"] ?? "", category: form["category"] ?? "", required: form["required"] == "1",
                                                                       requiredHours: Double(form["required_hours"] ?? "") ?? 0), scope: try context.scope())
            }
        }
        router.post("/training/sessions", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await submit(context, form) {
                _ = try await stores.training.createSession(courseID: Int(form["course_id"] ?? "") ?? 0, unitID: Int(form["unit_id"] ?? "") ?? 0,
                                                            heldOn: form["held_on"] ?? "", hours: Double(form["hours"] ?? "") ?? 0, place: form["place"] ?? "",
                                                            scope: try context.scope())
            }
        }
        router.post("/training/groups", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await submit(context, form) {
                _ = try await stores.training.createGroup(name: form["name"] ?? "", sector: form["sector"] ?? "", unitID: Int(form["unit_id"] ?? "") ?? 0,
                                                          memberIDs: form.all("member").compactMap { Int($0) }, scope: try context.scope())
            }
        }
        router.get("/training/sessions/:id", .signedIn(\.readsCadres, .unitInScope)) { _, context in try await session(try context.parameters.require("id", as: Int.self), context, errors: [:]) }
        router.post("/training/sessions/:id/attendance", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/training/sessions/\(id)", {
                var hours: [Int: Double] = [:]
                for raw in form.all("cadre") {
                    guard let cadre = Int(raw) else { continue }
                    hours[cadre] = Double(form["hours_\(cadre)"] ?? "") ?? 0
                }
                _ = try await stores.training.recordAttendance(sessionID: id, hours, scope: try context.scope())
            }, page: { try await session(id, context, errors: $0) })
        }
    }

    func submit(_ context: AppContext, _ form: Form, _ change: () async throws -> Void) async throws -> Response {
        try await FormErrors.submit(context, redirect: "/training", change) { try await page(context, form: form, errors: $0) }
    }

    func page(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let courses = try await stores.training.courses()
        let sessions = try await stores.training.sessions(scope: scope)
        let groups = try await stores.training.groups(scope: scope)
        let courseRows = courses.map {
            "<tr><td>\($0.title)\(if: $0.required, " <span class=\"tag\">\(context.t("必修", "Required"))</span>")</td><td>\($0.category.label.text(lang))</td><td class=\"num\">\(Hours.text($0.requiredHours))</td></tr>" as HTML
        }.joined()
        let sessionRows = sessions.map {
            "<tr><td>\($0.heldOn)</td><td><a href=\"/training/sessions/\($0.id)\">\($0.courseTitle)</a></td><td>\($0.unitName)</td><td class=\"num\">\(Hours.text($0.hours))</td><td class=\"hide-phone\">\($0.place)</td><td class=\"num\">\($0.attendees)</td></tr>" as HTML
        }.joined()
        let groupRows = groups.map {
            "<tr><td>\($0.sector.label.text(lang))</td><td>\($0.name)</td><td>\($0.unitName)</td><td>\($0.members.joined(separator: "、"))</td></tr>" as HTML
        }.joined()
        var body = CadreRoutes.subnav(context) + HTML.errorBox(errors)
        body += """
            <h2>\(context.t("课程目录", "Courses"))</h2>
            <table id="courses"><tr><th>\(context.t("课程", "Course"))</th><th>\(context.t("类别", "Category"))</th><th class="num">\(context.t("完成所需学时", "Hours to complete"))</th></tr>\(courseRows)</table>
            <h2>\(context.t("培训班次", "Sessions"))</h2>
            <table id="sessions"><tr><th>\(context.t("日期", "Date"))</th><th>\(context.t("课程", "Course"))</th><th>\(context.t("举办单位", "Held by"))</th>\
            <th class="num">\(context.t("学时", "Hours"))</th><th class="hide-phone">\(context.t("地点", "Place"))</th><th class="num">\(context.t("参训人数", "Attended"))</th></tr>\(sessionRows)</table>
            <h2>\(context.t("读书班（按领域）", "Reading groups (by sector)"))</h2>
            <table id="groups"><tr><th>\(context.t("领域", "Sector"))</th><th>\(context.t("名称", "Name"))</th><th>\(context.t("举办单位", "Held by"))</th><th>\(context.t("成员", "Members"))</th></tr>\(groupRows)</table>
            <p class="muted">\(context.t("应急演练参加情况将在应急管理功能上线后显示。", "Drills attended will show once the Emergency capability is present."))</p>
            """
        if scope.role == .cityAdmin {
            body += """
                <form method="post" action="/training/courses" class="card" id="course-form">\(HTML.csrfField(context))<h2>\(context.t("新增课程", "Add a course"))</h2>
                \(HTML.field("title", label: context.t("课程名称", "Title"), value: form?["title"], errors: errors, required: true))
                \(HTML.select("category", label: context.t("类别", "Category"), options: CourseCategory.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["category"], errors: errors))
                \(HTML.field("required_hours", label: context.t("完成所需学时", "Hours to complete"), value: form?["required_hours"], errors: errors, type: "number"))
                <label class="checks"><label><input type="checkbox" name="required" value="1"> \(context.t("必修课", "Required course"))</label></label>
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        if scope.role.managesCadres {
            let units = CadreRoutes.unitOptions(try await stores.units.units(of: [.city, .street, .community], scope: scope))
            let cadres = try await stores.cadres.list(scope: scope)
            let members: HTML = cadres.map { "<label><input type=\"checkbox\" name=\"member\" value=\"\($0.id)\"> \($0.name)</label>" as HTML }.joined()
            body += """
                <form method="post" action="/training/sessions" class="card" id="session-form">\(HTML.csrfField(context))<h2>\(context.t("新增培训班次", "Add a session"))</h2>
                \(HTML.select("course_id", label: context.t("课程", "Course"), options: courses.map { ("\($0.id)", $0.title) }, selected: form?["course_id"], errors: errors))
                \(HTML.select("unit_id", label: context.t("举办单位", "Held by"), options: units, selected: form?["unit_id"], errors: errors))
                \(HTML.field("held_on", label: context.t("日期", "Date"), value: form?["held_on"], errors: errors, type: "date", required: true))
                \(HTML.field("hours", label: context.t("学时", "Hours"), value: form?["hours"], errors: errors, type: "number"))
                \(HTML.field("place", label: context.t("地点", "Place"), value: form?["place"], errors: errors, required: true))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                <form method="post" action="/training/groups" class="card" id="group-form">\(HTML.csrfField(context))<h2>\(context.t("新增读书班", "Add a reading group"))</h2>
                \(HTML.field("name", label: context.t("名称", "Name"), value: form?["name"], errors: errors, required: true))
                \(HTML.select("sector", label: context.t("领域", "Sector"), options: CadreTier.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["sector"], errors: errors))
                \(HTML.select("unit_id", label: context.t("举办单位", "Held by"), options: units, selected: form?["unit_id"], errors: errors))
                <fieldset class="checks\(errors["members"] == nil ? "" : " invalid")"><legend>\(context.t("成员", "Members"))</legend>\(members)\
                \(errors["members"].html { "<em class=\"msg\">\($0)</em>" as HTML })</fieldset>
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("干部培训", "Cadre training"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// A session with its attendance; managers tick who came and for how long.
    func session(_ id: Int, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let (session, attendance) = try await stores.training.session(id, scope: scope)
        var body = CadreRoutes.subnav(context) + HTML.errorBox(errors)
        body += """
            <p class="card">\(session.heldOn) · \(session.unitName) · \(session.place) · \(context.t("\(Hours.text(session.hours)) 学时", "\(Hours.text(session.hours)) hours"))</p>
            <table id="attendance"><tr><th>\(context.t("参训干部", "Attended"))</th><th class="num">\(context.t("学时", "Hours"))</th></tr>\
            \(attendance.map { "<tr><td><a href=\"/cadres/\($0.cadreID)\">\($0.cadreName)</a></td><td class=\"num\">\(Hours.text($0.hours))</td></tr>" as HTML }.joined())</table>
            """
        if scope.role.managesCadres {
            let cadres = try await stores.cadres.list(scope: scope)
            let attended = Dictionary(uniqueKeysWithValues: attendance.map { ($0.cadreID, $0.hours) })
            let rows = cadres.map { c -> HTML in
                let hours = attended[c.id].map(Hours.text) ?? Hours.text(session.hours)
                return """
                    <tr\(if: errors["hours_\(c.id)"] != nil, " class=\"invalid\"")><td><label><input type="checkbox" name="cadre" value="\(c.id)"\(attended[c.id] == nil ? "" : " checked")> \
                    \(c.name)</label> <small class="muted">\(c.unitName)</small></td>\
                    <td><input type="number" step="0.5" min="0.5" name="hours_\(c.id)" value="\(hours)" aria-label="\(context.t("学时", "Hours"))"></td></tr>
                    """
            }.joined()
            body += """
                <form method="post" action="/training/sessions/\(id)/attendance" class="card" id="attendance-form">\(HTML.csrfField(context))
                <h2>\(context.t("登记参训（整体保存）", "Record attendance (saved as a whole)"))</h2><table class="checks">\(rows)</table>
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: session.courseTitle, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
