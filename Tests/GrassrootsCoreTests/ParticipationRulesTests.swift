import Foundation
@testable import GrassrootsCore
import Testing

/// iCalendar output as RFC 5545 asks: CRLF lines of at most 75 octets, folded without splitting a character,
/// escaped text, UTC times.
@Suite struct ParticipationRulesTests {
    @Test func iCalendarFoldsEscapesAndUsesUTC() {
        let start = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z
        let long = String(repeating: "邻里百家宴，", count: 20) + "a;b\\c\nd"
        let text = ICalendar.document(name: "大通门活动", events: [CalendarEvent(uid: "event-1@grassroots", start: start, end: start.addingTimeInterval(7200),
                                                                          summary: "比邻节", description: long, location: "广场", updated: start)])
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("DTSTART:20261118T110640Z\r\n") && text.contains("DTEND:20261118T130640Z\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))  // no bare line feeds
        // Unfolding gives back the escaped value whole.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("DESCRIPTION:" + String(repeating: "邻里百家宴，", count: 20) + "a\\;b\\\\c\\nd\r\n"))
        #expect(ICalendar.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75))
        #expect(ICalendar.fold(String(repeating: "a", count: 76)) == String(repeating: "a", count: 75) + "\r\n a")
    }
}
