import Foundation
import GrassrootsCore
import Hummingbird

/// The one-line message the next page shows after a write ("已下发，共 1,362 户"): a route says it with
/// `HTML.redirect(_:flash:)`, `FlashMiddleware` carries it to the next page in a short-lived signed cookie, and
/// `Layout.page` shows it once. A form post that redirects without saying anything still gets "已保存", so no
/// write leaves its user wondering whether it worked.
enum Flash {
    static let cookieName = "grassroots_flash"
    /// Route to middleware only: removed before the response leaves the server.
    static let header = "X-Grassroots-Flash"
    /// Said when a route has nothing more specific to say.
    static let saved = Bilingual("已保存", "Saved")
    /// Posts whose redirect is not a write's outcome: signing in and out.
    static let silentPaths: Set<String> = ["/login", "/logout"]

    /// What a write said, and where to take it back or put it right when that is possible ("改正" after a report).
    struct Message: Sendable, Equatable {
        let text: Bilingual
        var undo: Undo? = nil
    }

    /// A same-site page that takes a write back or corrects it, and the link's words.
    struct Undo: Sendable, Equatable {
        let path: String
        let label: Bilingual
    }

    /// The message as a header value: both languages (the user may switch before reading it), base64url.
    static func encode(_ message: Message) -> String {
        let parts = [message.text.zh, message.text.en] + (message.undo.map { [$0.path, $0.label.zh, $0.label.en] } ?? [])
        return Data(parts.joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ payload: String) -> Message? {
        var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard payload.count <= 2048, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 2: return Message(text: Bilingual(parts[0], parts[1]))
        // The link is signed with the rest, and still only ever a path on this site (the login redirect's rule).
        case 5:
            guard let path = LocalPath.validated(parts[2]) else { return nil }
            return Message(text: Bilingual(parts[0], parts[1]), undo: Undo(path: path, label: Bilingual(parts[3], parts[4])))
        default: return nil
        }
    }
}

extension HTML {
    /// A redirect after a write, with what the write did for the next page to say, and a link that takes it back or
    /// corrects it where one exists.
    static func redirect(_ location: String, flash: Bilingual, undo: Flash.Undo? = nil) -> Response {
        var response = redirect(location)
        response.headers[.init(Flash.header)!] = Flash.encode(Flash.Message(text: flash, undo: undo))
        return response
    }
}

/// Turns a route's flash into a signed cookie on the redirect, and reads it back (once) on the next page. Sits
/// inside the session and policy middleware: a refused or failed post throws past it and gets no "saved".
struct FlashMiddleware: RouterMiddleware {
    typealias Context = AppContext
    /// A keyed hash (the data key's), so a cookie planted from elsewhere cannot put words on our pages; it holds
    /// across servers sharing the key.
    let sign: @Sendable (String) -> String

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.cookies[Flash.cookieName]?.value
        context.flash = incoming.flatMap(verified)
        var response = try await next(request, context)
        let said = response.headers[.init(Flash.header)!]
        response.headers[.init(Flash.header)!] = nil
        let path = request.uri.path
        if response.status == .seeOther, request.method == .post, !context.viaToken, !path.hasPrefix("/api/"), !Flash.silentPaths.contains(path) {
            let payload = said ?? Flash.encode(Flash.Message(text: Flash.saved))
            response.setCookie(cookie(payload + "." + sign("flash:" + payload), maxAge: 120, request))
        } else if incoming != nil, response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.setCookie(cookie("", maxAge: 0, request))
            // The page said its message; the offline app must not keep this copy to say it again.
            if context.flash != nil { response.headers[.init(OfflineApp.onceHeader)!] = "1" }
        }
        return response
    }

    func verified(_ value: String) -> Flash.Message? {
        guard let dot = value.lastIndex(of: ".") else { return nil }
        let payload = String(value[..<dot])
        guard sign("flash:" + payload) == value[value.index(after: dot)...] else { return nil }
        return Flash.decode(payload)
    }

    func cookie(_ value: String, maxAge: Int, _ request: Request) -> Cookie {
        Cookie(name: Flash.cookieName, value: value, maxAge: maxAge, path: "/", secure: SessionMiddleware.cameOverHTTPS(request), httpOnly: true, sameSite: .lax)
    }
}
