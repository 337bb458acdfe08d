import Foundation
import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// The SQLite writer connection's sql-kit handle that also carries the connection, so bulk paths can send a
/// multi-row insert with native binds: sql-kit's serializer (an expression tree per value, binds encoded through
/// `Encodable`) costs more than SQLite's own work on a bulk row. Everything else forwards to the plain handle.
struct SQLiteWriter: ForwardingDatabase {
    let base: any SQLDatabase
    let connection: SQLiteConnection

    /// Inserts `rows` (each in `columns` order) in one statement. Table and column names come from the code
    /// (`TableColumns`), never from input; values travel as binds.
    func insert(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let sql = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ","))) VALUES "
            + Array(repeating: tuple, count: rows.count).joined(separator: ",")
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * columns.count)
        for row in rows { for value in row { binds.append(Self.data(value)) } }
        _ = try await connection.query(sql, binds)
    }

    /// One value as SQLite data: the types bulk rows hold, and an optional's wrapped value or NULL.
    static func data(_ value: Any) -> SQLiteData {
        switch value {
        case let v as String: return .text(v)
        case let v as Int: return .integer(v)
        case let v as Double: return .float(v)
        case let v as Bool: return .integer(v ? 1 : 0)
        default: return BulkWriter.unwrapped(value).map { .text(String(describing: $0)) } ?? .null
        }
    }
}
