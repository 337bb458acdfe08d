import Foundation
import GrassrootsCore
import Hummingbird

/// Who may scrape `/metrics`: a Prometheus holding the token (`Authorization: Bearer …`), or a process on this
/// machine talking to the server directly. The counts say how busy each street's pages are and whether the
/// database is failing; that is for operators, not for anyone who can reach the port.
public struct MetricsAccess: Sendable {
    /// The scrape token; nil admits loopback only.
    public let token: String?

    /// Creates the rule; a token shorter than 16 characters is refused, as a guessable one would be no rule at all.
    public init(token: String? = nil) throws {
        if let token, token.count < 16 {
            throw FieldError("GRASSROOTS_METRICS_TOKEN", Bilingual("GRASSROOTS_METRICS_TOKEN 至少16个字符", "GRASSROOTS_METRICS_TOKEN must be at least 16 characters"))
        }
        self.token = token
    }

    private init(unchecked token: String?) { self.token = token }

    /// No token: only this machine may scrape.
    public static let loopbackOnly = MetricsAccess(unchecked: nil)

    /// The rule `serve` uses: `GRASSROOTS_METRICS_TOKEN` when set and not empty.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MetricsAccess {
        try MetricsAccess(token: environment["GRASSROOTS_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// True for the token, or for a loopback peer that no proxy stands in front of: a reverse proxy on this machine
    /// makes every outside client look local, and it adds `X-Forwarded-For` or `Forwarded`.
    func admits(_ request: Request, peer: String?) -> Bool {
        if let token, let presented = request.headers[.authorization], Self.same(presented, "Bearer " + token) { return true }
        guard let peer, AppContext.isLoopback(peer) else { return false }
        return request.headers[.init("X-Forwarded-For")!] == nil && request.headers[.init("Forwarded")!] == nil
    }

    /// Compares in time that depends on the lengths only, so the token cannot be found a character at a time.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
