import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import SQLiteKit
import Testing

/// Bulk writes (multi-row INSERT with native binds on SQLite, COPY on PostgreSQL) store exactly what they were given: text with
/// tabs, newlines and backslashes, NULLs, numbers — and roll back with their transaction.
@Suite struct BulkWriterTests {
    static let awkward = "3单元\t2楼\n\\后门\r旁"

    @Test func copyTextFormatEscapesWhatItMust() {
        #expect(PostgresTransaction.text(Self.awkward) == "3单元\\t2楼\\n\\\\后门\\r旁")
        #expect(PostgresTransaction.text(Optional<String>.none as Any) == "\\N")
        #expect(PostgresTransaction.text(Optional<Int>.some(7) as Any) == "7")
        #expect(PostgresTransaction.text(2.5) == "2.5" && PostgresTransaction.text(true) == "1")
    }

    @Test func nativeBindsTakeEachValueAsItsType() {
        #expect(SQLiteWriter.data(Self.awkward) == .text(Self.awkward))
        #expect(SQLiteWriter.data(Optional<String>.none as Any) == .null)
        #expect(SQLiteWriter.data(Optional<Int>.some(7) as Any) == .integer(7))
        #expect(SQLiteWriter.data(2.5) == .float(2.5) && SQLiteWriter.data(true) == .integer(1))
    }

    @Test(arguments: Fixtures.engines)
    func rowsRoundTripAndRollBackWithTheirTransaction(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let row = try await context.database.read { db in
            try await db.raw("SELECT id, compound_id, grid_id, path, building_id FROM households ORDER BY id LIMIT 1").first()!
        }
        let building = try row.decode(column: "building_id", as: Int.self), compound = try row.decode(column: "compound_id", as: Int.self)
        let grid = try row.decode(column: "grid_id", as: Int.self), path = try row.decode(column: "path", as: String.self)
        let now = context.nowText, database = context.database
        let ids = try await database.write { db in
            var writer = BulkWriter(database: database, db: db, order: ["households"])
            let ids = try await writer.ids("households", count: 2)
            try await writer.add("households", [ids[0], building, compound, grid, path, "T-1", Optional<String>.none, Self.awkward, now, now])
            try await writer.add("households", [ids[1], building, compound, grid, path, "T-2", "地址", Optional<String>.none, now, now])
            try await writer.finish()
            return ids
        }
        let stored = try await database.read { db in
            try await db.raw("SELECT room, address, note FROM households WHERE id IN (\(bind: ids[0]), \(bind: ids[1])) ORDER BY room").all()
        }
        #expect(try stored.map { try $0.decode(column: "note", as: String?.self) } == [Self.awkward, nil])
        #expect(try stored.map { try $0.decode(column: "address", as: String?.self) } == [nil, "地址"])
        // A failure later in the same transaction takes the bulk rows with it.
        let before = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM households")
        await Fixtures.expectError(StoreError.self) {
            try await database.write { db in
                var writer = BulkWriter(database: database, db: db, order: ["households"])
                let id = try await writer.ids("households", count: 1)[0]
                try await writer.add("households", [id, building, compound, grid, path, "T-3", Optional<String>.none, Optional<String>.none, now, now])
                try await writer.flush()
                throw StoreError.conflict(Bilingual("中止", "abort"))
            }
        }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM households") == before)
    }
}
