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

/// Boundaries as GeoJSON: what is accepted, every bad feature named, and point in polygon with holes.
@Suite struct GeoJSONTests {
    static func collection(_ features: String) -> Data { Data("{\"type\":\"FeatureCollection\",\"features\":[\(features)]}".utf8) }
    static let square = "[[[102.0,27.0],[102.2,27.0],[102.2,27.2],[102.0,27.2],[102.0,27.0]],[[102.05,27.05],[102.1,27.05],[102.1,27.1],[102.05,27.1],[102.05,27.05]]]"

    @Test func theWeakestAreThoseTheCountsShowWeakNotTheThinnest() {
        let scores = CheckupScores([
            CheckupValue(.trainingHours, Share(0, of: 1)), CheckupValue(.householdsCovered, Share(0, of: 40)),
            CheckupValue(.compoundParty, Share(6, of: 20)), CheckupValue(.gridBranches, Share(1, of: 2)),
        ])
        // 0 of 40 is surely weak (at most 9 %); 6 of 20 at most 52 %; 1 of 2 and 0 of 1 could be most anything.
        #expect(scores.weakest(4).map(\.measure) == [.householdsCovered, .compoundParty, .trainingHours, .gridBranches])
        let thin = try! #require(scores.values.first?.upperBound), wide = try! #require(scores.values[1].upperBound)
        #expect(abs(thin - 0.7935) < 0.001 && abs(wide - 0.0876) < 0.001)
        #expect(CheckupValue(.drillResults, Share(0, of: 0)).upperBound == nil)
    }

    @Test func aSquarifiedTreeMapGivesEachValueItsShareAsNearSquares() {
        let values = [600.0, 300, 150, 60, 30, 0, 10]
        let cells = Treemap.squarify(values, width: 680, height: 240)
        #expect(Set(cells.map(\.index)) == [0, 1, 2, 3, 4, 6], "a zero gets no cell")
        let total = values.reduce(0, +)
        for cell in cells {
            #expect(abs(cell.width * cell.height - values[cell.index] / total * 680 * 240) < 0.01)
            #expect(cell.x >= -0.001 && cell.y >= -0.001 && cell.x + cell.width <= 680.001 && cell.y + cell.height <= 240.001)
        }
        // The largest is no sliver: a slice of the width would be 353 × 240; squarified it is nearer a square.
        let largest = cells.first { $0.index == 0 }!
        #expect(max(largest.width / largest.height, largest.height / largest.width) < 1.5)
        #expect(Treemap.squarify([0, 0], width: 10, height: 10).isEmpty)
    }

    @Test func readsPolygonsAndTestsPoints() throws {
        let features = try GeoJSON.boundaries(Self.collection("""
            {"type":"Feature","properties":{"code":"513401001003"},"geometry":{"type":"Polygon","coordinates":\(Self.square)}},
            {"type":"Feature","properties":{"code":"513401001005"},"geometry":{"type":"MultiPolygon","coordinates":[[[[103,28],[103.1,28],[103.1,28.1],[103,28]]]]}}
            """))
        #expect(features.map(\.code) == ["513401001003", "513401001005"])
        let area = features[0]
        #expect(area.contains(longitude: 102.15, latitude: 27.15) && !area.contains(longitude: 102.07, latitude: 27.07))  // inside, and inside the hole
        #expect(!area.contains(longitude: 102.3, latitude: 27.1) && features[1].contains(longitude: 103.05, latitude: 28.02))
    }

    @Test func namesEveryBadFeature() {
        let bad = Self.collection("""
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":\(Self.square)}},
            {"type":"Feature","properties":{"code":"a"},"geometry":{"type":"Point","coordinates":[102,27]}},
            {"type":"Feature","properties":{"code":"b"},"geometry":{"type":"Polygon","coordinates":[[[102,27],[102.1,27],[102.1,27.1],[102,27.2]]]}},
            {"type":"Feature","properties":{"code":"c"},"geometry":{"type":"Polygon","coordinates":[[[200,27],[102.1,27],[102.1,27.1],[200,27]]]}},
            {"type":"Feature","properties":{"code":"d"},"geometry":{"type":"Polygon","coordinates":\(Self.square)}},
            {"type":"Feature","properties":{"code":"d"},"geometry":{"type":"Polygon","coordinates":\(Self.square)}}
            """)
        do { _ = try GeoJSON.boundaries(bad); Issue.record("expected errors") } catch let error as ValidationError {
            #expect(error.errors.count == 5)
            #expect(error.errors.map(\.message.en).contains { $0.contains("Feature 1 has no properties.code") })
            #expect(error.errors.map(\.message.en).contains { $0.contains("Code d appears more than once") })
        } catch { Issue.record("\(error)") }
        #expect(fields { _ = try GeoJSON.boundaries(Data("[1,2]".utf8)) } == ["file"])
    }
}
