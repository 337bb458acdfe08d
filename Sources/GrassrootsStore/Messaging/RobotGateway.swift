import Crypto
import Foundation
import GrassrootsCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where the group robots' webhooks live. The defaults are the public platforms; a government network with a private
/// WeCom or DingTalk deployment (or a test) names its own. Groups keep only their token, so these are the only
/// addresses robot messages go to.
public struct RobotEndpoints: Sendable {
    public static let wecomDefault = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"
    public static let dingtalkDefault = "https://oapi.dingtalk.com/robot/send"
    public let wecom: URL
    public let dingtalk: URL

    public init(wecom: String = wecomDefault, dingtalk: String = dingtalkDefault) throws {
        func endpoint(_ raw: String, _ flag: String) throws -> URL {
            guard let url = URL(webAddress: raw), url.query == nil else {
                throw FieldError(flag, Bilingual("机器人接口地址应为 http(s):// 开头、不带参数的网址", "The robot endpoint must be an http(s):// address without a query"))
            }
            return url
        }
        self.wecom = try endpoint(wecom, "wecom-url"); self.dingtalk = try endpoint(dingtalk, "dingtalk-url")
    }

    /// The POST for one markdown message: WeCom's `{"msgtype":"markdown","markdown":{"content"}}` to `?key=TOKEN`;
    /// DingTalk's `{"msgtype":"markdown","markdown":{"title","text"}}` to `?access_token=TOKEN`, with, for a robot set
    /// to 加签, `timestamp` (milliseconds) and `sign`, the Base64 HMAC-SHA256 of "timestamp\nsecret" keyed by the secret.
    func request(_ platform: RobotPlatform, token: String, secret: String?, markdown: String, now: Date) -> URLRequest {
        var query = [(platform == .wecom ? "key" : "access_token", token)]
        let body: [String: Any]
        switch platform {
        case .wecom:
            body = ["msgtype": "markdown", "markdown": ["content": markdown]]
        case .dingtalk:
            let title = markdown.split(separator: "\n").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "# ")) } ?? ""
            body = ["msgtype": "markdown", "markdown": ["title": title, "text": markdown]]
            if let secret {
                let timestamp = String(Int64((now.timeIntervalSince1970 * 1000).rounded(.down)))
                query += [("timestamp", timestamp), ("sign", Self.sign(timestamp: timestamp, secret: secret))]
            }
        }
        let base = platform == .wecom ? wecom : dingtalk
        let encoded = query.map { "\($0)=\(KannelConfiguration.escape($1))" }.joined(separator: "&")
        var request = URLRequest(url: URL(string: base.absoluteString + "?" + encoded)!, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return request
    }

    /// DingTalk's signature: Base64 of HMAC-SHA256 over "timestamp\nsecret", the secret being the key.
    static func sign(timestamp: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// What a platform's answer means. Both answer HTTP 200 with `{"errcode":0,"errmsg":"ok"}` when the message is
    /// posted. Too fast (WeCom 45009, DingTalk 130101 and 660026) or busy (-1): later. Another code (a wrong or removed
    /// token 93000/300001/310000, a bad signature, a keyword missing): refused, with the platform's words, so staff mend
    /// the group. No answer or 5xx: later.
    static func answer(status: Int, body: Data) -> GatewayAnswer {
        guard (200..<300).contains(status) else {
            return status >= 500 || status == 429 ? .later("HTTP \(status)") : .refused("HTTP \(status)")
        }
        guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let code = (json["errcode"] as? NSNumber)?.intValue else {
            return .later("平台回答无法识别")
        }
        let said = "errcode \(code): \(String(describing: json["errmsg"] ?? "").prefix(120))"
        switch code {
        case 0: return .accepted
        case -1, 45009, 130101, 660026: return .later(said)
        default: return .refused(said)
        }
    }
}

/// Posts one markdown message to a work group: to the platform over HTTP, or recorded in tests.
public struct RobotGateway: Sendable {
    public let post: @Sendable (_ platform: RobotPlatform, _ token: String, _ secret: String?, _ markdown: String) async -> GatewayAnswer

    public init(post: @escaping @Sendable (RobotPlatform, String, String?, String) async -> GatewayAnswer) { self.post = post }

    public static func http(_ endpoints: RobotEndpoints, clock: @escaping @Sendable () -> Date = Date.init) -> RobotGateway {
        RobotGateway { platform, token, secret, markdown in
            do {
                let (body, response) = try await URLSession.shared.data(for: endpoints.request(platform, token: token, secret: secret, markdown: markdown, now: clock()))
                return RobotEndpoints.answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: body)
            } catch {
                // Only the error's code: its description may carry the address, which holds the group's token.
                return .later("\(platform.label.zh)：无应答 (\((error as? URLError)?.code.rawValue ?? -1))")
            }
        }
    }
}
