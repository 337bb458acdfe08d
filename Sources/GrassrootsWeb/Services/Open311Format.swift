import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Open311 GeoReport v2 documents: the same records as JSON (arrays of flat objects) or XML (a root element holding
/// one element per record), as the specification shows them.
enum Open311Format: String {
    case json, xml

    /// `services.json` → (`services`, .json); nil for any other extension.
    static func split(_ file: String) -> (name: String, format: Open311Format)? {
        guard let dot = file.lastIndex(of: "."), let format = Open311Format(rawValue: String(file[file.index(after: dot)...]).lowercased()) else { return nil }
        return (String(file[..<dot]), format)
    }

    /// A value of a record: text, a number, a boolean, or a nested list of records (attributes, values).
    enum Value { case text(String), number(Double), bool(Bool), list(String, [[(String, Value)]]) }

    /// Renders records under `root`, each record element named `item`.
    func document(root: String, item: String, _ records: [[(String, Value)]], status: HTTPResponse.Status = .ok) -> Response {
        let body: String
        switch self {
        case .json: body = "[" + records.map(Self.json).joined(separator: ",") + "]"
        case .xml: body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><\(root)>" + records.map { "<\(item)>\(Self.xml($0))</\(item)>" }.joined() + "</\(root)>"
        }
        return Response(status: status, headers: [.contentType: self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// One record that is the whole document (a service definition).
    func single(root: String, _ record: [(String, Value)]) -> Response {
        let body = self == .json ? Self.json(record) : "<?xml version=\"1.0\" encoding=\"utf-8\"?><\(root)>\(Self.xml(record))</\(root)>"
        return Response(status: .ok, headers: [.contentType: self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The error document: `[{"code":400,"description":"…"}]` or `<errors><error>…</error></errors>`.
    func error(_ status: HTTPResponse.Status, _ description: String) -> Response {
        document(root: "errors", item: "error", [[("code", .number(Double(status.code))), ("description", .text(description))]], status: status)
    }

    static func json(_ record: [(String, Value)]) -> String {
        "{" + record.map { key, value in "\"\(key)\":" + json(value) }.joined(separator: ",") + "}"
    }

    static func json(_ value: Value) -> String {
        switch value {
        case .text(let s):
            let data = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        case .list(_, let items): return "[" + items.map(json).joined(separator: ",") + "]"
        }
    }

    static func xml(_ record: [(String, Value)]) -> String {
        record.map { key, value in
            switch value {
            case .text(let s): "<\(key)>\(HTML(text: xmlCharacters(s)).string)</\(key)>"
            case .number: "<\(key)>\(json(value))</\(key)>"
            case .bool(let b): "<\(key)>\(b)</\(key)>"
            case .list(let item, let items): "<\(key)>" + items.map { "<\(item)>\(xml($0))</\(item)>" }.joined() + "</\(key)>"
            }
        }.joined()
    }

    /// `text` without the characters XML 1.0 cannot carry (controls other than TAB, LF and CR; U+FFFE and U+FFFF):
    /// one of them in a resident's description would make the whole feed unreadable to every client.
    static func xmlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isXMLCharacter))
        return String(scalars)
    }

    private static func isXMLCharacter(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x20 ? s.value != 0xFFFE && s.value != 0xFFFF : s == "\t" || s == "\n" || s == "\r"
    }

    /// A W3C date-time in Beijing time, as Open311 clients expect (`2026-11-29T09:30:00+08:00`).
    static func datetime(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(timeZone: LocalTime.zone)
        style = style.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
        return date.formatted(style)
    }

    /// Parses a W3C date-time filter; nil when absent, an error when it does not parse.
    static func parseDatetime(_ raw: String?) throws -> Date? {
        guard let raw, !raw.isEmpty else { return nil }
        if let date = try? Date.ISO8601FormatStyle().parse(raw) { return date }
        if let date = try? Date.ISO8601FormatStyle(timeZone: LocalTime.zone).year().month().day().dateSeparator(.dash).parse(raw) { return date }
        throw ValidationError("start_date", Bilingual("日期应为 W3C 格式，如 2026-11-01T00:00:00+08:00", "Dates use the W3C format, e.g. 2026-11-01T00:00:00+08:00"))
    }

    /// A request as the specification lists its fields. The public reads it coarsened: the compound or community for
    /// the address, no coordinates, the answer written for the public, and the text only where the resident agreed to
    /// it being public; the client that filed it reads it whole.
    static func record(_ entry: Open311Store.Entry, code: String?, site: String) -> [(String, Value)] {
        let r = entry.request
        let place = entry.full ? (r.address.isEmpty ? r.unitName : r.address) : entry.place?.name ?? ""
        var fields: [(String, Value)] = [
            ("service_request_id", .text(String(r.id))), ("status", .text(r.status.open311)),
            ("status_notes", .text(entry.full ? r.statusNote : r.publicReply)),
            ("service_name", .text(r.categoryName)), ("service_code", .text(r.serviceCode)),
            ("description", .text(entry.full || r.isPublic ? r.description : "")),
            ("agency_responsible", .text(r.handlerName)), ("service_notice", .text(r.timeClass.label.zh)),
            ("requested_datetime", .text(datetime(r.createdAt))), ("updated_datetime", .text(datetime(r.updatedAt))),
            ("expected_datetime", .text(datetime(r.resolveBy))), ("address", .text(place)),
            ("address_id", .text(code ?? "")), ("zipcode", .text("")),
        ]
        if entry.full, let lat = r.latitude, let long = r.longitude { fields += [("lat", .number(lat)), ("long", .number(long))] }
        // The request's first photo; readable by whoever may read this record (`/open311/v2/media/{id}`).
        fields.append(("media_url", .text(entry.photoID.map { "\(site)/open311/v2/media/\($0)" } ?? "")))
        return fields
    }
}
