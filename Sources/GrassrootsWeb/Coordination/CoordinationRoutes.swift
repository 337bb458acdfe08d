import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The registry of departments and stations with the time limits, and the forms that add to them.
struct CoordinationRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/departments", .signedIn(.nothing)) { _, context in try await departments(context, errors: [:]) }
        router.post("/departments", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(context) {
                _ = try await stores.departments.createDepartment(code: form["code"] ?? "", name: form["name"] ?? "", nameEn: form["name_en"] ?? "",
                                                                  scope: try context.scope())
            }
        }
        router.post("/stations", .signedIn(\.decidesForStreet, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(context) {
                _ = try await stores.departments.createStation(departmentID: Int(form["department_id"] ?? "") ?? 0, name: form["name"] ?? "",
                                                               kind: form["kind"] ?? "", streetUnitID: Int(form["street_unit_id"] ?? "") ?? 0, scope: try context.scope())
            }
        }
        router.post("/time-limits", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(context) {
                var v = Validator()
                let urgency = Urgency(rawValue: form["urgency"] ?? "")
                v.check(urgency != nil, "urgency", Bilingual("请选择紧急程度", "Choose the urgency"))
                try v.finish()
                let limit = try TimeLimit(urgency: urgency!, respondMinutes: Int(form["respond_minutes"] ?? "") ?? 0,
                                          arriveMinutes: (form["arrive_minutes"] ?? "").isEmpty ? nil : Int(form["arrive_minutes"]!) ?? 0,
                                          resolveWorkingDays: Int(form["resolve_working_days"] ?? "") ?? 0)
                try await stores.coordinationSettings.setTimeLimit(limit, scope: try context.scope())
            }
        }
        router.post("/calendar-days", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await handle(context) {
                let working: Bool? = form["working"] == "1" ? true : form["working"] == "0" ? false : nil
                try await stores.coordinationSettings.setCalendarDay(form["day"] ?? "", working: working, note: form["note"] ?? "", scope: try context.scope())
            }
        }
    }

    /// Runs a change and goes back to the page, or shows the page again with what to fix.
    func handle(_ context: AppContext, _ change: () async throws -> Void) async throws -> Response {
        try await FormErrors.submit(context, redirect: "/departments", change) { try await departments(context, errors: $0) }
    }

    func departments(_ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let departments = try await stores.departments.departments()
        let stations = try await stores.departments.stations()
        let limits = try await stores.coordinationSettings.timeLimits()
        let days = try await stores.coordinationSettings.calendarDays()
        let rows = departments.map { d -> HTML in
            let own = stations.filter { $0.departmentID == d.id }.map { s -> HTML in "\(s.name)（\(s.kind.label.text(lang))，\(s.streetName)）" }
            return "<tr><td>\(d.code)</td><td>\(lang == .zh || d.nameEn.isEmpty ? d.name : d.nameEn)</td><td>\(own.joined(separator: "<br>"))</td></tr>"
        }.joined()
        let limitRows: HTML = limits.map { "<tr><td>\($0.urgency.label.text(lang))</td><td>\($0.summary.text(lang))</td></tr>" as HTML }.joined()
        let dayRows: HTML = days.map { "<tr><td>\($0.day)</td><td>\($0.working ? context.t("调休上班", "Make-up working day") : context.t("放假", "Holiday"))</td><td>\($0.note)</td></tr>" as HTML }.joined()
        var body: HTML = HTML.errorBox(errors)
        body += """
            <table id="departments"><tr><th>\(context.t("代码", "Code"))</th><th>\(context.t("部门", "Department"))</th><th>\(context.t("派驻机构（指挥街道）", "Stations (directing street)"))</th></tr>\(rows)</table>
            <h2>\(context.t("吹哨时限", "Time limits"))</h2><table id="time-limits">\(limitRows)</table>
            <p class="muted">\(context.t("工作日：周一至周五，扣除法定节假日，加上调休上班日；办结时限自发出次日起算，至第N个工作日24时止。",
                                         "Working days: Monday to Friday, less holidays, plus make-up days; N working days count from the day after sending and end at 24:00 of the N-th."))</p>
            <table id="calendar-days">\(dayRows)</table>
            """
        if scope.role == .cityAdmin {
            body += """
                <form method="post" action="/departments" class="card" id="department-form">\(HTML.csrfField(context))<h2>\(context.t("新增部门", "Add a department"))</h2>
                \(HTML.field("code", label: context.t("代码", "Code"), value: nil, errors: errors, required: true))
                \(HTML.field("name", label: context.t("名称", "Name"), value: nil, errors: errors, required: true))
                \(HTML.field("name_en", label: context.t("英文名称", "English name"), value: nil, errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                <form method="post" action="/time-limits" class="card" id="time-limit-form">\(HTML.csrfField(context))<h2>\(context.t("修改时限", "Change a time limit"))</h2>
                \(HTML.select("urgency", label: context.t("紧急程度", "Urgency"), options: Urgency.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors,
                              prompt: context.t("请选择", "Choose…")))
                \(HTML.field("respond_minutes", label: context.t("响应时限（分钟）", "Respond within (minutes)"), value: nil, errors: errors, type: "number"))
                \(HTML.field("arrive_minutes", label: context.t("到场时限（分钟，可空）", "Arrive within (minutes, optional)"), value: nil, errors: errors, type: "number"))
                \(HTML.field("resolve_working_days", label: context.t("办结时限（工作日）", "Resolve within (working days)"), value: nil, errors: errors, type: "number"))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                <form method="post" action="/calendar-days" class="card" id="calendar-form">\(HTML.csrfField(context))<h2>\(context.t("节假日与调休", "Holidays and make-up days"))</h2>
                \(HTML.field("day", label: context.t("日期", "Date"), value: nil, errors: errors, type: "date", required: true))
                \(HTML.select("working", label: context.t("类型", "Kind"), options: [("0", context.t("放假", "Holiday")), ("1", context.t("调休上班", "Make-up working day")),
                                                                                   ("", context.t("恢复常规", "Back to normal"))], selected: nil, errors: errors))
                \(HTML.field("note", label: context.t("说明", "Note"), value: nil, errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        if scope.role.decidesForStreet {
            let streets = try await streetsOf(scope)
            body += """
                <form method="post" action="/stations" class="card" id="station-form">\(HTML.csrfField(context))<h2>\(context.t("新增派驻机构", "Add a dispatched station"))</h2>
                \(HTML.select("department_id", label: context.t("所属部门", "Department"), options: departments.map { ("\($0.id)", $0.name) }, selected: nil, errors: errors))
                \(HTML.field("name", label: context.t("机构名称", "Name"), value: nil, errors: errors, required: true))
                \(HTML.select("kind", label: context.t("类型", "Kind"), options: StationKind.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors))
                \(HTML.select("street_unit_id", label: context.t("指挥街道", "Directing street"), options: streets.map { ("\($0.id)", $0.name) }, selected: nil, errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        if scope.role == .departmentOfficer, let department = scope.departmentID {
            body += TeamGroupRoutes.section("/departments/\(department)", try await stores.teamGroups.groups(.department(department), scope: scope), errors: errors,
                                            about: context.t("街道吹哨呼叫本部门、对本部门的申请作出决定时，将发到这些群。",
                                                             "Summonses calling this department, and the street's decisions on its requests, are posted to these groups."),
                                            context: context)
        }
        return HTML.response(Layout.page(title: context.t("部门与派驻机构", "Departments and stations"), context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The streets a street-deciding scope covers: its own street, or every street under the city.
    func streetsOf(_ scope: Scope) async throws -> [TerritoryUnit] {
        let root = try await stores.units.root(of: scope)
        if root.kind == .street { return [root] }
        guard root.kind < .street else { return [] }
        return try await stores.units.children(of: root.id, scope: scope).map(\.unit).filter { $0.kind == .street }
    }
}
