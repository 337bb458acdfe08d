import Foundation

/// The work-group platforms whose group robots take messages: a robot added to a group gets a webhook address, and
/// whatever is posted to it appears in the group.
public enum RobotPlatform: String, Sendable, CaseIterable, LabelledValue {
    case wecom, dingtalk

    public var label: Bilingual {
        switch self {
        case .wecom: Bilingual("企业微信群", "WeCom group")
        case .dingtalk: Bilingual("钉钉群", "DingTalk group")
        }
    }

    /// The query parameter that carries the robot's token in its webhook address.
    var tokenParameter: String { self == .wecom ? "key" : "access_token" }
}

/// A team's work group as staff enter it: the webhook address the robot was given (or only its token) and, for a
/// DingTalk robot set to 加签, its secret. Only the token is kept: the server posts to the platform's address the
/// operator configured, never to an address typed into a form, so a form cannot point the server anywhere else.
public struct TeamGroupInput: Sendable, Equatable {
    public let platform: RobotPlatform
    public let name: String
    public let token: String
    public let secret: String?

    public init(platform raw: String, name: String, webhook: String, secret: String?) throws {
        var v = Validator()
        let platform = RobotPlatform(rawValue: raw)
        v.check(platform != nil, "platform", Bilingual("请选择企业微信或钉钉", "Choose WeCom or DingTalk"))
        let name = name.trimmed
        v.check(!name.isEmpty && name.count <= 40, "group_name", Bilingual("群名称不能为空，且不超过40个字", "The group's name is required, at most 40 characters"))
        let token = platform.flatMap { Self.token(in: webhook.trimmed, platform: $0) }
        v.check(platform == nil || token != nil, "webhook", Bilingual(
            "请粘贴机器人的 Webhook 地址（企业微信含 key=，钉钉含 access_token=）", "Paste the robot's webhook address (WeCom's has key=, DingTalk's access_token=)"))
        let secret = secret.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let secret {
            v.check(platform != .wecom, "secret", Bilingual("企业微信机器人没有加签密钥，请留空", "A WeCom robot has no signing secret; leave it empty"))
            v.check(secret.hasPrefix("SEC") && (20...120).contains(secret.count) && secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) },
                    "secret", Bilingual("加签密钥应以 SEC 开头（钉钉机器人安全设置中复制）", "The signing secret starts with SEC (copy it from the robot's security settings)"))
        }
        try v.finish()
        self.platform = platform!; self.name = name; self.token = token!; self.secret = secret
    }

    /// The token in a pasted webhook address, or the address itself when only the token was pasted.
    static func token(in raw: String, platform: RobotPlatform) -> String? {
        let token = raw.contains("?") ? URLComponents(string: raw)?.queryItems?.first { $0.name == platform.tokenParameter }?.value : raw
        guard let token, (16...128).contains(token.count), token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        return token
    }
}

extension MessageText {
    /// A directive issued, to the work group of a unit in its area: markdown, which both platforms render, with how
    /// many of the directive's targets lie in the group's unit (filled in per group, between `before` and `after`).
    public static func groupDirective(title: String, deadline: Date, link: String?) -> (before: String, after: String) {
        ("### 新任务：\(title)\n> 截止：\(LocalTime.format(deadline))\n> 本单位对象：**", "** 个\n\n\(link.map { "[打开任务](\($0))" } ?? "请登录系统，在“今日”中查看。")")
    }

    /// A unit stalled or overdue, to the work group of the tier above it.
    public static func groupEscalation(_ message: String, link: String?) -> String {
        "### 任务预警\n> \(message)\n\n\(link.map { "[打开任务](\($0))" } ?? "请登录系统查看。")"
    }

    /// A summons sent, to the work groups of each department it calls, with the time to respond by.
    public static func groupSummons(title: String, street: String, urgency: String, respondBy: Date, link: String?) -> String {
        "### 吹哨报到：\(title)\n> \(street)呼叫（\(urgency)）\n> 请于 \(LocalTime.format(respondBy)) 前响应\n\n\(open(link, "吹哨报到"))"
    }

    /// A step on a summons that the other side must act on: a department's request, to the street's groups; the
    /// street's decision, to the department's.
    public static func groupSummonsStep(title: String, who: String, step: String, link: String?) -> String {
        "### 吹哨报到：\(step)\n> 《\(title)》：\(who)\(step)\n\n\(open(link, "吹哨报到"))"
    }

    static func open(_ link: String?, _ page: String) -> String { link.map { "[打开](\($0))" } ?? "请登录系统，在“\(page)”中查看。" }

    /// A request past its time to resolve, to the work groups of the unit handling it.
    public static func groupRequestOverdue(number: Int, category: String, link: String?) -> String {
        "### 诉求超期\n> 编号\(number)（\(category)）已超过办理时限，请尽快答复\n\n\(open(link, "诉求"))"
    }

    /// Yesterday's quarantine checks not recorded, to the work groups of the grids and communities concerned: how many,
    /// never who (a work group is no place for a name or a health record). The count is filled in per group.
    public static func groupQuarantineMissed(day: String, link: String?) -> (before: String, after: String) {
        ("### 健康监测漏报\n> \(day)有 **", "** 名居家隔离人员未登记健康监测，请今日补登。\n\n\(open(link, "居家隔离"))")
    }

    /// The message a group is sent to check its robot works.
    public static func groupTest(unit: String) -> String {
        "### 测试消息\n> \(unit)的工作群机器人已接通：任务、预警与吹哨将发到本群。"
    }
}
