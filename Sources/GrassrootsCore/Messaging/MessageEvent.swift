import Foundation

/// What a message tells someone.
public enum MessageEvent: String, Sendable, CaseIterable, LabelledValue {
    case requestAccepted = "request.accepted"
    case requestAnswered = "request.answered"
    case requestOverdue = "request.overdue"
    case noticePublished = "notice.published"
    case directiveIssued = "directive.issued"
    case directiveReassigned = "directive.reassigned"
    case escalationRaised = "escalation.raised"
    case quarantineMissed = "quarantine.missed"
    case summonsSent = "summons.sent"
    case summonsStep = "summons.step"
    case groupTest = "group.test"

    public var label: Bilingual {
        switch self {
        case .requestAccepted: Bilingual("诉求已受理", "Request accepted")
        case .requestAnswered: Bilingual("诉求已答复", "Request answered")
        case .requestOverdue: Bilingual("诉求超期", "Request overdue")
        case .noticePublished: Bilingual("通知", "Notice")
        case .directiveIssued: Bilingual("新任务", "New directive")
        case .directiveReassigned: Bilingual("任务改派", "Directive reassigned")
        case .escalationRaised: Bilingual("任务预警", "Escalation")
        case .quarantineMissed: Bilingual("健康监测漏报", "Quarantine checks missed")
        case .summonsSent: Bilingual("吹哨报到", "Summons")
        case .summonsStep: Bilingual("吹哨进展", "Summons step")
        case .groupTest: Bilingual("测试消息", "Test message")
        }
    }
}

/// The words of the texts, in Chinese: residents read what the city writes, and their language is not recorded yet.
/// A text never carries what a phone's lock screen should not show: not a request's answer, a name or an address.
public enum MessageText {
    /// A step on a resident's request, by its number. `link` is where the request can be read, when the server knows
    /// its public address; kept within one message (70 UCS-2 characters) with a link of about 40 characters.
    public static func request(answered: Bool, number: Int, link: String?) -> String {
        let tail = link.map { "：\($0)" } ?? "，可登录或致电社区查询。"
        return answered ? "【基层治理】您的诉求（编号\(number)）已答复，请查看并评价\(tail)" : "【基层治理】您的诉求（编号\(number)）已受理，将按时限办理\(tail)"
    }

    /// A request past its time to resolve and not answered, told once: the city has pressed its handler. Its own
    /// opening, so a phone's list of texts tells it from the steps; one message with a link of about 40 characters.
    public static func requestOverdue(number: Int, link: String?) -> String {
        "【基层治理】诉求超期：编号\(number)，已督促加快办理\(link.map { "：\($0)" } ?? "，可致电社区查询。")"
    }

    /// A directive issued, to each worker responsible for some of its households; the count is filled in per worker
    /// (`{count}`), so one statement writes every worker's text.
    public static func directive(title: String, deadline: Date) -> (before: String, after: String) {
        ("【基层治理】新任务“\(title)”：您负责", "户，截止\(LocalTime.format(deadline))。请打开“今日”查看。")
    }

    /// Households of a directive moved to another worker, told to the one who takes them.
    public static func reassigned(title: String, count: Int, deadline: Date) -> String {
        "【基层治理】任务“\(title)”改派给您\(count)户，截止\(LocalTime.format(deadline))。请打开“今日”查看。"
    }

    /// A notice to every household of its area: who sends it and its title, not its whole text (which may be long);
    /// the household reads it on the community's notice board or asks its grid worker.
    public static func notice(title: String, from unit: String) -> String {
        "【基层治理】\(unit)通知：\(title)。详见社区通知栏，或咨询网格员。"
    }
}

/// Where a message stands. `noAddress` is counted, not sent: the record had no phone to send to.
public enum MessageStatus: String, Sendable, CaseIterable, LabelledValue {
    case queued, sent, delivered, failed, noAddress = "no_address"

    public var label: Bilingual {
        switch self {
        case .queued: Bilingual("待发送", "Queued")
        case .sent: Bilingual("已发出", "Sent")
        case .delivered: Bilingual("已送达", "Delivered")
        case .failed: Bilingual("发送失败", "Failed")
        case .noAddress: Bilingual("无手机号", "No phone")
        }
    }
}
