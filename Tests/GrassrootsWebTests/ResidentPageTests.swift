import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The resident page masks numbers, links back to the household, and the reveal is role-bound and audited.
@Suite struct ResidentPageTests {
    @Test func residentPageMasksAndRevealIsAudited() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let grid = "(SELECT id FROM units WHERE code = '513401001003001')"
        let resident = try await AuthorizationTests.id(context, "SELECT MIN(r.id) AS n FROM residents r JOIN households h ON h.id = r.household_id WHERE h.grid_id = \(grid)")
        let household = try await AuthorizationTests.id(context, "SELECT household_id AS n FROM residents WHERE id = \(resident)")
        try await app.test(.router) { client in
            for username in ["gege", "datongmen"] {
                let cookie = try await AuthorizationTests.login(client, username)
                let page = try await client.execute(uri: "/residents/\(resident)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
                #expect(page.contains("href=\"/households/\(household)\""))
                let masked = String(try #require(page.firstMatch(of: /id="id-number">([^<]+)</)?.1))
                #expect(masked.count == 18 && masked.contains("**********"))
                let csrf = String(try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
                let reveal = try await client.execute(uri: "/residents/\(resident)/reveal", method: .post,
                                                      headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                      body: ByteBuffer(string: "_csrf=\(csrf)")) { ($0.status, String(buffer: $0.body)) }
                if username == "gege" {
                    // Grid workers see masked numbers only.
                    #expect(reveal.0 == .forbidden)
                } else {
                    let full = String(try #require(reveal.1.firstMatch(of: /id="id-number">([^<]+)</)?.1))
                    #expect(full.count == 18 && !full.contains("*") && full.hasPrefix(masked.prefix(4)) && full.hasSuffix(masked.suffix(4)))
                    _ = try IdentityNumber(full)
                }
            }
        }
        #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reveal_id_number' AND entity_id = \(resident)") == 1)
        try await context.database.close()
    }
}
