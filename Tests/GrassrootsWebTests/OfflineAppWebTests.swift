import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The installable field app: its manifest, its service worker at the root, the pages it may keep (field pages only),
/// and the mark on a page that must not be kept.
@Suite struct OfflineAppWebTests {
    typealias W = CoordinationWebTests

    @Test func theManifestAndServiceWorkerAreServedAndOnlyFieldPagesAreKept() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let manifest = try await client.execute(uri: "/manifest.webmanifest", method: .get)
            #expect(manifest.status == .ok && manifest.headers[.contentType] == "application/manifest+json")
            let json = try JSONSerialization.jsonObject(with: Data(buffer: manifest.body)) as? [String: Any]
            #expect(json?["start_url"] as? String == "/today" && json?["display"] as? String == "standalone" && json?["scope"] as? String == "/")
            let icon = try #require((json?["icons"] as? [[String: Any]])?.first?["src"] as? String)
            let served = try await client.execute(uri: icon, method: .get)
            #expect(served.status == .ok && served.headers[.contentType] == "image/svg+xml" && String(buffer: served.body).hasPrefix("<svg"))

            let worker = try await client.execute(uri: "/sw.js", method: .get)
            let script = String(buffer: worker.body)
            #expect(worker.status == .ok && worker.headers[.contentType] == "text/javascript; charset=utf-8" && worker.headers[.cacheControl] == "no-cache")
            #expect(script.contains(#"/^\/directives\/\d+\/work$/"#) && script.contains("caches.delete(PAGES)") && script.contains("'/logout'"))

            // Every page names the manifest and registers the worker from its static script.
            let (_, page) = try await W.get(client, "/", as: try await W.browser(client, "gege"))
            #expect(page.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">") && StaticAssets.page.body.contains("serviceWorker.register('/sw.js')"))
        }
        // Kept: a worker's field pages. Not kept: registry pages with more personal data, searches, anything else.
        let kept = OfflineApp.kept.map { try! Regex($0) }
        func isKept(_ path: String) -> Bool { kept.contains { path.wholeMatch(of: $0) != nil } }
        for path in ["/", "/today", "/inbox", "/directives/12/work", "/directives/12/units/7/bulk", "/assignments/5", "/households/9"] { #expect(isKept(path), "\(path)") }
        for path in ["/residents/3", "/search", "/directives/12", "/directives/12/report", "/households/9/edit", "/units/4", "/directives/12/work.csv"] {
            #expect(!isKept(path), "\(path)")
        }
    }

    /// A page showing a one-time message is marked, so the offline app does not keep it to show the message again.
    @Test func aPageShowingAMessageIsMarkedNotToBeKept() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let household = try await AuthorizationTests.id(context, "SELECT MIN(id) AS n FROM households h WHERE path LIKE (SELECT path FROM units WHERE code = '513401001003001') || '%'")
        try await app.test(.router) { client in
            let worker = try await W.browser(client, "gege")
            let saved = try await W.post(client, "/households/\(household)", as: worker, [("room", "1-101"), ("address", "阳光公寓1栋1-101"), ("note", "")])
            let cookie = try #require(FlashWebTests.flashCookie(saved))
            let shown = try await client.execute(uri: "/households/\(household)", method: .get, headers: [.cookie: "\(worker.cookie); \(cookie)"])
            #expect(shown.headers[.init(OfflineApp.onceHeader)!] == "1")
            let plain = try await client.execute(uri: "/households/\(household)", method: .get, headers: [.cookie: worker.cookie])
            #expect(plain.status == .ok && plain.headers[.init(OfflineApp.onceHeader)!] == nil)
        }
    }
}
