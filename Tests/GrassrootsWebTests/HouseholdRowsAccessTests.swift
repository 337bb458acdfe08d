import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// A directive's door-by-door rows (assignments, answers, the CSV) reach only roles that serve households, in the
/// right scope; the officer, liaison, party member and resident are refused even where the path would allow it.
@Suite struct HouseholdRowsAccessTests {
    @Test func assignmentsAndTheirExportAreRefusedToRolesThatDoNotServeHouseholds() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let street = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001000'")
        let audit = "SELECT COUNT(*) AS n FROM audit_log WHERE action <> 'login'"
        try await app.test(.router) { client in
            let issuer = try await MobilizationWebTests.bearer(client, "beicheng")
            let body = #"{"unit_id":\#(street),"title":"体温筛查","kind":"screening","target":"households","deadline":"2099-01-01 12:00","issue":true,"form":[{"label":"体温","type":"number"}]}"#
            let directive = try await client.execute(uri: "/api/v1/directives", method: .post, headers: issuer, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                return try #require((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])?["id"] as? Int)
            }
            let worker = try await MobilizationWebTests.bearer(client, "gege")
            let assignment = try await client.execute(uri: "/api/v1/directives/\(directive)/assignments?all=1", method: .get, headers: worker) { response in
                #expect(response.status == .ok)
                return try #require(((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])?.first)?["id"] as? Int)
            }
            let auditBefore = try await AuthorizationTests.id(context, audit)
            for username in ["jumin", "minjing", "lianluo", "dangyuan"] {
                let token = try await MobilizationWebTests.bearer(client, username)
                try await client.execute(uri: "/api/v1/directives/\(directive)/assignments?all=1", method: .get, headers: token) { response in
                    #expect(response.status == .forbidden, "\(username) assignments → \(response.status)")
                    #expect(!String(buffer: response.body).contains("\"label\""), "\(username) got rows")
                }
                let cookie = try await AuthorizationTests.login(client, username)
                for uri in ["/directives/\(directive)/export.csv", "/assignments/\(assignment)", "/directives/\(directive)/work"] {
                    try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
                        #expect(response.status == .forbidden, "\(username) \(uri) → \(response.status)")
                        #expect(response.headers[.contentType]?.hasPrefix("text/csv") != true)
                    }
                }
            }
            #expect(try await AuthorizationTests.id(context, audit) == auditBefore)
            // Those who serve the households still get them.
            for username in ["beicheng", "gege", "auditor"] {
                let cookie = try await AuthorizationTests.login(client, username)
                try await client.execute(uri: "/directives/\(directive)/export.csv", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok, "\(username) export → \(response.status)")
                    #expect(String(buffer: response.body).contains("体温"))
                }
            }
        }
        try await context.database.close()
    }

    @Test func loginRedirectsOnlyToSameSitePathsAndTheCookieIsLaxAndHTTPOnly() async throws {
        let (app, context) = try await AuthorizationTests.app()
        try await app.test(.router) { client in
            let cases = ["/directives?x=1": "/directives?x=1", "//evil.example": "/", "/\\evil.example": "/",
                         "/%09/evil.example": "/", "/%2F%2Fevil.example": "/", "https://evil.example": "/"]
            for (next, expected) in cases {
                let encoded = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "username=gege&password=\(DemoCity.password)&next=\(encoded)")) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == expected, "next=\(next) → \(response.headers[.location] ?? "")")
                    let cookie = response.headers[.setCookie] ?? ""
                    #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), "\(cookie)")
                }
            }
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .init("X-Forwarded-Proto")!: "https"],
                                     body: ByteBuffer(string: "username=gege&password=\(DemoCity.password)")) { response in
                #expect(response.headers[.setCookie]?.contains("Secure") == true)
            }
            try await client.execute(uri: "/lang/en", method: .get, headers: [.referer: "http://127.0.0.1//evil.example/x"]) { response in
                #expect(response.headers[.location] == "/")
            }
        }
        try await context.database.close()
    }
}
