import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import Testing

/// A draft changes freely until it is issued, and only by its issuing unit; a refused change leaves it as it was.
@Suite struct DraftEditingTests {
    @Test(arguments: Fixtures.engines)
    func aDraftChangesUntilIssuedAndARefusedChangeLeavesItWhole(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: MobilizationTests.street, role: .streetAdmin)
        let street = try await UnitStore(context).unit(code: MobilizationTests.street, scope: scope)
        let store = DirectiveStore(context)
        let draft = try await store.create(unitID: street.id, MobilizationTests.input(), scope: scope)

        var changed = MobilizationTests.input(.householdsWithCategory, category: "elderly_alone",
                                              form: try FormSchema.parse(lines: "身体状况 | 选择 | 必填 | 良好/一般/较差\n在家人数 | 数字 | 必填 | 0~9"))
        changed.title = "独居老人冬季走访"; changed.kind = "visit"; changed.priority = "urgent"
        let updated = try await store.update(draft.id, changed, scope: scope)
        #expect(updated.title == "独居老人冬季走访" && updated.kind == .visit && updated.target == .householdsWithCategory && updated.category == "elderly_alone")
        #expect(updated.priority == .urgent && updated.form.fields.map(\.label) == ["身体状况", "在家人数"] && updated.form.fields[1].maximum == 9)
        #expect(updated.status == .draft && updated.unitID == street.id)
        // What it would reach follows the change: the elderly living alone, not every household.
        let elderly = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM households h WHERE h.path LIKE '\(street.path)%' AND EXISTS (SELECT 1 FROM residents r
            JOIN resident_category_links l ON l.resident_id = r.id WHERE r.household_id = h.id AND l.category_code = 'elderly_alone')
            """)
        #expect(try await store.reach(of: updated) == elderly)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'update' AND entity = 'directive' AND entity_id = \(draft.id)") == 1)

        // Refused: an unknown category, a past deadline. The draft stays as it was.
        var bad = changed
        bad.category = "no_such_category"
        await #expect(throws: ValidationError.self) { try await store.update(draft.id, bad, scope: scope) }
        bad = changed; bad.deadline = "2020-01-01 00:00"; bad.title = "改坏了"
        await #expect(throws: ValidationError.self) { try await store.update(draft.id, bad, scope: scope) }
        #expect(try await store.directive(draft.id, scope: scope) == updated)

        // A community cannot change the street's draft; nobody can change an issued one.
        let community = try await Fixtures.scope(context, code: MobilizationTests.community, role: .communityStaff)
        await #expect(throws: (any Error).self) { try await store.update(draft.id, changed, scope: community) }
        _ = try await store.issue(draft.id, scope: scope)
        do { _ = try await store.update(draft.id, MobilizationTests.input(), scope: scope); Issue.record("an issued directive changed") } catch StoreError.conflict(let message) {
            #expect(message.zh.contains("只有草稿可以修改"))
        }
        #expect(try await store.directive(draft.id, scope: scope).title == "独居老人冬季走访")
    }
}
