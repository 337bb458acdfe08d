import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// Households named as staff name them, on both engines: a ballot recorded by building and room, or by the room
/// typed after its compound and building; a name that fits several households or none is refused with what to add;
/// the search finds a household by compound and room.
@Suite struct HouseholdFinderTests {
    typealias World = DeliberationStoreTests

    /// A room label that two buildings of one compound in the grid share, with those buildings.
    static func sharedRoom(_ context: StoreContext, under path: String) async throws -> (room: String, compound: String, buildings: [(id: Int, name: String)]) {
        try await context.database.read { db in
            let row = try #require(try await db.raw("""
                SELECT h.room, c.name AS compound, h.compound_id FROM households h JOIN units c ON c.id = h.compound_id
                WHERE h.path LIKE \(bind: path + "%") GROUP BY h.room, c.name, h.compound_id HAVING COUNT(*) > 1 ORDER BY h.compound_id, h.room
                """).first())
            let room = try row.decode(column: "room", as: String.self), compound = try row.decode(column: "compound_id", as: Int.self)
            let buildings = try await db.raw("""
                SELECT b.id, b.name FROM households h JOIN units b ON b.id = h.building_id
                WHERE h.compound_id = \(bind: compound) AND h.room = \(bind: room) ORDER BY b.id
                """).all().map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "name", as: String.self)) }
            return (room, try row.decode(column: "compound", as: String.self), buildings)
        }
    }

    @Test(arguments: Fixtures.engines)
    func ballotsAreRecordedByBuildingAndRoom(engine: Engine) async throws {
        let w = try await World.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let topic = try await CouncilStore(w.context).raise(unitID: w.grid.id, title: "加装电梯", description: "老楼加装电梯，按户表决。", scope: w.staff)
        let votes = CouncilVotes(w.context)
        _ = try await votes.open(topicID: topic.id, VoteInput(question: "是否加装", rule: "households", quorumPercent: 50, majorityPercent: 50, days: 3), scope: w.staff)
        let shared = try await Self.sharedRoom(w.context, under: w.grid.path)
        #expect(shared.buildings.count >= 2)

        // The room alone, or with only its compound, fits several buildings: refused, naming them.
        for text in [shared.room, "\(shared.compound) \(shared.room)"] {
            let error = try await #require(throws: ValidationError.self) { try await votes.cast(topicID: topic.id, choice: "yes", room: text, scope: w.staff) }
            #expect(error.errors.first?.field == "room" && error.errors.first?.message.zh.contains(shared.buildings[1].name) == true, "\(text)")
        }
        // With the building picked, typed before the room, or run together as the address writes it: one household each.
        let first = try await votes.cast(topicID: topic.id, choice: "yes", room: shared.room, buildingID: shared.buildings[0].id, scope: w.staff)
        #expect(first.count.yes == 1)
        let second = try await votes.cast(topicID: topic.id, choice: "no", room: "\(shared.compound) \(shared.buildings[1].name) \(shared.room)", scope: w.staff)
        #expect(second.count.no == 1)
        // The same household named again, run together: refused as already voted, not counted twice.
        await Fixtures.expectError(StoreError.self) {
            try await votes.cast(topicID: topic.id, choice: "yes", room: shared.compound + shared.buildings[0].name + shared.room, scope: w.staff)
        }
        // A room that is not there, and a room outside the topic's area, are refused with the field named.
        for text in ["9-999", "\(shared.compound) 9-999"] {
            let error = try await #require(throws: ValidationError.self) { try await votes.cast(topicID: topic.id, choice: "yes", room: text, scope: w.staff) }
            #expect(error.errors.first?.field == "room" && error.errors.first?.message.zh.contains("找不到") == true)
        }
        let outside = try await Fixtures.count(w.context, "SELECT MIN(building_id) AS n FROM households WHERE path NOT LIKE '\(w.grid.path)%'")
        await Fixtures.expectError(ValidationError.self) {
            try await votes.cast(topicID: topic.id, choice: "yes", room: shared.room, buildingID: outside, scope: w.staff)
        }
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM ballots b JOIN votes v ON v.id = b.vote_id WHERE v.topic_id = \(topic.id)") == 2)

        // Closing before the deadline, with voters still to come, says when it can be closed.
        let early = try await #require(throws: StoreError.self) { try await votes.close(topicID: topic.id, scope: w.staff) }
        guard case .conflict(let message) = early else { Issue.record("closing early: \(early)"); return }
        #expect(message.zh.contains("都投票后也可提前计票") && message.zh.contains("现已投 2"))
    }

    @Test(arguments: Fixtures.engines)
    func searchFindsAHouseholdByCompoundBuildingAndRoom(engine: Engine) async throws {
        let w = try await World.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let shared = try await Self.sharedRoom(w.context, under: w.grid.path)
        let search = SearchStore(w.context)
        let byCompound = try await search.search("\(shared.compound) \(shared.room)", scope: w.staff).filter { $0.kind == "household" }
        #expect(byCompound.count == shared.buildings.count)
        #expect(byCompound.allSatisfy { $0.title.hasPrefix(shared.compound) && $0.title.hasSuffix(shared.room) })
        let one = try await search.search("\(shared.compound) \(shared.buildings[0].name) \(shared.room)", scope: w.staff).filter { $0.kind == "household" }
        #expect(one.map(\.title) == ["\(shared.compound) \(shared.buildings[0].name) \(shared.room)"])
        #expect(try await search.search("\(shared.compound) 9-999", scope: w.staff).filter { $0.kind == "household" }.isEmpty)
    }
}
