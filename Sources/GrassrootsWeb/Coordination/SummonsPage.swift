import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The page of one summons: what, where, how urgent; each called department with its clocks and the steps the
/// signed-in side may take now; the timeline of every step with who and when.
extension SummonsRoutes {
    func page(_ id: Int, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let summons = try await stores.summons.summons(id, scope: scope)
        let timeline = try await stores.summons.timeline(id, scope: scope)
        let now = stores.context.clock()
        let lang = context.language
        let names = Dictionary(summons.targets.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func due(_ date: Date?, late: Bool) -> HTML {
            guard let date else { return "—" }
            return "<span class=\"\(late ? "overdue" : "")\">\(LocalTime.format(date))</span>"
        }
        let targets = summons.targets.map { target -> HTML in
            let late = target.overdue(now: now)
            let pending = target.pendingRequest.map { request -> HTML in
                "<div class=\"tag\">\(request.label.text(lang))\(target.pendingUntil.html { "：\(LocalTime.format($0))" }) — \(target.pendingReason ?? "")</div>"
            } ?? ""
            return """
                <tr id="target-\(target.id)"><td>\(target.name)</td><td class="status">\(target.status.label.text(lang))\(pending)</td>
                <td>\(due(target.clocks?.respondDue, late: late.contains(.respond)))</td><td>\(due(target.clocks?.arriveDue, late: late.contains(.arrive)))</td>
                <td>\(due(target.clocks?.resolveDue, late: late.contains(.resolve)))</td>
                <td>\(late.isEmpty || !target.status.isActive ? "" : late.map { "<span class=\"overdue\">\($0.overdueLabel.text(lang))</span>" as HTML }.joined(separator: " "))</td></tr>
                \(summons.status == .open ? actions(summons, target, scope: scope, context) : "")
                """
        }.joined()
        let evidence = try await stores.photos.photos(kind: "summons_step", recordIDs: timeline.map(\.id), scope: scope)
        let events = timeline.map { e -> HTML in
            """
            <li><small class="muted">\(LocalTime.format(e.at))</small> <span class="tag">\(e.side.label.text(lang))</span>
            <b>\(e.username)</b> \(SummonsAction(rawValue: e.action)?.label.text(lang) ?? Self.stepLabel(e.action, context))\
            \(e.targetID.flatMap { names[$0] }.html { "（\($0)）" })\(e.note.isEmpty ? "" : "：\(e.note)")\(PhotoPicker.gallery(evidence[e.id] ?? [], context, back: "/summons/\(id)"))</li>
            """
        }.joined()
        var decide = HTML()
        if summons.status == .pendingStreet, scope.role.decidesForStreet {
            decide = """
                <form method="post" action="/summons/\(id)/decide" class="card" id="decide-form">\(HTML.csrfField(context))
                \(HTML.field("note", label: context.t("意见（不同意时必填）", "Note (required to decline)"), value: nil, errors: errors))
                <button type="submit" name="send" value="1">\(context.t("同意并吹哨", "Send to the departments"))</button>
                <button type="submit" name="send" value="0" class="secondary">\(context.t("不同意", "Decline"))</button></form>
                """
        }
        let body: HTML = """
            <p><a href="/summons">← \(context.t("吹哨报到", "Summons"))</a></p>
            \(HTML.errorBox(errors))
            <div class="card"><p><span class="tag">\(summons.urgency.label.text(lang))</span><span class="tag">\(summons.matter.label.text(lang))</span>
            <b id="summons-status">\(summons.status.label.text(lang))</b></p>
            <p>\(context.t("事发单元", "Where"))：\(summons.unitName)（\(summons.streetName)）· \(context.t("发起", "Raised by")) \(summons.createdBy)
             \(LocalTime.format(summons.createdAt))</p><p>\(summons.description)</p></div>
            \(decide)
            <h2>\(context.t("被呼叫部门与时限", "Called departments and their clocks"))</h2>
            <table id="targets"><tr><th>\(context.t("部门/机构", "Department / station"))</th><th>\(context.t("状态", "Status"))</th><th>\(context.t("响应时限", "Respond by"))</th>
            <th>\(context.t("到场时限", "Arrive by"))</th><th>\(context.t("办结时限", "Resolve by"))</th><th></th></tr>\(targets)</table>
            <p class="muted">\(context.t("事不完、人不撤：部门申请办结后由街道核实办结；延期和退回须经街道同意。", "A department asks for closure; only the street verifies and closes, and grants extensions and returns."))</p>
            <h2>\(context.t("处置时间线", "Timeline"))</h2><ul id="timeline" class="work">\(events)</ul>\(PhotoPicker.scripts(context))
            """
        return HTML.response(Layout.page(title: summons.title, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The steps the signed-in side may take on this department's part now, as one small form.
    func actions(_ summons: Summons, _ target: SummonsTarget, scope: Scope, _ context: AppContext) -> HTML {
        guard let side = SummonsStore.actingSide(scope, target: target, summons: summons) else { return "" }
        let allowed = SummonsAction.allCases.filter {
            $0.side == side && (try? $0.next(from: target.status, pending: target.pendingRequest, arrivedBefore: target.arrivedAt != nil)) != nil
        }
        guard !allowed.isEmpty else { return "" }
        let buttons: HTML = allowed.map { "<button type=\"submit\" name=\"action\" value=\"\($0.rawValue)\"\(if: $0 == .reopen || $0 == .denyRequest, " class=\"secondary\"")>\($0.label.text(context.language))</button>" as HTML }
            .joined(separator: " ")
        let extensionField = allowed.contains(.requestExtension)
            ? "<label class=\"field\"><span>\(context.t("申请延期至（仅申请延期时填写）", "Extend to (only when asking for an extension)"))</span><input type=\"datetime-local\" name=\"until\"></label>" : ""
        return """
            <tr class="actions"><td colspan="6"><form method="post" action="/summons/\(summons.id)/targets/\(target.id)" class="target-actions" data-photos>\(HTML.csrfField(context))
            <label class="field"><span>\(context.t("说明（处置情况、结果或理由）", "Note (what was done, the result or the reason)"))</span><input type="text" name="note"></label>
            \(extensionField)\(PhotoPicker.field(context))\(buttons)</form></td></tr>
            """
    }

    static func stepLabel(_ action: String, _ context: AppContext) -> String {
        switch action {
        case "raise": context.t("发起吹哨", "raised the summons")
        case "send": context.t("街道同意并吹哨", "sent it to the departments")
        case "decline": context.t("街道不同意", "declined it")
        default: action
        }
    }
}
