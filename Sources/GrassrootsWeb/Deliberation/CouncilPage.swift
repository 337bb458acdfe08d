import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// A topic's page: its record (comments, meetings, the vote, the resolution, progress), the vote's counts against
/// its quorum and majority, and the forms of the next steps.
struct CouncilPage {
    let stores: Stores

    /// The household a ballot is for, named as staff know it: a building of the topic's area, then the room (or the
    /// room typed after its compound and building, with no building picked).
    func roomFields(_ topic: Topic, errors: [String: String], _ context: AppContext) async throws -> HTML {
        let units = try await stores.units.units(of: [.compound, .building], under: topic.path, scope: try context.scope())
        let compounds = Dictionary(uniqueKeysWithValues: units.filter { $0.kind == .compound }.map { ($0.id, $0.name) })
        let buildings = units.filter { $0.kind == .building }.map { b in ("\(b.id)", [b.parentID.flatMap { compounds[$0] }, b.name].compactMap { $0 }.joined(separator: " ")) }
        return HTML.select("building_id", label: context.t("楼栋", "Building"), options: [("", context.t("（不选：在房号前写上小区和楼栋）", "(none: type the compound and building before the room)"))] + buildings,
                           selected: nil, errors: errors)
            + HTML.field("room", label: context.t("房号", "Room"), value: nil, errors: errors, attributes: " placeholder=\"1-102\"", required: true)
    }

