import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Resident pages: view, edit, add to a household, and the audited reveal of the full identity number.
struct ResidentRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/residents/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in try await page(try context.parameters.require("id", as: Int.self), context) }
        router.post("/residents/:id", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let input = Self.input(try await Form.read(request, context: context))
            do {
                _ = try await stores.residents.update(id, input, scope: try context.scope())
                return HTML.redirect("/residents/\(id)")
            } catch let error as ValidationError {
                return try await page(id, context, input: input, errors: HouseholdRoutes.messages(error, context), status: .unprocessableContent)
            }
        }
        router.post("/households/:id/residents", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let householdID = try context.parameters.require("id", as: Int.self)
            let input = Self.input(try await Form.read(request, context: context))
            do {
                _ = try await stores.residents.create(householdID: householdID, input, scope: try context.scope())
                return HTML.redirect("/households/\(householdID)")
            } catch let error as ValidationError {
                return try await HouseholdRoutes(stores: stores).page(householdID, context, householdErrors: [:], householdInput: nil,
                                                                      residentErrors: HouseholdRoutes.messages(error, context), residentInput: input,
                                                                      status: .unprocessableContent)
            }
        }
        router.post("/residents/:id/reveal", .signedIn(\.mayRevealIdentity, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            _ = try await Form.read(request, context: context)
            let number = try await stores.residents.revealIdentity(id, scope: try context.scope())
            return try await page(id, context, revealed: number ?? "—")
        }
    }

    static func input(_ form: Form) -> ResidentInput {
        ResidentInput(name: form["name"] ?? "", sex: form["sex"], birthDate: form["birth_date"], idNumber: form["id_number"], phone: form["phone"],
                      politicalStatus: form["political_status"], residenceStatus: form["residence_status"], categories: form.all("categories"),
                      isHead: form["is_head"] == "1")
    }

    static func form(action: String, id: String, input: ResidentInput?, errors: [String: String], categories: [ResidentCategory],
                     context: AppContext, editing: Bool = false) -> HTML {
        let lang = context.language
        let checks = categories.map { c -> HTML in
            "<label><input type=\"checkbox\" name=\"categories\" value=\"\(c.code)\"\(input?.categories.contains(c.code) == true ? " checked" : "")> \(c.name.text(lang))</label>"
        }.joined()
        let idHint = editing ? context.t("留空则保持原号码不变", "Leave empty to keep the stored number") : context.t("18位，自动校验", "18 characters, check digit verified")
        return """
            <form method="post" action="\(url: action)" class="card" id="\(token: id)">\(HTML.csrfField(context))
            \(HTML.field("name", label: context.t("姓名", "Name"), value: input?.name, errors: errors, required: true))
            \(HTML.field("id_number", label: context.t("身份证号", "ID number"), value: editing ? nil : input?.idNumber, errors: errors, hint: idHint))
            \(HTML.select("sex", label: context.t("性别", "Sex"), options: [("", context.t("按身份证号", "From ID number"))] + Sex.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: input?.sex, errors: errors))
            \(HTML.field("birth_date", label: context.t("出生日期", "Birth date"), value: input?.birthDate, errors: errors,
                       hint: editing ? context.t("YYYY-MM-DD；留空则保持不变", "YYYY-MM-DD; leave empty to keep it") : "YYYY-MM-DD"))
            \(HTML.field("phone", label: context.t("电话", "Phone"), value: editing ? nil : input?.phone, errors: errors, type: "tel", hint: editing ? idHint.replacingOccurrences(of: "号码", with: "电话") : nil))
            \(HTML.select("political_status", label: context.t("政治面貌", "Political status"), options: PoliticalStatus.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: input?.politicalStatus ?? PoliticalStatus.masses.rawValue, errors: errors))
            \(HTML.select("residence_status", label: context.t("居住状态", "Residence"), options: ResidenceStatus.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: input?.residenceStatus, errors: errors))
            <div class="field checks\(errors["categories"] == nil ? "" : " invalid")"><span>\(context.t("人员类别", "Categories"))</span>\(checks)\(errors["categories"].html { "<em class=\"msg\">\($0)</em>" as HTML })</div>
            <div class="field checks"><label><input type="checkbox" name="is_head" value="1"\(input?.isHead == true ? " checked" : "")> \(context.t("户主", "Head of household"))</label></div>
            <button type="submit">\(context.t("保存", "Save"))</button></form>
            """
    }

    func page(_ id: Int, _ context: AppContext, input: ResidentInput? = nil, errors: [String: String] = [:], revealed: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let scope = try context.scope()
        let resident = try await stores.residents.resident(id, scope: scope)
        let household = try await stores.households.household(resident.householdID, scope: scope)
        let building = try await stores.units.unit(household.buildingID, scope: scope)
        let lineage = try await stores.units.lineage(of: building, scope: scope)
        let categories = try await stores.residents.categories()
        let lang = context.language
        var body = TerritoryRoutes.breadcrumbs(lineage, context: context, links: [("/households/\(household.id)", household.room)])
        body += """
            <div class="card" id="resident-card"><p>\(context.t("身份证号", "ID number"))：<span id="id-number">\(revealed ?? resident.idNumberMasked ?? "—")</span></p>
            <p>\(context.t("出生", "Born"))：<span id="birth">\(resident.birthDate ?? "—")</span></p>
            <p>\(context.t("电话", "Phone"))：\(resident.phoneMasked ?? "—")</p>
            <p>\(context.t("居住状态", "Residence"))：\(resident.residenceStatus.label.text(lang))</p></div>
            """
        if scope.role.mayRevealIdentity, revealed == nil, resident.idNumberMasked != nil {
            body += """
                <form method="post" action="/residents/\(id)/reveal" class="inline">\(HTML.csrfField(context))
                <button type="submit">\(context.t("查看完整身份证号（将记入审计日志）", "Show full ID number (audited)"))</button></form>
                """
        }
        if scope.role.editsRegistry {
            // A viewer shown only the birth year gets an empty field: left empty, the stored date is kept.
            let current = input ?? ResidentInput(name: resident.name, sex: resident.sex?.rawValue, birthDate: resident.birthDate?.count == 10 ? resident.birthDate : nil,
                                                 politicalStatus: resident.politicalStatus.rawValue, residenceStatus: resident.residenceStatus.rawValue,
                                                 categories: resident.categories, isHead: resident.isHead)
            body += "<h2>\(context.t("编辑", "Edit"))</h2>" + Self.form(action: "/residents/\(id)", id: "resident-form", input: current, errors: errors,
                                                                    categories: categories, context: context, editing: true)
        }
        return HTML.response(Layout.page(title: resident.name, context: context, body: body), status: status)
    }
}
