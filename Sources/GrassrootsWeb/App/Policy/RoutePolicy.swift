import GrassrootsCore
import Hummingbird
import Synchronization

/// The route table: every registered method and path with its access. `Routes` fills it while the router is built;
/// `PolicyMiddleware` reads it on every request; `grassroots routes`, docs/SECURITY.md and the route × role test
/// all read this same table, so what is printed is what is enforced.
public final class RoutePolicy: Sendable {
    /// One row of the table.
    public struct Entry: Sendable {
        public let method: HTTPRequest.Method
        /// The path as the router matches it, e.g. `/directives/{id}`.
        public let path: String
        public let access: Access
    }

    /// A route's identity; a struct rather than a joined string, so the per-request lookup builds no string.
    struct Key: Hashable {
        let method: HTTPRequest.Method
        let path: String
    }

    private let entries = Mutex<[Key: Entry]>([:])

    public init() {}

    /// Records a route's access; declaring one route twice is a programming error caught at start-up.
    func declare(_ method: HTTPRequest.Method, _ path: RouterPath, _ access: Access) {
        let key = Key(method: method, path: path.description)
        entries.withLock { table in
            precondition(table[key] == nil, "route \(method) \(key.path) declared twice")
            table[key] = Entry(method: method, path: key.path, access: access)
        }
    }

    /// The access of a route, or nil when it was registered without one.
    /// A HEAD is its GET without the body (the router makes one for every GET), under the GET's access.
    public func access(_ method: HTTPRequest.Method, _ path: String) -> Access? {
        entries.withLock { $0[Key(method: method == .head ? .get : method, path: path)]?.access }
    }

    /// The whole table, sorted by path and then method.
    public var table: [Entry] {
        entries.withLock { Array($0.values) }.sorted { ($0.path, $0.method.rawValue) < ($1.path, $1.method.rawValue) }
    }

    /// The router's routes that have no access declared: registered on the bare router instead of through `Routes`.
    public func undeclared(in router: Router<AppContext>) -> [String] {
        router.routes.filter { access($0.method, $0.path.description) == nil }.map(\.description)
    }
}

/// Checks every request against the route table before its handler runs. A route missing from the table is refused
/// (deny by default), and `buildRouter` refuses to start with one.
struct PolicyMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let policy: RoutePolicy

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        // No endpoint path means no route matched: the router's not-found answer follows.
        guard let path = context.endpointPath else { return try await next(request, context) }
        guard let access = policy.access(request.method, path) else {
            throw AccessDenied(Bilingual("无权访问：此路径未声明访问规则", "Access denied: this route declares no access rule"))
        }
        guard let role = context.session?.account.scope.role else {
            if access.admitsAnonymous { return try await next(request, context) }
            throw NotSignedIn()
        }
        guard access.admits(role) else {
            throw AccessDenied(Bilingual("无权访问：“\(role.label.zh)”角色不能使用此功能", "Access denied: the \(role.label.en) role may not use this"))
        }
        return try await next(request, context)
    }
}
