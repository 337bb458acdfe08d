import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The three ways script got into pages: what a party member typed on their service card, a form field's key sent
/// in a plan over the API, and a CAP document served back from our own origin.
@Suite struct InertContentTests {
    static let payload = "<img src=x onerror=alert(1)>"

    @Test func aServiceCardShowsWhatTheMemberTypedAsText() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let community = try await UnitStore(context).unit(code: "513401001003", scope: .system)
        let account = try await context.database.write { db in
            try await db.insert(into: "accounts").columns("username", "display_name", "password_hash", "role", "scope_unit_id", "created_at")
                .values(SQLBind("xss-member"), SQLBind("党员"), SQLBind(HashedPassword.make(DemoCity.password)), SQLBind(Role.partyMember.rawValue),
                        SQLBind(community.id), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
        }
        let member = try await RegistrationStore(context).registerMember(name: Self.payload, employer: Self.payload, employerPartyOrg: Self.payload,
                                                                         communityID: community.id, posts: [ServicePost.allCases[0].rawValue],
                                                                         scope: Scope(path: community.path, role: .partyMember, accountID: account, username: "xss-member"))
        try await app.test(.router) { client in
            let staff = try await CoordinationWebTests.browser(client, "datongmen")
            let (status, card) = try await CoordinationWebTests.get(client, "/participation/card/\(member.id)", as: staff)
            #expect(status == .ok && card.contains("id=\"service-card\""))
            #expect(!card.contains("<img src=x") && card.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(card.contains("<b id=\"card-hours\">"), "the sentence around the name stays markup")
        }
    }

    @Test func aPlansFormKeyIsCheckedWhenDecodedFromJSON() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let street = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let action = PlanAction.directive("入户排查", kind: .screening, deadlineHours: 24, form: PlanAction.screeningForm)
        let good = #"{"unit_id":\#(street.id),"title":"防疫预案","event_kind":"epidemic","actions":{"IV":[\#(String(decoding: try encoder.encode(action), as: UTF8.self))]}}"#
        let bad = good.replacingOccurrences(of: #""key":"temperature""#, with: #""key":"x\" autofocus onfocus=\"alert(1)""#)
        #expect(bad != good)
        try await app.test(.router) { client in
            let headers = try await MobilizationWebTests.bearer(client, "beicheng")
            let plans = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM emergency_plans")
            try await client.execute(uri: "/api/v1/plans", method: .post, headers: headers, body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent && String(buffer: response.body).contains("无效或重复"))
            }
            #expect(try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM emergency_plans") == plans)
            // The same body with the builder's own key is accepted, so the refusal was the key's.
            try await client.execute(uri: "/api/v1/plans", method: .post, headers: headers, body: ByteBuffer(string: good)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
        }
    }

    @Test func aCAPDocumentIsADownloadThatRunsNothing() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let street = try await UnitStore(context).unit(code: "513401001000", scope: .system)
        let scope = Scope(path: street.path, role: .streetAdmin, accountID: 0, username: "beicheng")
        let issued = try await AlertStore(context).issue(AlertInput(event: "暴雨", eventKind: "flood", severity: "Severe", headline: "暴雨预警",
                                                                    description: "请做好防范", unitIDs: [street.id], exercise: true), scope: scope)
        let received = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM alerts WHERE source <> 'issued'")
        try await app.test(.router) { client in
            let headers = try await MobilizationWebTests.bearer(client, "beicheng")
            for (uri, auth) in [("/cap/alerts/\(issued.id)", HTTPFields()), ("/api/v1/alerts/\(received)/cap", headers)] {
                try await client.execute(uri: uri, method: .get, headers: auth) { response in
                    #expect(response.status == .ok && String(buffer: response.body).contains("<alert"), "\(uri)")
                    #expect(response.headers[.contentDisposition]?.hasPrefix("attachment;") == true, "\(uri)")
                    #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true, "\(uri)")
                }
            }
        }
    }

    /// Exports are files to save, not pages: each answers with its own type as an attachment, never sniffed as HTML.
    @Test func exportsAreDownloadsWithTheirOwnTypes() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let city = try await UnitStore(context).unit(code: "513401000000", scope: .system)
        let directive = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM directives")
        try await app.test(.router) { client in
            let headers = try await MobilizationWebTests.bearer(client, "admin")
            let exports: [(String, String)] = [
                ("/units/\(city.id)/coverage?format=csv", "text/csv"), ("/checkup?format=csv", "text/csv"), ("/cadres?format=csv", "text/csv"),
                ("/directives/\(directive)/export.csv", "text/csv"), ("/fund/513401001003?format=csv", "text/csv"),
                ("/checkup/boundaries.geojson?unit=\(city.id)", "application/geo+json"),
            ]
            for (uri, type) in exports {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix(type) == true, "\(uri): \(response.headers[.contentType] ?? "")")
                    #expect(response.headers[.contentDisposition]?.hasPrefix("attachment;") == true, "\(uri)")
                    #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                    if type == "text/csv" { #expect(Array(response.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(uri): a BOM, so Excel reads UTF-8") }
                }
            }
        }
    }
}
