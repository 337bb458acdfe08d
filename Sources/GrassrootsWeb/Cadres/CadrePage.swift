import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// A cadre's page: the profile, the history of posts (with the form for a new post or a move), the training record,
/// secondments, and the period's evaluation beside the outcomes of the areas the cadre serves.
struct CadrePage {
    let stores: Stores

    func render(_ id: Int, period raw: String?, _ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let today = WorkingCalendar.dayKey(stores.context.clock())
        let cadre = try await stores.cadres.cadre(id, scope: scope)
        let posts = try await stores.cadres.posts(cadreID: id, scope: scope)
        let record = try await stores.training.record(cadreID: id, scope: scope)
        let secondments = try await stores.secondments.list(scope: scope, cadreID: id)
        var periodErrors: [String: String] = [:]
        let period = raw.map { FormErrors.period($0, now: stores.context.clock(), context, errors: &periodErrors) } ?? Period.year(of: stores.context.clock())
        let evaluation = try await stores.cadreEvaluation.evaluation(period: period.code, cadreID: id, scope: scope)
        let row = evaluation.rows[0]

        var body = CadreRoutes.subnav(context) + HTML.errorBox(periodErrors)
        body += """
            <div class="card" id="profile"><b>\(cadre.name)</b> · \(cadre.tier.label.text(lang)) · \(cadre.position)<br>
            \(context.t("单位", "Unit"))：\(cadre.unitName)\(cadre.departmentName.html { " · \($0)" })<br>
            \(context.t("学历", "Education"))：\(cadre.education.label.text(lang)) · \
            \(context.t("基层工作", "At the grassroots"))：\(yearsSince(cadre.grassrootsSince, today: today).map { context.t("\($0) 年（自 \(cadre.grassrootsSince!)）", "\($0) years (since \(cadre.grassrootsSince!))") } ?? "—")<br>
            \(context.t("专长", "Specialties"))：\(cadre.specialties)</div>
            <h2>\(context.t("任职经历", "Posts"))</h2>
            <table id="posts"><tr><th>\(context.t("职务", "Post"))</th><th>\(context.t("单位/部门", "Unit / department"))</th><th>\(context.t("任职方式", "Move"))</th>\
            <th>\(context.t("起止", "Term"))</th></tr>\(posts.map { post(row: $0, lang) }.joined())</table>
            """
        body += training(record, context)
        body += """
            <h2>\(context.t("交流挂职", "Secondments"))</h2>\(if: secondments.isEmpty, "<p class=\"nodata\">\(context.t("无", "None"))</p>", else: SecondmentRoutes.table(secondments, context, reviewable: false))
            """
        body += CadreEvaluationRoutes.breakdown(row, weights: evaluation.weights, rateSettings: evaluation.rateSettings, period: evaluation.period, context)
        if scope.role.managesCadres && scope.contains(cadre.path) { body += try await postForm(cadre, context, form: form, errors: errors) }
        return HTML.response(Layout.page(title: cadre.name, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func post(row post: CadrePost, _ lang: Language) -> HTML {
        let names: [String] = [post.unitName, post.departmentName].compactMap { $0 }
        let place = names.joined(separator: " · ")
        let term = "\(post.startsOn) – \(post.endsOn ?? (lang == .zh ? "至今" : "now"))"
        return "<tr\(if: post.endsOn == nil, " class=\"current\"")><td>\(post.title)<br><span class=\"tag\">\(post.role.label.text(lang))</span></td>"
            + "<td>\(place)</td><td>\(post.move.label.text(lang))\(if: !post.note.isEmpty, "<br><small>\(post.note)</small>")</td><td>\(term)</td></tr>"
    }

    func postForm(_ cadre: Cadre, _ context: AppContext, form: Form?, errors: [String: String]) async throws -> HTML {
        let lang = context.language
        let units = try await stores.units.units(of: [.city, .street, .community], scope: try context.scope())
        let departments = try await stores.departments.departments()
        return """
            <form method="post" action="/cadres/\(cadre.id)/posts" class="card" id="post-form">\(HTML.csrfField(context))<h2>\(context.t("记录任职或调动", "Record a post or a move"))</h2>
            \(HTML.errorBox(errors))
            \(HTML.select("role", label: context.t("职位类别", "Post"), options: PostRole.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["role"], errors: errors))
            \(HTML.field("title", label: context.t("职务名称", "Title"), value: form?["title"], errors: errors, required: true))
            \(HTML.select("unit_id", label: context.t("任职单位", "Unit"), options: [("", "—")] + CadreRoutes.unitOptions(units), selected: form?["unit_id"], errors: errors))
            \(HTML.select("department_id", label: context.t("任职部门", "Department"), options: [("", "—")] + departments.map { ("\($0.id)", $0.name) },
                          selected: form?["department_id"], errors: errors))
            \(HTML.select("move", label: context.t("任职方式", "Move"), options: MoveKind.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["move"], errors: errors))
            \(HTML.field("starts_on", label: context.t("任职日期", "Starts on"), value: form?["starts_on"], errors: errors, type: "date", required: true))
            \(HTML.field("note", label: context.t("备注", "Note"), value: form?["note"], errors: errors))
            <label class="checks"><label><input type="checkbox" name="ends_current" value="1"\(form?["ends_current"] == "1" ? " checked" : "")> \
            \(context.t("调动：现任职务于任职日期结束，工作单位随之变更", "A move: current posts end on the start date and the cadre's unit follows"))</label></label>
            <button type="submit">\(context.t("保存", "Save"))</button></form>
            """
    }

    func training(_ record: (attendance: [Attendance], standings: [CourseStanding]), _ context: AppContext) -> HTML {
        let lang = context.language
        let standings = record.standings.map { s -> HTML in
            let state: HTML = s.completed ? "<span class=\"tag done\">\(context.t("已完成", "Completed"))</span>"
                : s.course.required ? "<span class=\"tag overdue\">\(context.t("未完成", "Not completed"))</span>" : ""
            return "<tr><td>\(s.course.title)\(if: s.course.required, " <span class=\"tag\">\(context.t("必修", "Required"))</span>")</td>"
                + "<td>\(s.course.category.label.text(lang))</td><td class=\"num\">\(Hours.text(s.hours)) / \(Hours.text(s.course.requiredHours))</td><td>\(state)</td></tr>"
        }.joined()
        let sessions = record.attendance.map {
            "<tr><td>\($0.heldOn)</td><td><a href=\"/training/sessions/\($0.sessionID)\">\($0.courseTitle)</a></td><td class=\"num\">\(Hours.text($0.hours))</td></tr>" as HTML
        }.joined()
        return """
            <h2>\(context.t("培训", "Training"))</h2>
            <table id="standings"><tr><th>\(context.t("课程", "Course"))</th><th>\(context.t("类别", "Category"))</th><th class="num">\(context.t("已学/应学学时", "Hours attended / to complete"))</th><th></th></tr>\(standings)</table>
            <table id="attended"><tr><th>\(context.t("日期", "Date"))</th><th>\(context.t("参加培训", "Session"))</th><th class="num">\(context.t("学时", "Hours"))</th></tr>\(sessions)</table>
            """
    }
}
