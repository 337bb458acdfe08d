@testable import GrassrootsWeb
import Testing

/// Open311's XML carries only characters XML 1.0 allows, so one resident's text cannot break the feed.
struct Open311XMLTests {
    @Test func controlCharactersAreDroppedAndMarkupEscaped() {
        let xml = Open311Format.xml([("description", .text("漏水\u{0}\u{8}\u{1B}[31m\t三楼\r\n<b>\u{FFFE}"))])
        #expect(xml == "<description>漏水[31m\t三楼\r\n&lt;b&gt;</description>")
    }
}
