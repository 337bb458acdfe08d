import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Cadre records on the demo city (which seeds 北城街道's cadres): profiles and moves with scope, the 一肩挑 table,
/// attendance that is saved whole or not at all, secondments with their review window, the weights, and the period
/// evaluation recomputed from the records with hand-written SQL.
@Suite struct CadreStoreTests {
    static let cityCode = "513401000000", streetCode = "513401001000", communityCode = "513401001003", otherCommunityCode = "513401001006"
    static let westCommunityCode = "513401002001"

    struct World {
        let context: StoreContext
        let admin: Scope, street: Scope, community: Scope
        let streetUnit: TerritoryUnit, datongmen: TerritoryUnit, beimen: TerritoryUnit, west: TerritoryUnit
    }

    static func world(_ engine: Engine) async throws -> World {
        let context = try await Fixtures.city(engine)
        let units = UnitStore(context)
        return World(context: context, admin: try await Fixtures.scope(context, code: cityCode, role: .cityAdmin),
                     street: try await Fixtures.scope(context, code: streetCode, role: .streetAdmin),
                     community: try await Fixtures.scope(context, code: communityCode, role: .communityStaff),
                     streetUnit: try await units.unit(code: streetCode, scope: .system), datongmen: try await units.unit(code: communityCode, scope: .system),
                     beimen: try await units.unit(code: otherCommunityCode, scope: .system), west: try await units.unit(code: westCommunityCode, scope: .system))
    }

    static func cadre(_ name: String, _ unit: TerritoryUnit, tier: String = "community") -> CadreInput {
        CadreInput(name: name, tier: tier, unitID: unit.id, position: "两委委员", education: "bachelor", grassrootsSince: "2020-05-01")
    }


    @Test(arguments: Fixtures.engines)
    func profilesMovesAndTheSecretaryDirectorTable(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let cadres = CadreStore(w.context)
        let before = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM cadres")
        // A community cadre sits in a community; a street cannot add one in another street; a community cannot add at all.
        await Fixtures.expectError(ValidationError.self) { try await cadres.create(Self.cadre("错层", w.streetUnit), scope: w.street) }
        await Fixtures.expectError(StoreError.self) { try await cadres.create(Self.cadre("越界", w.west), scope: w.street) }
        await Fixtures.expectError(AccessDenied.self) { try await cadres.create(Self.cadre("社区", w.datongmen), scope: w.community) }
        await Fixtures.expectError(ValidationError.self) {
            try await cadres.create(CadreInput(name: "部门", tier: "street", unitID: w.streetUnit.id, departmentID: 1, position: "科员", education: "bachelor"), scope: w.street)
        }
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM cadres") == before)

        let zhang = try await cadres.create(Self.cadre("张测试", w.datongmen), scope: w.street)
        #expect(zhang.unitID == w.datongmen.id && zhang.path == w.datongmen.path && zhang.tier == .community)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'cadre' AND action = 'create' AND entity_id = \(zhang.id)") == 1)
        // A committee post needs a community.
        await Fixtures.expectError(ValidationError.self) {
            try await cadres.addPost(cadreID: zhang.id, PostInput(role: "party_secretary", title: "书记", unitID: w.streetUnit.id, move: "appointment",
                                                                  startsOn: "2026-01-01"), endsCurrent: false, scope: w.street)
        }
        _ = try await cadres.addPost(cadreID: zhang.id, PostInput(role: "committee_member", title: "大通门社区两委委员", unitID: w.datongmen.id, move: "appointment",
                                                                  startsOn: "2025-01-01"), endsCurrent: false, scope: w.street)
        // A move that would start before the current post is refused and changes nothing.
        await Fixtures.expectError(ValidationError.self) {
            try await cadres.addPost(cadreID: zhang.id, PostInput(role: "party_secretary", title: "大水井社区党委书记", unitID: w.beimen.id, move: "appointment",
                                                                  startsOn: "2024-12-31"), endsCurrent: true, scope: w.street)
        }
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM cadre_posts WHERE cadre_id = \(zhang.id) AND ends_on IS NULL") == 1)
        let posts = try await cadres.addPost(cadreID: zhang.id, PostInput(role: "party_secretary", title: "大水井社区党委书记", unitID: w.beimen.id,
                                                                          move: "appointment", startsOn: "2026-03-01"), endsCurrent: true, scope: w.street)
        #expect(posts.map(\.endsOn) == [nil, "2026-03-01"] && posts[0].unitName == w.beimen.name)
        let moved = try await cadres.cadre(zhang.id, scope: w.street)
        #expect(moved.unitID == w.beimen.id && moved.path == w.beimen.path)
        // 北门 (where the demo has two people in the posts) now also has one person in both.
        _ = try await cadres.addPost(cadreID: zhang.id, PostInput(role: "committee_director", title: "大水井社区居委会主任", unitID: w.beimen.id,
                                                                  move: "appointment", startsOn: "2026-03-01"), endsCurrent: false, scope: w.street)
        let table = try await cadres.leadership(under: w.streetUnit, scope: w.street)
        let expected = try await Fixtures.count(w.context, """
            SELECT COUNT(DISTINCT p.unit_id) AS n FROM cadre_posts p JOIN cadre_posts q ON q.cadre_id = p.cadre_id AND q.unit_id = p.unit_id
            JOIN units u ON u.id = p.unit_id
            WHERE p.role = 'party_secretary' AND q.role = 'committee_director' AND p.ends_on IS NULL AND q.ends_on IS NULL AND u.path LIKE '\(w.streetUnit.path)%'
            """)
        #expect(table.filter(\.oneShoulder).count == expected && expected == 5)
        #expect(table.first { $0.unitID == w.beimen.id }?.oneShoulder == true)
        #expect(table.count == (try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'community' AND path LIKE '\(w.streetUnit.path)%'")))
        // A community reads its own cadres; a grid worker reads none.
        #expect(try await cadres.list(scope: w.community).allSatisfy { $0.path.hasPrefix(w.datongmen.path) })
        await Fixtures.expectError(AccessDenied.self) { try await cadres.list(scope: Scope(path: w.datongmen.path, role: .gridWorker, accountID: 0, username: "g")) }
    }

    @Test(arguments: Fixtures.engines)
    func attendanceIsSavedWholeOrNotAtAll(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let training = TrainingStore(w.context), cadres = CadreStore(w.context)
        let course = try await training.courses().first { $0.required }!
        let session = try await training.createSession(courseID: course.id, unitID: w.streetUnit.id, heldOn: "2026-11-02", hours: 4, place: "党群服务中心", scope: w.street)
        let a = try await cadres.create(Self.cadre("甲", w.datongmen), scope: w.street), b = try await cadres.create(Self.cadre("乙", w.beimen), scope: w.street)
        let outsider = try await cadres.create(Self.cadre("丙", w.west), scope: w.admin)
        _ = try await training.recordAttendance(sessionID: session.id, [a.id: 4], scope: w.street)
        let saved = "SELECT COUNT(*) AS n FROM training_attendance WHERE session_id = \(session.id)"
        // More hours than the session, or a cadre outside the street: nothing changes.
        await Fixtures.expectError(ValidationError.self) { try await training.recordAttendance(sessionID: session.id, [a.id: 4, b.id: 4.5], scope: w.street) }
        await Fixtures.expectError(StoreError.self) { try await training.recordAttendance(sessionID: session.id, [b.id: 2, outsider.id: 2], scope: w.street) }
        #expect(try await Fixtures.count(w.context, saved) == 1)
        let list = try await training.recordAttendance(sessionID: session.id, [b.id: 2, a.id: 3.5], scope: w.street)
        #expect(Set(list.map(\.cadreID)) == [a.id, b.id] && list.first { $0.cadreID == a.id }?.hours == 3.5)
        await Fixtures.expectError(ValidationError.self) {
            try await training.createSession(courseID: course.id, unitID: w.streetUnit.id, heldOn: "2026-02-30", hours: 0.3, place: "", scope: w.street)
        }
        await Fixtures.expectError(AccessDenied.self) {
            try await training.createCourse(CourseInput(title: "街道自设课", category: "law", required: false, requiredHours: 2), scope: w.street)
        }
        let record = try await training.record(cadreID: a.id, scope: w.street)
        #expect(record.standings.first { $0.course.id == course.id }?.hours == 3.5 && record.attendance.count == 1)
    }

    @Test(arguments: Fixtures.engines)
    func secondmentsOverlapReviewWindowAndScope(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let cadres = CadreStore(w.context)
        let agency = try await cadres.create(CadreInput(name: "机关甲", tier: "agency", unitID: try await UnitStore(w.context).unit(code: Self.cityCode, scope: .system).id,
                                                        position: "科长", education: "postgraduate"), scope: w.admin)
        let store = SecondmentStore(w.context)
        func term(_ start: String, _ end: String, unit: TerritoryUnit, kind: String = "first_secretary") -> SecondmentInput {
            SecondmentInput(cadreID: agency.id, kind: kind, origin: "市民政局", unitID: unit.id, startsOn: start, endsOn: end, goals: "建强党组织")
        }
        // The street cannot send a city cadre; a first secretary goes to a community, not a street.
        await Fixtures.expectError(AccessDenied.self) { try await store.create(term("2026-01-01", "2026-12-01", unit: w.datongmen), scope: w.street) }
        await Fixtures.expectError(ValidationError.self) { try await store.create(term("2026-01-01", "2026-12-01", unit: w.streetUnit), scope: w.admin) }
        let s = try await store.create(term("2026-01-01", "2026-12-10", unit: w.datongmen), scope: w.admin)
        await Fixtures.expectError(ValidationError.self) { try await store.create(term("2026-12-10", "2027-06-01", unit: w.beimen), scope: w.admin) }
        // Seconded into the street: the street sees the cadre, but cannot change the profile.
        #expect(try await cadres.cadre(agency.id, scope: w.street).id == agency.id)
        await Fixtures.expectError(AccessDenied.self) {
            try await cadres.addPost(cadreID: agency.id, PostInput(role: "other", title: "挂职", unitID: w.datongmen.id, move: "appointment", startsOn: "2026-01-01"),
                                     endsCurrent: false, scope: w.street)
        }
        // The fixture clock is 2026-11-18: a term ending 2026-12-10 opens for review on 2026-11-10; one ending 2027 does not.
        let later = try await store.create(term("2027-01-01", "2027-12-31", unit: w.beimen), scope: w.admin)
        await Fixtures.expectError(ValidationError.self) { try await store.review(later.id, outcome: "excellent", text: "好", scope: w.admin) }
        await Fixtures.expectError(ValidationError.self) { try await store.review(s.id, outcome: "great", text: "", scope: w.street) }
        let reviewed = try await store.review(s.id, outcome: "称职", text: "目标全部完成", scope: w.street)
        #expect(reviewed.outcome == .competent && reviewed.reviewedOn == "2026-11-18" && reviewed.reviewedBy == w.street.username)
        await Fixtures.expectError(StoreError.self) { try await store.review(s.id, outcome: "excellent", text: "再评", scope: w.street) }
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM secondments WHERE cadre_id = \(agency.id)") == 2)
        // Another street does not see the secondment.
        let west = try await Fixtures.scope(w.context, code: "513401002000", role: .streetAdmin)
        #expect(try await store.list(scope: west).allSatisfy { $0.cadreID != agency.id })
    }

    @Test(arguments: Fixtures.engines)
    func evaluationIsRecountedFromTheRecords(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = CadreEvaluationStore(w.context)
        let evaluation = try await store.evaluation(period: "2026", scope: w.street)
        #expect(evaluation.rows.count == (try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM cadres c WHERE c.path LIKE '\(w.streetUnit.path)%'
               OR EXISTS (SELECT 1 FROM secondments s WHERE s.cadre_id = c.id AND s.path LIKE '\(w.streetUnit.path)%')
            """)))
        let weights: [CadreComponent: Double] = [.requiredTraining: 0.25, .trainingHours: 0.15, .secondmentReview: 0.1, .areaCoverage: 0.2,
                                                 .directiveReach: 0.2, .requestRates: 0.1]
        var withScores = 0
        for row in evaluation.rows {
            let id = row.cadre.id
            let completed = try await Fixtures.count(w.context, """
                SELECT COUNT(*) AS n FROM courses k WHERE k.required = 1 AND k.required_hours <= (SELECT COALESCE(SUM(a.hours), 0) FROM training_attendance a
                  JOIN training_sessions t ON t.id = a.session_id WHERE a.cadre_id = \(id) AND t.course_id = k.id AND t.held_on < '2027-01-01')
                """)
            #expect(row.parts.requiredTraining == Share(completed, of: 2), "\(row.cadre.name)")
            let halfHours = try await Fixtures.count(w.context, """
                SELECT CAST(COALESCE(SUM(a.hours * 2), 0) AS INTEGER) AS n FROM training_attendance a JOIN training_sessions t ON t.id = a.session_id
                WHERE a.cadre_id = \(id) AND t.held_on >= '2026-01-01' AND t.held_on < '2027-01-01'
                """)
            #expect(row.parts.hours * 2 == Double(halfHours) && row.parts.hoursTarget == 40)
            if row.cadre.tier == .community {
                let path = row.cadre.path
                let organized = try await Fixtures.count(w.context, """
                    SELECT COUNT(*) AS n FROM units u WHERE u.path LIKE '\(path)%' AND ((u.kind = 'compound' AND EXISTS (SELECT 1 FROM organizations o
                      WHERE o.unit_id = u.id AND o.kind = 'compound_group')) OR (u.kind = 'grid' AND EXISTS (SELECT 1 FROM organizations o
                      WHERE o.unit_id = u.id AND o.kind = 'grid_branch')))
                    """)
                let places = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM units u WHERE u.path LIKE '\(path)%' AND u.kind IN ('compound', 'grid')")
                let reached = try await Fixtures.count(w.context, """
                    SELECT COALESCE(SUM(p.done + p.refused + p.not_applicable), 0) AS n FROM directive_progress p JOIN directives d ON d.id = p.directive_id
                    WHERE p.unit_id = \(row.cadre.unitID) AND d.status = 'issued' AND d.issued_at >= '2025-12-31T16:00:00Z' AND d.issued_at < '2026-12-31T16:00:00Z'
                    """)
                let targets = try await Fixtures.count(w.context, """
                    SELECT COALESCE(SUM(p.total), 0) AS n FROM directive_progress p JOIN directives d ON d.id = p.directive_id
                    WHERE p.unit_id = \(row.cadre.unitID) AND d.status = 'issued' AND d.issued_at >= '2025-12-31T16:00:00Z' AND d.issued_at < '2026-12-31T16:00:00Z'
                    """)
                let areaIDs = row.areas.map(\.unitID)
                if areaIDs == [row.cadre.unitID] {
                    #expect(row.parts.coverage == Share(organized, of: places) && row.parts.reach == Share(reached, of: targets), "\(row.cadre.name)")
                }
            }
            // The score, recomputed by hand from the parts and the default weights.
            var values: [CadreComponent: Double] = [:]
            if row.parts.requiredTraining.of > 0 { values[.requiredTraining] = Double(row.parts.requiredTraining.hits) / 2 }
            values[.trainingHours] = min(1, row.parts.hours / 40)
            if !row.parts.reviews.isEmpty { values[.secondmentReview] = row.parts.reviews.map(\.share).reduce(0, +) / Double(row.parts.reviews.count) }
            if row.parts.coverage.of > 0 { values[.areaCoverage] = Double(row.parts.coverage.hits) / Double(row.parts.coverage.of) }
            if row.parts.reach.of > 0 { values[.directiveReach] = Double(row.parts.reach.hits) / Double(row.parts.reach.of) }
            if let requests = row.parts.requests { values[.requestRates] = requests / 100 }
            // A cadre serving one area carries that area's request composite (checked by hand in the services tests).
            if row.areas.count == 1 {
                let area = try await RequestRatesStore(w.context).rates(unitID: row.areas[0].unitID, period: "2026", scope: .system).unit.composite
                #expect(row.parts.requests == area, "\(row.cadre.name)")
            }
            let total = values.keys.map { weights[$0]! }.reduce(0, +)
            let score = (values.map { weights[$0.key]! * $0.value }.reduce(0, +) / total * 1000).rounded() / 10
            #expect(row.score == score, "\(row.cadre.name)")
            withScores += 1
        }
        #expect(withScores >= 19)
        // The reviewed agency leader's review counts in the year it was written.
        #expect(evaluation.rows.contains { $0.parts.reviews == [.competent] && $0.cadre.tier == .agency })
    }

    @Test(arguments: Fixtures.engines)
    func eachUnitsRecordSitsBesideItsOutcomes(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let records = try await CadreEvaluationStore(w.context).units(under: w.streetUnit, period: "2026", scope: w.street)
        #expect(records.map(\.unitID) == (try await UnitStore(w.context).children(of: w.streetUnit.id, scope: w.street)).map(\.unit.id))
        let datongmen = try #require(records.first { $0.unitID == w.datongmen.id })
        let cadres = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM cadres WHERE path LIKE '\(w.datongmen.path)%'")
        let trained = try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM cadres c WHERE c.path LIKE '\(w.datongmen.path)%' AND NOT EXISTS (SELECT 1 FROM courses k WHERE k.required = 1
              AND k.required_hours > (SELECT COALESCE(SUM(a.hours), 0) FROM training_attendance a JOIN training_sessions t ON t.id = a.session_id
                                      WHERE a.cadre_id = c.id AND t.course_id = k.id AND t.held_on < '2027-01-01'))
            """)
        let seconded = try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM secondments WHERE path LIKE '\(w.datongmen.path)%' AND starts_on < '2027-01-01' AND ends_on >= '2026-01-01'
            """)
        let organized = try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM units u WHERE u.path LIKE '\(w.datongmen.path)%' AND ((u.kind = 'compound' AND EXISTS (SELECT 1 FROM organizations o
              WHERE o.unit_id = u.id AND o.kind = 'compound_group')) OR (u.kind = 'grid' AND EXISTS (SELECT 1 FROM organizations o
              WHERE o.unit_id = u.id AND o.kind = 'grid_branch')))
            """)
        #expect(datongmen.trained == Share(trained, of: cadres) && cadres > 0)
        #expect(datongmen.secondedIn == seconded && datongmen.coverage.hits == organized)
        // The west street is outside 北城's scope.
        let west = try await UnitStore(w.context).unit(code: "513401002000", scope: .system)
        await Fixtures.expectError(AccessDenied.self) { try await CadreEvaluationStore(w.context).units(under: west, period: "2026", scope: w.street) }
    }

    @Test(arguments: Fixtures.engines)
    func weightsAndTargetAreTheCitysAndChecked(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = CadreEvaluationStore(w.context)
        let even: [CadreComponent: Double] = [.requiredTraining: 0.5, .trainingHours: 0.5, .secondmentReview: 0, .areaCoverage: 0, .directiveReach: 0, .requestRates: 0]
        await Fixtures.expectError(AccessDenied.self) { try await store.setWeights(even, scope: w.street) }
        await Fixtures.expectError(ValidationError.self) { try await store.setWeights([.requiredTraining: 1.2], scope: w.admin) }
        await Fixtures.expectError(ValidationError.self) { try await store.setYearlyHours(0.2, scope: w.admin) }
        let weights = try await store.weights(), hours = try await store.yearlyHours()
        #expect(weights == .defaults && hours == 40)
        try await store.setWeights(even, scope: w.admin)
        try await store.setYearlyHours(20, scope: w.admin)
        let row = try #require(try await store.evaluation(period: "2026", scope: w.street).rows.first { $0.parts.requiredTraining.of > 0 })
        let training = Double(row.parts.requiredTraining.hits) / Double(row.parts.requiredTraining.of)
        #expect(row.score == ((0.5 * training + 0.5 * min(1, row.parts.hours / 20)) * 1000).rounded() / 10)
        await Fixtures.expectError(FieldError.self) { try await store.evaluation(period: "2026Q5", scope: w.street) }
    }
}
