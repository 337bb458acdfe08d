import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The council hall (红色议事厅): the topics of the viewer's area with the form that raises one, and each topic's
/// page with its record and the forms of what may happen next.
struct CouncilRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/council", .signedIn(\.takesPartInCouncil, .unitInScope).or(.signedIn([.auditor], .unitInScope))) { _, context in try await list(context, form: nil, errors: [:]) }
        router.post("/council", .signedIn(\.takesPartInCouncil, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            var created: Topic?
            return try await FormErrors.submit(context, redirect: "/council", {
                created = try await stores.council.raise(unitID: Int(form["unit_id"] ?? "") ?? 0, title: form["title"] ?? "", description: form["description"] ?? "",
                                                         scope: try context.scope())
            }, page: { try await list(context, form: form, errors: $0) }).redirected(to: created.map { "/council/\($0.id)" })
        }
        router.get("/council/:id", .signedIn(\.takesPartInCouncil, .unitInScope).or(.signedIn([.auditor], .unitInScope))) { _, context in try await CouncilPage(stores: stores).render(try context.parameters.require("id", as: Int.self), context, errors: [:]) }
        router.post("/council/:id/:step", .signedIn(\.takesPartInCouncil, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self), step = try context.parameters.require("step")
            let form = try await Form.read(request, context: context)
            let done = [
                "comment": Bilingual("意见已发表", "Comment posted"), "meeting": Bilingual("会议记录已保存", "Meeting recorded"),
                "vote": Bilingual("表决已发起", "Vote opened"), "ballot": Bilingual("选票已登记", "Ballot recorded"),
                "close": Bilingual("表决已结束并计票", "Vote closed and counted"), "publish": Bilingual("决议已公示", "Resolution published"),
                "progress": Bilingual("落实进度已更新", "Progress updated"),
            ][step] ?? Flash.saved
            return try await FormErrors.submit(context, redirect: "/council/\(id)", flash: done, {
                let scope = try context.scope()
                switch step {
                case "comment": try await stores.council.comment(id, text: form["body"] ?? "", scope: scope)
                case "meeting":
                    try await stores.council.recordMeeting(id, heldAt: (form["held_at"] ?? "").replacingOccurrences(of: "T", with: " "), place: form["place"] ?? "",
                                                           attendees: Int(form["attendees"] ?? "") ?? 0, minutes: form["minutes"] ?? "",
                                                           photos: form.all("photo").compactMap { Int($0) }, scope: scope)
                case "vote":
                    _ = try await stores.votes.open(topicID: id, VoteInput(question: form["question"] ?? "", rule: form["rule"] ?? "",
                                                                           quorumPercent: Int(form["quorum_percent"] ?? "") ?? 0,
                                                                           majorityPercent: Int(form["majority_percent"] ?? "") ?? 0, days: Int(form["days"] ?? "") ?? 0), scope: scope)
                case "ballot":
                    _ = try await stores.votes.cast(topicID: id, choice: form["choice"] ?? "", householdID: Int(form["household_id"] ?? ""),
                                                    room: form["room"], buildingID: Int(form["building_id"] ?? ""),
                                                    residentID: Int(form["resident_id"] ?? ""), scope: scope)
                case "close": _ = try await stores.votes.close(topicID: id, scope: scope)
                case "publish": _ = try await stores.council.publish(id, resolution: form["resolution"] ?? "", days: Int(form["days"] ?? "") ?? 0, scope: scope)
                case "progress": _ = try await stores.council.progress(id, percent: Int(form["progress"] ?? "") ?? -1, note: form["note"] ?? "", scope: scope)
                default: throw HTTPError(.notFound)
                }
            }, page: { try await CouncilPage(stores: stores).render(id, context, errors: $0) })
        }
    }

    func list(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let topics = try await stores.council.topics(scope: scope)
        let rows = topics.map {
            "<li class=\"\($0.status.rawValue)\"><a href=\"/council/\($0.id)\">\($0.title)</a><span class=\"tag\">\($0.status.label.text(lang))</span><small class=\"muted\">\($0.unitName) · \(LocalTime.format($0.createdAt))</small></li>" as HTML
        }.joined()
        var body: HTML = HTML.errorBox(errors) + "<p class=\"crumbs\"><a href=\"/fund\">\(context.t("社区发展基金", "Community fund"))</a></p>"
        body += topics.isEmpty ? "<p class=\"nodata\">\(context.t("暂无议题", "No topics yet"))</p>" : "<ul class=\"work\" id=\"topics\">\(rows)</ul>"
        if scope.role.takesPartInCouncil {
            let places = try await stores.units.units(of: [.community, .grid, .compound], scope: scope)
            body += """
                <form method="post" action="/council" class="card" id="topic-form">\(HTML.csrfField(context))<h2>\(context.t("提出议题", "Raise a topic"))</h2>
                \(HTML.select("unit_id", label: context.t("涉及的小区、网格或社区", "For which compound, grid or community"), options: CadreRoutes.unitOptions(places), selected: form?["unit_id"], errors: errors))
                \(HTML.field("title", label: context.t("议题", "Topic"), value: form?["title"], errors: errors, required: true))
                \(HTML.textarea("description", label: context.t("说明", "Description"), value: form?["description"], errors: errors))
                <button type="submit">\(context.t("提交", "Submit"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("红色议事厅", "Council hall"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
