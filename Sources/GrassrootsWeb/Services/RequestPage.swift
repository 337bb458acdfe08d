import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// A request's page: what and where, its clocks, the timeline, and the forms of the steps the viewer may take now.
struct RequestPage {
    let stores: Stores

    func render(_ id: Int, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let now = stores.context.clock()
        let r = try await stores.requests.request(id, scope: scope)
        let timeline = try await stores.requests.timeline(id, scope: scope)
        let clock = { (deadline: Date, done: Date?, overdue: Bool) -> HTML in
            "\(LocalTime.format(deadline))\(done.map { " · " + context.t("于 \(LocalTime.format($0)) 完成", "done \(LocalTime.format($0))") })\(if: overdue, " <span class=\"overdue\">\(context.t("超时", "Overdue"))</span>")"
        }
        var body = RequestRoutes.subnav(context, scope) + HTML.errorBox(errors)
        body += """
            <div class="card" id="request"><b id="request-status">\(r.status.label.text(lang))</b> · \(r.kind.label.text(lang)) · \
            \(r.categoryName)（\(r.timeClass.label.text(lang))）<br>
            \(context.t("地点", "Where"))：\(r.unitName)\(r.address.isEmpty ? "" : " · " + (r.address))<br>
            \(context.t("办理", "Handled by"))：\(r.handlerName)（\(r.level.label.text(lang))）\(r.summonsID.html { " · <a href=\"/summons/\($0)\">\(context.t("吹哨", "Summons")) #\($0)</a>" as HTML })<br>
            \(context.t("响应时限", "Respond by"))：\(clock(r.respondBy, r.respondedAt, r.respondOverdue(now: now)))<br>
            \(context.t("答复时限", "Answer by"))：\(clock(r.resolveBy, r.repliedAt, r.resolveOverdue(now: now)))<br>
            <p>\(r.description)</p>\(PhotoPicker.gallery(try await stores.photos.photos(kind: "request", recordID: id, scope: scope), context, back: "/requests/\(id)"))
            \(if: !r.statusNote.isEmpty, "<p class=\"notice\">\(context.t("答复", "Answer"))：\(r.statusNote)</p>")
            <p class="muted" id="request-public">\(r.listedPublicly ? context.t("公开列出（只显示所在小区或社区）", "Listed publicly (only the compound or community is shown)") : context.t("不公开", "Not listed publicly"))\
            \(r.publicReply.isEmpty ? "" : " · " + context.t("公开答复", "Public answer") + "：" + (r.publicReply))</p>
            \(r.satisfaction.html { "<p>\(context.t("居民评价", "Resident's verdict"))：\(r.solved == true ? context.t("已解决", "solved") : context.t("未解决", "not solved")) · \($0.label.text(lang))</p>" as HTML })
            \(r.flagReason.html { "<p class=\"muted\">\(context.t("不计满意度申请", "Exclusion"))：\($0.label.text(lang))（\(r.flagStatus)）\(r.flagNote)</p>" as HTML })
            </div>
            <h2>\(context.t("办理过程", "Timeline"))</h2>
            <ul class="work" id="timeline">\(timeline.map { "<li><b>\($0.action.label.text(lang))</b> \($0.actor) \($0.unitName) <small class=\"muted\">\(LocalTime.format($0.at))</small> \($0.note)</li>" as HTML }.joined())</ul>
            """
        body += MessageRoutes.list(try await stores.requests.messages(id, scope: scope), context)
        body += try await forms(r, scope, context, errors: errors)
        return HTML.response(Layout.page(title: context.t("诉求 #\(r.id)", "Request #\(r.id)"), context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The forms of the steps open to the viewer now.
    func forms(_ r: ServiceRequest, _ scope: Scope, _ context: AppContext, errors: [String: String]) async throws -> HTML {
        let lang = context.language
        let csrf = HTML.csrfField(context)
        var out = HTML()
        let ratingOptions = Satisfaction.allCases.map { ($0.rawValue, $0.label.text(lang)) }
        // The resident rates the answer; staff above the handler record the call-back's verdict on the same form.
        func feedback(_ heading: String) -> HTML {
            """
            <form method="post" action="/requests/\(r.id)/feedback" class="card" id="feedback-form">\(csrf)<h2>\(heading)</h2>
            \(HTML.select("solved", label: context.t("问题是否解决", "Was it solved?"), options: [("1", context.t("已解决", "Solved")), ("0", context.t("未解决", "Not solved"))], selected: nil, errors: errors,
                          prompt: context.t("请选择", "Choose…")))
            \(HTML.select("satisfaction", label: context.t("满意度", "Satisfaction"), options: ratingOptions, selected: nil, errors: errors, prompt: context.t("请选择", "Choose…")))
            \(HTML.field("comment", label: context.t("意见", "Comment"), value: nil, errors: errors))
            <button type="submit">\(context.t("提交评价", "Submit"))</button></form>
            """
        }
        if scope.role == .resident {
            if r.status == .replied { out += feedback(context.t("评价办理结果", "Rate the answer")) }
            if RequestAction.withdraw.allowed(from: r.status) {
                out += "<form method=\"post\" action=\"/requests/\(r.id)/withdraw\" class=\"inline\">\(csrf)<button type=\"submit\" class=\"secondary\">\(context.t("撤回诉求", "Withdraw"))</button></form>"
            }
            return out
        }
        let above = [.cityAdmin, .streetAdmin, .communityStaff].contains(scope.role) && r.handlerPath.hasPrefix(scope.path) && r.handlerPath != scope.path
        if above && r.status == .replied { out += feedback(context.t("电话回访结果", "Call-back verdict")) }
        if above && r.flagStatus == "pending" {
            out += """
                <form method="post" action="/requests/\(r.id)/flag-decision" class="card" id="flag-decision-form">\(csrf)<h2>\(context.t("审核不计满意度申请", "Decide the exclusion"))</h2>
                \(HTML.field("note", label: context.t("意见", "Note"), value: nil, errors: errors))
                <button type="submit" name="approve" value="1">\(context.t("同意", "Approve"))</button> <button type="submit" name="approve" value="0" class="secondary">\(context.t("不同意", "Refuse"))</button></form>
                """
        }
        guard scope.role.reportsFieldWork, scope.contains(r.handlerPath) else { return out }
        let steps: [RequestAction] = [.accept, .note, .reply, .escalate].filter { $0.allowed(from: r.status) }
        if !steps.isEmpty {
            let buttons: HTML = steps.map { "<button type=\"submit\" name=\"action\" value=\"\($0.rawValue)\">\($0.label.text(lang))</button>" as HTML }.joined(separator: " ")
            out += """
                <form method="post" action="/requests/\(r.id)/steps" class="card" id="step-form">\(csrf)<h2>\(context.t("办理", "Work on it"))</h2>
                \(HTML.textarea("note", label: context.t("答复或办理情况（答复居民时必填）", "Answer or progress (required to answer)"), value: nil, errors: errors, rows: 3))
                \(r.listedPublicly ? HTML.field("public_reply", label: context.t("公开答复（随答复一起，公众可见，勿写姓名门牌）", "Public answer (with a reply; anyone reads it, so no names or doors)"), value: nil, errors: errors) : "")
                \(buttons)</form>
                """
        }
        if RequestAction.dispatch.allowed(from: r.status), r.level == .city || r.level == .street || r.level == .community {
            let below = try await stores.units.units(of: [.street, .community, .grid], scope: Scope(path: r.handlerPath, role: scope.role, accountID: scope.accountID,
                                                                                                    username: scope.username)).filter { $0.id != r.handlerUnitID }
            if !below.isEmpty {
                out += """
                    <form method="post" action="/requests/\(r.id)/steps" class="card" id="dispatch-form">\(csrf)<input type="hidden" name="action" value="dispatch">
                    <h2>\(context.t("派单", "Dispatch"))</h2>\(HTML.select("unit_id", label: context.t("派往", "To"), options: CadreRoutes.unitOptions(below), selected: nil, errors: errors))
                    <button type="submit">\(context.t("派单", "Dispatch"))</button></form>
                    """
            }
        }
        if RequestAction.summon.allowed(from: r.status), scope.role.raisesSummons, r.summonsID == nil, r.level == .street || r.level == .community {
            let departments = try await stores.departments.departments()
            out += """
                <form method="post" action="/requests/\(r.id)/steps" class="card" id="summon-form">\(csrf)<input type="hidden" name="action" value="summon">
                <h2>\(context.t("吹哨职能部门", "Summon departments"))</h2><div class="checks">\(departments.map { "<label><input type=\"checkbox\" name=\"department_id\" value=\"\($0.id)\"> \($0.name)</label>" as HTML }.joined())</div>
                \(HTML.field("note", label: context.t("说明", "Note"), value: nil, errors: errors))
                <button type="submit">\(context.t("吹哨", "Summon"))</button></form>
                """
        }
        if RequestAction.flag.allowed(from: r.status), r.flagStatus != "pending", r.flagStatus != "approved" {
            out += """
                <form method="post" action="/requests/\(r.id)/flag" class="card" id="flag-form">\(csrf)<h2>\(context.t("申请不计满意度（上一级审核）", "Ask to exclude from satisfaction (decided one tier up)"))</h2>
                \(HTML.select("flag_reason", label: context.t("理由", "Reason"), options: FlagReason.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: nil, errors: errors))
                \(HTML.field("flag_note", label: context.t("说明", "Explanation"), value: nil, errors: errors))
                <button type="submit" class="secondary">\(context.t("提交申请", "Ask"))</button></form>
                """
        }
        return out
    }
}
