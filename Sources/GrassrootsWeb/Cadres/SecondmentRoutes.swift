import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Exchanges and secondments: the list with terms, goals and reviews, the form that sends a cadre, and the
/// end-of-term review.
struct SecondmentRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/secondments", .signedIn(\.readsCadres, .unitInScope)) { _, context in try await page(context, form: nil, errors: [:]) }
        router.post("/secondments", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            let input = SecondmentInput(cadreID: Int(form["cadre_id"] ?? ""), kind: form["kind"] ?? "", origin: form["origin"] ?? "", unitID: Int(form["unit_id"] ?? ""),
                                        startsOn: form["starts_on"] ?? "", endsOn: form["ends_on"] ?? "", goals: form["goals"] ?? "")
            return try await FormErrors.submit(context, redirect: "/secondments", { _ = try await stores.secondments.create(input, scope: try context.scope()) },
                                               page: { try await page(context, form: form, errors: $0) })
        }
        router.post("/secondments/:id/review", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/secondments", {
                _ = try await stores.secondments.review(id, outcome: form["outcome"] ?? "", text: form["review"] ?? "", scope: try context.scope())
            }, page: { try await page(context, form: form, errors: $0) })
        }
    }

    func page(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let secondments = try await stores.secondments.list(scope: scope)
        var body = CadreRoutes.subnav(context) + HTML.errorBox(errors)
        body += secondments.isEmpty ? "<p class=\"nodata\">\(context.t("暂无挂职", "No secondments yet"))</p>"
            : Self.table(secondments, context, reviewable: scope.role.managesCadres, today: WorkingCalendar.dayKey(stores.context.clock()))
        if scope.role.managesCadres {
            // A scope sends the cadres working in it (the city's include agency cadres), not those seconded in.
            let cadres = try await stores.cadres.list(scope: scope).filter { scope.contains($0.path) }
            let units = try await stores.units.units(of: [.street, .community], scope: scope)
            body += """
                <form method="post" action="/secondments" class="card" id="secondment-form">\(HTML.csrfField(context))<h2>\(context.t("新增挂职", "Add a secondment"))</h2>
                \(HTML.select("cadre_id", label: context.t("干部", "Cadre"), options: cadres.map { ("\($0.id)", "\($0.name)（\($0.departmentName ?? $0.unitName)）") },
                              selected: form?["cadre_id"], errors: errors))
                \(HTML.select("kind", label: context.t("类型", "Kind"), options: SecondmentKind.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["kind"], errors: errors))
                \(HTML.field("origin", label: context.t("派出单位", "Sent by"), value: form?["origin"], errors: errors, required: true))
                \(HTML.select("unit_id", label: context.t("挂职街道/社区", "To street / community"), options: CadreRoutes.unitOptions(units), selected: form?["unit_id"], errors: errors))
                \(HTML.field("starts_on", label: context.t("任期开始", "Term starts"), value: form?["starts_on"], errors: errors, type: "date", required: true))
                \(HTML.field("ends_on", label: context.t("任期结束", "Term ends"), value: form?["ends_on"], errors: errors, type: "date", required: true))
                \(HTML.textarea("goals", label: context.t("任期目标", "Goals of the term"), value: form?["goals"], errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("交流挂职", "Exchanges and secondments"), context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The secondments with their terms and reviews; with `reviewable`, an open review gets its form.
    static func table(_ secondments: [Secondment], _ context: AppContext, reviewable: Bool, today: String = "") -> HTML {
        let lang = context.language
        let rows = secondments.map { s -> HTML in
            let opens = SecondmentDefinition.reviewOpens(endsOn: s.endsOn)
            var review: HTML
            if let outcome = s.outcome {
                review = "<b>\(outcome.label.text(lang))</b> \(s.reviewedOn ?? "")<br><small>\(s.review)</small>"
            } else if reviewable && today >= opens {
                review = """
                    <form method="post" action="/secondments/\(s.id)/review" class="review-form">\(HTML.csrfField(context))\
                    \(HTML.select("outcome", label: context.t("期满考核", "Review"), options: ReviewOutcome.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: [:]))\
                    \(HTML.textarea("review", label: context.t("目标完成情况", "How the goals were met"), value: nil, errors: [:], rows: 2))\
                    <button type="submit">\(context.t("提交考核", "Submit review"))</button></form>
                    """
            } else {
                review = "<span class=\"muted\">\(context.t("\(opens) 起可考核", "Review opens \(opens)"))</span>"
            }
            return """
                <tr id="secondment-\(s.id)"><td><a href="/cadres/\(s.cadreID)">\(s.cadreName)</a><br><span class="tag">\(s.kind.label.text(lang))</span></td>\
                <td>\(s.origin) → \(s.unitName)</td><td>\(s.startsOn) – \(s.endsOn)</td>\
                <td class="hide-phone">\(s.goals)</td><td>\(review)</td></tr>
                """
        }.joined()
        return """
            <table id="secondments"><tr><th>\(context.t("干部", "Cadre"))</th><th>\(context.t("派出 → 挂职单位", "From → to"))</th><th>\(context.t("任期", "Term"))</th>\
            <th class="hide-phone">\(context.t("任期目标", "Goals"))</th><th>\(context.t("期满考核", "Review"))</th></tr>\(rows)</table>
            """
    }
}
