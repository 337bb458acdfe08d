import Foundation
@testable import GrassrootsCore
import Testing

/// The rules of resident requests: what a request must hold, the time limits, which steps a status allows, and the
/// three rates worked by hand.
@Suite struct ServicesRulesTests {
    @Test func requestInputNamesEveryBadField() throws {
        let good = try RequestInput(kind: "投诉", categoryID: 3, unitID: 9, description: "  楼下夜间施工噪音  ", contactPhone: "0834-1234567").validated()
        #expect(good.kind == "complaint" && good.description == "楼下夜间施工噪音" && good.contactPhone == "0834-1234567")
        #expect(fields { _ = try RequestInput(kind: "gossip", categoryID: nil, unitID: nil, address: String(repeating: "路", count: 201), description: "短",
                                              contactName: String(repeating: "名", count: 51), contactPhone: "12ab").validated() }
                == ["kind", "category_id", "unit_id", "address", "description", "contact_name", "contact_phone"])
        #expect(fields { _ = try RequestInput(kind: "help", categoryID: 1, unitID: 1, latitude: 27.9, description: "一二三四五").validated() } == ["lat"])
        #expect(fields { _ = try RequestInput(kind: "help", categoryID: 1, unitID: 1, latitude: 95, longitude: 102, description: "一二三四五").validated() } == ["lat"])
    }

    @Test func limitsAreCalendarMinutes() throws {
        let general = RequestLimit.defaults.first { $0.timeClass == .general }!
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let (respond, resolve) = general.deadlines(from: start)
        #expect(respond.timeIntervalSince(start) == 86_400 && resolve.timeIntervalSince(start) == 7 * 86_400)
        #expect(RequestLimit.defaults.first { $0.timeClass == .urgent }!.summary.zh == "30分钟内响应，2小时内答复")
        #expect(fields { _ = try RequestLimit(timeClass: .urgent, respondMinutes: 0, resolveMinutes: 60) } == ["respond_minutes"])
        #expect(fields { _ = try RequestLimit(timeClass: .urgent, respondMinutes: 60, resolveMinutes: 30) } == ["resolve_minutes"])
        #expect(fields { _ = try RequestLimit(timeClass: .complex, respondMinutes: 60, resolveMinutes: 61 * 1440) } == ["resolve_minutes"])
    }

    @Test func stepsFollowTheStatus() {
        #expect(RequestAction.accept.allowed(from: .submitted) && !RequestAction.accept.allowed(from: .accepted))
        #expect(RequestAction.reply.allowed(from: .accepted) && !RequestAction.reply.allowed(from: .submitted))
        #expect(RequestAction.feedback.allowed(from: .replied) && !RequestAction.feedback.allowed(from: .accepted))
        #expect(RequestAction.withdraw.allowed(from: .submitted) && !RequestAction.withdraw.allowed(from: .replied))
        #expect(!RequestAction.flag.allowed(from: .submitted) && RequestAction.flag.allowed(from: .closed))
        for status in RequestStatus.allCases { #expect(!RequestAction.submit.allowed(from: status) && !RequestAction.approveFlag.allowed(from: status)) }
        #expect(RequestStatus.replied.open311 == "open" && RequestStatus.closed.open311 == "closed")
    }

    @Test func threeRatesByHand() throws {
        var t = RequestTally()
        t.due = 10; t.respondedOnTime = 8; t.followUps = 5; t.solved = 4; t.satisfied = 2; t.basicallySatisfied = 2; t.dissatisfied = 1; t.excluded = 1
        let rates = t.rates(.defaults)
        #expect(rates[.response] == 0.8 && rates[.resolution] == 0.8)
        // (2 + 0.9 × 2) / 5 = 0.76; composite 0.1 × 0.8 + 0.5 × 0.8 + 0.4 × 0.76 = 0.784 → 78.4.
        #expect(abs(rates[.satisfaction]! - 0.76) < 1e-12 && t.composite(.defaults) == 78.4)
        let strict = try RateSettings(weights: [.response: 0, .resolution: 0, .satisfaction: 1], basicallyFactor: 0.5)
        #expect(t.composite(strict) == 60)
        // Without feedback, only the response rate counts.
        var early = RequestTally(); early.due = 4; early.respondedOnTime = 1
        #expect(early.rates(.defaults).keys.sorted { $0.rawValue < $1.rawValue } == [.response] && early.composite(.defaults) == 25)
        #expect(RequestTally().composite(.defaults) == nil)
        #expect(fields { _ = try RateSettings(weights: [.response: 0.5, .resolution: 0.5, .satisfaction: 0.5], basicallyFactor: 1.2) } == ["weights", "basically_factor"])
    }
}
