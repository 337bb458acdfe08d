import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// No rating, category or urgency comes with an answer chosen: a browser sends the option marked selected, or else
/// the first one, so a form that asks must start on an empty prompt. Figures the city is judged by (satisfaction,
/// solved) would otherwise count answers nobody gave.
@Suite struct HonestDefaultsTests {
    typealias W = CoordinationWebTests

    /// What a browser would send for the select `name` if the user changed nothing: the value of the option marked
    /// selected, else of the first option; nil when the page has no such select.
    static func sentAsLoaded(_ page: String, _ name: String) -> String? {
        guard let start = page.range(of: "<select name=\"\(name)\"") else { return nil }
        let rest = page[start.upperBound...]
        let body = rest[..<(rest.range(of: "</select>")?.lowerBound ?? rest.endIndex)]
        let options = body.components(separatedBy: "<option ").dropFirst()
        guard let chosen = options.first(where: { $0.prefix(while: { $0 != ">" }).contains(" selected") }) ?? options.first,
              let open = chosen.range(of: "value=\"") else { return nil }
        return String(chosen[open.upperBound...].prefix(while: { $0 != "\"" }))
    }

    @Test func theMarkupHelperFindsWhatABrowserWouldSend() {
        #expect(Self.sentAsLoaded("<select name=\"a\"><option value=\"x\">X</option><option value=\"y\">Y</option></select>", "a") == "x")
        #expect(Self.sentAsLoaded("<select name=\"a\"><option value=\"x\">X</option><option value=\"y\" selected>Y</option></select>", "a") == "y")
        #expect(Self.sentAsLoaded("<select name=\"a\" required><option value=\"\" selected disabled>请选择</option><option value=\"y\">Y</option></select>", "a") == "")
        #expect(Self.sentAsLoaded("<select name=\"b\"></select>", "a") == nil)
    }

    @Test func noRatingCategoryOrUrgencyComesChosen() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let pages: [(user: String, path: String, fields: [String])] = [
            ("jumin", "/requests/new", ["kind", "category_id"]),
            ("beicheng", "/summons/new", ["matter", "urgency"]),
            ("beicheng", "/evaluations", ["stars"]),
            ("admin", "/departments", ["urgency"]),
            ("beicheng", "/emergency/alerts", ["event_kind", "severity", "urgency", "certainty"]),
        ]
        try await app.test(.router) { client in
            // One sign-in per account: each is a bcrypt check, and the suite runs beside many others.
            var browsers: [String: W.Browser] = [:]
            for user in Set(pages.map(\.user)) { browsers[user] = try await W.browser(client, user) }
            for page in pages {
                let (status, html) = try await W.get(client, page.path, as: browsers[page.user]!)
                #expect(status == .ok, "\(page.path)")
                for field in page.fields {
                    #expect(Self.sentAsLoaded(html, field) == "", "\(page.path): \(field) comes chosen")
                    #expect(html.contains("<select name=\"\(field)\" required>"), "\(page.path): \(field) is not required")
                }
            }
            // A request filed without a category is refused and nothing is written.
            let before = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM requests")
            let community = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
            let refused = try await W.post(client, "/requests", as: browsers["jumin"]!,
                                           [("kind", "complaint"), ("unit_id", "\(community)"), ("description", "楼下烧烤店油烟和噪音到凌晨")])
            #expect(refused.status == .unprocessableContent)
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM requests") == before)
        }
    }
}
