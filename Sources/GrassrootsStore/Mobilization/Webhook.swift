import Crypto
import Foundation
import GrassrootsCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where escalations are also sent (an SMS or WeChat gateway), and the secret that signs them.
public struct WebhookConfiguration: Sendable {
    public let url: URL
    public let secret: String

    /// Creates a configuration; the URL must be http(s) and the secret at least 16 characters.
    public init(url raw: String, secret: String) throws {
        guard let url = URL(webAddress: raw) else {
            throw FieldError("webhook-url", Bilingual("回调地址应为 http(s):// 开头的网址", "The webhook URL must be an http(s):// address"))
        }
        guard secret.count >= 16 else {
            throw FieldError("webhook-secret", Bilingual("回调签名密钥至少16个字符", "The webhook secret must be at least 16 characters"))
        }
        self.url = url; self.secret = secret
    }

    /// `sha256=` and the hex HMAC-SHA256 of `"<timestamp>.<body>"` under the secret, sent as `X-Grassroots-Signature`
    /// beside `X-Grassroots-Timestamp` (Unix seconds). Signing the time with the body lets a receiver refuse a
    /// captured request replayed later, which a signature over the body alone cannot.
    public func signature(of body: Data, timestamp: Int) -> String {
        "sha256=" + Hex.encode(HMAC<SHA256>.authenticationCode(for: Self.signed(body, timestamp), using: key))
    }

    /// What the signature covers, for the sender and the receiver alike.
    static func signed(_ body: Data, _ timestamp: Int) -> Data { Data("\(timestamp).".utf8) + body }

    var key: SymmetricKey { SymmetricKey(data: Data(secret.utf8)) }

    /// The headers of one delivery sent at `now`.
    public func headers(for body: Data, now: Date) -> [String: String] {
        let timestamp = Int(now.timeIntervalSince1970)
        return ["Content-Type": "application/json; charset=utf-8", "X-Grassroots-Timestamp": String(timestamp),
                "X-Grassroots-Signature": signature(of: body, timestamp: timestamp)]
    }

    /// What a receiver checks: the signature matches (compared in constant time) and the timestamp is within
    /// `tolerance` seconds of `now`.
    public func verify(body: Data, timestamp: String, signature: String, now: Date, tolerance: TimeInterval = 300) -> Bool {
        guard let seconds = Int(timestamp), abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance,
              signature.hasPrefix("sha256="), let mac = Hex.decode(String(signature.dropFirst(7))) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.signed(body, seconds), using: key)
    }
}

/// Sends one webhook request and returns the HTTP status: live over the network, or recorded in tests.
public struct WebhookSender: Sendable {
    public let send: @Sendable (_ url: URL, _ body: Data, _ headers: [String: String]) async throws -> Int

    /// Creates a sender from a closure (tests record what would have been sent).
    public init(send: @escaping @Sendable (URL, Data, [String: String]) async throws -> Int) { self.send = send }

    /// POSTs with URLSession, giving up after ten seconds.
    public static let live = WebhookSender { url, body, headers in
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
