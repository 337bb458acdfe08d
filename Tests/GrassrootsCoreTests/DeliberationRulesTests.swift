import Foundation
@testable import GrassrootsCore
import Testing

/// The rules of the council hall and the fund: quorum and majority in integers, what a vote needs, and amounts in fen.
@Suite struct DeliberationRulesTests {
    @Test func quorumAndMajorityAreExact() {
        // 10 eligible, 50 % quorum: 5 ballots reach it, 4 do not.
        #expect(VoteCount(eligible: 10, yes: 5, quorumPercent: 50, majorityPercent: 50).result == .passed)
        #expect(VoteCount(eligible: 10, yes: 4, quorumPercent: 50, majorityPercent: 50).result == .noQuorum)
        // Yes must exceed the majority share: 3 of 6 is not more than half, 4 of 6 is.
        #expect(VoteCount(eligible: 6, yes: 3, no: 3, quorumPercent: 50, majorityPercent: 50).result == .failed)
        #expect(VoteCount(eligible: 6, yes: 4, no: 1, abstain: 1, quorumPercent: 50, majorityPercent: 50).result == .passed)
        // Two thirds: 66 % — 2 of 3 (66.7 %) passes, 6 of 10 does not; abstentions count as ballots cast.
        #expect(VoteCount(eligible: 3, yes: 2, no: 1, quorumPercent: 100, majorityPercent: 66).result == .passed)
        #expect(VoteCount(eligible: 10, yes: 6, abstain: 4, quorumPercent: 50, majorityPercent: 66).result == .failed)
        #expect(VoteCount(eligible: 0, quorumPercent: 1, majorityPercent: 50).result == .noQuorum)
    }

    @Test func voteInputNamesEveryBadField() throws {
        #expect(try VoteInput(question: "是否加装电梯", rule: "households", quorumPercent: 50, majorityPercent: 66, days: 7).validated() == .households)
        #expect(try VoteInput(question: "x", rule: "区域内成年居民每人一票", quorumPercent: 1, majorityPercent: 50, days: 1).validated() == .residents)
        #expect(fields { _ = try VoteInput(question: "", rule: "everyone", quorumPercent: 0, majorityPercent: 100, days: 61).validated() }
                == ["question", "rule", "quorum_percent", "majority_percent", "days"])
    }

    @Test func moneyIsFen() {
        #expect(Money.fen("1234.5") == 123_450 && Money.fen("1,234.50") == 123_450 && Money.fen("¥800") == 80_000 && Money.fen(" 0.01 ") == 1)
        for bad in ["0", "-5", "1.234", "abc", "", "1e3", "100000000", "+5", "5."] { #expect(Money.fen(bad) == nil, "\(bad)") }
        #expect(Money.text(5_800_000) == "58,000.00" && Money.text(123_456_789) == "1,234,567.89" && Money.text(5) == "0.05" && Money.text(-100_000) == "-1,000.00")
        #expect(FundEntryKind.disbursement.direction == -1 && FundEntryKind.donation.direction == 1)
    }
}
