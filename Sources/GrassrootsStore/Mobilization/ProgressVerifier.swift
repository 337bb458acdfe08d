import Foundation
import GrassrootsCore
import SQLKit

/// Recomputes every issued directive's roll-up from its assignments and counts the units whose stored counters differ.
enum ProgressVerifier {
    static func mismatches(db: any SQLDatabase) async throws -> Int {
        let directives = try await db.select().columns(Directive.columns).from("directives")
            .where("status", .notEqual, SQLBind(DirectiveStatus.draft.rawValue)).all().map(Directive.init(row:))
        var wrong = 0
        for directive in directives {
            var expected = try await Cascade.computeProgress(directive, db: db)
            let stored = try await db.raw("\(unsafeRaw: UnitProgress.select) WHERE p.directive_id = \(bind: directive.id)").all().map(UnitProgress.init(row:))
            for unit in stored where expected.removeValue(forKey: unit.unitID) != unit.counts {
                wrong += 1
            }
            wrong += expected.count
        }
        return wrong
    }
}
