import Foundation

/// Reads and writes CSV the way Excel in China produces and opens it: UTF-8 with or without a
/// byte-order mark, or GB18030 (what "CSV" from a Chinese Excel is by default), RFC 4180 quoting.
public enum CSV {
    /// GB18030, which Foundation on Linux decodes.
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Decodes file bytes: UTF-8 (a BOM is dropped) when valid, else GB18030, else an error.
    public static func decode(_ data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        if let text = String(data: bytes, encoding: gb18030) { return text }
        throw unknownEncoding
    }

    /// The error for bytes that are neither UTF-8 nor GB18030.
    public static let unknownEncoding = FieldError("file", Bilingual("文件编码无法识别：请保存为 UTF-8 或 GB18030 编码的 CSV",
                                                                     "The file's encoding is not recognized: save it as UTF-8 or GB18030 CSV"))

    /// One parsed record with the 1-based line number where it starts, for error messages.
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// Splits `text` into records; quoted fields may hold commas, quotes ("") and line breaks.
    public static func parse(_ text: String) throws -> [Record] {
        var records: [Record] = [], reader = Reader(), text = text
        text.withUTF8 { reader.read(UnsafeRawBufferPointer($0)) { records.append($0) } }
        try reader.finish { records.append($0) }
        return records
    }

    /// Splits CSV bytes into records as they arrive, so a file of any size is read piece by piece in bounded memory:
    /// the pieces may end anywhere, even inside a quoted field or between a quote and the quote that escapes it.
    /// Works on UTF-8 bytes (every delimiter is ASCII), which is several times faster than walking characters.
    public struct Reader: Sendable {
        private var fields: [String] = [], field: [UInt8] = []
        private var inQuotes = false, quotedField = false, quoteInQuotes = false
        private var line = 1, recordLine = 1

        /// A reader at the start of a file.
        public init() {}

        /// Reads the next piece of UTF-8 bytes, calling `record` for each record it completes.
        public mutating func read(_ bytes: UnsafeRawBufferPointer, _ record: (Record) throws -> Void) rethrows {
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            for c in bytes {
                if quoteInQuotes {
                    // A quote inside quotes is either the first of an escaped pair ("") or the closing quote.
                    quoteInQuotes = false
                    if c == quote { field.append(quote); continue }
                    inQuotes = false
                }
                if inQuotes {
                    if c == quote { quoteInQuotes = true; continue }
                    if c == lf { line += 1 }
                    field.append(c)
                    continue
                }
                switch c {
                case quote where field.isEmpty: inQuotes = true; quotedField = true
                case comma: endField()
                case cr: break
                case lf: try endRecord(record); line += 1; recordLine = line
                default: field.append(c)
                }
            }
        }

        /// Ends the file: completes a last record without a line break, and refuses a quoted field left open.
        public mutating func finish(_ record: (Record) throws -> Void) throws {
            if quoteInQuotes { quoteInQuotes = false; inQuotes = false }
            if inQuotes {
                throw FieldError("file", Bilingual("第\(recordLine)行：引号未闭合", "Line \(recordLine): a quoted field is not closed"))
            }
            if !field.isEmpty || !fields.isEmpty { try endRecord(record) }
        }

        private mutating func endField() { fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }

        private mutating func endRecord(_ record: (Record) throws -> Void) rethrows {
            endField()
            let blank = fields.count == 1 && fields[0].isEmpty && !quotedField
            let done = Record(line: recordLine, fields: fields)
            fields = []; quotedField = false
            if !blank { try record(done) }
        }
    }

    /// Quotes a field when it holds a comma, quote or line break. A leading `=`, `+`, `-`, `@`, TAB or CR
    /// is prefixed with `'` so Excel never runs an exported name as a formula (OWASP's list: Excel skips a
    /// leading TAB or CR and reads the formula behind it).
    public static func escape(_ value: String) -> String {
        var v = value
        // Scalars, not Characters: "\r\n" is one Character in Swift and would slip past a Character test.
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(v) == nil { v = "'" + v }
        guard v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A whole document as UTF-8 with a BOM and CRLF line ends, which Excel opens correctly.
    public static func document(header: [String], rows: [[String]]) -> Data {
        var text = "\u{FEFF}" + header.map(escape).joined(separator: ",") + "\r\n"
        for row in rows { text += row.map(escape).joined(separator: ",") + "\r\n" }
        return Data(text.utf8)
    }
}

/// Maps a CSV header to column positions, accepting English or Chinese column names.
public struct CSVHeader: Sendable {
    private let index: [String: Int]

    /// Reads the header record; each canonical column may be named by any of its aliases.
    public init(_ header: [String], aliases: [String: [String]]) {
        var index: [String: Int] = [:]
        for (position, raw) in header.enumerated() {
            let name = raw.trimmed.lowercased()
            for (canonical, names) in aliases where canonical == name || names.contains(name) { index[canonical] = position }
        }
        self.index = index
    }

    /// The columns of `required` the header lacks.
    public func missing(_ required: [String]) -> [String] { required.filter { index[$0] == nil } }

    /// The value of column `name` in `fields`, trimmed, or nil when the column is absent or the cell empty.
    public func value(_ name: String, in fields: [String]) -> String? {
        guard let i = index[name], i < fields.count else { return nil }
        let v = fields[i].trimmed
        return v.isEmpty ? nil : v
    }
}
