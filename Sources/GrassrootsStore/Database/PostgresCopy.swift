import Foundation
import Logging
import NIOCore
import PostgresNIO
import SQLKit

/// A PostgreSQL transaction's sql-kit handle that also carries its connection, so bulk paths can use
/// `COPY … FROM STDIN` inside the same transaction. Everything else forwards to the plain handle.
struct PostgresTransaction: ForwardingDatabase {
    let base: any SQLDatabase
    let connection: PostgresConnection

    /// Writes rows with COPY in PostgreSQL's text format: one line a row, tab-separated, `\N` for NULL.
    func copy(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeStaticString("\t") }
                    buffer.writeString(Self.text(value))
                }
                buffer.writeStaticString("\n")
                // Send in pieces of about 1 MB, so memory stays flat for big batches.
                if buffer.readableBytes > 1 << 20 { try await writer.write(buffer); buffer.clear() }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// One value in COPY text format.
    static func text(_ value: Any) -> String {
        switch value {
        case let v as String: return escape(v)
        case let v as Int: return String(v)
        case let v as Double: return String(v)
        case let v as Bool: return v ? "1" : "0"
        default: return BulkWriter.unwrapped(value).map { escape(String(describing: $0)) } ?? "\\N"
        }
    }

    /// Backslash, tab, newline and carriage return are the characters COPY's text format gives a meaning.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }
}
