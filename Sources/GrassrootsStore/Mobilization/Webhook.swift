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
        guard let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw FieldError("webhook-url", Bilingual("回调地址应为 http(s):// 开头的网址", "The webhook URL must be an http(s):// address"))
        }
        guard secret.count >= 16 else {
            throw FieldError("webhook-secret", Bilingual("回调签名密钥至少16个字符", "The webhook secret must be at least 16 characters"))
        }
        self.url = url; self.secret = secret
    }

    /// `sha256=` and the hex HMAC-SHA256 of `body` under the secret, sent as `X-Grassroots-Signature`.
    public func signature(of body: Data) -> String {
        "sha256=" + Hex.encode(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8))))
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
