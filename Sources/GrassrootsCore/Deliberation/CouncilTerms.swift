import Foundation

/// Where a council-hall topic (议题) stands: discussed, put to a vote, its resolution published (公示), carried out.
public enum TopicStatus: String, Sendable, CaseIterable, Codable, LabelledValue {
    case discussion, voting, rejected, publicized
    case inProgress = "in_progress"
    case done
    public var label: Bilingual {
        switch self {
        case .discussion: Bilingual("议事中", "Under discussion")
        case .voting: Bilingual("表决中", "Voting")
        case .rejected: Bilingual("未通过", "Not adopted")
        case .publicized: Bilingual("决议公示中", "Resolution on public notice")
        case .inProgress: Bilingual("决议落实中", "Being carried out")
        case .done: Bilingual("已落实", "Carried out")
        }
    }
}

/// Who may vote: every adult resident living in the area, or one vote per household of the area.
public enum VoteRule: String, Sendable, CaseIterable, Codable, LabelledValue {
    case residents, households
    public var label: Bilingual {
        switch self {
        case .residents: Bilingual("区域内成年居民每人一票", "One vote per adult resident of the area")
        case .households: Bilingual("区域内每户一票", "One vote per household of the area")
        }
    }
}

/// A ballot's choice.
public enum BallotChoice: String, Sendable, CaseIterable, Codable, LabelledValue {
    case yes, no, abstain
    public var label: Bilingual {
        switch self {
        case .yes: Bilingual("同意", "Yes")
        case .no: Bilingual("反对", "No")
        case .abstain: Bilingual("弃权", "Abstain")
        }
    }
}

/// The outcome of a vote.
public enum VoteResult: String, Sendable, CaseIterable, Codable, LabelledValue {
    case passed, failed
    case noQuorum = "no_quorum"
    public var label: Bilingual {
        switch self {
        case .passed: Bilingual("通过", "Adopted")
        case .failed: Bilingual("未获多数同意", "Not adopted by the majority")
        case .noQuorum: Bilingual("参与人数未达法定比例", "Quorum not reached")
        }
    }
}

/// The counts of a vote and the rule that turns them into a result: the ballots cast must reach the quorum share of
/// the eligible, and "yes" must be more than the majority share of the ballots cast.
public struct VoteCount: Sendable, Equatable, Codable {
    public var eligible: Int
    public var yes = 0, no = 0, abstain = 0
    public let quorumPercent: Int
    public let majorityPercent: Int

    /// Creates the counts.
    public init(eligible: Int, yes: Int = 0, no: Int = 0, abstain: Int = 0, quorumPercent: Int, majorityPercent: Int) {
        self.eligible = eligible; self.yes = yes; self.no = no; self.abstain = abstain; self.quorumPercent = quorumPercent; self.majorityPercent = majorityPercent
    }

    public var cast: Int { yes + no + abstain }
    /// Integer arithmetic, so a result never depends on rounding.
    public var quorate: Bool { eligible > 0 && cast * 100 >= quorumPercent * eligible }
    public var result: VoteResult {
        guard quorate else { return .noQuorum }
        return yes * 100 > majorityPercent * cast ? .passed : .failed
    }
}

/// A vote as typed by staff.
public struct VoteInput: Sendable, Equatable, Codable {
    public var question: String
    public var rule: String
    public var quorumPercent: Int
    public var majorityPercent: Int
    /// Days the vote stays open (1–60).
    public var days: Int

    /// Creates an input.
    public init(question: String, rule: String, quorumPercent: Int, majorityPercent: Int, days: Int) {
        self.question = question; self.rule = rule; self.quorumPercent = quorumPercent; self.majorityPercent = majorityPercent; self.days = days
    }

    /// Checks every field at once and returns the rule.
    public func validated() throws -> VoteRule {
        var v = Validator()
        v.check((1...200).contains(question.trimmed.count), "question", Bilingual("表决事项为1–200字", "The question needs 1–200 characters"))
        let rule = VoteRule.pick(rule, field: "rule", names: Bilingual("表决规则", "Rule"), &v)
        v.check((1...100).contains(quorumPercent), "quorum_percent", Bilingual("参与比例应在 1% 到 100% 之间", "The quorum must be 1–100 %"))
        v.check((50...99).contains(majorityPercent), "majority_percent", Bilingual("通过比例应在 50% 到 99% 之间（同意票须超过该比例）", "The majority must be 50–99 % (yes must exceed it)"))
        v.check((1...60).contains(days), "days", Bilingual("表决期为1–60天", "A vote stays open 1–60 days"))
        try v.finish()
        return rule!
    }
}
