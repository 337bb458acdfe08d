import Foundation

/// One event of an iCalendar feed.
public struct CalendarEvent: Sendable, Equatable {
    public let uid: String
    public let start: Date
    public let end: Date
    public let summary: String
    public let description: String
    public let location: String
    public let updated: Date
    /// Creates an event.
    public init(uid: String, start: Date, end: Date, summary: String, description: String, location: String, updated: Date) {
        self.uid = uid; self.start = start; self.end = end; self.summary = summary; self.description = description; self.location = location; self.updated = updated
    }
}

/// RFC 5545 text: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped,
/// times in UTC.
public enum ICalendar {
    /// A VCALENDAR holding `events`, named `name` for calendar clients.
    public static func document(name: String, events: [CalendarEvent]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Grassroots//Community events//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escape(name), "X-WR-TIMEZONE:Asia/Shanghai"]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + stamp(event.updated), "DTSTART:" + stamp(event.start), "DTEND:" + stamp(event.end),
                      "SUMMARY:" + escape(event.summary), "DESCRIPTION:" + escape(event.description), "LOCATION:" + escape(event.location), "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20261129T083000Z`.
    public static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Backslash, semicolon, comma and line breaks escaped as RFC 5545 §3.3.11 says.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Splits a content line into lines of at most 75 octets, continuation lines starting with a space.
    public static func fold(_ line: String) -> String {
        var out: [String] = [], current = "", octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = out.isEmpty ? 75 : 74  // continuation lines carry the leading space
            if octets + size > limit { out.append(current); current = ""; octets = 0 }
            current.append(character); octets += size
        }
        out.append(current)
        return out.joined(separator: "\r\n ")
    }
}
