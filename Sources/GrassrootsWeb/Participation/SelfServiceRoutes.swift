import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The phone-first self-service pages (我的报到) for party members, unit liaisons and residents: register, see upcoming
/// events and sign up, record own hours for the community to confirm; an event's page (attendance for staff); the
/// iCalendar feed of a community's events; the printable quarterly service card; the year-end two-way scores.
struct SelfServiceRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/me", .signedIn([.cityAdmin, .streetAdmin, .communityStaff, .gridWorker, .departmentOfficer, .auditor], .unitInScope).or(.signedIn([.unitLiaison, .partyMember], .ownRegistration)).or(.signedIn([.resident], .ownHousehold))) { _, context in try await me(context, form: nil, errors: [:]) }
        router.post("/me/:action", .signedIn([.partyMember], .ownRegistration).or(.signedIn(\.keepsCouncil, .unitInScope))) { request, context in
            let form = try await Form.read(request, context: context)
            let action = try context.parameters.require("action")
            return try await FormErrors.submit(context, redirect: "/me", {
                let scope = try context.scope()
                switch action {
                case "member":
                    _ = try await stores.registrations.registerMember(name: form["name"] ?? "", employer: form["employer"] ?? "", employerPartyOrg: form["employer_party_org"] ?? "",
                                                                      communityID: Int(form["community_id"] ?? "") ?? 0, posts: form.all("posts"), scope: scope)
                case "hours":
                    let own = try await stores.registrations.members(scope: scope).first
                    _ = try await stores.hours.record(memberID: own?.id, memberUnitID: nil, eventID: Int(form["event_id"] ?? ""), needID: Int(form["need_id"] ?? ""),
                                                      servedOn: form["served_on"] ?? "", hours: Double(form["hours"] ?? "") ?? 0, description: form["description"] ?? "", scope: scope)
                default: throw HTTPError(.notFound)
                }
            }, page: { try await me(context, form: form, errors: $0) })
        }
        router.get("/events/:id", .signedIn([.cityAdmin, .streetAdmin, .communityStaff, .gridWorker, .departmentOfficer, .auditor], .unitInScope).or(.signedIn([.unitLiaison, .partyMember], .ownRegistration)).or(.signedIn([.resident], .ownHousehold))) { _, context in try await event(try context.parameters.require("id", as: Int.self), context, errors: [:]) }
        router.post("/events/:id/:action", .signedIn([.cityAdmin, .streetAdmin, .communityStaff, .gridWorker, .departmentOfficer], .unitInScope).or(.signedIn([.unitLiaison, .partyMember], .ownRegistration)).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let form = try await Form.read(request, context: context)
            let action = try context.parameters.require("action")
            return try await FormErrors.submit(context, redirect: "/events/\(id)", {
                let scope = try context.scope()
                if action == "signup" { _ = try await stores.events.signUp(id, name: form["name"] ?? "", scope: scope) }
                else { try await stores.events.markAttendance(id, attended: Set(form.all("attended").compactMap { Int($0) }), scope: scope) }
            }, page: { try await event(id, context, errors: $0) })
        }
        router.get("/community/:code/events.ics", .anyone(.published)) { _, context in
            let page = try await stores.notices.page(code: try context.parameters.require("code"))
            let community = try await stores.units.unit(code: page.code, scope: .system)
            let events = try await stores.events.events(under: community.path).map {
                CalendarEvent(uid: "event-\($0.id)@grassroots", start: $0.startsAt, end: $0.endsAt, summary: $0.title, description: "\($0.kind.label.zh)。\($0.description)",
                              location: $0.place, updated: $0.updatedAt)
            }
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "inline; filename=\"events-\(page.code).ics\""],
                            body: .init(byteBuffer: ByteBuffer(string: ICalendar.document(name: page.communityName + "活动", events: events))))
        }
        router.get("/participation/card/:id", .signedIn([.partyMember], .ownRegistration).or(.signedIn([.cityAdmin, .streetAdmin, .communityStaff, .gridWorker, .departmentOfficer, .unitLiaison, .resident, .auditor], .unitInScope))) { request, context in
            let card = try await stores.hours.card(memberID: try context.parameters.require("id", as: Int.self),
                                                   period: request.uri.queryParameters.get("period") ?? Period.quarter(of: stores.context.clock()).code, scope: try context.scope())
            if request.uri.queryParameters.get("format") == "csv" {
                let rows = card.records.map { [$0.servedOn, $0.activity, Hours.text($0.hours), $0.description] }
                return HTML.csv(CSV.document(header: [context.t("日期", "Date"), context.t("活动或项目", "Event or project"), context.t("时长", "Hours"), context.t("内容", "What")],
                                             rows: rows + [["", context.t("合计", "Total"), Hours.text(card.hours), ""]]), filename: "service-card-\(card.period).csv")
            }
            return HTML.response(Layout.page(title: context.t("在职党员社区服务卡", "Community service card"), context: context, body: Self.card(card, context)))
        }
        router.get("/participation/scores", .signedIn(.unitInScope)) { request, context in
            let year = Int(request.uri.queryParameters.get("year") ?? "") ?? Int(Period.year(of: stores.context.clock()).code)!
            let scores = try await stores.hours.scores(year: year, scope: try context.scope())
            let rows: HTML = scores.map { "<tr><td>\($0.unit)</td><td class=\"num\">\(Hours.text($0.hours))</td><td>\($0.byCommunity.map { String(repeating: "★", count: $0) } ?? "—")</td><td>\($0.byUnit.map { String(repeating: "★", count: $0) } ?? "—")</td></tr>" as HTML }.joined()
            let body: HTML = """
                <p class="muted">\(context.t("社区为报到单位评分、单位为社区评分（1–5星），附全年经确认的服务时长，可作为单位绩效考核依据。", "The community rates each unit and each unit rates the community (1–5 stars), beside the year's confirmed hours."))</p>
                <table id="scores"><tr><th>\(context.t("单位", "Unit"))</th><th class="num">\(context.t("\(year)年服务时长", "Hours in \(year)"))</th><th>\(context.t("社区评单位", "Community → unit"))</th><th>\(context.t("单位评社区", "Unit → community"))</th></tr>\(rows)</table>
                """
            return HTML.response(Layout.page(title: context.t("\(year)年双向评分", "Two-way scores \(year)"), context: context, body: body))
        }
    }

    func me(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        let lang = context.language
        let now = stores.context.clock()
        let events = try await stores.events.events(under: scope.path).filter { $0.endsAt > now }.reversed()
        var body = HTML.errorBox(errors)
        body += "<h2>\(context.t("近期活动", "Coming events"))</h2>" + (events.isEmpty ? "<p class=\"nodata\">\(context.t("暂无", "None"))</p>" : "<ul class=\"work\" id=\"coming-events\">" + events.map {
            "<li><a href=\"/events/\($0.id)\">\($0.title)</a><small class=\"muted\">\($0.kind.label.text(lang)) · \(LocalTime.format($0.startsAt)) · \($0.signedUp)/\($0.capacity)</small></li>" as HTML
        }.joined() + "</ul>")
        if scope.role == .partyMember {
            if let own = try await stores.registrations.members(scope: scope).first {
                let hours = try await stores.hours.list(scope: scope)
                let attended = try await stores.events.events(under: own.path).filter { $0.startsAt <= now }
                body += """
                    <div class="card" id="my-registration"><b>\(own.status.label.text(lang))</b> · \(own.communityName) \(own.gridName ?? "") \(own.compoundName ?? "")<br>
                    \(own.posts.map { ($0.label.text(lang)) }.joined(separator: "、")) · <a href="/participation/card/\(own.id)">\(context.t("本季度服务卡", "This quarter's card"))</a></div>
                    <h2>\(context.t("我的服务时长", "My hours"))</h2><table id="my-hours">\(hours.map { "<tr><td>\($0.servedOn)</td><td>\($0.activity)</td><td class=\"num\">\(Hours.text($0.hours))</td><td>\($0.status.label.text(lang))</td></tr>" as HTML }.joined())</table>
                    """
                if own.status == .approved {
                    body += """
                        <form method="post" action="/me/hours" class="card" id="my-hours-form">\(HTML.csrfField(context))<h2>\(context.t("登记服务（待社区确认）", "Record service (the community confirms)"))</h2>
                        \(HTML.select("event_id", label: context.t("参加的活动", "Event attended"), options: [("", "—")] + attended.map { ("\($0.id)", $0.title) }, selected: form?["event_id"], errors: errors))
                        \(HTML.field("served_on", label: context.t("日期", "Date"), value: form?["served_on"], errors: errors, type: "date"))
                        \(HTML.field("hours", label: context.t("时长（小时）", "Hours"), value: form?["hours"], errors: errors, type: "number"))
                        \(HTML.field("description", label: context.t("服务内容", "What you did"), value: form?["description"], errors: errors))
                        <button type="submit">\(context.t("提交", "Submit"))</button></form>
                        """
                }
            } else {
                let communities = try await stores.units.units(of: [.community], scope: scope)
                body += """
                    <form method="post" action="/me/member" class="card" id="member-form">\(HTML.csrfField(context))<h2>\(context.t("在职党员到居住地社区报到", "Register at your residence community"))</h2>
                    \(HTML.field("name", label: context.t("姓名", "Name"), value: form?["name"], errors: errors, required: true))
                    \(HTML.field("employer", label: context.t("工作单位", "Employer"), value: form?["employer"], errors: errors, required: true))
                    \(HTML.field("employer_party_org", label: context.t("所在党组织", "Party organization at work"), value: form?["employer_party_org"], errors: errors, required: true))
                    \(HTML.select("community_id", label: context.t("居住地社区", "Residence community"), options: communities.map { ("\($0.id)", $0.name) }, selected: form?["community_id"], errors: errors))
                    <fieldset class="checks\(errors["posts"] == nil ? "" : " invalid")"><legend>\(context.t("服务岗位", "Service posts"))</legend>\(ServicePost.allCases.map { "<label><input type=\"checkbox\" name=\"posts\" value=\"\($0.rawValue)\"> \($0.label.text(lang))</label>" as HTML }.joined())\
                    \(errors["posts"].html { "<em class=\"msg\">\($0)</em>" as HTML })</fieldset>
                    <button type="submit">\(context.t("报到", "Register"))</button></form>
                    """
            }
        }
        return HTML.response(Layout.page(title: context.t("我的报到与活动", "My participation"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func event(_ id: Int, _ context: AppContext, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        guard let event = try await stores.events.events(under: scope.path).first(where: { $0.id == id }) else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的活动", "No event \(id) for you"))
        }
        var body = HTML.errorBox(errors) + """
            <div class="card" id="event"><b>\(event.kind.label.text(context.language))</b> · \(LocalTime.format(event.startsAt)) – \(LocalTime.format(event.endsAt)) · \(event.place)<br>
            \(context.t("名额", "Places"))：<b id="event-places">\(event.signedUp)/\(event.capacity)</b><p>\(event.description)</p></div>
            """
        if event.startsAt > stores.context.clock() && event.signedUp < event.capacity && !scope.role.keepsCouncil {
            body += """
                <form method="post" action="/events/\(id)/signup" class="card" id="signup-form">\(HTML.csrfField(context))\
                \(HTML.field("name", label: context.t("姓名", "Name"), value: nil, errors: errors, required: true))<button type="submit">\(context.t("报名", "Sign up"))</button></form>
                """
        }
        if scope.role.keepsCouncil {
            let signups = try await stores.events.signups(id, scope: scope)
            body += """
                <form method="post" action="/events/\(id)/attendance" class="card" id="attendance-form">\(HTML.csrfField(context))<h2>\(context.t("报名与到场", "Sign-ups and attendance"))</h2>
                <div class="checks">\(signups.map { "<label><input type=\"checkbox\" name=\"attended\" value=\"\($0.accountID)\"\($0.attended ? " checked" : "")> \($0.name)</label>" as HTML }.joined())</div>
                <button type="submit">\(context.t("保存到场情况", "Save attendance"))</button></form>
                """
        }
        return HTML.response(Layout.page(title: event.title, context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The card as it prints: who, where they serve, their posts, and every confirmed service of the period.
    static func card(_ card: ServiceCard, _ context: AppContext) -> HTML {
        // What the member typed goes into a sentence with markup in it: `t(html:)` keeps the sentence markup and
        // escapes each part.
        let (name, employer, community, period) = (card.name, card.employer, card.communityName, card.period)
        let rows: HTML = card.records.map { "<tr><td>\($0.servedOn)</td><td>\($0.activity)</td><td class=\"num\">\(Hours.text($0.hours))</td><td>\($0.description)</td></tr>" as HTML }.joined()
        return """
            <div class="card" id="service-card"><p>\(context.t("致", "To"))：<b>\(card.employerPartyOrg)</b></p>
            <p>\(context.t(html: "党员 \(name)（\(employer)）于 \(period) 在 \(community) 参加社区服务，经社区确认共 <b id=\"card-hours\">\(Hours.text(card.hours))</b> 小时。",
                           "Party member \(name) (\(employer)) served \(community) in \(period): <b id=\"card-hours\">\(Hours.text(card.hours))</b> hours confirmed by the community."))</p>
            <p>\(context.t("服务岗位", "Posts"))：\(card.posts.map { $0.label.text(context.language) }.joined(separator: "、"))</p>
            <table id="card-records"><tr><th>\(context.t("日期", "Date"))</th><th>\(context.t("活动或项目", "Event or project"))</th><th class="num">\(context.t("时长", "Hours"))</th><th>\(context.t("内容", "What"))</th></tr>\(rows)</table>
            <p class="muted">\(context.t("社区（盖章）：＿＿＿＿＿＿　日期：＿＿＿＿", "Community (seal): ______  Date: ______"))</p></div>
            <p><a class="button" href="?period=\(period)&amp;format=csv">\(context.t("导出 CSV", "Export CSV"))</a> <a class="button" href="#" data-print>\(context.t("打印", "Print"))</a></p>
            """
    }
}
