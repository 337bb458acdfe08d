import Foundation
import GrassrootsCore
@testable import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Sign-in and tokens over HTTP: the address behind a local proxy is what throttling counts, and tokens are
/// listed and revoked on their page and through the API by their owner only.
@Suite struct SessionWebTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func throttlingCountsTheForwardedAddressOfALocalProxy() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            for i in 0..<LoginThrottle.maxPerAddress {
                var headers = Self.form
                headers[.init("X-Forwarded-For")!] = "203.0.113.9, 10.0.0.\(i)"  // the client's own claim comes first; the proxy's entry last
                try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "username=u\(i)&password=x")) {
                    #expect($0.status == .unauthorized)
                }
            }
            // Had the forged first entry been counted, 203.0.113.9 would be throttled now; each proxy entry failed once.
            var forged = Self.form
            forged[.init("X-Forwarded-For")!] = "203.0.113.9"
            try await client.execute(uri: "/login", method: .post, headers: forged, body: ByteBuffer(string: "username=gege&password=\(DemoCity.password)")) {
                #expect($0.status == .seeOther)
            }
            var one = Self.form
            one[.init("X-Forwarded-For")!] = "192.0.2.1"
            for i in 0..<LoginThrottle.maxPerAddress {
                try await client.execute(uri: "/login", method: .post, headers: one, body: ByteBuffer(string: "username=nobody\(i)&password=x")) { _ in }
            }
            try await client.execute(uri: "/login", method: .post, headers: one, body: ByteBuffer(string: "username=gege&password=\(DemoCity.password)")) {
                #expect($0.status == .unauthorized)
                #expect(String(buffer: $0.body).contains("登录失败次数过多"))
            }
        }
    }

    @Test func tokensAreListedAndRevokedByTheirOwner() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let gege = try await MobilizationWebTests.bearer(client, "gege"), jumin = try await MobilizationWebTests.bearer(client, "jumin")
            let listed = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: gege) { response in
                #expect(response.status == .ok)
                let decoder = JSONDecoder()
                decoder.keyDecodingStrategy = .convertFromSnakeCase
                return try decoder.decode([APIToken].self, from: Data(buffer: response.body))
            }
            let own = try #require(listed.first)
            #expect(listed.map(\.username) == ["gege"] && own.expiresAt > own.createdAt)
            try await client.execute(uri: "/api/v1/tokens/\(own.id)/revoke", method: .post, headers: jumin) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/tokens/\(own.id)/revoke", method: .post, headers: gege) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/tokens", method: .get, headers: gege) { #expect($0.status == .unauthorized, "the revoked token is ended") }

            let cookie = try await AuthorizationTests.login(client, "jumin")
            let page = try await client.execute(uri: "/tokens", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let csrf = try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
            let juminToken = try #require(page.firstMatch(of: /action="\/tokens\/(\d+)\/revoke"/)?.1)
            var headers = Self.form
            headers[.cookie] = cookie
            try await client.execute(uri: "/tokens/\(juminToken)/revoke", method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(csrf)")) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: jumin) { #expect($0.status == .unauthorized) }
        }
    }
}
