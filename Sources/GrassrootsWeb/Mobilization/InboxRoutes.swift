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
            let items = notices.map { n -> HTML in
                """
                <li class="\(n.read ? "read" : "unread")"><span class="tag">\(n.reason == "stalled" ? context.t("停滞", "Stalled") : context.t("超期", "Overdue"))</span>
                <a href="/directives/\(n.directiveID)?unit=\(n.subjectUnitID)">\(n.message.text(context.language))</a>
                <small class="muted">\(LocalTime.format(n.createdAt))</small>\(if: !n.read && n.unitID == own, """
                 <form method="post" action="/inbox/\(n.id)/read" class="inline">\(HTML.csrfField(context))<button type="submit" class="link dark">\(context.t("标为已读", "Mark read"))</button></form>
                """)</li>
                """
            }.joined()
            let body: HTML = notices.isEmpty ? "<p class=\"muted\">\(context.t("没有提醒", "No notices"))</p>" : "<ul id=\"inbox\" class=\"work\">\(items)</ul>"
            return HTML.response(Layout.page(title: context.t("督办提醒", "Escalations"), context: context, body: body))
        }
        router.post("/inbox/:id/read", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            _ = try await Form.read(request, context: context)
            try await stores.escalation.markRead(try context.parameters.require("id", as: Int.self), scope: try context.scope())
            return HTML.redirect("/inbox")
        }
    }
}