    func render(_ id: Int, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let now = stores.context.clock()
        let (topic, posts, vote) = try await stores.council.topic(id, scope: scope)
        let csrf = HTML.csrfField(context)
        let record = posts.map { p -> HTML in
            let kind = ["comment": context.t("意见", "Comment"), "meeting": context.t("议事会议", "Meeting"), "vote": context.t("发起表决", "Vote opened"),
                        "resolution": context.t("决议公示", "Resolution"), "progress": context.t("落实进度", "Progress")][p.kind] ?? p.kind
            let extra = [p.heldAt.map { LocalTime.format($0) }, p.place, p.attendees.map { context.t("\($0)人参加", "\($0) attended") },
                         p.progress.map { "\($0)%" }].compactMap { $0 }.joined(separator: " · ")
            return "<li><b>\(kind)</b> \(p.author) <small class=\"muted\">\(LocalTime.format(p.at)) \(extra)</small><br>\(p.body)</li>"
        }.joined()
        var body = HTML.errorBox(errors) + """
            <p class="crumbs"><a href="/council">\(context.t("议事厅", "Council hall"))</a></p>
            <div class="card" id="topic"><b id="topic-status">\(topic.status.label.text(lang))</b> · \(topic.unitName) · \
            \(context.t("提出人", "Raised by")) \(topic.raisedBy)<p>\(topic.description)</p>
            \(topic.resolution.html { "<p class=\"notice\" id=\"resolution\">\(context.t("决议", "Resolution"))：\($0)<br><small>\(context.t("公示至", "On public notice until")) \(topic.publicityUntil.map(LocalTime.format) ?? "")</small></p>" as HTML })
            \(if: topic.status == .inProgress || topic.status == .done, "<p>\(context.t("落实进度", "Progress"))：\(HTML.bar(Double(topic.progress) / 100, noData: ""))</p>")</div>
            """
        if let vote {
            let c = vote.count
            body += """
                <div class="card" id="vote"><h2>\(context.t("表决", "Vote"))：\(vote.question)</h2>
                <p>\(vote.rule.label.text(lang)) · \(context.t("应参与 \(c.eligible)，已投 \(c.cast)（需达 \(c.quorumPercent)%）", "\(c.cast) of \(c.eligible) voted (quorum \(c.quorumPercent) %)")) \
                \(HTML.bar(c.eligible == 0 ? nil : Double(c.cast) / Double(c.eligible), noData: ""))</p>
                <p>\(context.t("同意 \(c.yes) · 反对 \(c.no) · 弃权 \(c.abstain)（同意须超过已投票的 \(c.majorityPercent)%）", "Yes \(c.yes) · No \(c.no) · Abstain \(c.abstain) (yes must exceed \(c.majorityPercent) % of ballots)"))</p>
                <p>\(vote.result.map { "<b id=\"vote-result\">\($0.label.text(lang))</b>" as HTML } ?? HTML(text: context.t("表决期至 \(LocalTime.format(vote.closesAt))", "Open until \(LocalTime.format(vote.closesAt))")))</p></div>
                """
        }
        body += "<h2>\(context.t("议事记录", "Record"))</h2><ul class=\"work\" id=\"record\">\(record)</ul>"
            + PhotoPicker.gallery(try await stores.photos.photos(kind: "council_minutes", recordID: id, scope: scope), context, back: "/council/\(id)")
        if [.discussion, .voting].contains(topic.status) && scope.role.takesPartInCouncil {
            body += "<form method=\"post\" action=\"/council/\(id)/comment\" class=\"card\" id=\"comment-form\">\(csrf)\(HTML.textarea("body", label: context.t("发表意见", "Comment"), value: nil, errors: errors, rows: 2))<button type=\"submit\">\(context.t("提交", "Submit"))</button></form>"
        }
        if let vote, vote.open(at: now) {
            let choices: HTML = BallotChoice.allCases.map { "<button type=\"submit\" name=\"choice\" value=\"\($0.rawValue)\">\($0.label.text(lang))</button>" as HTML }.joined(separator: " ")
            if scope.role == .resident && vote.rule == .households {
                body += "<form method=\"post\" action=\"/council/\(id)/ballot\" class=\"card\" id=\"ballot-form\">\(csrf)<h2>\(context.t("本户投票", "Vote for your household"))</h2>\(choices)</form>"
            } else if scope.role.keepsCouncil {
                let field = vote.rule == .households ? try await roomFields(topic, errors: errors, context)
                    : HTML.field("resident_id", label: context.t("居民编号", "Resident id"), value: nil, errors: errors, type: "number")
                body += "<form method=\"post\" action=\"/council/\(id)/ballot\" class=\"card\" id=\"ballot-form\">\(csrf)<h2>\(context.t("登记选票（会议或入户）", "Record a ballot (meeting or door to door)"))</h2>\(field)\(choices)</form>"
            }
        }
        guard scope.role.keepsCouncil else {
            return HTML.response(Layout.page(title: topic.title, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
        }
        if [.discussion, .voting].contains(topic.status) {
            body += """
                <form method="post" action="/council/\(id)/meeting" class="card" id="meeting-form" data-photos>\(csrf)<h2>\(context.t("记录议事会议", "Record a meeting"))</h2>
                \(HTML.field("held_at", label: context.t("时间", "When"), value: nil, errors: errors, type: "datetime-local"))
                \(HTML.field("place", label: context.t("地点", "Place"), value: nil, errors: errors))
                \(HTML.field("attendees", label: context.t("参会人数", "Attendance"), value: nil, errors: errors, type: "number"))
                \(HTML.textarea("minutes", label: context.t("会议记录", "Minutes"), value: nil, errors: errors))
                \(PhotoPicker.field(context))<button type="submit">\(context.t("保存", "Save"))</button></form>\(PhotoPicker.scripts(context))
                """
        }
        if topic.status == .discussion {
            body += """
                <form method="post" action="/council/\(id)/vote" class="card" id="vote-form">\(csrf)<h2>\(context.t("发起表决", "Put it to a vote"))</h2>
                \(HTML.field("question", label: context.t("表决事项", "Question"), value: topic.title, errors: errors))
                \(HTML.select("rule", label: context.t("表决规则", "Rule"), options: VoteRule.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors))
                \(HTML.field("quorum_percent", label: context.t("参与比例下限（%）", "Quorum (%)"), value: "50", errors: errors, type: "number"))
                \(HTML.field("majority_percent", label: context.t("同意票须超过（%）", "Yes must exceed (%)"), value: "50", errors: errors, type: "number"))
                \(HTML.field("days", label: context.t("表决天数", "Days open"), value: "7", errors: errors, type: "number"))
                <button type="submit">\(context.t("发起", "Open the vote"))</button></form>
                """
        }
        if let vote, vote.closedAt == nil {
            body += "<form method=\"post\" action=\"/council/\(id)/close\" class=\"inline\">\(csrf)<button type=\"submit\" class=\"secondary\">\(context.t("结束表决并计票", "Close and count"))</button></form>"
        }
        if topic.status == .voting, vote?.result == .passed {
            body += """
                <form method="post" action="/council/\(id)/publish" class="card" id="publish-form">\(csrf)<h2>\(context.t("公示决议", "Publish the resolution"))</h2>
                \(HTML.textarea("resolution", label: context.t("决议内容", "Resolution"), value: nil, errors: errors))
                \(HTML.field("days", label: context.t("公示天数", "Days on public notice"), value: "7", errors: errors, type: "number"))
                <button type="submit">\(context.t("公示", "Publish"))</button></form>
                """
        }
        if [.publicized, .inProgress].contains(topic.status), let until = topic.publicityUntil, now >= until {
            body += """
                <form method="post" action="/council/\(id)/progress" class="card" id="progress-form">\(csrf)<h2>\(context.t("报告落实进度", "Report progress"))</h2>
                \(HTML.field("progress", label: context.t("进度（%）", "Progress (%)"), value: "\(topic.progress)", errors: errors, type: "number"))
                \(HTML.field("note", label: context.t("落实情况", "What was done"), value: nil, errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: topic.title, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
