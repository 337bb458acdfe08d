import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The online community: each community's public page (service information, grid workers, notices; no sign-in), the
/// notices list with the publishing form, a notice's page (residents confirm; staff see who has not), and the API.
struct NoticeRoutes {
    let stores: Stores

    struct NoticeBody: Decodable { let unitId: Int; let title: String; let body: String; let askAck: Bool?; let textHouseholds: Bool? }
    struct Unread: Encodable { let building: String; let room: String }

    func register(_ router: Routes) {
        router.get("/community/:code", .anyone(.published)) { _, context in try await publicPage(try context.parameters.require("code"), context) }
        router.get("/notices", .signedIn(.unitInScope)) { _, context in try await list(context, form: nil, errors: [:]) }
        router.post("/notices", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/notices", {
                _ = try await stores.notices.publish(unitID: Int(form["unit_id"] ?? "") ?? 0, title: form["title"] ?? "", body: form["body"] ?? "",
                                                     askAck: form["ask_ack"] == "1", text: form["text_households"] == "1", scope: try context.scope())
            }, page: { try await list(context, form: form, errors: $0) })
        }
        router.post("/notices/service-info", .signedIn(\.keepsCouncil, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            return try await FormErrors.submit(context, redirect: "/notices", {
                try await stores.notices.setServiceInfo(communityID: Int(form["community_id"] ?? "") ?? 0, openingHours: form["opening_hours"] ?? "",
                                                        onlineMatters: form["online_matters"] ?? "", phone: form["phone"] ?? "", address: form["address"] ?? "", scope: try context.scope())
            }, page: { try await list(context, form: form, errors: $0) })
        }
        router.get("/notices/:id", .signedIn(.unitInScope)) { _, context in try await notice(try context.parameters.require("id", as: Int.self), context) }
        router.post("/notices/:id/resend-texts", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            _ = try await Form.read(request, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            let count = try await stores.notices.resendTexts(id, scope: try context.scope())
            return HTML.redirect("/notices/\(id)", flash: Bilingual("已重新发送 \(count) 条短信", "\(count) texts sent again"))
        }
        router.post("/notices/:id/ack", .signedIn([.resident], .ownHousehold)) { request, context in
            _ = try await Form.read(request, context: context)
            let id = try context.parameters.require("id", as: Int.self)
            _ = try await stores.notices.acknowledge(id, scope: try context.scope())
            return HTML.redirect("/notices/\(id)")
        }
        let api = router.group("/api/v1")
        api.get("communities/:code", .anyone(.published)) { _, context in JSONBody.response(try await stores.notices.page(code: try context.parameters.require("code"))) }
        api.get("notices", .signedIn(.unitInScope)) { _, context in JSONBody.response(try await stores.notices.notices(scope: try context.scope())) }
        api.post("notices", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(NoticeBody.self, from: request, context: context)
            return JSONBody.response(try await stores.notices.publish(unitID: b.unitId, title: b.title, body: b.body, askAck: b.askAck ?? false,
                                                                                     text: b.textHouseholds ?? false, scope: scope), status: .created)
        }
        api.post("notices/:id/ack", .signedIn([.resident], .ownHousehold)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            return JSONBody.response(try await stores.notices.acknowledge(try context.parameters.require("id", as: Int.self), scope: scope))
        }
        api.get("notices/:id/unread", .signedIn(\.reportsFieldWork, .unitInScope)) { _, context in
            JSONBody.response(try await stores.notices.unread(try context.parameters.require("id", as: Int.self), scope: try context.scope()).map { Unread(building: $0.building, room: $0.room) })
        }
    }

    func publicPage(_ code: String, _ context: AppContext) async throws -> Response {
        let page = try await stores.notices.page(code: code)
        let info = page.info.map { i -> HTML in
            """
            <div class="card" id="service-info"><b>\(context.t("社区党群服务中心", "Community service centre"))</b><br>\(context.t("开放时间", "Open"))：\(i.openingHours)<br>\
            \(context.t("电话", "Phone"))：\(i.phone) · \(i.address)<p>\(context.t("网上可办", "Online"))：\(i.onlineMatters)</p></div>
            """
        } ?? "<p class=\"nodata\">\(context.t("服务信息尚未填写", "No service information yet"))</p>"
        let grids: HTML = page.gridWorkers.map { "<tr><td>\($0.grid)</td><td>\(if: $0.names.isEmpty, "<span class=\"overdue\">\(context.t("暂缺", "none"))</span>", else: HTML(text: $0.names.joined(separator: "、")))</td></tr>" as HTML }.joined()
        let body = info + """
            <p><a href="/fund/\(code)">\(context.t("社区发展基金公开账目", "Community fund account"))</a> · <a href="/requests/new">\(context.t("提出诉求", "Raise a request"))</a></p>
            <h2>\(context.t("通知公告", "Notices"))</h2>\(Self.items(page.notices, context, links: true))
            <h2>\(context.t("网格员", "Grid workers"))</h2><table id="grid-workers">\(grids)</table>
            """
        return HTML.response(Layout.page(title: page.communityName, context: context, body: body))
    }

    func list(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let notices = try await stores.notices.notices(scope: scope)
        var body = HTML.errorBox(errors) + Self.items(notices, context, links: true)
        if scope.role.reportsFieldWork {
            let places = CadreRoutes.unitOptions(try await stores.units.units(of: [.community, .grid, .compound], scope: scope))
            body += """
                <form method="post" action="/notices" class="card" id="notice-form">\(HTML.csrfField(context))<h2>\(context.t("发布通知", "Publish a notice"))</h2>
                \(HTML.select("unit_id", label: context.t("发往", "To"), options: places, selected: form?["unit_id"], errors: errors))
                \(HTML.field("title", label: context.t("标题", "Title"), value: form?["title"], errors: errors, required: true))
                \(HTML.textarea("body", label: context.t("内容", "Text"), value: form?["body"], errors: errors))
                <label class="checks"><label><input type="checkbox" name="ask_ack" value="1"> \(context.t("要求居民确认已读", "Ask households to confirm they have read it"))</label>\
                <label><input type="checkbox" name="text_households" value="1"> \(context.t("同时短信通知各户（夜间顺延至早8点）", "Also text every household (held overnight until 8:00)"))</label></label>
                <button type="submit">\(context.t("发布", "Publish"))</button></form>
                """
        }
        if scope.role.keepsCouncil {
            let communities = try await stores.units.units(of: [.community], scope: scope)
            body += """
                <form method="post" action="/notices/service-info" class="card" id="service-info-form">\(HTML.csrfField(context))<h2>\(context.t("社区服务信息", "Service information"))</h2>
                \(HTML.select("community_id", label: context.t("社区", "Community"), options: communities.map { ("\($0.id)", $0.name) }, selected: form?["community_id"], errors: errors))
                \(HTML.field("opening_hours", label: context.t("开放时间", "Opening hours"), value: form?["opening_hours"], errors: errors, required: true))
                \(HTML.textarea("online_matters", label: context.t("网上可办事项", "Matters done online"), value: form?["online_matters"], errors: errors, rows: 3))
                \(HTML.field("phone", label: context.t("电话", "Phone"), value: form?["phone"], errors: errors))
                \(HTML.field("address", label: context.t("地址", "Address"), value: form?["address"], errors: errors))
                <button type="submit">\(context.t("保存", "Save"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: context.t("通知公告", "Notices"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func notice(_ id: Int, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        guard let notice = try await stores.notices.notices(scope: scope).first(where: { $0.id == id }) else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的通知", "No notice \(id) for you"))
        }
        var body = Self.items([notice], context, links: false)
        if scope.role == .resident && notice.askAck {
            body += "<form method=\"post\" action=\"/notices/\(id)/ack\" id=\"ack-form\">\(HTML.csrfField(context))<button type=\"submit\">\(context.t("我已阅读", "I have read it"))</button></form>"
        }
        if scope.role.reportsFieldWork && notice.askAck {
            let unread = try await stores.notices.unread(id, scope: scope)
            body += """
                <h2>\(context.t("尚未确认的住户（\(unread.count)）", "Households yet to confirm (\(unread.count))"))</h2>
                <table id="unread">\(unread.map { "<tr><td>\($0.building)</td><td>\($0.room)</td></tr>" as HTML }.joined())</table>
                """
        }
        if scope.role.reportsFieldWork, let texts = try await stores.notices.texts(id, scope: scope) {
            body += MessageRoutes.summary(texts.counts, texts.failed, resend: "/notices/\(id)/resend-texts", context)
        }
        return HTML.response(Layout.page(title: notice.title, context: context, body: body))
    }

    /// Notices as a list: where from, when, the text, and — when confirmation is asked — how many households have.
    static func items(_ notices: [Notice], _ context: AppContext, links: Bool) -> HTML {
        guard !notices.isEmpty else { return "<p class=\"nodata\">\(context.t("暂无通知", "No notices"))</p>" }
        return "<ul class=\"work\" id=\"notices\">" + notices.map { n -> HTML in
            let title: HTML = links ? "<a href=\"/notices/\(n.id)\">\(n.title)</a>" : "<b>\(n.title)</b>"
            let acks: HTML = n.askAck ? " \(HTML.bar(n.households == 0 ? nil : Double(n.acknowledged) / Double(n.households), width: 60, noData: "")) <small>\(context.t("已读 \(n.acknowledged)/\(n.households) 户", "\(n.acknowledged)/\(n.households) households read"))</small>" : ""
            return "<li>\(title)<small class=\"muted\">\(n.unitName) · \(LocalTime.format(n.publishedAt))</small>\(acks)<div class=\"full-row\">\(n.body)</div></li>"
        }.joined() + "</ul>"
    }
}
