import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Household pages: the list in a building, the household with its members, create and edit forms.
struct HouseholdRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/households/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in
            try await page(try context.parameters.require("id", as: Int.self), context, householdErrors: [:], householdInput: nil)
        }
        router.post("/households/:id", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            let input = HouseholdInput(room: form["room"] ?? "", address: form["address"], note: form["note"])
            do {
                _ = try await stores.households.update(id, input, scope: try context.scope())
                return HTML.redirect("/households/\(id)", flash: Bilingual("住户信息已保存", "Household saved"))
            } catch let error as ValidationError {
                return try await page(id, context, householdErrors: Self.messages(error, context), householdInput: input, status: .unprocessableContent)
            }
        }
        router.post("/units/:id/households", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let buildingID = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            let input = HouseholdInput(room: form["room"] ?? "", address: form["address"], note: form["note"])
            let scope = try context.scope()
            do {
                let household = try await stores.households.create(buildingID: buildingID, input, scope: scope)
                return HTML.redirect("/households/\(household.id)", flash: Bilingual("已新增住户 \(household.room)", "Household \(household.room) added"))
            } catch let error as ValidationError {
                let building = try await stores.units.unit(buildingID, scope: scope)
                let lineage = try await stores.units.lineage(of: building, scope: scope)
                let body = TerritoryRoutes.breadcrumbs(lineage, context: context)
                    + (try await buildingSection(building, context: context, errors: Self.messages(error, context), input: input))
                return HTML.response(Layout.page(title: building.name, context: context, body: body), status: .unprocessableContent)
            }
        }
    }

    static func messages(_ error: ValidationError, _ context: AppContext) -> [String: String] {
        Dictionary(error.errors.map { ($0.field, $0.message.text(context.language)) }, uniquingKeysWith: { "\($0)；\($1)" })
    }

    func buildingSection(_ building: TerritoryUnit, context: AppContext, errors: [String: String], input: HouseholdInput?) async throws -> HTML {
        let scope = try context.scope()
        let households = try await stores.households.households(buildingID: building.id, scope: scope)
        let rows: HTML = households.map { "<tr><td><a href=\"/households/\($0.id)\">\($0.room)</a></td><td>\($0.address)</td></tr>" as HTML }.joined()
        var html: HTML = "<h2>\(context.t("住户", "Households"))（\(households.count)）</h2><table id=\"households\"><tr><th>\(context.t("房号", "Room"))</th><th>\(context.t("地址", "Address"))</th></tr>\(rows)</table>"
        if scope.role.editsRegistry {
            html += """
                <h2>\(context.t("新增住户", "Add a household"))</h2><form method="post" action="/units/\(building.id)/households" class="card" id="new-household">
                \(HTML.csrfField(context))\(householdFields(input, errors: errors, context: context))<button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return html
    }

    func householdFields(_ input: HouseholdInput?, errors: [String: String], context: AppContext) -> HTML {
        HTML.field("room", label: context.t("房号", "Room"), value: input?.room, errors: errors, required: true, hint: context.t("如 3-0201", "e.g. 3-0201"))
            + HTML.field("address", label: context.t("地址", "Address"), value: input?.address, errors: errors)
            + HTML.field("note", label: context.t("备注", "Note"), value: input?.note, errors: errors)
    }

    func page(_ id: Int, _ context: AppContext, householdErrors: [String: String], householdInput: HouseholdInput?,
              residentErrors: [String: String] = [:], residentInput: ResidentInput? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let scope = try context.scope()
        let household = try await stores.households.household(id, scope: scope)
        let building = try await stores.units.unit(household.buildingID, scope: scope)
        let lineage = try await stores.units.lineage(of: building, scope: scope)
        let categories = try await stores.residents.categories()
        let lang = context.language
        let names = Dictionary(categories.map { ($0.code, $0.name.text(lang)) }, uniquingKeysWith: { a, _ in a })
        var body = TerritoryRoutes.breadcrumbs(lineage, context: context, last: household.room)
        let rows = household.residents.map { r -> HTML in
            """
            <tr><td><a href="/residents/\(r.id)">\(r.name)</a>\(if: r.isHead, " <span class=\"tag\">\(context.t("户主", "head"))</span>")</td>
            <td>\(r.sex?.label.text(lang))</td><td class="hide-phone">\(r.birthDate)</td>
            <td>\(r.idNumberMasked)</td><td>\(r.politicalStatus.label.text(lang))</td>
            <td>\(r.categories.map { "<span class=\"tag\">\(names[$0] ?? $0)</span>" as HTML }.joined())</td></tr>
            """
        }.joined()
        body += """
            <div class="card"><p>\(context.t("地址", "Address"))：\(household.address ?? "—")</p>\(household.note.html { "<p>\(context.t("备注", "Note"))：\($0)</p>" as HTML })</div>
            <h2>\(context.t("家庭成员", "Members"))（\(household.residents.count)）</h2>
            <table id="residents"><tr><th>\(context.t("姓名", "Name"))</th><th>\(context.t("性别", "Sex"))</th><th class="hide-phone">\(context.t("出生日期", "Born"))</th>
            <th>\(context.t("身份证号", "ID number"))</th><th>\(context.t("政治面貌", "Political status"))</th><th>\(context.t("类别", "Categories"))</th></tr>\(rows)</table>
            """
        if scope.role.reportsFieldWork {
            body += "<p id=\"household-emergency\"><a href=\"/quarantine/new?household=\(id)\">\(context.t("登记居家隔离", "Register a home quarantine"))</a> · <a href=\"/supplies?household=\(id)\">\(context.t("物资配送", "Supplies"))</a></p>"
        }
        if scope.role.editsRegistry {
            let current = householdInput ?? HouseholdInput(room: household.room, address: household.address, note: household.note)
            body += """
                <h2>\(context.t("编辑住户", "Edit household"))</h2><form method="post" action="/households/\(id)" class="card" id="household-form">
                \(HTML.csrfField(context))\(householdFields(current, errors: householdErrors, context: context))<button type="submit">\(context.t("保存", "Save"))</button></form>
                <h2>\(context.t("新增家庭成员", "Add a member"))</h2>
                \(ResidentRoutes.form(action: "/households/\(id)/residents", id: "new-resident", input: residentInput, errors: residentErrors, categories: categories, context: context))
                """
        }
        return HTML.response(Layout.page(title: context.t("住户 ", "Household ") + household.room, context: context, body: body), status: status)
    }
}
