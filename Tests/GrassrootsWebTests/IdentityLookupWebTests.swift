import Foundation
import GrassrootsCore
@testable import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Over HTTP, an identity number travels only in a POST body, only roles that may reveal may look one up, and a
/// grid worker's pages show a birth year beside the masked number.
@Suite struct IdentityLookupWebTests {
    static let number = IdentityNumber.make(region: "513401", birth: "1985-06-15", sequence: 321).value

    static func resident(_ context: StoreContext) async throws -> Int {
        let household = try await AuthorizationTests.id(context, """
            SELECT MIN(h.id) AS n FROM households h JOIN units g ON g.id = h.grid_id WHERE g.code = '513401001003001'
            """)
        return try await ResidentStore(context).create(householdID: household, ResidentInput(name: "网页查号", idNumber: number), scope: .system).id
    }

    @Test func pagesAndSearchKeepTheNumberFromRolesThatMayNotReveal() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let id = try await Self.resident(context)
        try await app.test(.router) { client in
            let gege: HTTPFields = [.cookie: try await AuthorizationTests.login(client, "gege")]
            let staff: HTTPFields = [.cookie: try await AuthorizationTests.login(client, "datongmen")]
            let shown = try await client.execute(uri: "/residents/\(id)", method: .get, headers: gege) {
                String(buffer: $0.body)
            }
            #expect(shown.contains(#"<span id="birth">1985</span>"#) && !shown.contains("1985-06-15") && shown.contains("网页查号"))
            let full = try await client.execute(uri: "/residents/\(id)", method: .get, headers: staff) {
                String(buffer: $0.body)
            }
            #expect(full.contains("1985-06-15"))

            for headers in [gege, staff] {
                try await client.execute(uri: "/search?q=\(Self.number)", method: .get, headers: headers) { response in
                    #expect(response.status == .unprocessableContent)
                    let body = String(buffer: response.body)
                    #expect(body.contains("按身份证号查找") && !body.contains("网页查号"))
                }
            }
            let gegePage = try await client.execute(uri: "/search", method: .get, headers: gege) {
                String(buffer: $0.body)
            }
            #expect(!gegePage.contains("id-number-form"))
        }
    }

    @Test func revealingRolesLookUpByPostAndEachLookupIsAudited() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let id = try await Self.resident(context)
        let audited = "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'search_id_number'"
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.login(client, "datongmen")
            let page = try await client.execute(uri: "/search", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let csrf = try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
            var form = SessionWebTests.form
            form[.cookie] = cookie
            try await client.execute(uri: "/search/id-number", method: .post, headers: form,
                                     body: ByteBuffer(string: "_csrf=\(csrf)&id_number=\(Self.number)")) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("/residents/\(id)"))
            }
            try await client.execute(uri: "/search/id-number", method: .post, headers: form,
                                     body: ByteBuffer(string: "_csrf=\(csrf)&id_number=12345")) { response in
                #expect(response.status == .unprocessableContent)
            }

            let worker = try await MobilizationWebTests.bearer(client, "gege"), auditor = try await MobilizationWebTests.bearer(client, "auditor")
            let staff = try await MobilizationWebTests.bearer(client, "datongmen")
            let body = #"{"id_number":"\#(Self.number)"}"#
            for refused in [worker, auditor] {
                try await client.execute(uri: "/api/v1/search/id-number", method: .post, headers: refused, body: ByteBuffer(string: body)) {
                    #expect($0.status == .forbidden)
                }
            }
            try await client.execute(uri: "/api/v1/search?q=\(Self.number)", method: .get, headers: staff) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/search/id-number", method: .post, headers: staff, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let hits = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(hits?.compactMap { $0["id"] as? Int } == [id])
            }
        }
        #expect(try await AuthorizationTests.id(context, audited) == 2, "the web lookup and the API lookup; refusals wrote nothing")
    }
}
