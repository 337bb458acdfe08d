import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Resolves the caller (session cookie or `Authorization: Bearer`) and the language, and turns
/// every error a route throws into a page or JSON answer that says what to fix.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let accounts: AccountStore

    static let cookieName = "grassroots_session"

    /// The session cookie: never readable by scripts, not sent on cross-site subrequests or form posts, and
    /// `Secure` when the request came over HTTPS (directly, or as a proxy in front of us says).
    static func sessionCookie(_ token: String, request: Request, maxAge: Int = Int(AccountStore.sessionLifetime)) -> Cookie {
        Cookie(name: cookieName, value: token, maxAge: maxAge, path: "/", secure: cameOverHTTPS(request), httpOnly: true, sameSite: .lax)
    }

    /// True when the request came over HTTPS, directly or as a proxy in front of us says: our cookies are then `Secure`.
    static func cameOverHTTPS(_ request: Request) -> Bool {
        request.uri.scheme?.rawValue == "https" || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        // Chinese by default, whatever the browser asks for; English only once the user switches.
        context.language = Language.from(request.cookies["lang"]?.value)
        do {
            // A scrape of /metrics carries the metrics token, not an account's: MetricsAccess judges it.
            if let auth = request.headers[.authorization], request.uri.path != "/metrics" {
                guard auth.hasPrefix("Bearer "), let account = try await accounts.account(bearer: String(auth.dropFirst(7))) else {
                    throw NotSignedIn()
                }
                context.session = Session(account: account, csrfToken: "")
                context.viaToken = true
            } else if let token = request.cookies[Self.cookieName]?.value {
                context.session = try await accounts.session(token: token)
            }
            return try await next(request, context)
        } catch {
            return ErrorResponder.response(for: error, request: request, context: context)
        }
    }
}
