import Foundation
import GrassrootsCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where SMS go: a Kannel smsbox's `sendsms` interface, and the address at which Kannel reaches this server with
/// delivery reports (Kannel usually sits beside the server, so this is an inside address, not the public one).
public struct KannelConfiguration: Sendable {
    /// `http://HOST:13013/cgi-bin/sendsms`, without the account.
    public let sendURL: URL
    public let username: String
    public let password: String
    /// The sender number shown on phones; nil leaves it to Kannel's `global-sender`.
    public let sender: String?
    /// This server as Kannel reaches it, such as `http://127.0.0.1:8080`.
    public let reportBase: String
    /// Messages handed to Kannel per second, at most: the operator's contract sets it.
    public let perSecond: Int

    /// Reads `http://USER@HOST:PORT/cgi-bin/sendsms`, the user being Kannel's `sendsms-user`; its password comes
    /// apart (a file), so that it shows in no process list.
    public init(url raw: String, password: String, reportBase: String, sender: String? = nil, perSecond: Int = 50) throws {
        guard let url = URL(webAddress: raw), var parts = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let username = parts.user, !username.isEmpty, parts.password == nil else {
            throw FieldError("sms-gateway", Bilingual("短信网关地址应为 http://用户名@主机:端口/cgi-bin/sendsms（密码放在文件中）",
                                                      "The SMS gateway must be http://USER@HOST:PORT/cgi-bin/sendsms (the password goes in a file)"))
        }
        guard !password.isEmpty else { throw FieldError("sms-password", Bilingual("短信网关密码为空", "The SMS gateway password is empty")) }
        guard URL(webAddress: reportBase) != nil else {
            throw FieldError("sms-report-url", Bilingual("回执地址应为 http(s):// 开头的网址", "The report address must be an http(s):// address"))
        }
        guard (1...1000).contains(perSecond) else {
            throw FieldError("sms-per-second", Bilingual("每秒短信数应在1到1000之间", "Messages per second must be between 1 and 1000"))
        }
        if let sender { guard !sender.isEmpty, sender.count <= 20, sender.allSatisfy(\.isASCIIDigit) else {
            throw FieldError("sms-sender", Bilingual("发送号码应为1到20位数字", "The sender must be 1 to 20 digits"))
        } }
        parts.user = nil; parts.password = nil
        sendURL = parts.url!; self.username = username; self.password = password; self.sender = sender
        self.reportBase = reportBase.hasSuffix("/") ? String(reportBase.dropLast()) : reportBase; self.perSecond = perSecond
    }

    /// The `sendsms` request for one text. `coding=2` with `charset=UTF-8` has Kannel send UCS-2, so Chinese arrives
    /// whole; `dlr-mask=31` asks for every report (delivered, failed, buffered, accepted by the SMSC, rejected), which
    /// Kannel sends to `report` with `%d` replaced by the report's kind.
    func request(to phone: String, text: String, report: String) -> URL {
        var query = [("username", username), ("password", password), ("to", phone), ("text", text), ("charset", "UTF-8"),
                     ("coding", SMSLength(text).coding == .gsm7 ? "0" : "2"), ("dlr-mask", "31"), ("dlr-url", report)]
        if let sender { query.append(("from", sender)) }
        let encoded = query.map { "\($0)=\(Self.escape($1))" }.joined(separator: "&")
        return URL(string: sendURL.absoluteString + (sendURL.query == nil ? "?" : "&") + encoded)!
    }

    /// Percent-encodes everything but the unreserved ASCII characters (Foundation's `alphanumerics` would let
    /// Chinese through unencoded).
    static func escape(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: unreserved)! }
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// What a gateway said about one message.
public enum GatewayAnswer: Sendable, Equatable {
    /// Taken for delivery; a delivery report may follow.
    case accepted
    /// Not now (the gateway is down, busy or refused the account): try again later.
    case later(String)
    /// Never: this message cannot be sent as it is (the gateway refused the number or the text).
    case refused(String)
}

/// Sends one SMS: to Kannel over HTTP, or recorded in tests.
public struct SMSGateway: Sendable {
    public let perSecond: Int
    public let send: @Sendable (_ phone: String, _ text: String, _ reportURL: String) async -> GatewayAnswer
    /// This server's address for reports, as the gateway reaches it.
    public let reportBase: String

    public init(perSecond: Int, reportBase: String, send: @escaping @Sendable (String, String, String) async -> GatewayAnswer) {
        self.perSecond = perSecond; self.reportBase = reportBase; self.send = send
    }

    /// Kannel's `sendsms`: 2xx is taken (`0: Accepted for delivery`, `3: Queued for later delivery`); 401/403 is an
    /// account the operator must mend, so messages wait rather than fail; another 4xx refuses this message; 5xx and
    /// no answer within ten seconds are tried again.
    public static func kannel(_ configuration: KannelConfiguration) -> SMSGateway {
        SMSGateway(perSecond: configuration.perSecond, reportBase: configuration.reportBase) { phone, text, report in
            let request = URLRequest(url: configuration.request(to: phone, text: text, report: report), timeoutInterval: 10)
            do {
                let (body, response) = try await URLSession.shared.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                let said = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                switch status {
                case 200..<300: return .accepted
                case 401, 403: return .later("Kannel HTTP \(status): \(said)")
                case 400..<500: return .refused("Kannel HTTP \(status): \(said)")
                default: return .later("Kannel HTTP \(status): \(said)")
                }
            } catch {
                // Only the error's code: its description may carry the request's address, which holds the phone.
                return .later("Kannel: no answer (\((error as? URLError)?.code.rawValue ?? -1))")
            }
        }
    }
}
