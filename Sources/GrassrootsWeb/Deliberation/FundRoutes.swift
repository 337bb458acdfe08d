import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The community development fund: the public account of each community (no sign-in, phone-friendly, CSV), and the
/// staff's ledger with the forms that record and reverse entries.
struct FundRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/fund", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.auditor], .unitInScope))) { request, context in try await staff(request.uri.queryParameters.get("community"), context, form: nil, errors: [:]) }
        router.post("/fund/entries", .signedIn(\.keepsCouncil, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            let community = form["community_id"]
            do {
                let entry = try await stores.fund.record(communityID: Int(community ?? "") ?? 0, kind: form["kind"] ?? "", amount: form["amount"] ?? "",
                                                         party: form["party"] ?? "", topicID: Int(form["topic_id"] ?? ""), project: form["project"] ?? "",
                                                         memo: form["memo"] ?? "", scope: try context.scope())
                // Entries are never edited: a mistake is put right by reversing it, from the entry's own row.
                let amount = Money.text(entry.amountFen), location = "/fund?community=\(community ?? "")"
                return HTML.redirect(location + "#entry-\(entry.id)", flash: Bilingual("已记账：\(entry.kind.label.zh) \(amount) 元", "Recorded: \(entry.kind.label.en) \(amount) yuan"),
                                     undo: Flash.Undo(path: location + "#entry-\(entry.id)", label: Bilingual("记错了？去冲销", "A mistake? Reverse it")))
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await staff(community, context, form: form, errors: errors)
            }
        }
        router.post("/fund/entries/:id/reverse", .signedIn(\.keepsCouncil, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            let community = form["community_id"]
            return try await FormErrors.submit(context, redirect: "/fund?community=\(community ?? "")", {
                _ = try await stores.fund.reverse(try context.parameters.require("id", as: Int.self), memo: form["memo"] ?? "", scope: try context.scope())
            }, page: { try await staff(community, context, form: nil, errors: $0) })
        }
        router.get("/fund/:code", .anyone(.published)) { request, context in
            let ledger = try await stores.fund.ledger(code: try context.parameters.require("code"))
            if request.uri.queryParameters.get("format") == "csv" { return HTML.csv(Self.csv(ledger, context.language), filename: "fund-\(ledger.communityCode ?? "").csv") }
            return HTML.response(Layout.page(title: context.t("\(ledger.communityName) · 社区发展基金", "\(ledger.communityName) · community fund"), context: context,
                                             body: Self.account(ledger, context, reversible: false)))
        }
    }

    func staff(_ raw: String?, _ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        guard scope.role.keepsCouncil || scope.role == .auditor else { throw AccessDenied() }
        let lang = context.language
        let communities = try await stores.units.units(of: [.community], scope: scope)
        guard let community = communities.first(where: { "\($0.id)" == raw }) ?? communities.first, let code = community.code else {
            return HTML.response(Layout.page(title: context.t("社区发展基金", "Community fund"), context: context, body: "<p class=\"nodata\">\(context.t("范围内没有社区", "No community in your scope"))</p>"))
        }
        let ledger = try await stores.fund.ledger(code: code)
        let topics = try await stores.council.topics(scope: Scope(path: community.path, role: .communityStaff, accountID: 0, username: ""))
            .filter { [.publicized, .inProgress, .done].contains($0.status) }
        let picker: HTML = communities.count > 1 ? """
            <form method="get" action="/fund" class="inline">\(HTML.select("community", label: context.t("社区", "Community"), options: communities.map { ("\($0.id)", $0.name) }, selected: "\(community.id)", errors: [:]))\
            <button type="submit">\(context.t("查看", "Show"))</button></form>
            """ : ""
        var body: HTML = HTML.errorBox(errors) + picker + "<p><a href=\"/fund/\(code)\">\(context.t("公开页面（无需登录）", "Public page (no sign-in)"))</a></p>"
        body += Self.account(ledger, context, reversible: scope.role.keepsCouncil)
        if scope.role.keepsCouncil {
            body += """
                <form method="post" action="/fund/entries" class="card" id="fund-form">\(HTML.csrfField(context))<input type="hidden" name="community_id" value="\(community.id)">
                <h2>\(context.t("记账", "Record an entry"))</h2>
                \(HTML.select("kind", label: context.t("类型", "Kind"), options: [FundEntryKind.donation, .grant, .disbursement].map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["kind"], errors: errors))
                \(HTML.field("amount", label: context.t("金额（元）", "Amount (yuan)"), value: form?["amount"], errors: errors, required: true))
                \(HTML.field("party", label: context.t("捐赠方/拨款方/收款方", "From / paid to"), value: form?["party"], errors: errors, required: true))
                \(HTML.select("topic_id", label: context.t("支出依据的议事决议", "Resolution behind a disbursement"), options: [("", "—")] + topics.map { ("\($0.id)", $0.title) }, selected: form?["topic_id"], errors: errors))
                \(HTML.field("project", label: context.t("或项目名称", "Or the project"), value: form?["project"], errors: errors))
                \(HTML.field("memo", label: context.t("说明", "Memo"), value: form?["memo"], errors: errors))
                <button type="submit">\(context.t("记账", "Record"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("社区发展基金", "Community fund"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The account: totals and every entry with the balance it left; with `reversible`, a reverse form per entry.
    static func account(_ ledger: FundLedger, _ context: AppContext, reversible: Bool) -> HTML {
        let lang = context.language
        let rows = ledger.entries.reversed().map { e -> HTML in
            let basis: HTML = e.topicTitle.map { "<a href=\"/council/\(e.topicID!)\">\($0)</a>" as HTML } ?? HTML(text: e.project ?? "")
            let reverse: HTML = reversible && e.kind != .reversal && e.reversedBy == nil ? """
                <form method="post" action="/fund/entries/\(e.id)/reverse" class="inline">\(HTML.csrfField(context))<input type="hidden" name="community_id" value="\(ledger.communityID)">\
                <input name="memo" placeholder="\(context.t("冲销原因", "Why"))" aria-label="memo" class="w7"> <button type="submit" class="secondary">\(context.t("冲销", "Reverse"))</button></form>
                """ : e.reversedBy.map { _ -> HTML in "<span class=\"tag\">\(context.t("已冲销", "Reversed"))</span>" } ?? ""
            return """
                <tr id="entry-\(e.id)"><td>\(LocalTime.format(e.createdAt))</td><td>\(e.kind.label.text(lang))</td><td>\(e.party)</td>\
                <td class="num">\(e.direction > 0 ? "+" : "−")\(Money.text(e.amountFen))</td><td class="num">\(Money.text(e.balanceAfterFen))</td>\
                <td class="hide-phone">\(basis) \(e.memo)</td><td>\(reverse)</td></tr>
                """
        }.joined()
        return """
            <div class="grid" id="fund-totals"><div class="stat"><b>\(Money.text(ledger.incomeFen))</b>\(context.t("累计收入（元）", "Income (yuan)"))</div>\
            <div class="stat"><b>\(Money.text(ledger.spendingFen))</b>\(context.t("累计支出（元）", "Spending (yuan)"))</div>\
            <div class="stat"><b id="fund-balance">\(Money.text(ledger.balanceFen))</b>\(context.t("余额（元）", "Balance (yuan)"))</div></div>
            <p class="muted">\(context.t("每笔记录只增不改，差错以冲销记录更正；每笔支出对应议事决议或项目。", "Entries are never edited: mistakes are reversed; every disbursement names a resolution or project.")) \
            <a href="/fund/\(ledger.communityCode ?? "")?format=csv">\(context.t("导出 CSV", "Export CSV"))</a></p>
            <div class="scroll-x"><table id="fund-entries"><tr><th>\(context.t("时间", "When"))</th><th>\(context.t("类型", "Kind"))</th><th>\(context.t("对方", "Party"))</th>\
            <th class="num">\(context.t("金额", "Amount"))</th><th class="num">\(context.t("余额", "Balance"))</th><th class="hide-phone">\(context.t("依据/说明", "Basis / memo"))</th><th></th></tr>\(rows)</table></div>
            """
    }

    static func csv(_ ledger: FundLedger, _ language: Language) -> Data {
        let t = { (zh: String, en: String) in language == .zh ? zh : en }
        let rows = ledger.entries.map { e in
            [String(e.id), LocalTime.format(e.createdAt), e.kind.label.text(language), e.party, (e.direction > 0 ? "" : "-") + Money.text(e.amountFen).replacingOccurrences(of: ",", with: ""),
             Money.text(e.balanceAfterFen).replacingOccurrences(of: ",", with: ""), e.topicTitle ?? e.project ?? "", e.reversesID.map(String.init) ?? "", e.memo]
        }
        return CSV.document(header: [t("编号", "No."), t("时间", "When"), t("类型", "Kind"), t("对方", "Party"), t("金额（元）", "Amount (yuan)"),
                                     t("余额（元）", "Balance (yuan)"), t("依据", "Basis"), t("冲销编号", "Reverses"), t("说明", "Memo")], rows: rows)
    }
}
