import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The check-up page, its CSV and JSON, and who may read it.
@Suite struct CheckupWebTests {
    typealias W = CoordinationWebTests

    /// Each of the weakest five leads to the records behind it: listed with what each adds, those holding the point
    /// down first, each linked to where it is kept, and all of them in the CSV.
    @Test func theWeakestPointsLeadToTheRecordsBehindThem() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let (_, page) = try await W.get(client, "/checkup?period=2026Q4", as: street)
            let links = W.section(page, "weakest", end: "</ol>").matches(of: /<a href="([^"]+)">/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
            #expect(links.count == 5)
            var followed = 0
            for link in links where link.hasPrefix("/checkup/points/") {
                let (status, records) = try await W.get(client, link, as: street)
                #expect(status == .ok && records.contains("id=\"point-summary\""), "\(link)")
                let table = W.section(records, "point-records", end: "</table>")
                // Every record links to a page of its own, and a record that holds the point down comes before any that does not.
                let rows = table.components(separatedBy: "<tr").dropFirst(2)
                #expect(rows.allSatisfy { $0.contains("<a href=\"/") })
                if let firstFull = rows.firstIndex(where: { !$0.contains("class=\"short\"") }) {
                    #expect(rows[firstFull...].allSatisfy { !$0.contains("class=\"short\"") }, "\(link)")
                }
                followed += 1
            }
            #expect(followed >= 3)
            let (_, households) = try await W.get(client, "/checkup/points/households_covered?period=2026Q4", as: street)
            #expect(households.contains("href=\"/households/"))
            let csv = try await client.execute(uri: "/checkup/points/compound_party?period=2026Q4&format=csv", method: .get, headers: [.cookie: street.cookie])
            let text = String(decoding: Array(buffer: csv.body).dropFirst(3), as: UTF8.self)
            let compounds = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM units WHERE kind = 'compound' AND path LIKE (SELECT path FROM units WHERE code = '513401001000') || '%'")
            #expect(text.hasPrefix("记录,所在,链接,达标数,应计数") && text.split(whereSeparator: \.isNewline).count == compounds + 1)
            #expect(try await W.get(client, "/checkup/points/request_rates", as: street).0 == .notFound)
            #expect(try await W.get(client, "/checkup/points/no_such_point", as: street).0 == .notFound)
            #expect(try await W.get(client, "/checkup/points/compound_party", as: try await W.browser(client, "gege")).0 == .forbidden)
        }
    }

    @Test func pageCSVAndAPI() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let (status, page) = try await W.get(client, "/checkup?period=2026Q4", as: street)
            #expect(status == .ok && page.contains("id=\"overall\"") && page.contains("id=\"treemap\"") && page.contains("id=\"weakest\""))
            #expect(page.contains("组织覆盖") && !page.contains("本期未开展演练") && W.section(page, "weakest", end: "</ol>").components(separatedBy: "<li>").count - 1 == 5)
            // Every community below is a cell of the tree map, linked and labelled at least with its score; a legend says
            // what the colours mean.
            let treemap = W.section(page, "treemap", end: "</svg>")
            let communities = W.section(page, "checkup-children", end: "</table>").components(separatedBy: "<tr><td>").count - 1
            #expect(communities > 1 && treemap.components(separatedBy: "<a href=\"/checkup?unit=").count - 1 == communities)
            #expect(treemap.components(separatedBy: "<text ").count - 1 >= communities)
            #expect(page.contains("id=\"legend\"") && W.section(page, "legend", end: "</p>").contains("无数据"))
            // The demo's drill was three weeks ago: an earlier quarter has none.
            #expect(try await W.get(client, "/checkup?period=2026Q2", as: street).1.contains("本期未开展演练"))
            let (_, bad) = try await W.get(client, "/checkup?period=2026Q9", as: street)
            #expect(bad.contains("期间“2026Q9”无效"))
            let csv = try await client.execute(uri: "/checkup?period=2026Q4&format=csv", method: .get, headers: [.cookie: street.cookie])
            let bytes = Array(buffer: csv.body)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) && String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("单位,指数,检查项,得分,分子,分母"))
            let headers = try await MobilizationWebTests.bearer(client, "beicheng")
            let (_, json) = try await W.api(client, "/api/v1/checkup?period=2026Q4", .get, headers)
            let unit = (json as? [String: Any])?["unit"] as? [String: Any]
            #expect(unit?["unit_name"] as? String == "北城街道" && ((unit?["scores"] as? [String: Any])?["values"] as? [Any])?.count == CheckupMeasure.allCases.count)
            #expect(try await W.get(client, "/checkup", as: try await W.browser(client, "jumin")).0 == .forbidden)
            #expect(try await W.get(client, "/checkup", as: try await W.browser(client, "gege")).0 == .forbidden)
        }
    }

    @Test func mapIsDrawnFromImportedBoundaries() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let communities = try await context.database.read { db in
            try await db.raw("SELECT code FROM units WHERE kind = 'community' AND code LIKE '513401001%' ORDER BY code").all().map { try $0.decode(column: "code", as: String.self) }
        }
        let features = communities.enumerated().map { i, code in
            let x = 102.2 + Double(i) * 0.01
            return "{\"type\":\"Feature\",\"properties\":{\"code\":\"\(code)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\(x),27.9],[\(x + 0.01),27.9],[\(x + 0.01),27.91],[\(x),27.91],[\(x),27.9]]]}}"
        }
        try await BoundaryStore(context).importBoundaries(Data("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".utf8), scope: .system)
        try await app.test(.router) { client in
            let (_, page) = try await W.get(client, "/checkup?period=2026Q4", as: try await W.browser(client, "beicheng"))
            let map = W.section(page, "map", end: "</svg>")
            #expect(!page.contains("id=\"treemap\"") && map.components(separatedBy: "<path d=\"M").count - 1 == communities.count)
        }
    }
}

