import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The directive API and pages over HTTP: validation messages per field, role limits, idempotent submissions,
/// the CSV export and the live event stream.
@Suite struct MobilizationWebTests {
    static func bearer(_ client: some TestClientProtocol, _ username: String) async throws -> HTTPFields {
        let token = try await client.execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"],
                                             body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(DemoCity.password)"}"#)) { response in
            try #require((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])?["token"])
        }
        return [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    @Test func directiveAPIValidatesRolesAndReplaysSubmissions() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let street = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
        try await app.test(.router) { client in
            let admin = try await Self.bearer(client, "beicheng"), worker = try await Self.bearer(client, "gege")
            let bad = #"{"unit_id":\#(street),"title":"","kind":"party","target":"households","deadline":"明天","form":[{"label":"体温","type":"colour"}]}"#
            try await client.execute(uri: "/api/v1/directives", method: .post, headers: admin, body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("类型“colour”无效"))
            }
            let noTitle = #"{"unit_id":\#(street),"title":"","kind":"party","target":"households","deadline":"明天"}"#
            try await client.execute(uri: "/api/v1/directives", method: .post, headers: admin, body: ByteBuffer(string: noTitle)) { response in
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let fields = Set(((problem?["fields"] as? [[String: String]]) ?? []).compactMap { $0["field"] })
                #expect(fields == ["title", "kind", "deadline"])
            }
            let good = #"{"unit_id":\#(street),"title":"通知送达","kind":"notice","target":"households","deadline":"2099-01-01 12:00","issue":true,"form":[{"label":"签收","type":"yesno","required":true}]}"#
            try await client.execute(uri: "/api/v1/directives", method: .post, headers: worker, body: ByteBuffer(string: good)) { response in
                #expect(response.status == .forbidden)
            }
            let directive = try await client.execute(uri: "/api/v1/directives", method: .post, headers: admin, body: ByteBuffer(string: good)) { response in
                #expect(response.status == .created)
                return try #require((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])?["id"] as? Int)
            }
            let assignment = try await client.execute(uri: "/api/v1/directives/\(directive)/assignments", method: .get, headers: worker) { response in
                try #require(((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])?.first)?["id"] as? Int)
            }
            var headers = worker
            headers[.init("Idempotency-Key")!] = "web-test-key-1"
            for (expected, replayed) in [(HTTPResponse.Status.created, false), (.ok, true)] {
                try await client.execute(uri: "/api/v1/submissions", method: .post, headers: headers,
                                         body: ByteBuffer(string: #"{"assignment_id":\#(assignment),"outcome":"done","answers":{"f1":"是"}}"#)) { response in
                    #expect(response.status == expected)
                    #expect(String(buffer: response.body).contains("\"replayed\":\(replayed)"))
                }
            }
            try await client.execute(uri: "/api/v1/submissions", method: .post, headers: worker,
                                     body: ByteBuffer(string: #"{"assignment_id":\#(assignment),"outcome":"done","key":"web-test-key-2"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("请填写“签收”"))
            }
            try await client.execute(uri: "/api/v1/directives/\(directive)/progress?levels=0", method: .get, headers: admin) { response in
                let tree = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect((tree?.first?["counts"] as? [String: Int])?["done"] == 1)
            }
            let cookie = try await AuthorizationTests.login(client, "beicheng")
            try await client.execute(uri: "/directives/\(directive)/export.csv", method: .get, headers: [.cookie: cookie]) { response in
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("\u{FEFF}街道,社区,网格"))
                #expect(text.contains("签收") && text.contains("已完成"))
            }
        }
        try await context.database.close()
    }

    @Test func eventStreamSendsChangesToWatchersOnly() async throws {
        let hub = ProgressHub()
        let stream = await hub.watch(7)
        let change = ProgressChange(unitID: 1, path: "/1/", counts: ProgressCounts(total: 2, pending: 1, done: 1), lastReportAt: nil)
        await hub.publish(8, [change])
        await hub.publish(7, [change])
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == [change])
        #expect(await hub.watcherCount == 1)
    }
}
