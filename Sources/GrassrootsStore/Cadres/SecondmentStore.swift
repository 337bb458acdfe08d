import Foundation
import GrassrootsCore
import SQLKit

/// Exchanges and secondments: first secretaries, community commissioners, agency leaders seconded to streets and
/// two-way secondments with property companies, with their terms, goals and end-of-term reviews.
public struct SecondmentStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Sends a cadre the scope sees to a street or community of the scope, for a term with goals.
    public func create(_ input: SecondmentInput, scope: Scope) async throws -> Secondment {
        guard scope.role.managesCadres else { throw AccessDenied() }
        let definition = try input.validated()
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(definition.unitID, scope: scope, db: db)
            guard unit.kind == definition.kind.destination else {
                throw ValidationError("unit_id", Bilingual("“\(definition.kind.label.zh)”应挂职到\(definition.kind.destination == .street ? "街道（乡镇）" : "社区（村）")",
                                                           "A “\(definition.kind.label.en)” goes to a \(definition.kind.destination.rawValue)"))
            }
            // A cadre sent from outside (an agency leader) is seen by the city; a street sends its own.
            let cadre = try await CadreStore.cadre(definition.cadreID, scope: .system, db: db)
            guard scope.contains(cadre.path) || scope.role == .cityAdmin else { throw AccessDenied() }
            let overlapping = try await db.raw("""
                SELECT COUNT(*) AS n FROM secondments WHERE cadre_id = \(bind: cadre.id) AND starts_on <= \(bind: definition.endsOn) AND ends_on >= \(bind: definition.startsOn)
                """).first()!.decode(column: "n", as: Int.self)
            guard overlapping == 0 else {
                throw ValidationError("starts_on", Bilingual("该干部在这段时间已有挂职安排", "This cadre already has a secondment overlapping this term"))
            }
            let id = try await db.insert(into: "secondments")
                .columns("cadre_id", "kind", "origin", "unit_id", "path", "starts_on", "ends_on", "goals", "created_by", "created_at")
                .values(SQLBind(cadre.id), SQLBind(definition.kind.rawValue), SQLBind(definition.origin), SQLBind(unit.id), SQLBind(unit.path),
                        SQLBind(definition.startsOn), SQLBind(definition.endsOn), SQLBind(definition.goals), SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "secondment", id: id, path: unit.path, now: context.clock())
            return try await Self.secondment(id, scope: scope, db: db)
        }
    }

    /// Writes the end-of-term review, once, from the month before the term ends.
    public func review(_ id: Int, outcome: String, text: String, scope: Scope) async throws -> Secondment {
        guard scope.role.managesCadres else { throw AccessDenied() }
        var v = Validator()
        let outcome = ReviewOutcome.pick(outcome, field: "outcome", names: Bilingual("考核结果", "Outcome"), &v)
        v.check((1...2000).contains(text.trimmed.count), "review", Bilingual("请写明任期目标完成情况（最多2000字）", "Say how the goals were met (at most 2000 characters)"))
        try v.finish()
        let today = WorkingCalendar.dayKey(context.clock())
        return try await context.database.write { db in
            let secondment = try await Self.secondment(id, scope: scope, db: db)
            guard secondment.outcome == nil else { throw StoreError.conflict(Bilingual("该挂职已考核", "This secondment has already been reviewed")) }
            let opens = SecondmentDefinition.reviewOpens(endsOn: secondment.endsOn)
            guard today >= opens else {
                throw ValidationError("outcome", Bilingual("任期 \(secondment.endsOn) 结束，\(opens) 起可考核", "The term ends \(secondment.endsOn); the review opens on \(opens)"))
            }
            try await db.update("secondments").set("outcome", to: SQLBind(outcome!.rawValue)).set("review", to: SQLBind(text.trimmed))
                .set("reviewed_by", to: SQLBind(scope.username)).set("reviewed_on", to: SQLBind(today)).where("id", .equal, SQLBind(id)).run()
            try await AuditLog.record(db, scope, "review", "secondment", id: id, path: secondment.path, detail: outcome!.rawValue, now: context.clock())
            return try await Self.secondment(id, scope: scope, db: db)
        }
    }

    /// Secondments into the scope and of cadres working in it, newest first; optionally one cadre's.
    public func list(scope: Scope, cadreID: Int? = nil) async throws -> [Secondment] {
        guard scope.role.readsCadres else { throw AccessDenied() }
        return try await context.database.read { db in
            var condition = Self.visible(scope)
            if let cadreID { condition = condition + " AND s.cadre_id = \(bind: cadreID)" }
            return try await db.raw("\(unsafeRaw: Secondment.select) WHERE \(condition) ORDER BY s.starts_on DESC, s.id DESC LIMIT 1000").all().map(Secondment.init(row:))
        }
    }

    /// Secondments into the scope, and of cadres working in it.
    static func visible(_ scope: Scope) -> SQLQueryString {
        "((s.path >= \(bind: scope.path) AND s.path < \(bind: scope.upperBound)) OR (c.path >= \(bind: scope.path) AND c.path < \(bind: scope.upperBound)))"
    }

    static func secondment(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Secondment {
        guard let row = try await db.raw("\(unsafeRaw: Secondment.select) WHERE s.id = \(bind: id) AND \(visible(scope))").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的挂职", "No secondment \(id) in your scope"))
        }
        return try Secondment(row: row)
    }
}
