import Foundation
@testable import GrassrootsCore
import Testing

/// The rules of cadre records: what a profile, post, secondment and course must hold, periods of a year, the
/// weighted score with parts missing, the training target of a period, years at the grassroots, the review window.
@Suite struct CadreRulesTests {
    static let today = "2026-11-18"

    @Test func profileNamesEveryBadField() throws {
        let good = CadreInput(name: " 张三 ", tier: "community", unitID: 7, position: "党委书记", education: "本科", grassrootsSince: "2015-03-01")
        let definition = try good.validated(today: Self.today)
        #expect(definition.name == "张三" && definition.tier == .community && definition.education == .bachelor && definition.grassrootsSince == "2015-03-01")
        // A label in either language is accepted as well as the code.
        #expect(try CadreInput(name: "李四", tier: "街道干部", unitID: 1, position: "科员", education: "College").validated(today: Self.today).tier == .street)
        let bad = CadreInput(name: "", tier: "mayor", unitID: nil, position: String(repeating: "长", count: 61), education: "博士后",
                             grassrootsSince: "2015-02-30", specialties: String(repeating: "x", count: 201))
        #expect(fields { _ = try bad.validated(today: Self.today) } == ["name", "tier", "unit_id", "position", "education", "grassroots_since", "specialties"])
        #expect(fields { _ = try CadreInput(name: "王五", tier: "street", unitID: 1, position: "科员", education: "bachelor", grassrootsSince: "2026-11-19")
            .validated(today: Self.today) } == ["grassroots_since"])
        var v = Validator()
        #expect(CadreTier.pick("", field: "tier", names: Bilingual("干部类别", "Tier"), &v) == nil)
        #expect(v.errors.first?.message.zh == "请选择干部类别：街道干部、社区干部、机关干部")
    }

    @Test func postsNeedAPlaceAndAPastStart() throws {
        let post = try PostInput(role: "party_secretary", title: "社区党委书记", unitID: 9, move: "appointment", startsOn: "2026-01-05").validated(today: Self.today)
        #expect(post.role == .partySecretary && post.startsOn == "2026-01-05" && post.move == .appointment)
        #expect(fields { _ = try PostInput(role: "king", title: "", unitID: nil, move: "promotion", startsOn: "2026-13-01").validated(today: Self.today) }
                == ["role", "title", "unit_id", "move", "starts_on"])
        #expect(fields { _ = try PostInput(role: "other", title: "科员", unitID: nil, departmentID: 3, move: "appointment", startsOn: "2026-12-01")
            .validated(today: Self.today) } == ["starts_on"])
    }

    @Test func secondmentTermsAreOrderedAndAtMostThreeYears() throws {
        func input(_ start: String, _ end: String) -> SecondmentInput {
            SecondmentInput(cadreID: 1, kind: "first_secretary", origin: "市民政局", unitID: 5, startsOn: start, endsOn: end, goals: "建强党组织")
        }
        #expect(try input("2026-03-01", "2029-03-01").validated().endsOn == "2029-03-01")
        #expect(fields { _ = try input("2026-03-01", "2029-03-02").validated() } == ["ends_on"])
        #expect(fields { _ = try input("2026-03-01", "2026-03-01").validated() } == ["ends_on"])
        #expect(fields { _ = try SecondmentInput(cadreID: nil, kind: "tourist", origin: "", unitID: nil, startsOn: "x", endsOn: "", goals: " ").validated() }
                == ["cadre_id", "kind", "origin", "unit_id", "starts_on", "ends_on", "goals"])
        #expect(SecondmentKind.agencyToStreet.destination == .street && SecondmentKind.firstSecretary.destination == .community)
        // The review opens a month before the term ends, in calendar months.
        #expect(SecondmentDefinition.reviewOpens(endsOn: "2027-03-31") == "2027-02-28")
        #expect(SecondmentDefinition.reviewOpens(endsOn: "2027-01-15") == "2026-12-15")
    }

    @Test func coursesCountHalfHours() throws {
        #expect(try CourseInput(title: " 基层治理 ", category: "governance", required: true, requiredHours: 7.5).validated().title == "基层治理")
        for bad in [0, -1, 0.25, 200.5] {
            #expect(fields { _ = try CourseInput(title: "课", category: "law", required: false, requiredHours: bad).validated() } == ["required_hours"], "\(bad)")
        }
        #expect(fields { _ = try CourseInput(title: "", category: "cooking", required: false, requiredHours: 2).validated() } == ["title", "category"])
        #expect(Hours.text(3) == "3" && Hours.text(3.5) == "3.5")
        #expect(courseCompleted(attended: 8, required: 8) && !courseCompleted(attended: 7.5, required: 8))
    }

    @Test func periodsMayBeYears() throws {
        let year = try Period("2026")
        // 1 Jan 00:00 Beijing is 31 Dec 16:00 UTC.
        #expect(year.start.ISO8601Format() == "2025-12-31T16:00:00Z" && year.end.ISO8601Format() == "2026-12-31T16:00:00Z")
        #expect(Period.year(of: Date(timeIntervalSince1970: 1_795_000_000)).code == "2026")
        #expect(CadreParts.target(yearly: 40, period: year) == 40)
        #expect(CadreParts.target(yearly: 40, period: try Period("2026Q4")) == 10)
        #expect(abs(CadreParts.target(yearly: 40, period: try Period("2026-11")) - 40.0 / 12) < 1e-9)
        for bad in ["202", "20266", "1999", "+202"] { #expect(fields { _ = try Period(bad) } == ["period"], "\(bad)") }
    }

    @Test func scoreSpreadsMissingWeightsAndCountsNoPresence() throws {
        let parts = CadreParts(requiredTraining: Share(1, of: 2), hours: 15, hoursTarget: 10, reviews: [.excellent, .basicallyCompetent],
                               coverage: Share(3, of: 4), reach: Share(0, of: 0))
        let values = parts.values
        #expect(values[.requiredTraining] == 0.5 && values[.trainingHours] == 1 && values[.secondmentReview] == 0.75 && values[.areaCoverage] == 0.75)
        #expect(values[.directiveReach] == nil && values[.requestRates] == nil)
        // Present weights 0.25 + 0.15 + 0.1 + 0.2 = 0.7: (0.125 + 0.15 + 0.075 + 0.15) / 0.7 = 71.43 → 71.4.
        #expect(CadreWeights.defaults.score(values) == 71.4)
        #expect(CadreWeights.defaults.score([:]) == nil)
        let nothing = CadreParts(requiredTraining: Share(0, of: 0), hours: 0, hoursTarget: 0, reviews: [], coverage: Share(0, of: 0), reach: Share(0, of: 0))
        #expect(nothing.values.isEmpty)
        #expect(fields { _ = try CadreWeights([.requiredTraining: 0.5, .trainingHours: 0.5]) }
                == ["secondment_review", "area_coverage", "directive_reach", "request_rates"])
        #expect(fields { _ = try CadreWeights([.requiredTraining: 0.5, .trainingHours: 0.5, .secondmentReview: 0.5, .areaCoverage: 0,
                                               .directiveReach: 0, .requestRates: 0]) } == ["weights"])
        #expect(fields { _ = try CadreWeights([.requiredTraining: 1.5, .trainingHours: -0.5, .secondmentReview: 0, .areaCoverage: 0,
                                               .directiveReach: 0, .requestRates: 0]) } == ["required_training", "training_hours"])
        // Nothing in the evaluation counts logins, time online or check-ins.
        for part in CadreComponent.allCases { #expect(!["登录", "在线", "打卡"].contains { part.label.zh.contains($0) }) }
    }

    @Test func yearsAtTheGrassrootsAreFullYears() {
        #expect(yearsSince("2015-03-01", today: "2026-02-28") == 10)
        #expect(yearsSince("2015-03-01", today: "2026-03-01") == 11)
        #expect(yearsSince(nil, today: Self.today) == nil)
        #expect(yearsSince("2026-11-18", today: Self.today) == 0)
    }
}
