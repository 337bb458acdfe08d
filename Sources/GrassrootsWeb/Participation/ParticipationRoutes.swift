import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The community's participation desk: registered units and members (with approvals), needs and projects, adoptions,
/// events, and service hours waiting for confirmation — each section with its form.
struct ParticipationRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/participation", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.auditor], .unitInScope))) { _, context in try await page(context, form: nil, errors: [:]) }
        router.post("/participation/:action", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.unitLiaison, .partyMember], .ownRegistration))) { request, context in
            let form = try await Form.read(request, context: context)
            let action = try context.parameters.require("action")
            return try await FormErrors.submit(context, redirect: "/participation", { try await perform(action, form, try context.scope()) },
                                               page: { try await page(context, form: form, errors: $0) })
        }
    }

    /// One form's change.
    func perform(_ action: String, _ f: Form, _ scope: Scope) async throws {
        let int = { (key: String) in Int(f[key] ?? "") }
        switch action {
        case "units":
            _ = try await stores.registrations.registerUnit(name: f["name"] ?? "", kind: f["kind"] ?? "", communityID: int("community_id") ?? 0, liaisonName: f["liaison_name"] ?? "",
                                                            liaisonPhone: f["liaison_phone"] ?? "", venues: f["venues"] ?? "", skills: f["skills"] ?? "", funds: f["funds"] ?? "",
                                                            volunteers: int("volunteers") ?? 0, jointCommittee: f["joint_committee"] ?? "", commitment: f["commitment"] ?? "", scope: scope)
        case "members":
            _ = try await stores.registrations.decide(int("member_id") ?? 0, approve: f["approve"] == "1", gridID: int("grid_id"), compoundID: int("compound_id"),
                                                      note: f["note"] ?? "", scope: scope)
        case "needs": _ = try await stores.needs.publish(communityID: int("community_id") ?? 0, title: f["title"] ?? "", description: f["description"] ?? "", scope: scope)
        case "claim": _ = try await stores.needs.claim(int("need_id") ?? 0, commitment: f["commitment"] ?? "", memberUnitID: int("member_unit_id"), scope: scope)
        case "progress": _ = try await stores.needs.progress(int("need_id") ?? 0, percent: int("progress") ?? -1, accept: f["accept"] == "1", scope: scope)
        case "adoptions":
            try await stores.needs.adopt(compoundID: int("compound_id") ?? 0, memberUnitID: int("member_unit_id") ?? 0, responsibilities: f["responsibilities"] ?? "",
                                         startsOn: f["starts_on"] ?? "", endsOn: f["ends_on"] ?? "", scope: scope)
        case "events":
            _ = try await stores.events.create(communityID: int("community_id") ?? 0, kind: f["kind"] ?? "", title: f["title"] ?? "", description: f["description"] ?? "",
                                               place: f["place"] ?? "", startsAt: (f["starts_at"] ?? "").replacingOccurrences(of: "T", with: " "),
                                               endsAt: (f["ends_at"] ?? "").replacingOccurrences(of: "T", with: " "), capacity: int("capacity") ?? 0, scope: scope)
        case "hours":
            _ = try await stores.hours.record(memberID: int("member_id"), memberUnitID: int("member_unit_id"), eventID: int("event_id"), needID: int("need_id"),
                                              servedOn: f["served_on"] ?? "", hours: Double(f["hours"] ?? "") ?? 0, description: f["description"] ?? "", scope: scope)
        case "confirm": _ = try await stores.hours.decide(int("hours_id") ?? 0, approve: f["approve"] == "1", scope: scope)
        case "scores":
            try await stores.hours.score(year: int("year") ?? 0, memberUnitID: int("member_unit_id") ?? 0, stars: int("stars") ?? 0, comment: f["comment"] ?? "", scope: scope)
        default: throw HTTPError(.notFound)
        }
    }

    func page(_ context: AppContext, form: Form?, errors: [String: String]) async throws -> Response {
        let scope = try context.scope()
        guard scope.role.keepsCouncil || scope.role == .auditor else { throw AccessDenied(Bilingual("请使用“我的报到”页面", "Use the “My participation” page")) }
        let lang = context.language
        let csrf = HTML.csrfField(context)
        let units = try await stores.registrations.units(scope: scope)
        let members = try await stores.registrations.members(scope: scope)
        let needs = try await stores.needs.needs(scope: scope)
        let adoptions = try await stores.needs.adoptions(scope: scope)
        let hours = try await stores.hours.list(scope: scope)
        let communities = try await stores.units.units(of: [.community], scope: scope)
        let events = try await stores.events.events(under: scope.path)
        let options = { (items: [(Int, String)]) in [("", "—")] + items.map { ("\($0.0)", $0.1) } }
        let communityOptions = communities.map { ("\($0.id)", $0.name) }
        let unitRows: HTML = units.map { "<tr><td>\($0.name)<br><small>\($0.kind.label.text(lang))</small></td><td>\($0.communityName)</td><td>\($0.jointCommittee.label.text(lang))</td><td class=\"hide-phone\">\([$0.venues, $0.skills, $0.funds].filter { !$0.isEmpty }.joined(separator: "；"))\($0.volunteers > 0 ? context.t("；志愿者\($0.volunteers)人", "; \($0.volunteers) volunteers") : "")</td><td class=\"hide-phone\">\($0.commitment)</td></tr>" as HTML }.joined()
        let memberRows = try await members.asyncMapRows { m -> HTML in
            var cell = HTML(text: m.status.label.text(lang))
            if m.status == .pending && scope.role.keepsCouncil {
                let grids = try await stores.units.units(of: [.grid, .compound], scope: Scope(path: m.path, role: .communityStaff, accountID: 0, username: ""))
                cell = """
                    <form method="post" action="/participation/members" class="inline">\(csrf)<input type="hidden" name="member_id" value="\(m.id)">\
                    <select name="grid_id" aria-label="grid">\(grids.filter { $0.kind == .grid }.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }.joined())</select>\
                    <select name="compound_id" aria-label="compound">\(grids.filter { $0.kind == .compound }.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }.joined())</select>\
                    <button type="submit" name="approve" value="1">\(context.t("确认并安排", "Confirm and place"))</button> <button type="submit" name="approve" value="0" class="secondary">\(context.t("退回", "Reject"))</button></form>
                    """
            }
            return "<tr><td>\(m.name)<br><small>\(m.employer)</small></td><td>\(m.communityName) \(m.gridName ?? "") \(m.compoundName ?? "")</td><td>\(m.posts.map { ($0.label.text(lang)) }.joined(separator: "、"))</td><td>\(cell)</td><td><a href=\"/participation/card/\(m.id)\">\(context.t("服务卡", "Card"))</a></td></tr>"
        }
        let needRows = needs.map { n -> HTML in
            var action = HTML()
            if n.status == .open && scope.role.keepsCouncil && !units.isEmpty {
                action = "<form method=\"post\" action=\"/participation/claim\" class=\"inline\">\(csrf)<input type=\"hidden\" name=\"need_id\" value=\"\(n.id)\"><select name=\"member_unit_id\" aria-label=\"unit\">\(units.filter { $0.communityID == n.communityID }.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }.joined())</select><input name=\"commitment\" placeholder=\"\(context.t("承诺内容", "Commitment"))\" aria-label=\"commitment\" class=\"medium\"><button type=\"submit\">\(context.t("代为认领", "Record a claim"))</button></form>"
            } else if n.status == .project && scope.role.keepsCouncil {
                action = "<form method=\"post\" action=\"/participation/progress\" class=\"inline\">\(csrf)<input type=\"hidden\" name=\"need_id\" value=\"\(n.id)\"><input name=\"progress\" type=\"number\" value=\"\(n.progress)\" aria-label=\"progress\" class=\"short\">%<label><input type=\"checkbox\" name=\"accept\" value=\"1\" class=\"auto-width\">\(context.t("验收", "Accept"))</label><button type=\"submit\">\(context.t("更新", "Update"))</button></form>"
            }
            return "<tr class=\"\(n.status == .open ? "stalled" : "")\"><td>\(n.title)<br><small>\(n.description)</small></td><td>\(n.status.label.text(lang))</td><td>\(n.claimant ?? "")<br><small>\(n.commitment ?? "")</small></td><td>\(n.status == .open ? "" : HTML.bar(Double(n.progress) / 100, width: 60, noData: ""))</td><td>\(action)</td></tr>"
        }.joined()
        let adoptionRows: HTML = adoptions.map { "<tr><td>\($0.compound)</td><td>\($0.unit)</td><td>\($0.responsibilities)</td><td>\($0.startsOn) – \($0.endsOn)</td></tr>" as HTML }.joined()
        let eventRows: HTML = events.map { "<tr><td><a href=\"/events/\($0.id)\">\($0.title)</a><br><small>\($0.kind.label.text(lang))</small></td><td>\(LocalTime.format($0.startsAt))</td><td>\($0.place)</td><td class=\"num\">\($0.signedUp)/\($0.capacity)</td></tr>" as HTML }.joined()
        let hourRows = hours.map { h -> HTML in
            let decide: HTML = h.status == .pending && scope.role.keepsCouncil ? "<form method=\"post\" action=\"/participation/confirm\" class=\"inline\">\(csrf)<input type=\"hidden\" name=\"hours_id\" value=\"\(h.id)\"><button type=\"submit\" name=\"approve\" value=\"1\">\(context.t("确认", "Confirm"))</button> <button type=\"submit\" name=\"approve\" value=\"0\" class=\"secondary\">\(context.t("不予确认", "Refuse"))</button></form>" : HTML(text: h.status.label.text(lang))
            return "<tr><td>\(h.who)</td><td>\(h.activity)</td><td>\(h.servedOn)</td><td class=\"num\">\(Hours.text(h.hours))</td><td>\(decide)</td></tr>"
        }.joined()
        var body = HTML.errorBox(errors) + """
            <p class="crumbs"><a href="/participation/scores">\(context.t("年度双向评分", "Year-end two-way scores"))</a>\(communities.compactMap(\.code).first.html { " · <a href=\"/community/\($0)/events.ics\">\(context.t("活动日历订阅（iCalendar）", "Events feed (iCalendar)"))</a>" as HTML })</p>
            <h2>\(context.t("报到单位", "Registered units"))（\(units.count)）</h2><div class="scroll-x"><table id="member-units">\(unitRows)</table></div>
            <h2>\(context.t("在职党员报到", "Registered party members"))（\(members.count)）</h2><div class="scroll-x"><table id="members">\(memberRows)</table></div>
            <h2>\(context.t("需求与项目", "Needs and projects"))</h2><div class="scroll-x"><table id="needs">\(needRows)</table></div>
            <h2>\(context.t("无人管理小区认领", "Adopted unmanaged compounds"))</h2><table id="adoptions">\(adoptionRows)</table>
            <h2>\(context.t("活动", "Events"))</h2><table id="events">\(eventRows)</table>
            <h2>\(context.t("服务时长", "Service hours"))</h2><div class="scroll-x"><table id="hours">\(hourRows)</table></div>
            """
        guard scope.role.keepsCouncil else { return HTML.response(Layout.page(title: context.t("双报到与参与", "Participation"), context: context, body: body)) }
        let compounds = try await stores.units.units(of: [.compound], scope: scope)
        let openEvents = events.filter { $0.startsAt <= stores.context.clock() }
        body += """
            <form method="post" action="/participation/units" class="card" id="unit-form">\(csrf)<h2>\(context.t("登记报到单位", "Register a unit"))</h2>
            \(HTML.field("name", label: context.t("单位名称", "Name"), value: form?["name"], errors: errors, required: true))
            \(HTML.select("kind", label: context.t("类型", "Kind"), options: MemberUnitKind.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["kind"], errors: errors))
            \(HTML.select("community_id", label: context.t("报到社区", "Community"), options: communityOptions, selected: form?["community_id"], errors: errors))
            \(HTML.field("liaison_name", label: context.t("联络员", "Liaison"), value: form?["liaison_name"], errors: errors, required: true))
            \(HTML.field("liaison_phone", label: context.t("联络电话", "Phone"), value: form?["liaison_phone"], errors: errors, type: "tel"))
            \(HTML.field("venues", label: context.t("可提供场地", "Venues"), value: form?["venues"], errors: errors))
            \(HTML.field("skills", label: context.t("专业技能", "Skills"), value: form?["skills"], errors: errors))
            \(HTML.field("funds", label: context.t("资金支持", "Funds"), value: form?["funds"], errors: errors))
            \(HTML.field("volunteers", label: context.t("志愿者人数", "Volunteers"), value: form?["volunteers"] ?? "0", errors: errors, type: "number"))
            \(HTML.select("joint_committee", label: context.t("联建关系", "Joint committee"), options: JointCommittee.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["joint_committee"], errors: errors))
            \(HTML.field("commitment", label: context.t("共建承诺", "Commitment"), value: form?["commitment"], errors: errors))
            <button type="submit">\(context.t("登记", "Register"))</button></form>
            <form method="post" action="/participation/needs" class="card" id="need-form">\(csrf)<h2>\(context.t("发布需求", "Publish a need"))</h2>
            \(HTML.select("community_id", label: context.t("社区", "Community"), options: communityOptions, selected: form?["community_id"], errors: errors))
            \(HTML.field("title", label: context.t("需求", "Need"), value: form?["title"], errors: errors, required: true))
            \(HTML.textarea("description", label: context.t("说明", "Description"), value: form?["description"], errors: errors, rows: 2))
            <button type="submit">\(context.t("发布", "Publish"))</button></form>
            <form method="post" action="/participation/adoptions" class="card" id="adoption-form">\(csrf)<h2>\(context.t("登记小区认领", "Record an adoption"))</h2>
            \(HTML.select("compound_id", label: context.t("无人管理小区", "Unmanaged compound"), options: compounds.map { ("\($0.id)", $0.name) }, selected: form?["compound_id"], errors: errors))
            \(HTML.select("member_unit_id", label: context.t("认领单位", "Adopting unit"), options: units.map { ("\($0.id)", $0.name) }, selected: form?["member_unit_id"], errors: errors))
            \(HTML.field("responsibilities", label: context.t("认领职责", "Responsibilities"), value: form?["responsibilities"], errors: errors))
            \(HTML.field("starts_on", label: context.t("开始", "From"), value: form?["starts_on"], errors: errors, type: "date"))
            \(HTML.field("ends_on", label: context.t("结束", "Until"), value: form?["ends_on"], errors: errors, type: "date"))
            <button type="submit">\(context.t("登记", "Record"))</button></form>
            <form method="post" action="/participation/events" class="card" id="event-form">\(csrf)<h2>\(context.t("发布活动", "Schedule an event"))</h2>
            \(HTML.select("community_id", label: context.t("社区", "Community"), options: communityOptions, selected: form?["community_id"], errors: errors))
            \(HTML.select("kind", label: context.t("类型", "Kind"), options: EventKind.allCases.map { ($0.rawValue, $0.label.text(lang)) }, selected: form?["kind"], errors: errors))
            \(HTML.field("title", label: context.t("活动名称", "Title"), value: form?["title"], errors: errors, required: true))
            \(HTML.field("place", label: context.t("地点", "Place"), value: form?["place"], errors: errors, required: true))
            \(HTML.field("starts_at", label: context.t("开始", "Starts"), value: form?["starts_at"], errors: errors, type: "datetime-local"))
            \(HTML.field("ends_at", label: context.t("结束", "Ends"), value: form?["ends_at"], errors: errors, type: "datetime-local"))
            \(HTML.field("capacity", label: context.t("名额", "Places"), value: form?["capacity"], errors: errors, type: "number"))
            \(HTML.textarea("description", label: context.t("介绍", "Description"), value: form?["description"], errors: errors, rows: 2))
            <button type="submit">\(context.t("发布", "Publish"))</button></form>
            <form method="post" action="/participation/hours" class="card" id="hours-form">\(csrf)<h2>\(context.t("登记服务时长（社区确认）", "Record service hours (confirmed)"))</h2>
            \(HTML.select("member_id", label: context.t("党员", "Member"), options: options(members.filter { $0.status == .approved }.map { ($0.id, $0.name) }), selected: form?["member_id"], errors: errors))
            \(HTML.select("member_unit_id", label: context.t("或单位", "Or unit"), options: options(units.map { ($0.id, $0.name) }), selected: form?["member_unit_id"], errors: errors))
            \(HTML.select("event_id", label: context.t("活动", "Event"), options: options(openEvents.map { ($0.id, $0.title) }), selected: form?["event_id"], errors: errors))
            \(HTML.select("need_id", label: context.t("或项目", "Or project"), options: options(needs.filter { $0.status != .open }.map { ($0.id, $0.title) }), selected: form?["need_id"], errors: errors))
            \(HTML.field("served_on", label: context.t("日期", "Date"), value: form?["served_on"], errors: errors, type: "date"))
            \(HTML.field("hours", label: context.t("时长（小时）", "Hours"), value: form?["hours"], errors: errors, type: "number"))
            \(HTML.field("description", label: context.t("服务内容", "What was done"), value: form?["description"], errors: errors))
            <button type="submit">\(context.t("登记", "Record"))</button></form>
            """
        return HTML.response(Layout.page(title: context.t("双报到与参与", "Participation"), context: context, body: body), status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

extension Array {
    /// Rows rendered one after another by an async transform, joined.
    func asyncMapRows(_ transform: (Element) async throws -> HTML) async rethrows -> HTML {
        var out = HTML()
        for element in self { out += try await transform(element) }
        return out
    }
}
