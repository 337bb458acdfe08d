/// What a message tells someone, and its words. A text to a resident names the request by its number and says where
/// to read the answer; it never repeats the answer itself, which may be personal and a phone's lock screen shows.
public enum MessageEvent: String, Sendable, CaseIterable, LabelledValue {
    case requestAccepted = "request.accepted"
    case requestAnswered = "request.answered"

    /// The text, in Chinese: the resident reads what the city writes, and residents' language is not recorded yet.
    /// `link` is where the request can be read, when the server knows its public address.
    public func text(number: Int, link: String?) -> String {
        // Kept within one message (70 UCS-2 characters) with a link of about 40 characters.
        let tail = link.map { "：\($0)" } ?? "，可登录或致电社区查询。"
        switch self {
        case .requestAccepted: return "【基层治理】您的诉求（编号\(number)）已受理，将按时限办理\(tail)"
        case .requestAnswered: return "【基层治理】您的诉求（编号\(number)）已答复，请查看并评价\(tail)"
        }
    }

    public var label: Bilingual {
        switch self {
        case .requestAccepted: Bilingual("诉求已受理", "Request accepted")
        case .requestAnswered: Bilingual("诉求已答复", "Request answered")
        }
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
