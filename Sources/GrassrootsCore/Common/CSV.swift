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
        throw FieldError("file", Bilingual("文件编码无法识别：请保存为 UTF-8 或 GB18030 编码的 CSV",
                                           "The file's encoding is not recognized: save it as UTF-8 or GB18030 CSV"))
    }

    /// One parsed record with the 1-based line number where it starts, for error messages.
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// Splits `text` into records; quoted fields may hold commas, quotes ("") and line breaks.
    /// Works on UTF-8 bytes (every delimiter is ASCII), which is several times faster than walking characters.
    public static func parse(_ text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = [], field: [UInt8] = [], inQuotes = false, quotedField = false
        var line = 1, recordLine = 1
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        func endField() { fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty && !quotedField) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []; quotedField = false
        }
        var bytes = text.utf8.makeIterator()
        var pending: UInt8? = nil
        while let c = pending ?? bytes.next() {
            pending = nil
            if inQuotes {
                if c == quote {
                    let next = bytes.next()
                    if next == quote { field.append(quote) } else { inQuotes = false; pending = next }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case quote where field.isEmpty: inQuotes = true; quotedField = true
            case comma: endField()
            case cr: break
            case lf: endRecord(); line += 1; recordLine = line
            default: field.append(c)
            }
        }
        if inQuotes {
            throw FieldError("file", Bilingual("第\(recordLine)行：引号未闭合", "Line \(recordLine): a quoted field is not closed"))
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
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
