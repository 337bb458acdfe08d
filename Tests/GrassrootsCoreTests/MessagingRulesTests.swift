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
        let overdue = MessageText.requestOverdue(number: 123456, link: "https://gov.example.cn/requests/123456")
        #expect(SMSLength(overdue).parts == 1, "\(overdue) is \(SMSLength(overdue).units)")
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

/// A work group as staff enter it: the token taken from the pasted address, and every mistake named by its field.
@Suite struct TeamGroupInputTests {
    @Test func theTokenIsTakenFromThePastedAddressOrTakenBare() throws {
        let wecom = try TeamGroupInput(platform: "wecom", name: " 一网格群 ", webhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7abc-4bc4-97a0-0ec2f1fa5aaa",
                                       secret: "")
        #expect(wecom.token == "693a91f6-7abc-4bc4-97a0-0ec2f1fa5aaa" && wecom.name == "一网格群" && wecom.secret == nil)
        let token = String(repeating: "ab12", count: 16)
        let dingtalk = try TeamGroupInput(platform: "dingtalk", name: "社区群", webhook: token, secret: " SEC" + String(repeating: "f", count: 64) + " ")
        #expect(dingtalk.token == token && dingtalk.secret == "SEC" + String(repeating: "f", count: 64))
    }

    @Test func mistakesNameTheirField() {
        let cases: [(String, String, String, String?, Set<String>)] = [
            ("qq", "群", "abcdefabcdefabcdef", nil, ["platform"]),
            ("wecom", "", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=", nil, ["group_name", "webhook"]),
            ("dingtalk", "群", "https://oapi.dingtalk.com/robot/send?key=abcdefabcdefabcdefab", nil, ["webhook"]),
            ("wecom", "群", "abcdefabcdefabcdef", "SEC" + String(repeating: "a", count: 64), ["secret"]),
            ("dingtalk", "群", "abcdefabcdefabcdef", "not-a-secret", ["secret"]),
            ("dingtalk", "群", "abc def&x=1", nil, ["webhook"]),
        ]
        for (platform, name, webhook, secret, fields) in cases {
            do { _ = try TeamGroupInput(platform: platform, name: name, webhook: webhook, secret: secret); Issue.record("\(webhook) was taken") }
            catch let error as ValidationError { #expect(Set(error.errors.map(\.field)) == fields, "\(platform) \(webhook)") }
            catch { Issue.record("\(error)") }
        }
    }
}
