import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// For every route that names a record and every role, a record outside the caller's scope is refused
/// (403 or 404), and nothing is written.
@Suite struct ScopeMatrixTests {
    @Test func everyRouteRefusesOutOfScopeRecordsForEveryRole() async throws {
        let (app, context) = try await AuthorizationTests.app()
        // Records in 西城街道, outside the scope of every account below (all sit in 北城街道 or below, or have no registry rights).
        let street = "(SELECT path FROM units WHERE code = '513401002000')"
        let household = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM households WHERE path >= \(street) AND path < \(street) || '~'")
        let resident = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM residents WHERE household_id = \(household)")
        let building = try await AuthorizationTests.id(context, "SELECT building_id AS n FROM households WHERE id = \(household)")
        let grid = try await AuthorizationTests.id(context, "SELECT grid_id AS n FROM households WHERE id = \(household)")
        let audit = "SELECT COUNT(*) AS n FROM audit_log WHERE action <> 'login'"
        let auditBefore = try await AuthorizationTests.id(context, audit)
        let form = "room=1&name=x"
        // One body that every API write accepts as valid input, so only the scope can refuse it.
        let json = #"{"room": "1", "name": "x", "role": "volunteer"}"#
        let pages: [(HTTPRequest.Method, String)] = [
            (.get, "/units/\(grid)"), (.get, "/units/\(grid)/coverage"), (.get, "/households/\(household)"), (.get, "/residents/\(resident)"),
            (.post, "/households/\(household)"), (.post, "/units/\(building)/households"), (.post, "/households/\(household)/residents"),
            (.post, "/residents/\(resident)"), (.post, "/residents/\(resident)/reveal"),
        ]
        let api: [(HTTPRequest.Method, String)] = [
            (.get, "/api/v1/units/\(grid)"), (.get, "/api/v1/units/\(grid)/coverage"), (.get, "/api/v1/units/\(building)/households"),
            (.get, "/api/v1/households/\(household)"), (.get, "/api/v1/residents/\(resident)"), (.put, "/api/v1/households/\(household)"),
            (.post, "/api/v1/units/\(building)/households"), (.post, "/api/v1/units/\(grid)/children?kind=compound"), (.post, "/api/v1/units/\(grid)/staff"),
            (.post, "/api/v1/units/\(grid)/organizations?kind=grid_branch"), (.post, "/api/v1/households/\(household)/residents"),
            (.put, "/api/v1/residents/\(resident)"), (.post, "/api/v1/residents/\(resident)/reveal"),
        ]
        let users = ["beicheng", "datongmen", "gege", "lianluo", "dangyuan", "jumin"]
        try await app.test(.router) { client in
            for username in users {
                let cookie = try await AuthorizationTests.login(client, username)
                let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
                let csrf = String(try #require(home.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
                for (method, uri) in pages {
                    try await client.execute(uri: uri, method: method, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: "_csrf=\(csrf)&\(form)")) { response in
                        #expect([.notFound, .forbidden].contains(response.status), "\(username) \(method) \(uri) → \(response.status)")
                    }
                }
                let token = try await client.execute(uri: "/api/v1/login", method: .post, headers: [.contentType: "application/json"],
                                                     body: ByteBuffer(string: #"{"username": "\#(username)", "password": "\#(DemoCity.password)"}"#)) { response in
                    try #require((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])?["token"])
                }
                for (method, uri) in api {
                    try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                             body: ByteBuffer(string: Self.body(json, kindFrom: uri))) { response in
                        #expect([.notFound, .forbidden].contains(response.status), "\(username) \(method) \(uri) → \(response.status)")
                    }
                }
            }
        }
        #expect(try await AuthorizationTests.id(context, audit) == auditBefore)
        try await context.database.close()
    }

    /// Routes that need a `kind` name it in the test's URI (`?kind=…`, ignored by the server); it goes into the body.
    static func body(_ json: String, kindFrom uri: String) -> String {
        guard let kind = uri.split(separator: "kind=").dropFirst().first else { return json }
        return json.replacingOccurrences(of: "{", with: "{\"kind\": \"\(kind)\", ")
    }
}
