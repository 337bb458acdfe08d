import Foundation

/// Writes CAP 1.2 XML and the Atom 1.0 feed that lists published alerts (the usual way CAP is syndicated).
public enum CAPWriter {
    /// A CAP 1.2 document: UTF-8 declaration, elements in the schema's order, text escaped, dates in +08:00 (Beijing
    /// time, since readers of this product are in China; the instant is the same in any offset).
    /// `CAPParser.parse` of the result equals `alert` when its dates have whole seconds (CAP has no fractions).
    public static func xml(_ alert: CAPAlert) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"\(CAPParser.namespace)\">\n"
        func el(_ name: String, _ value: String?, _ depth: Int) {
            guard let value else { return }
            out += String(repeating: "  ", count: depth) + "<\(name)>\(escape(value))</\(name)>\n"
        }
        func open(_ name: String, _ depth: Int) { out += String(repeating: "  ", count: depth) + "<\(name)>\n" }
        func close(_ name: String, _ depth: Int) { out += String(repeating: "  ", count: depth) + "</\(name)>\n" }
        func pairs(_ name: String, _ list: [CAPValuePair], _ depth: Int) {
            for pair in list { open(name, depth); el("valueName", pair.valueName, depth + 1); el("value", pair.value, depth + 1); close(name, depth) }
        }
        el("identifier", alert.identifier, 1)
        el("sender", alert.sender, 1)
        el("sent", CAPDateTime.format(alert.sent), 1)
        el("status", alert.status.rawValue, 1)
        el("msgType", alert.msgType.rawValue, 1)
        el("source", alert.source, 1)
        el("scope", alert.scope.rawValue, 1)
        el("restriction", alert.restriction, 1)
        el("addresses", alert.addresses, 1)
        for code in alert.codes { el("code", code, 1) }
        el("note", alert.note, 1)
        if !alert.references.isEmpty { el("references", alert.references.map { "\($0.sender),\($0.identifier),\($0.sent)" }.joined(separator: " "), 1) }
        el("incidents", alert.incidents, 1)
        for info in alert.infos {
            open("info", 1)
            el("language", info.language, 2)
            for category in info.categories { el("category", category.rawValue, 2) }
            el("event", info.event, 2)
            for response in info.responseTypes { el("responseType", response, 2) }
            el("urgency", info.urgency.rawValue, 2)
            el("severity", info.severity.rawValue, 2)
            el("certainty", info.certainty.rawValue, 2)
            el("audience", info.audience, 2)
            pairs("eventCode", info.eventCodes, 2)
            el("effective", info.effective.map { CAPDateTime.format($0) }, 2)
            el("onset", info.onset.map { CAPDateTime.format($0) }, 2)
            el("expires", info.expires.map { CAPDateTime.format($0) }, 2)
            el("senderName", info.senderName, 2)
            el("headline", info.headline, 2)
            el("description", info.description, 2)
            el("instruction", info.instruction, 2)
            el("web", info.web, 2)
            el("contact", info.contact, 2)
            pairs("parameter", info.parameters, 2)
            for resource in info.resources {
                open("resource", 2)
                el("resourceDesc", resource.resourceDesc, 3)
                el("mimeType", resource.mimeType, 3)
                el("size", resource.size.map(String.init), 3)
                el("uri", resource.uri, 3)
                el("derefUri", resource.derefUri, 3)
                el("digest", resource.digest, 3)
                close("resource", 2)
            }
            for area in info.areas {
                open("area", 2)
                el("areaDesc", area.areaDesc, 3)
                // CAP polygons have no holes, so only the outer ring is written.
                for polygon in area.polygons { el("polygon", polygon.rings.first?.map { "\(number($0[1])),\(number($0[0]))" }.joined(separator: " "), 3) }
                for circle in area.circles { el("circle", "\(number(circle.latitude)),\(number(circle.longitude)) \(number(circle.radiusKm))", 3) }
                pairs("geocode", area.geocodes, 3)
                el("altitude", area.altitude.map(number), 3)
                el("ceiling", area.ceiling.map(number), 3)
                close("area", 2)
            }
            close("info", 1)
        }
        return out + "</alert>\n"
    }

    /// An Atom 1.0 feed (RFC 4287) of alerts, each entry linking to its CAP document as `application/cap+xml`.
    /// - Parameters:
    ///   - feedID: A permanent IRI for the feed, e.g. its URL or a `tag:` URI.
    ///   - selfURL: Where the feed itself is served (`link rel="self"`).
    ///   - updated: When anything in the feed last changed.
    ///   - author: The feed's author name, which RFC 4287 requires; the title when not given.
    public static func atom(feedID: String, title: String, selfURL: String, updated: Date, entries: [AtomEntry], author: String? = nil) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <id>\(escape(feedID))</id>\n  <title>\(escape(title))</title>\n  <updated>\(CAPDateTime.format(updated))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(escape(selfURL))\"/>\n"
        out += "  <author><name>\(escape(author ?? title))</name></author>\n"
        for entry in entries {
            out += "  <entry>\n    <id>\(escape(entry.id))</id>\n    <title>\(escape(entry.title))</title>\n"
            out += "    <updated>\(CAPDateTime.format(entry.updated))</updated>\n    <summary>\(escape(entry.summary))</summary>\n"
            out += "    <link rel=\"alternate\" type=\"application/cap+xml\" href=\"\(escape(entry.link))\"/>\n  </entry>\n"
        }
        return out + "</feed>\n"
    }

    /// Escapes text for element content and attribute values. A carriage return becomes `&#13;` so that XML's line-end
    /// normalization does not change it, and control characters XML 1.0 cannot carry are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The shortest text that reads back as the same Double, without exponents (which CAP coordinates never use).
    static func number(_ value: Double) -> String {
        var text = "\(value)"
        if text.contains("e") { text = String(format: "%.12f", value).replacingOccurrences(of: "0+$", with: "", options: .regularExpression) }
        if text.hasSuffix(".0") { text.removeLast(2) } else if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// One entry of the alert feed.
public struct AtomEntry: Sendable, Equatable {
    /// A permanent IRI for the entry; the alert's CAP URL or a `tag:` URI built from sender and identifier.
    public var id: String
    /// The entry title, usually the alert's headline.
    public var title: String
    /// When the entry last changed.
    public var updated: Date
    /// A short plain-text summary.
    public var summary: String
    /// The URL of the CAP XML document.
    public var link: String

    /// Creates an entry.
    public init(id: String, title: String, updated: Date, summary: String, link: String) {
        (self.id, self.title, self.updated, self.summary, self.link) = (id, title, updated, summary, link)
    }
}

/// CAP's dateTime text, "YYYY-MM-DDThh:mm:ss±hh:mm". Stricter than ISO 8601 on purpose: CAP 1.2 forbids "Z" and
/// fractions, and receivers such as IPAWS reject them. Also valid RFC 3339, so the Atom feed uses it too.
public enum CAPDateTime {
    /// The instant written, or nil when the text is not exactly in CAP form or names an impossible date; "-00:00" is UTC.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 25, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[22] == 0x3A, b[19] == 0x2B || b[19] == 0x2D else { return nil }
        func int(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range { guard (0x30...0x39).contains(b[i]) else { return nil }; n = n * 10 + Int(b[i] - 0x30) }
            return n
        }
        guard let y = int(0..<4), let mo = int(5..<7), let d = int(8..<10), let h = int(11..<13), let mi = int(14..<16), let s = int(17..<19),
              let oh = int(20..<22), let om = int(23..<25), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 60, oh <= 14, om < 60 else { return nil }
        let days = daysFromCivil(y, mo, d)
        guard civil(days) == (y, mo, d) else { return nil }  // 2026-02-30 comes back as March
        let offset = (oh * 3600 + om * 60) * (b[19] == 0x2D ? -1 : 1)
        return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + s - offset))
    }

    /// The instant in CAP form at `offsetMinutes` east of UTC (Beijing time by default); fractions of a second are dropped.
    public static func format(_ date: Date, offsetMinutes: Int = 480) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let days = Int((Double(total) / 86_400).rounded(.down)), seconds = total - days * 86_400
        let (y, mo, d) = civil(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
        let sign = offsetMinutes < 0 ? "-" : "+", off = abs(offsetMinutes)
        return "\(year)-\(two(mo))-\(two(d))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))\(sign)\(two(off / 60)):\(two(off % 60))"
    }

    // Howard Hinnant's days-from-civil algorithms: exact, proleptic Gregorian, and free of Calendar's per-call cost.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097, doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - (153 * mp + 2) / 5 + 1)
    }
}
