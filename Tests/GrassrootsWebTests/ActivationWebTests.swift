import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Activating a plan from its page: a drill unless "real" is chosen, a real activation only with its second
/// confirmation (refused without it, nothing started), and a capacity estimate for the units actually chosen.
@Suite struct ActivationWebTests {
    typealias W = CoordinationWebTests

    static func count(_ context: StoreContext, _ sql: String) async throws -> Int { try await AuthorizationTests.id(context, sql) }

    @Test func aDrillIsTheDefaultAndARealActivationAsksTwice() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let plan = try await Self.count(context, "SELECT id AS n FROM emergency_plans WHERE title = '北城街道防汛应急预案'")
        let community = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401001003'")
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let (_, page) = try await W.get(client, "/emergency/plans/\(plan)", as: street)
            let mode = W.section(page, "mode", end: "</fieldset>")
            #expect(mode.contains("value=\"drill\" checked") && !mode.contains("value=\"real\" checked"))

            let level = try #require(page.firstMatch(of: /<option value="([IV]+)"/)?.1)
            let incidents = try await Self.count(context, "SELECT COUNT(*) AS n FROM incidents")
            let base = [("level", String(level)), ("unit_ids", "\(community)"), ("per_worker_hour", "6")]
            // Real, not confirmed: refused on the confirmation, nothing started.
            let refused = try await W.post(client, "/emergency/plans/\(plan)/activate", as: street, base + [("mode", "real")])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("真实启动须勾选确认"))
            #expect(W.section(String(buffer: refused.body), "mode", end: "</fieldset>").contains("value=\"real\" checked"))
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM incidents") == incidents)
            // Nothing chosen: a drill.
            let drill = try await W.post(client, "/emergency/plans/\(plan)/activate", as: street, base)
            #expect(drill.status == .seeOther)
            #expect(try await Self.count(context, "SELECT drill AS n FROM incidents ORDER BY id DESC LIMIT 1") == 1)
            // Real and confirmed: real.
            let real = try await W.post(client, "/emergency/plans/\(plan)/activate", as: street, base + [("mode", "real"), ("confirm_real", "1")])
            #expect(real.status == .seeOther)
            #expect(try await Self.count(context, "SELECT drill AS n FROM incidents ORDER BY id DESC LIMIT 1") == 0)
            #expect(try await Self.count(context, "SELECT COUNT(*) AS n FROM incidents") == incidents + 2)
            // Its page counts every message what it raised sent: the notices' texts to each household among them.
            let incident = try await Self.count(context, "SELECT MAX(id) AS n FROM incidents")
            let sent = try await Self.count(context, """
                SELECT COUNT(*) AS n FROM incident_items i JOIN messages m ON m.record_kind = i.kind AND m.record_id = i.ref_id WHERE i.incident_id = \(incident)
                """)
            let texted = try await Self.count(context, """
                SELECT COUNT(*) AS n FROM incident_items i JOIN messages m ON m.record_kind = 'notice' AND m.record_id = i.ref_id WHERE i.incident_id = \(incident)
                """)
            #expect(texted > 0 && sent >= texted)
            let (_, incidentPage) = try await W.get(client, "/emergency/incidents/\(incident)", as: street)
            let figures = W.section(incidentPage, "message-counts", end: "</p>").matches(of: /<b>(\d+)<\/b>/).compactMap { Int($0.1) }
            #expect(figures.count == MessageStatus.allCases.count && figures.reduce(0, +) == sent)
        }
    }

    @Test func theEstimateIsForTheUnitsChosen() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        let plan = try await Self.count(context, "SELECT id AS n FROM emergency_plans WHERE title = '北城街道防汛应急预案'")
        let units = try await context.database.read { db in
            try await db.raw("SELECT id, path FROM units WHERE kind = 'community' AND code LIKE '513401001%' ORDER BY code LIMIT 2").all()
                .map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "path", as: String.self)) }
        }
        @Sendable func households(_ paths: [String]) async throws -> Int {
            try await Self.count(context, "SELECT COUNT(*) AS n FROM households WHERE " + paths.map { "path LIKE '\($0)%'" }.joined(separator: " OR "))
        }
        #expect(units.count == 2)
        try await app.test(.router) { client in
            let street = try await W.browser(client, "beicheng")
            let whole = try await households([try await context.database.read { db in
                try await db.raw("SELECT path FROM units WHERE code = '513401001000'").first()!.decode(column: "path", as: String.self)
            }])
            for (query, expected) in [("", whole), ("?unit_ids=\(units[1].0)", try await households([units[1].1])),
                                      ("?unit_ids=\(units[0].0)&unit_ids=\(units[1].0)", try await households(units.map(\.1)))] {
                let (status, card) = try await W.get(client, "/emergency/plans/\(plan)/estimate\(query)", as: street)
                #expect(status == .ok && card.hasPrefix("<div class=\"card\" id=\"estimate\">"))
                #expect(card.contains("住户 \(expected) 户"), "\(query): \(expected)")
            }
            // A rate nobody works at is not used: the default rate's estimate comes back instead of a division by zero.
            let (_, zero) = try await W.get(client, "/emergency/plans/\(plan)/estimate?per_worker_hour=0", as: street)
            let (_, plain) = try await W.get(client, "/emergency/plans/\(plan)/estimate", as: street)
            #expect(zero == plain)
            // Another street's unit is not estimated for this street's staff.
            let foreign = try await Self.count(context, "SELECT id AS n FROM units WHERE code = '513401002001'")
            #expect(try await W.get(client, "/emergency/plans/\(plan)/estimate?unit_ids=\(foreign)", as: street).0 == .notFound)
        }
    }
}
