import Foundation
import GrassrootsStore
import Hummingbird
import Logging

/// Counts and times every request under its route template, and writes one structured log line for it.
/// Added first in `buildRouter`, so it sees the final status after `SessionMiddleware` turned errors into answers.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let registry: MetricsRegistry
    /// The level request logs are filtered at: `LOG_LEVEL` when set, else notice, where the info lines are not written
    /// (tests and a default `serve` stay quiet; `LOG_LEVEL=info` turns them on).
    let logLevel: Logger.Level

    init(registry: MetricsRegistry, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.registry = registry
        self.logLevel = RequestLog.level(environment) ?? .notice
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            await finish(request, context, status: status, since: started)
            return response
        } catch {
            // Only what SessionMiddleware did not answer gets here; Hummingbird turns it into this status.
            status = (error as? any HTTPResponseError)?.status.code ?? 500
            await finish(request, context, status: status, since: started)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: AppContext, status: Int, since started: ContinuousClock.Instant) async {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let method = RequestLog.method(request.method)
        let route = RequestLog.route(context.endpointPath)
        await registry.record(method: method, route: route, status: status, seconds: seconds)
        var logger = context.logger
        logger.logLevel = logLevel
        // The template, never the path or query: paths hold ids and queries hold search terms (names, phone numbers).
        logger.info("request", metadata: [
            "method": .string(method), "route": .string(route), "status": .stringConvertible(status),
            "duration_ms": .string(String(format: "%.1f", seconds * 1000)),
        ])
    }
}

/// The label values a request is filed under, chosen so that the set of values stays small and impersonal.
public enum RequestLog {
    /// The matched route template (`/households/{id}`), or `unmatched` when no route matched.
    public static func route(_ endpointPath: String?) -> String {
        guard let endpointPath, endpointPath != "NotFound", endpointPath.hasPrefix("/") else { return "unmatched" }
        return endpointPath
    }

    /// The method's name for the standard methods, `other` for anything else a client makes up.
    public static func method(_ method: HTTPRequest.Method) -> String {
        knownMethods.contains(method.rawValue) ? method.rawValue : "other"
    }

    /// Built once: this runs for every request.
    private static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// The level named by `LOG_LEVEL` (trace, debug, info, notice, warning, error, critical), nil when unset or unknown.
    public static func level(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger.Level? {
        environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
    }
}
