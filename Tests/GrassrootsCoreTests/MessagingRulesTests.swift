import Foundation
@testable import GrassrootsCore
import Testing

/// SMS lengths as the operator bills them, and the quiet hours.
@Suite struct MessagingRulesTests {
    @Test func chineseGoesAsUCS2InPartsOf67AndLatinAsGSMInPartsOf153() {
        let han = { (n: Int) in SMSLength(String(repeating: "诉", count: n)) }
        #expect(han(70) == SMSLength(coding: .ucs2, units: 70, parts: 1))
        #expect(han(71).parts == 2 && han(134).parts == 2 && han(135).parts == 3)
        #expect(SMSLength("😀").units == 2, "outside the basic plane a character takes two UTF-16 units")
        #expect(SMSLength(String(repeating: "a", count: 160)) == SMSLength(coding: .gsm7, units: 160, parts: 1))
        #expect(SMSLength(String(repeating: "a", count: 161)).parts == 2 && SMSLength(String(repeating: "a", count: 307)).parts == 3)
        #expect(SMSLength("{€}").units == 6, "extension characters take two septets")
        #expect(SMSLength("ok，").coding == .ucs2, "one full-width comma makes the whole text UCS-2")
        for answered in [false, true] {
            let text = MessageText.request(answered: answered, number: 123456, link: "https://gov.example.cn/requests/123456")
            #expect(SMSLength(text).parts == 1, "a text to a resident fits one message: \(text) is \(SMSLength(text).units)")
        }
    }

    @Test func quietHoursHoldTheNightUntilMorningBeijingTime() throws {
        let quiet = QuietHours.standard
        func at(_ text: String) throws -> Date { try LocalTime.parse(text, field: "t") }
        #expect(quiet.nextAllowed(after: try at("2026-12-07 20:59")) == (try at("2026-12-07 20:59")))
        #expect(quiet.nextAllowed(after: try at("2026-12-07 21:00")) == (try at("2026-12-08 08:00")))
        #expect(quiet.nextAllowed(after: try at("2026-12-08 03:10")) == (try at("2026-12-08 08:00")))
        #expect(quiet.nextAllowed(after: try at("2026-12-08 08:00")) == (try at("2026-12-08 08:00")))
        let lunch = try #require(try QuietHours.parse("12-14"))
        #expect(lunch.nextAllowed(after: try at("2026-12-08 13:00")) == (try at("2026-12-08 14:00")))
        #expect(lunch.nextAllowed(after: try at("2026-12-08 23:00")) == (try at("2026-12-08 23:00")))
        #expect(try QuietHours.parse("22:00-07:00") == QuietHours(starts: 22, ends: 7))
        #expect(try QuietHours.parse(" none ") == nil)
        for bad in ["21:30-08:00", "25-8", "8-8", "21", "night"] {
            #expect(throws: FieldError.self, "\(bad)") { try QuietHours.parse(bad) }
        }
    }
}
