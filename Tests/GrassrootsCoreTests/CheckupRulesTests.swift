import Foundation
@testable import GrassrootsCore
import Testing

/// The check-up's arithmetic: points of an index weigh the same, points and indices without data are left out
/// rather than counted as zero, and the weakest points come lowest first.
@Suite struct CheckupRulesTests {
    @Test func indicesAverageThePointsWithData() {
        let scores = CheckupScores([
            CheckupValue(.compoundParty, Share(3, of: 4)), CheckupValue(.ownersCommittees, Share(1, of: 4)), CheckupValue(.gridBranches, Share(0, of: 0)),
            CheckupValue(.directiveReach, Share(9, of: 10)), CheckupValue(.drillResults, Share(0, of: 0)),
            CheckupValue(.requestRates, Share(5, of: 9), ratio: nil), CheckupValue(.registeredMembers, Share(30, of: 20), ratio: 1),
        ])
        // Organization: (0.75 + 0.25) / 2 = 50; mobilization: only reach counts (the ratio without data is left out, not its counts) = 90.
        #expect(scores.score(.organization) == 50 && scores.score(.mobilization) == 90)
        #expect(scores.score(.cadres) == nil && scores.score(.participation) == 100)
        // Overall over the three indices with data: (50 + 90 + 100) / 3 = 80.
        #expect(scores.overall == 80)
        #expect(scores.weakest(2).map(\.measure) == [.ownersCommittees, .compoundParty])
        #expect(CheckupScores.weight(.compoundParty) == 1.0 / 6 && CheckupScores.weight(.requiredTraining) == 1.0 / 3)
        #expect(CheckupScores([]).overall == nil)
        for measure in CheckupMeasure.allCases { #expect(!measure.label.zh.isEmpty) }
    }
}
