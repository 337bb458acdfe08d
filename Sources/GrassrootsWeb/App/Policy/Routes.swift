import Hummingbird

/// The one way a controller registers a route: with its access, which goes into the route table that
/// `PolicyMiddleware` enforces. Mirrors Hummingbird's `get`/`post`/`put` with an `Access` after the path.
public struct Routes {
    let router: Router<AppContext>
    /// The table this registration fills.
    public let policy: RoutePolicy
    let prefix: RouterPath

    init(router: Router<AppContext>, policy: RoutePolicy, prefix: RouterPath = "") {
        self.router = router; self.policy = policy; self.prefix = prefix
    }

    /// Routes under a path prefix, e.g. `/api/v1`.
    public func group(_ path: RouterPath) -> Routes { Routes(router: router, policy: policy, prefix: prefix.appendingPath(path)) }

    public typealias Handler<Output: ResponseGenerator> = @Sendable (Request, AppContext) async throws -> Output

    @discardableResult public func get(_ path: RouterPath, _ access: Access, use handler: @escaping Handler<some ResponseGenerator>) -> Routes {
        on(path, .get, access, handler)
    }

    @discardableResult public func post(_ path: RouterPath, _ access: Access, use handler: @escaping Handler<some ResponseGenerator>) -> Routes {
        on(path, .post, access, handler)
    }

    @discardableResult public func put(_ path: RouterPath, _ access: Access, use handler: @escaping Handler<some ResponseGenerator>) -> Routes {
        on(path, .put, access, handler)
    }

    private func on(_ path: RouterPath, _ method: HTTPRequest.Method, _ access: Access, _ handler: @escaping Handler<some ResponseGenerator>) -> Routes {
        let full = prefix.appendingPath(path)
        policy.declare(method, full, access)
        router.on(full, method: method, use: handler)
        return self
    }
}
