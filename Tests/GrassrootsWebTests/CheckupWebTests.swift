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

    @Test func pageCSVAndAPI() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let (status, page) = try await W.get(client, "/checkup?period=2026Q4", as: street)
            #expect(status == .ok && page.contains("id=\"overall\"") && page.contains("id=\"treemap\"") && page.contains("id=\"weakest\""))
            #expect(page.contains("组织覆盖") && !page.contains("本期未开展演练") && W.section(page, "weakest", end: "</ol>").components(separatedBy: "<li>").count - 1 == 5)
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
            #expect(try await W.get(client, "/checkup", as: try await W.browser(client, "gege")).0 == .unprocessableContent)
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
