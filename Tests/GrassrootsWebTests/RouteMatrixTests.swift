import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The route × role test, generated from the route table the router was built with: a route added tomorrow is in
/// it without anyone writing a case. Every caller a route's access leaves out must be refused before anything is
/// read or written.
@Suite struct RouteMatrixTests {
    /// A concrete URI for a route path: every captured parameter becomes `value`.
    static func uri(_ path: String, _ value: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") || part.hasPrefix("*") ? value : String(part)
        }.joined(separator: "/")
    }

    /// Rows in every table of the fixture, so a refused request is shown to have written nothing anywhere.
    static func rowCounts(_ context: StoreContext) async throws -> [String: Int] {
        let listing: SQLQueryString = context.database.engine == .sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        return try await context.database.read { db in
            let tables = try await db.raw(listing).all().map { try $0.decode(column: "name", as: String.self) }
            var counts: [String: Int] = [:]
            for table in tables {
                counts[table] = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    @Test(arguments: AuthorizationTests.engines)
    func everyRouteRefusesEveryCallerItsAccessLeavesOut(engine: Engine) async throws {
        let policy = RoutePolicy()
        let (app, context) = try await AuthorizationTests.app(policy: policy, engine: engine)
        let table = policy.table
        #expect(table.count > 250, "the table holds every registered route")
        try await app.test(.router) { client in
            var tokens: [(Role, HTTPFields)] = []
            for account in DemoCity.accounts { tokens.append((account.role, try await MobilizationWebTests.bearer(client, account.username))) }
            #expect(Set(tokens.map(\.0)) == Set(Role.allCases), "one demo account per role")
            let before = try await Self.rowCounts(context)
            var refusals = 0, admissions = 0
            for entry in table {
                let uri = Self.uri(entry.path, "1")
                if !entry.access.admitsAnonymous {
                    try await client.execute(uri: uri, method: entry.method, headers: [.contentType: "application/json"]) { response in
                        let toLogin = response.status == .seeOther && response.headers[.location]?.hasPrefix("/login") == true
                        #expect(response.status == .unauthorized || toLogin, "anonymous \(entry.method) \(entry.path): \(response.status)")
                    }
                    refusals += 1
                }
                for (role, headers) in tokens {
                    guard !entry.access.admits(role) else { admissions += 1; continue }
                    try await client.execute(uri: uri, method: entry.method, headers: headers, body: ByteBuffer(string: "{}")) { response in
                        #expect(response.status == .forbidden, "\(role.rawValue) \(entry.method) \(entry.path): \(response.status)")
                    }
                    refusals += 1
                }
            }
            let after = try await Self.rowCounts(context)
            #expect(before.count > 40 && before == after, "a refused request writes nothing, in any table")
            print("route × role matrix (\(engine.rawValue)): \(table.count) routes × \(Role.allCases.count) roles + anonymous; \(refusals) refusals checked, \(admissions) admissions")
        }
        try await context.database.close()
    }

    /// The other half for the routes that need no record: every role a page's access admits gets it (2xx, or a
    /// redirect), so the table never admits a role that the handler or store then refuses or fails for.
    @Test func everyParameterFreePageAnswersEveryRoleItAdmits() async throws {
        let policy = RoutePolicy()
        let (app, context) = try await AuthorizationTests.app(policy: policy)
        // /metrics admits a scrape token or this machine, never an account (OperationsWebTests checks it); /sms/report
        // acts only for a message's own token (MessageWebTests).
        let pages = policy.table.filter { $0.method == .get && !$0.path.contains("{") && !$0.path.contains("*") }
            .filter { !$0.access.grants.contains { [.operators, .gatewayReport].contains($0.rule) } }
        #expect(pages.count > 60)
        // The two pages that need a query to mean anything get one every admitted role may use: a household in the
        // grid worker's grid (inside every admitted scope) and a name search.
        let household = try await AuthorizationTests.id(context, """
            SELECT MIN(h.id) AS n FROM households h JOIN units g ON h.path LIKE g.path || '%' WHERE g.code = '513401001003001'
            """)
        let queries = ["/quarantine/new": "?household=\(household)", "/api/v1/search": "?q=%E5%BC%A0"]
        let cases = try await app.test(.router) { client in
            var cases = 0
            for account in DemoCity.accounts {
                let headers = try await MobilizationWebTests.bearer(client, account.username)
                for page in pages where page.access.admits(account.role) {
                    try await client.execute(uri: page.path + (queries[page.path] ?? ""), method: .get, headers: headers) { response in
                        #expect((200..<400).contains(response.status.code), "\(account.username) GET \(page.path): \(response.status)")
                        Self.expectSafePage(response, "\(account.username) GET \(page.path)")
                    }
                    cases += 1
                }
            }
            return cases
        }
        print("route × role matrix, admitted: \(pages.count) parameter-free pages, \(cases) role cases")
        try await context.database.close()
    }

    /// Every response carries the headers that limit a page, and an HTML page holds no inline script, style
    /// attribute, event handler or `javascript:` URL, which the policy would block (and a browser would report).
    static func expectSafePage(_ response: TestResponse, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.headers[.contentSecurityPolicy] != nil && response.headers[.init("X-Content-Type-Options")!] == "nosniff"
                && response.headers[.init("Referrer-Policy")!] == "same-origin", "\(what): security headers", sourceLocation: sourceLocation)
        guard response.headers[.contentType]?.hasPrefix("text/html") == true else { return }
        #expect(response.headers[.contentSecurityPolicy] == SecurityHeadersMiddleware<AppContext>.policy, "\(what): policy", sourceLocation: sourceLocation)
        // Substring checks, not regular expressions: this runs on some 2,000 pages beside the rest of the suite.
        let body = String(buffer: response.body).lowercased()
        let scripts = body.components(separatedBy: "<script").count - 1, external = body.components(separatedBy: "<script src=").count - 1
        #expect(scripts == external, "\(what): inline script", sourceLocation: sourceLocation)
        for needle in [" style=", "<style", "javascript:", " onclick=", " onsubmit=", " onload=", " onerror=", " onchange=", " oninput=", " onfocus="] {
            #expect(!body.contains(needle), "\(what): \(needle)", sourceLocation: sourceLocation)
        }
        // The demo's text holds no markup characters, so an escaped tag, attribute or entity on its pages is markup
        // that went into a page as text (a fragment built as `String` and escaped a second time).
        let escapedTag = body.components(separatedBy: "&lt;").dropFirst().first { $0.first.map { $0.isLetter || $0 == "/" } ?? false }
        let noEscapedTag = escapedTag == nil
        #expect(noEscapedTag, "\(what): markup escaped as text: &lt;\(escapedTag?.prefix(40) ?? "")", sourceLocation: sourceLocation)
        for needle in ["=&quot;", "&amp;amp;", "&amp;lt;", "&amp;quot;"] {
            let at: String? = body.range(of: needle).map { found in
                let start = body.index(found.lowerBound, offsetBy: -30, limitedBy: body.startIndex) ?? body.startIndex
                return String(body[start..<found.upperBound])
            }
            #expect(at == nil, "\(what): escaped twice: \(at ?? "")", sourceLocation: sourceLocation)
        }
    }

    /// A HEAD is the GET without its body, under the same access: an uptime probe sees the site up, and a HEAD
    /// opens nothing a GET would not.
    @Test func aHeadRequestIsItsGetWithoutTheBody() async throws {
        let (app, context) = try await AuthorizationTests.app()
        try await app.test(.router) { client in
            let admin = try await MobilizationWebTests.bearer(client, "admin"), resident = try await MobilizationWebTests.bearer(client, "jumin")
            try await client.execute(uri: "/health", method: .head) { response in
                #expect(response.status == .ok && response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/audit", method: .head, headers: admin) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/html") == true && response.body.readableBytes == 0)
                #expect(response.headers[.contentSecurityPolicy] == SecurityHeadersMiddleware<AppContext>.policy)
            }
            try await client.execute(uri: "/audit", method: .head, headers: resident) { response in #expect(response.status == .forbidden) }
            try await client.execute(uri: "/audit", method: .head) { response in #expect(response.status == .seeOther) }
        }
        try await context.database.close()
    }

    @Test func aRouteRegisteredWithoutAccessIsFoundAndRefused() async throws {
        let context = try await AuthorizationTests.store()
        let policy = RoutePolicy()
        let router = buildRouter(Stores(context), policy: policy)
        #expect(policy.undeclared(in: router).isEmpty)
        router.get("/bare") { _, _ in "reached" }
        #expect(policy.undeclared(in: router) == ["GET /bare"], "start-up finds the route that skipped Routes")
        try await Application(router: router).test(.router) { client in
            let admin = try await MobilizationWebTests.bearer(client, "admin")
            try await client.execute(uri: "/bare", method: .get, headers: admin) { response in
                #expect(response.status == .forbidden, "deny by default, even for the city administrator")
                #expect(!String(buffer: response.body).contains("reached"))
            }
        }
        try await context.database.close()
    }

    @Test func securityDocCarriesTheTableTheRouterEnforces() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/SECURITY.md"), encoding: .utf8)
        let begin = try #require(doc.range(of: "<!-- routes:begin -->\n")), end = try #require(doc.range(of: "<!-- routes:end -->"))
        // The table is fixed when the router is built; no demo data is needed to read it.
        let policy = RoutePolicy(), context = try await AuthorizationTests.store(demo: false)
        _ = buildRouter(Stores(context), policy: policy)
        try await context.database.close()
        #expect(String(doc[begin.upperBound..<end.lowerBound]) == policy.markdown,
                "docs/SECURITY.md is out of date: regenerate its table with `grassroots routes --markdown`")
    }
}