/// The boundaries page: import all or nothing from a form, export, and who may change them.
@Suite struct BoundaryWebTests {
    typealias W = CoordinationWebTests

    @Test func importFromTheFormExportAndRoles() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let square = "[[[102.2,27.9],[102.21,27.9],[102.21,27.91],[102.2,27.91],[102.2,27.9]]]"
            let good = #"{"type":"Feature","properties":{"code":"513401001003001"},"geometry":{"type":"Polygon","coordinates":\#(square)}}"#
            let open = #"{"type":"Feature","properties":{"code":"513401001003"},"geometry":{"type":"Polygon","coordinates":[[[102.2,27.9],[102.21,27.9],[102.21,27.91]]]}}"#
            let bad = try await W.post(client, "/checkup/boundaries", as: street, [("geojson", #"{"type":"FeatureCollection","features":[\#(good),\#(open)]}"#)])
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("513401001003"))
            let (_, empty) = try await W.get(client, "/checkup/boundaries.geojson", as: street)
            #expect(!empty.contains("513401001003001"))
            let ok = try await W.post(client, "/checkup/boundaries", as: street, [("geojson", #"{"type":"FeatureCollection","features":[\#(good)]}"#)])
            #expect(ok.status == .ok && String(buffer: ok.body).contains("已导入 1 个边界"))
            let (_, exported) = try await W.get(client, "/checkup/boundaries.geojson", as: street)
            #expect(exported.contains("513401001003001") && exported.contains("FeatureCollection"))
            let auditor = try await W.browser(client, "auditor")
            let (status, page) = try await W.get(client, "/checkup/boundaries", as: auditor)
            #expect(status == .ok && !page.contains("id=\"boundary-form\""))
            #expect(try await W.post(client, "/checkup/boundaries", as: auditor, [("geojson", "{}")]).status == .forbidden)
        }
    }
}
