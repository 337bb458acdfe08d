import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

/// Signs in through the real login form and checks that scope, CSRF and validation hold at the HTTP layer.
@Suite struct AuthorizationTests {
    /// The engines the web tests that prove a property over every route run on: SQLite, and PostgreSQL when
    /// GRASSROOTS_TEST_POSTGRES_URL and GRASSROOTS_TEST_WEB_POSTGRES=1 are set. `scripts/test` sets the second in a
    /// pass of their own after the suite: two demo cities and 3,000 requests on PostgreSQL beside the store tests'
    /// races kept those waiting past their 5 s connection lease on a two-core machine.
    static var engines: [Engine] {
        let environment = ProcessInfo.processInfo.environment
        return environment["GRASSROOTS_TEST_POSTGRES_URL"] != nil && environment["GRASSROOTS_TEST_WEB_POSTGRES"] == "1" ? [.sqlite, .postgres] : [.sqlite]
    }

    /// A migrated database, with the demo city of 1,000 households unless `demo` is false: SQLite in a fresh folder,
    /// or a fresh PostgreSQL database on the test server.
    static func store(demo: Bool = true, engine: Engine = .sqlite) async throws -> StoreContext {
        let db: any Database
        switch engine {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("grassroots-web-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            db = try await SQLiteStore.open(path: dir.appendingPathComponent("w.sqlite").path, logger: Logger(label: "test"))
        case .postgres:
            let base = ProcessInfo.processInfo.environment["GRASSROOTS_TEST_POSTGRES_URL"]!
            let name = "w_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await PostgresStore.open(url: base, logger: Logger(label: "test"))
            try await admin.read { db in try await db.raw("CREATE DATABASE \(ident: String(name))").run() }
            try await admin.close()
            var url = URLComponents(string: base)!
            url.path = "/" + name
            db = try await PostgresStore.open(url: url.string!, logger: Logger(label: "test"))
        }
        try await Migrator.migrate(db)
        let context = StoreContext(database: db, cipher: .testing)
        if demo { _ = try await DemoCity(context).build(households: 1_000) }
        return context
    }

    static func app(policy: RoutePolicy = RoutePolicy(), engine: Engine = .sqlite) async throws -> (some ApplicationProtocol, StoreContext) {
        let context = try await store(engine: engine)
        return (buildApplication(WebConfiguration(), stores: Stores(context), policy: policy), context)
    }

    static func login(_ client: some TestClientProtocol, _ username: String) async throws -> String {
        try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: "username=\(username)&password=\(DemoCity.password)")) { response in
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[.setCookie])
            return String(cookie.split(separator: ";")[0])
        }
    }

    static func id(_ context: StoreContext, _ sql: String) async throws -> Int {
        try await context.database.read { db in try await db.raw(SQLQueryString(stringLiteral: sql)).first()!.decode(column: "n", as: Int.self) }
    }

    @Test func outOfScopePagesAndAPIAreRefusedForEveryRole() async throws {
        let (app, context) = try await Self.app()
        // A household in 西城街道, outside every non-city demo account's scope.
        let foreign = try await Self.id(context, """
            SELECT MIN(h.id) AS n FROM households h JOIN units s ON h.path LIKE s.path || '%' WHERE s.code = '513401002000'
            """)
        try await app.test(.router) { client in
            for username in ["beicheng", "datongmen", "gege"] {
                let cookie = try await Self.login(client, username)
                for uri in ["/households/\(foreign)", "/api/v1/households/\(foreign)"] {
                    try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
                        #expect(response.status == .notFound, "\(username) \(uri)")
                    }
                }
            }
            let admin = try await Self.login(client, "admin")
            try await client.execute(uri: "/api/v1/households/\(foreign)", method: .get, headers: [.cookie: admin]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/households/\(foreign)", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/login") == true)
            }
            try await client.execute(uri: "/api/v1/me", method: .get) { response in #expect(response.status == .unauthorized) }
        }
        try await context.database.close()
    }

    @Test func formsNeedTheSessionCSRFTokenAndBadInputGetsFieldMessages() async throws {
        let (app, context) = try await Self.app()
        let own = try await Self.id(context, "SELECT MIN(id) AS n FROM households")
        try await app.test(.router) { client in
            let cookie = try await Self.login(client, "admin")
            let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/households/\(own)", method: .post, headers: form, body: ByteBuffer(string: "room=1-101")) { response in
                #expect(response.status == .forbidden)
            }
            let page = try await client.execute(uri: "/households/\(own)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let csrf = try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
            try await client.execute(uri: "/households/\(own)", method: .post, headers: form, body: ByteBuffer(string: "_csrf=\(csrf)&room=+")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("房号不能为空"))
            }
            try await client.execute(uri: "/api/v1/households/\(own)", method: .put, headers: [.cookie: cookie, .contentType: "application/json", .init("X-CSRF-Token")!: String(csrf)],
                                     body: ByteBuffer(string: "{\"room\": ")) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("error"))
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                let doc = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((doc?["paths"] as? [String: Any])?.keys.contains("/households/{id}") == true)
            }
        }
        try await context.database.close()
    }
}
