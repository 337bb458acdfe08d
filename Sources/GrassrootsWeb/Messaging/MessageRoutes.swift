import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Where the SMS gateway reports on a message it took: Kannel calls the `dlr-url` it was given with the message,
/// `/sms/report?m=ID&t=TOKEN&status=KIND`. The token is the message's own random secret, so nobody but the gateway
/// (which saw it) can mark a message delivered; a wrong one is answered as if the message did not exist.
struct MessageRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/sms/report", .anyone(.gatewayReport)) { request, _ in
            let query = request.uri.queryParameters
            guard let id = query["m"].flatMap({ Int(String($0)) }), let token = query["t"].map(String.init), !token.isEmpty,
                  let kind = query["status"].flatMap({ Int(String($0)) }) else {
                throw HTTPError(.badRequest, message: "m, t and status are required")
            }
            guard try await stores.messages.report(messageID: id, token: token, kind: kind) else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
    }

    /// The texts sent about a record, for its page: to whom (masked), what, and where each stands.
    static func list(_ messages: [Message], _ context: AppContext) -> HTML {
        guard !messages.isEmpty else { return HTML() }
        let lang = context.language
        // A list, as the timeline above it: a table is too wide for a phone.
        let items = messages.map { m -> HTML in
            """
            <li><b>\(m.event.label.text(lang))</b> \(m.platform.html { "\($0.label.text(lang)) · " as HTML })\(m.recipient) <span class="message-status" data-status="\(m.status.rawValue)">\(m.status.label.text(lang))</span> \
            <small class="muted">\(LocalTime.format(m.deliveredAt ?? m.sentAt ?? m.createdAt))</small>\
            \(m.lastError.html { "<br><small class=\"message-error\">\($0)</small>" as HTML })<br><small class="muted">\(m.body)</small></li>
            """
        }.joined()
        return """
            <h2>\(context.t("短信通知", "Text messages"))</h2>
            <ul class="work" id="messages">\(items)</ul>
            """
    }

    /// Where a record's texts to many stand: a bar of those reached, a count per state, the failed ones with their
    /// reason and, where `resend` is given, the button that sends them again.
    static func summary(_ counts: [MessageStatus: Int], _ failed: [Message], resend: String?, _ context: AppContext) -> HTML {
        let lang = context.language, total = counts.values.reduce(0, +)
        let reached = (counts[.delivered] ?? 0) + (counts[.sent] ?? 0)
        let figures = MessageStatus.allCases.map { "<span class=\"message-status\" data-status=\"\($0.rawValue)\">\($0.label.text(lang)) <b>\(counts[$0] ?? 0)</b></span>" as HTML }
        var out: HTML = """
            <h2>\(context.t("短信通知", "Text messages"))</h2>
            <p id="message-counts">\(HTML.bar(total == 0 ? nil : Double(reached) / Double(total), width: 120, noData: "")) \(figures.joined(separator: " · "))</p>
            """
        guard !failed.isEmpty else { return out }
        out += "<ul class=\"work\" id=\"messages\">\(failed.map { "<li>\($0.platform.html { "\($0.label.text(lang)) · " as HTML })\($0.recipient) <small class=\"message-error\">\($0.lastError ?? "")</small></li>" as HTML }.joined())</ul>"
        if let resend {
            out += """
                <form method="post" action="\(resend)" id="resend-texts">\(HTML.csrfField(context))\
                <button type="submit">\(context.t("重发失败的 \(counts[.failed] ?? 0) 条", "Send the \(counts[.failed] ?? 0) failed texts again"))</button></form>
                """
        }
        return out
    }
}
