import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The escalation inbox of the signed-in tier.
struct InboxRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/inbox", .signedIn(.unitInScope)) { _, context in
            let scope = try context.scope()
            let notices = try await stores.escalation.inbox(scope: scope)
            // Only the unit a notice is addressed to marks it read; the tiers above see it as it stands.
            let own = scope.role.editsRegistry ? try await stores.units.root(of: scope).id : nil
            // One directive stalled in many compounds is one matter: a line per directive and reason, the newest notice
            // first and the rest folded under it (each notice is kept once per unit by the store).
            var groups: [[GrassrootsStore.Notification]] = []
            for n in notices {
                if let i = groups.firstIndex(where: { $0[0].directiveID == n.directiveID && $0[0].reason == n.reason }) { groups[i].append(n) } else { groups.append([n]) }
            }
            func line(_ n: GrassrootsStore.Notification) -> HTML {
                """
                <a href="/directives/\(n.directiveID)?unit=\(n.subjectUnitID)">\(n.message.text(context.language))</a>
                <small class="muted">\(LocalTime.format(n.createdAt))</small>\(if: !n.read && n.unitID == own, """
                 <form method="post" action="/inbox/\(n.id)/read" class="inline">\(HTML.csrfField(context))<button type="submit" class="link dark">\(context.t("标为已读", "Mark read"))</button></form>
                """)
                """
            }
            let items = groups.map { group -> HTML in
                let sorted = group.sorted { $0.createdAt > $1.createdAt }, first = sorted[0]
                let rest: HTML = sorted.count == 1 ? "" : """
                    <details class="full-row" data-repeats="\(sorted.count - 1)"><summary>\(context.t("同一任务另有 \(sorted.count - 1) 个单元", "\(sorted.count - 1) more units on this directive"))</summary>\
                    <ul class="work">\(sorted.dropFirst().map { "<li class=\"\($0.read ? "read" : "unread")\">\(line($0))</li>" as HTML }.joined())</ul></details>
                    """
                return """
                    <li class="\(group.allSatisfy(\.read) ? "read" : "unread")"><span class="tag">\(first.reason == "stalled" ? context.t("停滞", "Stalled") : context.t("超期", "Overdue"))</span>\
                    \(line(first))\(rest)</li>
                    """
            }.joined()
            var body = try await newWork(scope, context)
            body += "<h2>\(context.t("督办提醒", "Escalations"))</h2>"
            body += notices.isEmpty ? "<p class=\"muted\">\(context.t("没有提醒", "No notices"))</p>" : "<ul id=\"inbox\" class=\"work\">\(items)</ul>"
            return HTML.response(Layout.page(title: context.t("提醒", "Inbox"), context: context, body: body))
        }
        router.post("/inbox/:id/read", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            _ = try await Form.read(request, context: context)
            try await stores.escalation.markRead(try context.parameters.require("id", as: Int.self), scope: try context.scope())
            return HTML.redirect("/inbox")
        }
    }

    /// "A new directive is yours": directives issued in the last week that still have open targets in the caller's
    /// part, each with that part's count and a link straight to the worklist.
    func newWork(_ scope: Scope, _ context: AppContext) async throws -> HTML {
        guard scope.role.reportsFieldWork else { return "" }
        let weekAgo = stores.context.clock().addingTimeInterval(-7 * 86400)
        let open = try await TodayRoutes(stores: stores).openWork(scope, issuedSince: weekAgo)
        let items = open.map { d, c -> HTML in
            """
            <li class="unread"><span class="tag">\(context.t("新任务", "New"))</span><a href="/directives/\(d.id)/work">\(d.title)</a>
            <small class="muted">\(context.t("待办 \(c.pending + c.absent) / \(c.total) · 截止 \(LocalTime.format(d.deadline))", "\(c.pending + c.absent) of \(c.total) open · due \(LocalTime.format(d.deadline))"))</small></li>
            """
        }.joined()
        return "<h2>\(context.t("我的新任务", "New work for me"))</h2>"
            + (open.isEmpty ? "<p class=\"muted\">\(context.t("近一周没有新任务", "No new work this week"))</p>" : "<ul id=\"new-work\" class=\"work\">\(items)</ul>")
    }
}
