import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Testing

/// The markup type pages are built from: what it lets through as markup, what it escapes, and what it refuses.
@Suite struct HTMLTests {
    static let payload = "\"'><img src=x onerror=alert(1)>&"

    @Test func interpolatedTextIsEscapedForTextAndAttributes() {
        let name = Self.payload
        let html: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(html.string == "<p title=\"&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;\">&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;</p>")
    }

    @Test func markupPassesAndOnlyMarkup() {
        let cell: HTML = "<td>\("<b>")</td>"
        let row: HTML = "<tr>\(cell)</tr>"
        #expect(row.string == "<tr><td>&lt;b&gt;</td></tr>")
        let missing: String? = nil, none: HTML? = nil
        #expect(("<i>\(missing)\(none)</i>" as HTML).string == "<i></i>")
        #expect(("\(42)·\(-3)·\(2.5)·\(true)" as HTML).string == "42·-3·2.5·true")
        #expect(HTML(text: "a<b").string == "a&lt;b" && HTML.unsafeRaw("<hr>").string == "<hr>")
    }

    @Test func chineseTextAndEmojiKeepTheirBytes() {
        let name = "阳光公寓 1-102 👨‍👩‍👧 “引号”"
        #expect(("<b>\(name)</b>" as HTML).string == "<b>\(name)</b>")
    }

    @Test func aURLFromDataMustBeRelativeOrHTTP() {
        for good in ["/units/3", "?status=open&x=1", "#top", "units/3", "https://example.org/a?b=c", "HTTP://example.org"] {
            let link: HTML = "<a href=\"\(url: good)\">x</a>"
            #expect(link.string == "<a href=\"\(good.replacingOccurrences(of: "&", with: "&amp;"))\">x</a>", "\(good)")
        }
        for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "//evil.example/", "/\\evil.example", "vbscript:x", "mailto:a@b"] {
            let link: HTML = "<a href=\"\(url: bad)\">x</a>"
            #expect(link.string == "<a href=\"#\">x</a>", "\(bad)")
        }
    }

    @Test func aTokenFromDataKeepsOnlyNameCharacters() {
        let html: HTML = "<input name=\"\(token: "x\" autofocus onfocus=\"alert(1)")\" id=\"\(token: "field_2-b")\">"
        #expect(html.string == "<input name=\"xautofocusonfocusalert1\" id=\"field_2-b\">")
    }

    /// A field helper takes further attributes as markup, never smuggled in through its `type` text.
    @Test func aReportFormsNumberFieldKeepsItsKeyboardAttributes() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let grid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        let assignment = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM assignments WHERE path LIKE '\(grid.path)%'")
        try await app.test(.router) { client in
            let worker = try await CoordinationWebTests.browser(client, "gege")
            let (status, page) = try await CoordinationWebTests.get(client, "/assignments/\(assignment)", as: worker)
            #expect(status == .ok && page.contains("type=\"number\" name=\"f1\" value=\"\" step=\"any\" inputmode=\"decimal\" min=\"0\" max=\"50\""), "\(page.prefix(3000))")
        }
    }

    @Test func conditionalMarkupAndJoining() {
        let late = true, done = false
        let html: HTML = "<li\(if: late, " class=\"late\"")>\(if: done, "<s>x</s>", else: "<b>x</b>")</li>"
        #expect(html.string == "<li class=\"late\"><b>x</b></li>")
        let items = ["a<", "b"].map { item -> HTML in "<li>\(item)</li>" }.joined(separator: "<br>")
        #expect(items.string == "<li>a&lt;</li><br><li>b</li>")
        var body: HTML = "<ul>"
        body += items
        #expect((body + "</ul>").string == "<ul><li>a&lt;</li><br><li>b</li></ul>")
        let hint: String? = "h&", gone: String? = nil
        #expect(hint.html { "<small>\($0)</small>" }.string == "<small>h&amp;</small>" && gone.html { "<small>\($0)</small>" }.isEmpty)
    }

    /// The escape hatch is for markup this program made itself; each use is listed here, so a new one is reviewed.
    @Test func theEscapeHatchIsUsedNowhereInPageCode() throws {
        let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/GrassrootsWeb")
        var uses: [String] = []
        for case let file as URL in FileManager.default.enumerator(at: web, includingPropertiesForKeys: nil)! where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard file.lastPathComponent != "HTML.swift" else { continue }
            if text.contains("HTML.unsafeRaw(") || text.contains(".unsafeRaw(") && text.contains("HTML") { uses.append(file.lastPathComponent) }
        }
        #expect(uses.isEmpty, "HTML.unsafeRaw used in \(uses)")
    }
}
