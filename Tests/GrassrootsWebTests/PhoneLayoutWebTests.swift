import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// What a phone shows each role: a tab bar of its few destinations (every one a page the role may open), its own
/// part of each directive, a worklist by compound and building with their progress, and an inbox that puts new work
/// first and folds one directive's many stalled units into one line.
@Suite struct PhoneLayoutWebTests {
    typealias W = CoordinationWebTests

    @Test func everyRolesTabsLeadToPagesItMayOpen() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            for account in DemoCity.accounts {
                let browser = try await W.browser(client, account.username)
                let (_, home) = try await W.get(client, "/", as: browser)
                let tabs = W.section(home, "tabs", end: "</nav>")
                let links = tabs.matches(of: /href="([^"]+)"/).map { String($0.1) }
                #expect((4...5).contains(links.count), "\(account.username): \(links)")
                #expect(links == Layout.tabs(for: account.role).map(\.0))
                for link in links {
                    #expect(try await W.get(client, link, as: browser).0 == .ok, "\(account.username) → \(link)")
                }
            }
        }
    }

    @Test func aGridWorkerSeesTheirOwnPartAndTheirBuildings() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let directive = try await FieldWorkWebTests.demoDirective(context)
        let grid = "(SELECT path FROM units WHERE code = '513401001003001')"
        let mine = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(directive) AND path LIKE \(grid) || '%'")
        let reached = try await AuthorizationTests.id(context, """
            SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(directive) AND path LIKE \(grid) || '%' AND outcome IN ('done', 'refused', 'not_applicable')
            """)
        let street = try await AuthorizationTests.id(context, "SELECT COUNT(*) AS n FROM assignments WHERE directive_id = \(directive)")
        #expect(mine > 0 && mine < street)
        try await app.test(.router) { client in
            let worker = try await W.browser(client, "gege")
            let (_, list) = try await W.get(client, "/directives", as: worker)
            #expect(try #require(W.row(list, "冬季燃气安全入户排查")).contains("<td class=\"num\" data-mine>\(reached)/\(mine)</td>"))

            let (_, work) = try await W.get(client, "/directives/\(directive)/work?all=1", as: worker)
            #expect(work.contains("id=\"work-search\""))
            let headings = work.matches(of: /<section class="work-group"><h2>([^<]+)<small class="muted" data-progress>已到 (\d+)\/(\d+)<\/small>/)
            #expect(!headings.isEmpty)
            let compounds = try await context.database.read { db in
                try await db.raw("SELECT DISTINCT c.name FROM units c JOIN units g ON g.id = c.parent_id WHERE g.code = '513401001003001' AND c.kind = 'compound'")
                    .all().map { try $0.decode(column: "name", as: String.self) }
            }
            for heading in headings {
                #expect(compounds.contains { heading.1.hasPrefix($0 + " ") }, "a building is named with its compound: \(heading.1)")
            }
            #expect(headings.map { Int($0.3)! }.reduce(0, +) == mine && headings.map { Int($0.2)! }.reduce(0, +) == reached)
        }
    }

    @Test func theInboxPutsNewWorkFirstAndFoldsOneDirectivesStalledUnits() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let directive = try await FieldWorkWebTests.demoDirective(context)
        // The community's compounds (up to three) stalled on the demo directive, told to the community.
        let stalled = try await context.database.write { db in
            let community = try await db.raw("SELECT id, path FROM units WHERE code = '513401001003'").first()!
            let (id, path) = (try community.decode(column: "id", as: Int.self), try community.decode(column: "path", as: String.self))
            let compounds = try await db.raw("SELECT id, name FROM units WHERE kind = 'compound' AND path LIKE \(bind: path + "%") ORDER BY id LIMIT 3").all()
            for (index, row) in compounds.enumerated() {
                let name = try row.decode(column: "name", as: String.self)
                try await db.raw("""
                    INSERT INTO notifications (unit_id, path, directive_id, subject_unit_id, reason, message_zh, message_en, created_at)
                    VALUES (\(bind: id), \(bind: path), \(bind: directive), \(bind: try row.decode(column: "id", as: Int.self)), 'stalled',
                            \(bind: "“\(name)”停滞"), \(bind: "\(name) stalled"), \(bind: "2026-12-0\(index + 1)T08:00:00Z"))
                    """).run()
            }
            return compounds.count
        }
        #expect(stalled >= 2)
        try await app.test(.router) { client in
            let staff = try await W.browser(client, "datongmen")
            let (_, inbox) = try await W.get(client, "/inbox", as: staff)
            let newWork = try #require(inbox.range(of: "id=\"new-work\"")), escalations = try #require(inbox.range(of: "id=\"inbox\""))
            #expect(newWork.lowerBound < escalations.lowerBound)
            #expect(W.section(inbox, "new-work", end: "</ul>").contains("/directives/\(directive)/work"))
            let lines = W.section(inbox, "inbox", end: "</main>")
            #expect(lines.components(separatedBy: "<li class=\"unread\"><span class=\"tag\">停滞</span>").count - 1 == 1)
            #expect(lines.contains("data-repeats=\"\(stalled - 1)\"") && lines.contains("同一任务另有 \(stalled - 1) 个单元"))
        }
    }
}
