import Foundation
import GrassrootsCore
import SQLKit

/// Reads the records of a period and tallies every street–department pair, for the live view, for publication,
/// and for `verify`, which recomputes published scores as of their publication and compares.
extension EvaluationStore {
    /// Every pair with a summons sent in the period or a rating for it, tallied as of `asOf`.
    static func compute(_ period: Period, asOf: Date, db: any SQLDatabase) async throws -> [EvaluationRow] {
        let start = Timestamp.format(period.start), end = Timestamp.format(period.end), cutoff = Timestamp.format(asOf)
        let targetRows = try await db.raw("""
            SELECT t.id, s.street_unit_id, t.department_id, s.sent_at, t.respond_due, t.resolve_due, t.accepted_at, t.closed_at, t.returned_at
            FROM summons_targets t JOIN summons s ON s.id = t.summons_id
            WHERE s.sent_at >= \(bind: start) AND s.sent_at < \(bind: end) AND s.sent_at <= \(bind: cutoff) AND s.drill = 0
            """).all()
        var events: [Int: (requests: [Date], decisions: [Date])] = [:]
        for row in try await db.raw("""
            SELECT e.target_id, e.action, e.at FROM summons_events e JOIN summons s ON s.id = e.summons_id
            WHERE s.sent_at >= \(bind: start) AND s.sent_at < \(bind: end) AND e.at <= \(bind: cutoff)
              AND e.action IN ('request_closure', 'close', 'reopen') ORDER BY e.id
            """).all() {
            guard let target = try row.decode(column: "target_id", as: Int?.self), let at = try row.date("at") else { continue }
            if try row.decode(column: "action", as: String.self) == "request_closure" { events[target, default: ([], [])].requests.append(at) }
            else { events[target, default: ([], [])].decisions.append(at) }
        }
        // The resolution limit as it stood at the cutoff: the limit before the first extension approved later.
        var dueAtCutoff: [Int: Date] = [:]
        for row in try await db.raw("""
            SELECT x.target_id, x.previous_due FROM summons_extensions x JOIN summons_targets t ON t.id = x.target_id JOIN summons s ON s.id = t.summons_id
            WHERE s.sent_at >= \(bind: start) AND s.sent_at < \(bind: end) AND x.approved_at > \(bind: cutoff) ORDER BY x.approved_at DESC, x.id DESC
            """).all() {
            dueAtCutoff[try row.decode(column: "target_id", as: Int.self)] = try row.date("previous_due")
        }
        struct Pair: Hashable { let street: Int; let department: Int }
        var records: [Pair: [TargetRecord]] = [:]
        for row in targetRows {
            let id = try row.decode(column: "id", as: Int.self)
            let pair = Pair(street: try row.decode(column: "street_unit_id", as: Int.self), department: try row.decode(column: "department_id", as: Int.self))
            guard let sent = try row.date("sent_at"), let respond = try row.date("respond_due"), let current = try row.date("resolve_due") else { continue }
            let resolve = dueAtCutoff[id] ?? current
            records[pair, default: []].append(TargetRecord(sentAt: sent, respondDue: respond, resolveDue: resolve, acceptedAt: try row.date("accepted_at"),
                                                           closedAt: try row.date("closed_at"), returnedAt: try row.date("returned_at"),
                                                           closureRequests: events[id]?.requests ?? [], closureDecisions: events[id]?.decisions ?? []))
        }
        var stars: [Side: [Pair: Int]] = [:]
        for row in try await db.select().columns("rater_side", "street_unit_id", "department_id", "stars").from("coordination_ratings")
            .where("period", .equal, SQLBind(period.code)).where("rated_at", .lessThanOrEqual, SQLBind(cutoff)).all() {
            let side = Side(rawValue: try row.decode(column: "rater_side", as: String.self)) ?? .street
            let pair = Pair(street: try row.decode(column: "street_unit_id", as: Int.self), department: try row.decode(column: "department_id", as: Int.self))
            stars[side, default: [:]][pair] = try row.decode(column: "stars", as: Int.self)
            if records[pair] == nil { records[pair] = [] }
        }
        let names = try await Self.names(db)
        var rows: [EvaluationRow] = []
        for side in [Side.street, .department] {
            let weights = try await CoordinationSettings.weights(side, db)
            for (pair, targets) in records.sorted(by: { ($0.key.street, $0.key.department) < ($1.key.street, $1.key.department) }) {
                let parts = EvaluationTally.parts(given: side, targets: targets, stars: stars[side]?[pair], asOf: asOf)
                let values = Dictionary(uniqueKeysWithValues: parts.compactMap { part in part.value.map { (part.component, $0) } })
                rows.append(EvaluationRow(period: period.code, rater: side, streetUnitID: pair.street, streetName: names.streets[pair.street]?.name ?? "", streetPath: names.streets[pair.street]?.path ?? "/-/",
                                          departmentID: pair.department, departmentName: names.departments[pair.department] ?? "",
                                          parts: parts, weights: Dictionary(uniqueKeysWithValues: weights.weights.map { ($0.key.rawValue, $0.value) }),
                                          score: weights.score(values), computedAt: nil))
            }
        }
        return rows
    }

    static func names(_ db: any SQLDatabase) async throws -> (streets: [Int: (name: String, path: String)], departments: [Int: String]) {
        var streets: [Int: (name: String, path: String)] = [:], departments: [Int: String] = [:]
        for row in try await db.select().columns("id", "name", "path").from("units").where("kind", .equal, SQLBind("street")).all() {
            streets[try row.decode(column: "id", as: Int.self)] = (try row.decode(column: "name", as: String.self), try row.decode(column: "path", as: String.self))
        }
        for row in try await db.select().columns("id", "name").from("departments").all() {
            departments[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "name", as: String.self)
        }
        return (streets, departments)
    }

    /// Published rows whose recomputation (same records as of publication, the stored weights) differs.
    static func mismatches(db: any SQLDatabase) async throws -> Int {
        let published = try await stored(nil, db: db)
        var wrong = 0
        for rows in Dictionary(grouping: published, by: { "\($0.period)|\($0.computedAt.map(Timestamp.format) ?? "")" }).values {
            guard let first = rows.first, let at = first.computedAt, let period = try? Period(first.period) else { wrong += rows.count; continue }
            let recomputed = try await compute(period, asOf: at, db: db)
            for row in rows {
                guard let again = recomputed.first(where: { $0.rater == row.rater && $0.streetUnitID == row.streetUnitID && $0.departmentID == row.departmentID }),
                      again.parts == row.parts else { wrong += 1; continue }
                let weights = Dictionary(uniqueKeysWithValues: row.weights.compactMap { k, w in EvaluationComponent(rawValue: k).map { ($0, w) } })
                let values = Dictionary(uniqueKeysWithValues: row.parts.compactMap { part in part.value.map { (part.component, $0) } })
                if (try? EvaluationWeights(side: row.rater, weights))?.score(values) != row.score { wrong += 1 }
            }
            wrong += max(recomputed.count - rows.count, 0)
        }
        return wrong
    }
}
