import Foundation
import GrassrootsCore
import SQLKit

/// A directive in progress for the demo: a gas-safety screening of every household of 北城街道, issued 30 hours ago,
/// with most grids well on and a few still silent, so the dashboard, the stuck-at-the-gate list and the report have
/// something to show. Outcomes are written set-based and the counters rebuilt from them, as `verify` would.
struct DemoDirective {
    let context: StoreContext
    static let street = "513401001000"

    func build() async throws {
        let now = context.clock(), issuedAt = now.addingTimeInterval(-30 * 3600)
        let past = context.at(issuedAt)
        guard let street = try? await UnitStore(context).unit(code: Self.street, scope: .system) else { return }
        let input = DirectiveInput(title: "冬季燃气安全入户排查", kind: DirectiveKind.screening.rawValue, target: TargetKind.households.rawValue,
                                   deadline: LocalTime.inputValue(now.addingTimeInterval(2 * 86400)),
                                   instructions: "逐户检查燃气管道、软管和报警器，发现隐患当场告知并拍照留存。", form: .screening, stallHours: 24)
        let draft = try await DirectiveStore(past).create(unitID: street.id, input, scope: .system)
        let directive = try await DirectiveStore(past).issue(draft.id, scope: .system)
        let database = context.database
        try await database.write { db in
            // Two grids in three report; within them about 70 % done, and a few absent or refused.
            try await db.raw("""
                UPDATE assignments SET outcome = CASE WHEN id % 10 < 7 THEN 'done' WHEN id % 10 = 7 THEN 'absent' WHEN id % 10 = 8 THEN 'refused' ELSE 'pending' END,
                  data_json = CASE WHEN id % 10 < 7 THEN '{"f1":"3","f2":"36.5","f3":"no","f4":"未外出"}' ELSE NULL END,
                  submitted_by = 'gege', revision = 1,
                  submitted_at = \(bind: Timestamp.format(issuedAt)) WHERE directive_id = \(bind: directive.id) AND grid_id % 3 <> 0 AND id % 10 <> 9
                """).run()
            // Reports spread over the hours since issue, so the report's curve has a shape.
            let rows = try await db.raw("SELECT id FROM assignments WHERE directive_id = \(bind: directive.id) AND revision = 1 ORDER BY id").all()
            var writer = BulkWriter(database: database, db: db, order: ["submissions"])
            for (index, row) in rows.enumerated() {
                let id = try row.decode(column: "id", as: Int.self)
                let at = Timestamp.format(issuedAt.addingTimeInterval(Double(index) / Double(max(rows.count, 1)) * 26 * 3600))
                try await writer.add("submissions", ["demo-\(directive.id)-\(id)", id, directive.id, "gege", "pending",
                                                     id % 10 < 7 ? "done" : id % 10 == 7 ? "absent" : "refused", at])
            }
            try await writer.flush()
            try await db.raw("UPDATE assignments SET submitted_at = (SELECT received_at FROM submissions s WHERE s.assignment_id = assignments.id) WHERE directive_id = \(bind: directive.id) AND revision = 1").run()
            try await Cascade.rebuildProgress(directive, database: database, db: db)
        }
    }
}
