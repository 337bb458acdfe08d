import Foundation

/// The response and resolution limits of one time class, in minutes from submission (calendar time: residents
/// wait on weekends too).
public struct RequestLimit: Sendable, Equatable, Codable {
    public let timeClass: TimeClass
    public let respondMinutes: Int
    public let resolveMinutes: Int

    /// Checks the limits: a response within a day at most, a resolution after the response and within 60 days.
    public init(timeClass: TimeClass, respondMinutes: Int, resolveMinutes: Int) throws {
        var v = Validator()
        v.check((1...1440).contains(respondMinutes), "respond_minutes", Bilingual("响应时限应在 1 到 1440 分钟之间", "The response limit must be 1–1440 minutes"))
        v.check(resolveMinutes >= respondMinutes && resolveMinutes <= 60 * 1440, "resolve_minutes",
                Bilingual("办结时限应不短于响应时限、不超过60天", "The resolution limit must be at least the response limit and at most 60 days"))
        try v.finish()
        self.timeClass = timeClass; self.respondMinutes = respondMinutes; self.resolveMinutes = resolveMinutes
    }

    /// The defaults: urgent — respond 30 min, answer in 2 h; utilities — 2 h, 24 h; general — 24 h, 7 days; complex — 24 h, 15 days.
    public static let defaults: [RequestLimit] = [
        try! RequestLimit(timeClass: .urgent, respondMinutes: 30, resolveMinutes: 120),
        try! RequestLimit(timeClass: .utilities, respondMinutes: 120, resolveMinutes: 1440),
        try! RequestLimit(timeClass: .general, respondMinutes: 1440, resolveMinutes: 7 * 1440),
        try! RequestLimit(timeClass: .complex, respondMinutes: 1440, resolveMinutes: 15 * 1440),
    ]

    /// The deadlines of a request submitted at `start`.
    public func deadlines(from start: Date) -> (respond: Date, resolve: Date) {
        (start.addingTimeInterval(Double(respondMinutes) * 60), start.addingTimeInterval(Double(resolveMinutes) * 60))
    }

    /// "30 分钟内响应，2 小时内办结".
    public var summary: Bilingual {
        Bilingual("\(Self.zh(respondMinutes))内响应，\(Self.zh(resolveMinutes))内答复", "respond within \(Self.en(respondMinutes)), answer within \(Self.en(resolveMinutes))")
    }

    static func zh(_ m: Int) -> String { m % 1440 == 0 ? "\(m / 1440)天" : m % 60 == 0 ? "\(m / 60)小时" : "\(m)分钟" }
    static func en(_ m: Int) -> String { m % 1440 == 0 ? "\(m / 1440) days" : m % 60 == 0 ? "\(m / 60) h" : "\(m) min" }
}

extension RequestLimit {
    /// Decoded with the checks of `init(timeClass:respondMinutes:resolveMinutes:)`, so JSON cannot carry a limit a form could not.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(timeClass: c.decode(TimeClass.self, forKey: .timeClass), respondMinutes: c.decode(Int.self, forKey: .respondMinutes),
                      resolveMinutes: c.decode(Int.self, forKey: .resolveMinutes))
    }
}
