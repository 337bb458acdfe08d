import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Resolves the caller (session cookie or `Authorization: Bearer`) and the language, and turns
/// every error a route throws into a page or JSON answer that says what to fix.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let accounts: AccountStore

    static let cookieName = "grassroots_session"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        // Chinese by default, whatever the browser asks for; English only once the user switches.
        context.language = Language.from(request.cookies["lang"]?.value)
        do {
            if let auth = request.headers[.authorization] {
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
