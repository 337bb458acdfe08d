import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The unit page's forms: add a compound, an organization and staff; bad input is re-shown with messages and writes nothing.
@Suite struct OrganizationFormTests {
    @Test func unitFormsCreateAndRefuseBadInput() async throws {
        let (app, context) = try await AuthorizationTests.app()
        let grid = try await AuthorizationTests.id(context, "SELECT id AS n FROM units WHERE code = '513401001003001'")
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.login(client, "datongmen")
            let page = try await client.execute(uri: "/units/\(grid)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("id=\"new-organization\"") && page.contains("id=\"new-staff\""))
            let csrf = String(try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
            let headers: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            func post(_ uri: String, _ body: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(csrf)&\(body)")) {
                    ($0.status, String(buffer: $0.body))
                }
            }
            let units = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM units")
            var (status, _) = try await post("/units/\(grid)/children", "kind=compound&name=%E6%96%B0%E5%B0%8F%E5%8C%BA")
            #expect(status == .seeOther)
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM units") == units + 1)

            let organizations = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM organizations")
            var body: String
            (status, body) = try await post("/units/\(grid)/organizations", "kind=grid_branch&name=x&member_count=many")
            #expect(status == .unprocessableContent && body.contains("人数应为整数"))
            (status, body) = try await post("/units/\(grid)/organizations", "kind=compound_group&name=x")
            #expect(status == .unprocessableContent && body.contains("院落党小组应建在小区/院落一级"))
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM organizations") == organizations)
            (status, _) = try await post("/units/\(grid)/organizations", "kind=youth_league&name=%E5%9B%A2%E6%94%AF%E9%83%A8&member_count=12")
            #expect(status == .seeOther)

            (status, body) = try await post("/units/\(grid)/staff", "role=grid_worker&name=%E5%BC%A0&phone=123")
            #expect(status == .unprocessableContent && body.contains("电话号码应为11位手机号"))
            (status, _) = try await post("/units/\(grid)/staff", "role=grid_worker&name=%E5%BC%A0&phone=13900001111")
            #expect(status == .seeOther)
            let after = try await client.execute(uri: "/units/\(grid)", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(after.contains("团支部") && after.contains("139****1111"))
        }
        try await context.database.close()
    }
}
