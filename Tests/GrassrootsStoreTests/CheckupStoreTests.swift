import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// The check-up on the demo city: points recomputed with hand-written SQL, indices and the overall score from the
/// points, the ranking below, the trend, and scope.
@Suite struct CheckupStoreTests {
    @Test(arguments: Fixtures.engines)
    func pointsAreRecountedByHand(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let street = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        let scope = try await Fixtures.scope(context, code: "513401001000", role: .streetAdmin)
        let report = try await CheckupStore(context).report(unitID: street.id, period: "2026Q4", scope: scope)
        let values = Dictionary(uniqueKeysWithValues: report.unit.scores.values.map { ($0.measure, $0) })
        let p = street.path
        let compounds = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'compound' AND path LIKE '\(p)%'")
        let grouped = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM units u WHERE u.kind = 'compound' AND u.path LIKE '\(p)%' AND EXISTS (SELECT 1 FROM organizations o WHERE o.unit_id = u.id AND o.kind = 'compound_group')
            """)
        #expect(values[.compoundParty]?.share == Share(grouped, of: compounds))
        let due = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM summons_targets t JOIN summons s ON s.id = t.summons_id WHERE s.path LIKE '\(p)%' AND s.sent_at >= '2026-09-30T16:00:00Z' AND s.drill = 0
              AND s.sent_at < '2026-12-31T16:00:00Z' AND (t.accepted_at IS NOT NULL OR t.respond_due <= '\(Timestamp.format(context.clock()))')
            """)
        let onTime = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM summons_targets t JOIN summons s ON s.id = t.summons_id WHERE s.path LIKE '\(p)%' AND s.sent_at >= '2026-09-30T16:00:00Z' AND s.drill = 0
              AND s.sent_at < '2026-12-31T16:00:00Z' AND t.accepted_at <= t.respond_due
            """)
        #expect(values[.summonsResponse]?.share == Share(onTime, of: due))
        let cadres = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM cadres WHERE path LIKE '\(p)%'")
        let experienced = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM cadres WHERE path LIKE '\(p)%' AND grassroots_since <= '2023-11-18'")
        #expect(values[.grassrootsExperience]?.share == Share(experienced, of: cadres) && cadres > 0)
        let communities = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'community' AND path LIKE '\(p)%'")
        let withUnits = try await Fixtures.count(context, "SELECT COUNT(DISTINCT community_id) AS n FROM member_units WHERE path LIKE '\(p)%'")
        #expect(values[.registeredUnits]?.share == Share(withUnits, of: communities))
        let spent = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM fund_entries e WHERE e.kind = 'disbursement' AND e.path LIKE '\(p)%' AND NOT EXISTS (SELECT 1 FROM fund_entries r WHERE r.reverses_id = e.id)
            """)
        #expect(values[.fundTransparency]?.share.of == spent)
        // The demo's drill (summons and directive marked) is in this quarter: the drill point counts the drill's households
        // at the community that ran it, recounted from the assignments.
        let drillTargets = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM assignments a JOIN directives d ON d.id = a.directive_id WHERE d.drill = 1 AND d.path LIKE '\(p)%'")
        let drillReached = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM assignments a JOIN directives d ON d.id = a.directive_id WHERE d.drill = 1 AND d.path LIKE '\(p)%' AND a.outcome IN ('done', 'refused', 'not_applicable')")
        #expect(drillTargets > 0 && values[.drillResults]?.share == Share(drillReached, of: drillTargets))
        // The request composite is the rates store's (recounted by hand in the services tests).
        let rates = try await RequestRatesStore(context).rates(unitID: street.id, period: "2026Q4", scope: scope).unit.composite
        #expect(values[.requestRates]?.value == rates.map { $0 / 100 })

        // Indices are the mean of their points with data; the overall the mean of the indices with data.
        for index in CheckupIndex.allCases {
            let present = report.unit.scores.values.filter { $0.measure.index == index }.compactMap(\.value)
            let expected = present.isEmpty ? nil : (present.reduce(0, +) / Double(present.count) * 1000).rounded() / 10
            #expect(report.unit.scores.score(index) == expected, "\(index)")
        }
        let indices = CheckupIndex.allCases.compactMap { report.unit.scores.score($0).map { $0 / 100 } }
        #expect(report.unit.overall == (indices.reduce(0, +) / Double(indices.count) * 1000).rounded() / 10)
        #expect(report.children.count == communities && report.children.map { $0.overall ?? -1 } == report.children.map { $0.overall ?? -1 }.sorted(by: >))
        #expect(report.trend.map(\.period) == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"])
        #expect(report.siblings.isEmpty)  // the city is outside a street's scope

        // The city has no progress row for a street's directive: its reach is the streets' own, counted at the
        // directives' issuing units, not "no data".
        let city = try await UnitStore(context).root(of: .system)
        let cityReport = try await CheckupStore(context).report(unitID: city.id, period: "2026Q4",
                                                               scope: Scope(path: city.path, role: .cityAdmin, accountID: 0, username: "c"))
        let real = "d.drill = 0 AND d.status = 'issued' AND d.issued_at >= '2026-09-30T16:00:00Z' AND d.issued_at < '2026-12-31T16:00:00Z'"
        let targets = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM assignments a JOIN directives d ON d.id = a.directive_id WHERE \(real)")
        let reached = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM assignments a JOIN directives d ON d.id = a.directive_id WHERE \(real) AND a.outcome IN ('done', 'refused', 'not_applicable')
            """)
        let cityValues = Dictionary(uniqueKeysWithValues: cityReport.unit.scores.values.map { ($0.measure, $0) })
        #expect(targets > 0 && cityValues[.directiveReach]?.share == Share(reached, of: targets))
        #expect(values[.directiveReach]?.share == Share(reached, of: targets), "the street issued them all")

        let community = try await UnitStore(context).unit(code: "513401001003", scope: .system)
        let forCommunity = try await CheckupStore(context).report(unitID: community.id, period: "2026Q4", scope: scope)
        #expect(forCommunity.siblings.count == communities && forCommunity.siblings.contains { $0.unitID == community.id })
        let grid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        await #expect(throws: ValidationError.self) { try await CheckupStore(context).report(unitID: grid.id, period: "2026Q4", scope: scope) }
        let west = try await Fixtures.scope(context, code: "513401002000", role: .streetAdmin)
        await #expect(throws: StoreError.self) { try await CheckupStore(context).report(unitID: street.id, period: "2026Q4", scope: west) }
        await #expect(throws: AccessDenied.self) { try await CheckupStore(context).report(unitID: street.id, period: "2026Q4",
                                                                                           scope: Scope(path: p, role: .resident, accountID: 0, username: "r")) }
    }

    @Test(arguments: Fixtures.engines)
    func boundariesImportAllOrNothingAndCompoundsAreChecked(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let store = BoundaryStore(context)
        let street = try await Fixtures.scope(context, code: "513401001000", role: .streetAdmin)
        let grid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        let square = { (x: Double, y: Double) in "[[[\(x),\(y)],[\(x + 0.01),\(y)],[\(x + 0.01),\(y + 0.01)],[\(x),\(y + 0.01)],[\(x),\(y)]]]" }
        let feature = { (code: String, x: Double) in "{\"type\":\"Feature\",\"properties\":{\"code\":\"\(code)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\(square(x, 27.9))}}" }
        let collection = { (items: [String]) in Data("{\"type\":\"FeatureCollection\",\"features\":[\(items.joined(separator: ","))]}".utf8) }
        // One code outside the street refuses the whole file.
        await #expect(throws: ValidationError.self) { try await store.importBoundaries(collection([feature("513401001003", 102.2), feature("513401002001", 102.3)]), scope: street) }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM units WHERE boundary IS NOT NULL") == 0)
        #expect(try await store.importBoundaries(collection([feature("513401001003", 102.2), feature("513401001003001", 102.2)]), scope: street) == 2)
        // A compound placed inside its grid passes; one placed outside is listed.
        let compounds = try await UnitStore(context).children(of: grid.id, scope: .system).map(\.unit).filter { $0.kind == .compound }
        let points = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\(compounds[0].id)},\"geometry\":{\"type\":\"Point\",\"coordinates\":[102.205,27.905]}},{\"type\":\"Feature\",\"properties\":{\"id\":\(compounds[1].id)},\"geometry\":{\"type\":\"Point\",\"coordinates\":[102.5,27.5]}}]}"
        #expect(try await store.importPositions(Data(points.utf8), scope: street) == 2)
        let misplaced = try await store.misplaced(under: grid.parentID!, scope: street)
        #expect(misplaced.map(\.compoundID) == [compounds[1].id] && misplaced[0].containingGrid == nil)
        let exported = try JSONSerialization.jsonObject(with: try await store.export(under: grid.parentID!, scope: street)) as? [String: Any]
        #expect((exported?["features"] as? [[String: Any]])?.compactMap { ($0["properties"] as? [String: Any])?["code"] as? String }.sorted() == ["513401001003", "513401001003001"])
        await #expect(throws: AccessDenied.self) { try await store.importBoundaries(collection([feature("513401001003", 102.2)]),
                                                                                      scope: Scope(path: street.path, role: .communityStaff, accountID: 0, username: "c")) }
    }
}

/// The records behind each point add up to the point: every record the check-up counts is listed once, with what it
/// adds, for the city, a street and a community, so the "weakest five" lead to exactly what holds them down.
@Suite struct CheckupRecordsTests {
    @Test(arguments: Fixtures.engines)
    func theRecordsBehindEachPointAddUpToThePoint(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let store = CheckupStore(context), period = Period.quarter(of: context.clock()).code
        var listed = 0
        for code in ["513401000000", "513401001000", "513401001003"] {
            let unit = try await UnitStore(context).unit(code: code, scope: .system)
            let report = try await store.report(unitID: unit.id, period: period, scope: .system)
            for value in report.unit.scores.values where value.measure.listsRecords {
                let point = try await store.records(value.measure, unitID: unit.id, period: period, scope: .system, limit: 100_000)
                #expect(point.hits == value.share.hits && point.total == value.share.of, "\(code) \(value.measure): \(point.hits)/\(point.total) against \(value.share)")
                #expect(point.records.reduce(0) { $0 + $1.hits } == point.hits && point.records.count == point.count)
                // Those that hold the point down come first.
                #expect(point.records.firstIndex { !$0.isShort } ?? point.records.count >= point.records.filter(\.isShort).count)
                listed += point.count
            }
        }
        #expect(listed > 1000, "the demo has records behind its points")
        // A limited list still carries the whole counts; ratios and other streets are refused.
        let street = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        let few = try await store.records(.householdsCovered, unitID: street.id, period: period, scope: .system, limit: 5)
        #expect(few.records.count == 5 && few.count > 5 && few.records.allSatisfy { $0.link.hasPrefix("/households/") })
        await #expect(throws: ValidationError.self) { try await store.records(.requestRates, unitID: street.id, period: period, scope: .system) }
        let community = try await Fixtures.scope(context, code: "513401001003", role: .communityStaff)
        await #expect(throws: (any Error).self) { try await store.records(.compoundParty, unitID: street.id, period: period, scope: community) }
        let worker = try await Fixtures.scope(context, code: "513401001003001", role: .gridWorker)
        await #expect(throws: AccessDenied.self) { try await store.records(.compoundParty, unitID: street.id, period: period, scope: worker) }
    }
}
