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
            <li><b>\(m.event.label.text(lang))</b> \(m.recipient) <span class="message-status" data-status="\(m.status.rawValue)">\(m.status.label.text(lang))</span> \
            <small class="muted">\(LocalTime.format(m.deliveredAt ?? m.sentAt ?? m.createdAt))</small>\
            \(m.lastError.html { "<br><small class=\"message-error\">\($0)</small>" as HTML })<br><small class="muted">\(m.body)</small></li>
            """
        }.joined()
        return """
            <h2>\(context.t("短信通知", "Text messages"))</h2>
            <ul class="work" id="messages">\(items)</ul>
            """
    }
}
