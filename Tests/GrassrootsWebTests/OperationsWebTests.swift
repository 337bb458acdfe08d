import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// `/ready` and `/metrics`: what a load balancer and Prometheus see.
@Suite struct OperationsWebTests {
    @Test func readyReportsEngineAndMigrations() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/ready", method: .get)
            #expect(response.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect(body?["status"] as? String == "ready" && body?["engine"] as? String == "sqlite")
            #expect(body?["migrations"] as? Int == Migrator.all.count)
        }
    }

    @Test func readyIs503WhileMigrationsArePending() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let last = try #require(Migrator.all.last).name
        try await context.database.write { db in try await db.delete(from: "schema_migrations").where("name", .equal, last).run() }
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/ready", method: .get)
            #expect(response.status == .serviceUnavailable)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect(body?["status"] as? String == "unavailable" && body?["pending"] as? [String] == [last])
            #expect(body?["migrations"] as? Int == Migrator.all.count - 1)
            let error = body?["error"] as? [String: String]
            #expect(error?["en"] == "1 migrations pending; run grassroots migrate" && error?["zh"]?.contains("迁移") == true)
        }
    }

    /// A closed pool never hands out a connection, like a database that stopped answering: the probe times out.
    @Test func readyIs503WhenTheDatabaseIsGone() async throws {
        let (app, context) = try await AuthorizationTests.app()
        try await context.database.close()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/ready", method: .get)
            #expect(response.status == .serviceUnavailable)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect((body?["error"] as? [String: String])?["en"] == "database unreachable" && body?["pending"] == nil)
        }
    }

    static let scrapeToken = "prometheus-scrape-token-0001"

    @Test func metricsNeedTheTokenOrALoopbackPeerWithoutAProxy() async throws {
        let context = try await AuthorizationTests.store(demo: false)
        defer { Task { try? await context.database.close() } }
        let app = buildApplication(WebConfiguration(port: 0, metrics: try MetricsAccess(token: Self.scrapeToken)), stores: Stores(context))
        try await app.test(.router) { client in
            // The router test client has no peer address: like a client from another machine.
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong-token-of-any-length"]) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.scrapeToken)"]) { #expect($0.status == .ok) }
        }
        try await app.test(.live) { client in
            // A client with a long read timeout rather than the live client's 20 s (URLSession's own is 60 s): beside the
            // whole parallel suite on two cores the server may take that long to answer, and only the answer is under test.
            func status(_ headers: HTTPFields) async throws -> HTTPResponse.Status {
                try await TestClient.withClient(host: "127.0.0.1", port: client.port ?? 0, configuration: .init(timeout: .seconds(300))) {
                    try await $0.get("/metrics", headers: headers).status
                }
            }
            let direct = try await status([:]), proxied = try await status([.init("X-Forwarded-For")!: "198.51.100.7"])
            #expect(direct == .ok, "a process on this machine")
            #expect(proxied == .forbidden, "an outside client through a proxy on this machine")
        }
        #expect(throws: FieldError.self) { try MetricsAccess(token: "short") }
        #expect(try MetricsAccess.fromEnvironment(["GRASSROOTS_METRICS_TOKEN": ""]).token == nil)
    }

    @Test func metricsUseRouteTemplatesAndCumulativeBuckets() async throws {
        let context = try await AuthorizationTests.store()
        defer { Task { try? await context.database.close() } }
        let app = buildApplication(WebConfiguration(metrics: try MetricsAccess(token: Self.scrapeToken)), stores: Stores(context))
        let household = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM households")
        let submissions = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM submissions")
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.login(client, "admin")
            let page = try await client.execute(uri: "/households/\(household)", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            _ = try await client.execute(uri: "/no-such-page/\(household)?name=张三", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.scrapeToken)"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            let lines = text.split(separator: "\n").map(String.init)

            // The id and the query never appear: the route template and "unmatched" stand for them.
            #expect(lines.contains { $0.hasPrefix("grassroots_http_requests_total{method=\"GET\",route=\"/households/{id}\",status=\"") })
            #expect(lines.contains { $0.hasPrefix("grassroots_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"") })
            #expect(!text.contains("/households/\(household)") && !text.contains("no-such-page") && !text.contains("张三"))

            // Every family has its HELP and TYPE before its samples.
            for (name, type) in [("grassroots_http_requests_total", "counter"), ("grassroots_http_request_duration_seconds", "histogram"),
                                 ("grassroots_database_up", "gauge"), ("grassroots_webhook_deliveries_pending", "gauge"),
                                 ("grassroots_escalation_notifications_unread", "gauge"), ("grassroots_directive_submissions_total", "counter"),
                                 ("grassroots_summons_open", "gauge"), ("grassroots_supply_requests_open", "gauge"),
                                 ("grassroots_incidents_active", "gauge"), ("grassroots_messages_queued", "gauge"), ("grassroots_messages_failed", "gauge")] {
                let typeLine = try #require(lines.firstIndex(of: "# TYPE \(name) \(type)"), "\(name)")
                #expect(lines[typeLine - 1].hasPrefix("# HELP \(name) "))
                #expect(lines[(typeLine + 1)...].first.map { $0.hasPrefix(name) } == true, "\(name) has no sample")
            }
            #expect(lines.contains("grassroots_database_up 1") && lines.contains("grassroots_directive_submissions_total \(submissions)"))

            // Buckets are cumulative and +Inf equals _count, for every series.
            let series = "{method=\"GET\",route=\"/households/{id}\""
            let buckets = lines.filter { $0.hasPrefix("grassroots_http_request_duration_seconds_bucket\(series)") }
            #expect(buckets.count == MetricsRegistry.buckets.count + 1)
            let values = buckets.compactMap { Double($0.split(separator: " ").last!) }
            #expect(values == values.sorted() && buckets.last!.contains("le=\"+Inf\"") && buckets.first!.contains("le=\"0.005\""))
            let count = try #require(lines.first { $0.hasPrefix("grassroots_http_request_duration_seconds_count\(series)}") })
            #expect(Double(count.split(separator: " ").last!) == values.last && values.last! >= 1)
            #expect(lines.contains { $0.hasPrefix("grassroots_http_request_duration_seconds_sum\(series)} ") })
        }
    }

    @Test func labelValuesAndHelpAreEscaped() async throws {
        #expect(PrometheusText.escapeLabel("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
        #expect(PrometheusText.escapeHelp("x\\y\n\"z\"") == "x\\\\y\\n\"z\"")
        #expect(PrometheusText.number(10) == "10" && PrometheusText.number(0.005) == "0.005" && PrometheusText.number(.infinity) == "+Inf")
        let registry = MetricsRegistry()
        await registry.record(method: "GET", route: "/a\"b", status: 200, seconds: 20)
        let text = await registry.render(gauges: nil)
        #expect(text.contains("route=\"/a\\\"b\",status=\"200\"} 1") && text.contains("le=\"10\"} 0") && text.contains("le=\"+Inf\"} 1"))
        #expect(text.contains("grassroots_database_up 0") && !text.contains("grassroots_summons_open"))
    }

    @Test func requestLabelsStayBounded() {
        #expect(RequestLog.route("/households/{id}") == "/households/{id}")
        #expect(RequestLog.route(nil) == "unmatched" && RequestLog.route("NotFound") == "unmatched")
        #expect(RequestLog.method(.get) == "GET" && RequestLog.method(HTTPRequest.Method("BREW")!) == "other")
        #expect(RequestLog.level(["LOG_LEVEL": "INFO"]) == .info && RequestLog.level([:]) == nil && RequestLog.level(["LOG_LEVEL": "loud"]) == nil)
    }
}
