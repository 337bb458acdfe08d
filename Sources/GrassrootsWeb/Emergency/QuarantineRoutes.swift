import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Home quarantine and supply deliveries (issue 7, epidemic part): the quarantine list with the missed checks of the
/// reader's tier, registering from a household (`/quarantine/new?household=ID`), a quarantine's page with today's check
/// (phone first), the supplies desk (staff assign and cancel; a party member sees their deliveries; a resident asks for
/// their household), and the JSON API under /api/v1.
struct QuarantineRoutes {
    let stores: Stores
    var quarantines: QuarantineStore { QuarantineStore(stores.context) }
    var supplies: SupplyStore { SupplyStore(stores.context) }

    struct QuarantineBody: Decodable { let residentId: Int; let place: String; let startsOn: String; let endsOn: String; let testDays: String? }
    struct CheckBody: Decodable { let temperature: String; let symptoms: String?; let testResult: String? }
    struct SupplyBody: Decodable { let householdId: Int?; let items: String; let reason: String }

    func register(_ router: Routes) {
        router.get("/quarantine", .signedIn(\.readsHouseholdRows, .unitInScope)) { _, context in try await list(context) }
        router.get("/quarantine/new", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            try await newForm(Int(request.uri.queryParameters.get("household") ?? "") ?? 0, context, form: nil, errors: [:])
        }
        router.post("/quarantine", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            do {
                let q = try await quarantines.register(Self.input(form), scope: try context.scope())
                return HTML.redirect("/quarantine/\(q.id)")
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await newForm(Int(form["household_id"] ?? "") ?? 0, context, form: form, errors: errors)
            }
        }
        router.get("/quarantine/:id", .signedIn(\.readsHouseholdRows, .unitInScope)) { _, context in try await detail(try context.parameters.require("id", as: Int.self), context, form: nil, errors: [:]) }
        router.post("/quarantine/:id/:action", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self), action = try context.parameters.require("action")
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/quarantine/\(id)", {
                let scope = try context.scope()
                switch action {
                case "checks": _ = try await quarantines.check(id, Self.check(form), scope: scope)
                case "end": _ = try await quarantines.end(id, reason: form["reason"] ?? "", scope: scope)
                default: throw HTTPError(.notFound)
                }
            }, page: { try await detail(id, context, form: form, errors: $0) })
        }
        router.get("/supplies", .signedIn(\.readsHouseholdRows, .unitInScope).or(.signedIn([.partyMember], .ownRegistration)).or(.signedIn([.resident], .ownHousehold))) { request, context in
            // From a household's page: the request form starts with that household.
            let household = request.uri.queryParameters.get("household").flatMap { Int($0) }.map { Form("household_id=\($0)") }
            return try await suppliesPage(context, status: request.uri.queryParameters.get("status").flatMap(SupplyStatus.init(rawValue:)), form: household, errors: [:])
        }
        router.post("/supplies", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/supplies", {
                _ = try await supplies.request(householdID: Int(form["household_id"] ?? ""), SupplyInput(items: form["items"] ?? "", reason: form["reason"] ?? ""),
                                               scope: try context.scope())
            }, page: { try await suppliesPage(context, status: nil, form: form, errors: $0) })
        }
        router.post("/supplies/:id/:action", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.partyMember], .ownRegistration))) { request, context in
            let id = try context.parameters.require("id", as: Int.self), action = try context.parameters.require("action")
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/supplies", {
                let scope = try context.scope()
                switch action {
                case "assign": _ = try await supplies.assign(id, volunteerID: Int(form["volunteer_id"] ?? "") ?? 0, scope: scope)
                case "cancel": _ = try await supplies.cancel(id, note: form["note"] ?? "", scope: scope)
                case "delivered": _ = try await supplies.markDelivered(id, scope: scope)
                default: throw HTTPError(.notFound)
                }
            }, page: { try await suppliesPage(context, status: nil, form: form, errors: $0) })
        }
        registerAPI(router)
    }

    func registerAPI(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("quarantines", .signedIn(\.readsHouseholdRows, .unitInScope)) { request, context in
            let scope = try context.scope()
            if request.uri.queryParameters.get("view") == "missed" { return JSONBody.response(try await quarantines.missedChecks(scope: scope)) }
            return JSONBody.response(try await quarantines.active(scope: scope))
        }
        api.post("quarantines", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(QuarantineBody.self, from: request, context: context)
            let input = QuarantineInput(residentID: b.residentId, place: b.place, startsOn: b.startsOn, endsOn: b.endsOn, testDays: b.testDays ?? "")
            return JSONBody.response(try await quarantines.register(input, scope: scope), status: .created)
        }
        api.get("quarantines/:id", .signedIn(\.readsHouseholdRows, .unitInScope)) { _, context in
            JSONBody.response(try await quarantines.detail(try context.parameters.require("id", as: Int.self), scope: try context.scope()))
        }
        api.post("quarantines/:id/checks", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(CheckBody.self, from: request, context: context)
            return JSONBody.response(try await quarantines.check(try context.parameters.require("id", as: Int.self),
                                                                 CheckInput(temperature: b.temperature, symptoms: b.symptoms ?? "", testResult: b.testResult ?? ""),
                                                                 scope: scope), status: .created)
        }
        api.get("supply-requests", .signedIn(\.readsHouseholdRows, .unitInScope).or(.signedIn([.partyMember], .ownRegistration)).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let status = request.uri.queryParameters.get("status").flatMap(SupplyStatus.init(rawValue:))
            return JSONBody.response(try await supplies.list(scope: try context.scope(), status: status))
        }
        api.post("supply-requests", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(SupplyBody.self, from: request, context: context)
            return JSONBody.response(try await supplies.request(householdID: b.householdId, SupplyInput(items: b.items, reason: b.reason), scope: scope), status: .created)
        }
        api.post("supply-requests/:id/delivered", .signedIn([.partyMember], .ownRegistration)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            return JSONBody.response(try await supplies.markDelivered(try context.parameters.require("id", as: Int.self), scope: scope))
        }
    }

    static func input(_ f: Form) -> QuarantineInput {
        QuarantineInput(residentID: Int(f["resident_id"] ?? "") ?? 0, place: f["place"] ?? "", startsOn: f["starts_on"] ?? "", endsOn: f["ends_on"] ?? "",
                        testDays: f["test_days"] ?? "")
    }

    static func check(_ f: Form) -> CheckInput {
        CheckInput(temperature: f["temperature"] ?? "", symptoms: f["symptoms"] ?? "", testResult: f["test_result"] ?? "")
    }

    /// The supplies desk: staff see the requests of their territory with assign and cancel, and raise new ones; a
    /// party member sees their deliveries with a Delivered button; a resident sees and raises their household's.
    func suppliesPage(_ context: AppContext, status: SupplyStatus?, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope(), lang = context.language, csrf = HTML.csrfField(context)
        let requests = try await supplies.list(scope: scope, status: status)
        let staff = scope.role.reportsFieldWork
        let volunteers = staff ? try await supplies.volunteers(scope: scope) : []
        let rows = requests.map { r -> HTML in
            var action = HTML()
            if staff && [.open, .assigned].contains(r.status) {
                let options: HTML = volunteers.map { v -> HTML in "<option value=\"\(v.id)\"\(v.id == r.volunteerID ? " selected" : "")>\(v.name)（\(v.gridName ?? "")·\(v.open)）</option>" }.joined()
                action = """
                    <form method="post" action="/supplies/\(r.id)/assign" class="inline">\(csrf)<select name="volunteer_id" aria-label="volunteer">\(options)</select>\
                    <button type="submit">\(r.status == .open ? context.t("分派", "Assign") : context.t("改派", "Reassign"))</button></form>
                    <form method="post" action="/supplies/\(r.id)/cancel" class="inline">\(csrf)<input name="note" aria-label="note" placeholder="\(context.t("取消原因", "Why"))" class="w7">\
                    <button type="submit" class="secondary">\(context.t("取消", "Cancel"))</button></form>
                    """
            } else if scope.role == .partyMember && r.status == .assigned {
                action = "<form method=\"post\" action=\"/supplies/\(r.id)/delivered\" class=\"inline\">\(csrf)<button type=\"submit\">\(context.t("已送达", "Delivered"))</button></form>"
            }
            return """
                <tr id="supply-\(r.id)" class="\(r.status == .open ? "stalled" : "")"><td>\(r.location)<br><small>\(r.communityName) \(r.gridName)</small></td>\
                <td>\(r.items)<br><small>\(r.reason.label.text(lang))</small></td><td class="status">\(r.status.label.text(lang))</td>\
                <td>\(r.volunteerName ?? "—")</td><td class="hide-phone">\(LocalTime.format(r.requestedAt))</td><td>\(action)</td></tr>
                """
        }.joined()
        let title = scope.role == .partyMember ? context.t("我的配送", "My deliveries") : context.t("物资代购代送", "Supply deliveries")
        let filters = ([nil] + SupplyStatus.allCases).map { s -> HTML in
            s == status ? "<b>\(s?.label.text(lang) ?? context.t("全部", "All"))</b>"
                : "<a href=\"/supplies\(s.html { "?status=\($0.rawValue)" })\">\(s?.label.text(lang) ?? context.t("全部", "All"))</a>"
        }.joined(separator: " · ")
        var body = HTML.errorBox(errors) + """
            <p class="crumbs">\(filters)\(if: staff || scope.role == .auditor, " · <a href=\"/quarantine\">\(context.t("居家隔离", "Home quarantine"))</a>")</p>
            \(if: requests.isEmpty, "<p class=\"nodata\">\(context.t("暂无", "None"))</p>", else: "<div class=\"scroll-x\"><table id=\"\(scope.role == .partyMember ? "my-deliveries" : "supplies")\">\(rows)</table></div>")
            """
        if staff || scope.role == .resident {
            body += """
                <form method="post" action="/supplies" class="card" id="supply-form">\(csrf)<h2>\(context.t("提出物资需求", "Ask for supplies"))</h2>
                \(staff ? HTML.field("household_id", label: context.t("住户编号", "Household id"), value: form?["household_id"], errors: errors, type: "number", required: true) : "")
                \(HTML.textarea("items", label: context.t("所需物资", "Items"), value: form?["items"], errors: errors, rows: 3))
                \(HTML.select("reason", label: context.t("原因", "Reason"), options: SupplyReason.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["reason"], errors: errors))
                <button type="submit">\(context.t("提交", "Submit"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: title, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
