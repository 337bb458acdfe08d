import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Compounds placed into the grid whose boundary holds their position: the subtree moves in one transaction, grid
/// references follow, directive roll-ups are rebuilt, `verify` stays clean; other cases are reported, not moved.
@Suite struct CompoundPlacementTests {
    @Test(arguments: Fixtures.engines)
    func aCompoundMovesIntoTheGridHoldingItsPositionWithEverythingBelowIt(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let store = BoundaryStore(context)
        let street = try await Fixtures.scope(context, code: "513401001000", role: .streetAdmin)
        let first = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        let second = try await UnitStore(context).create(parentID: first.parentID!, kind: .grid, name: "第2网格", code: "513401001003002", address: nil, scope: street)
        let square = { (x: Double) in "[[[\(x),27.9],[\(x + 0.01),27.9],[\(x + 0.01),27.91],[\(x),27.91],[\(x),27.9]]]" }
        let feature = { (code: String, x: Double) in "{\"type\":\"Feature\",\"properties\":{\"code\":\"\(code)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\(square(x))}}" }
        let other = "513401001005001"
        #expect(try await store.importBoundaries(Data("{\"type\":\"FeatureCollection\",\"features\":[\(feature(first.code!, 102.2)),\(feature(second.code!, 102.3)),\(feature(other, 102.4))]}".utf8), scope: street) == 3)
        // A directive is under way before the move: its counters must follow the compound.
        let (directive, _) = try await MobilizationTests.issue(context)
        let compounds = try await UnitStore(context).children(of: first.id, scope: .system).map(\.unit).filter { $0.kind == .compound }
        let otherGrid = try await UnitStore(context).unit(code: other, scope: .system)
        let elsewhere = try await UnitStore(context).children(of: otherGrid.id, scope: .system).map(\.unit).filter { $0.kind == .compound }
        #expect(compounds.count >= 2 && !elsewhere.isEmpty)
        // One compound lies in the second grid, one outside every grid, and one of another community inside the first grid.
        let moving = compounds[0], outside = compounds[1], stray = elsewhere[0]
        let point = { (id: Int, x: Double) in "{\"type\":\"Feature\",\"properties\":{\"id\":\(id)},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(x),27.905]}}" }
        #expect(try await store.importPositions(Data("{\"type\":\"FeatureCollection\",\"features\":[\(point(moving.id, 102.305)),\(point(stray.id, 102.205)),\(point(outside.id, 103.0))]}".utf8), scope: street) == 3)
        let households = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM households WHERE compound_id = \(moving.id)")
        #expect(households > 0)

        await Fixtures.expectError(AccessDenied.self) {
            try await store.place(under: first.parentID!, scope: Scope(path: street.path, role: .communityStaff, accountID: 0, username: "c"))
        }
        let streetUnit = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        let placements = try await store.place(under: streetUnit.id, scope: street)
        let moved = placements.filter { $0.refused == nil }
        #expect(moved.map(\.compoundID) == [moving.id] && moved[0].households == households && moved[0].toGrid == "第2网格")
        #expect(Set(placements.filter { $0.refused != nil }.map(\.compoundID)) == [stray.id, outside.id])

        let movedUnit = try await UnitStore(context).unit(moving.id, scope: .system)
        #expect(movedUnit.parentID == second.id && movedUnit.path == second.path + "\(moving.id)/")
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM households WHERE compound_id = \(moving.id) AND grid_id = \(second.id) AND path LIKE '\(movedUnit.path)%'") == households)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM assignments WHERE grid_id = \(second.id) AND directive_id = \(directive.id)") == households)
        let secondCounts = try await MobilizationTests.counts(context, directive.id, code: second.code!)
        #expect(secondCounts.total == households)
        #expect(try await Verifier(context).run().allSatisfy { $0.violations == 0 })
        #expect(try await store.misplaced(under: streetUnit.id, scope: street).map(\.compoundID).sorted() == [stray.id, outside.id].sorted())
    }
}
