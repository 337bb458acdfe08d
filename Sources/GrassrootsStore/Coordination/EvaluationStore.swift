import Foundation
import GrassrootsCore
import SQLKit

/// One row of the two-way evaluation: what one side gives the other for a period, part by part, and the score.
public struct EvaluationRow: Sendable, Codable, Equatable {
    public let period: String
    public let rater: Side
    public let streetUnitID: Int
    public let streetName: String
    /// The street's materialized path, for scope.
    public let streetPath: String
    public let departmentID: Int
    public let departmentName: String
    public let parts: [EvaluationPart]
    public let weights: [String: Double]
    /// Out of 100; nil when no part has data.
    public let score: Double?
    /// When it was published; nil for a live computation.
    public let computedAt: Date?
}

/// Two-way evaluation (双向考评): ratings, live computation from the summons records, publication of a period's
/// scores, their history, and the recomputation that `verify` runs.
public struct EvaluationStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// A street rates a department (`stars` 1–5), or a department's officer rates a street, for a period.
    public func rate(period raw: String, streetUnitID: Int, departmentID: Int, stars: Int, comment: String, scope: Scope) async throws {
        var v = Validator()
        let period = v.capture { try Period(raw) }
        v.check((1...5).contains(stars), "stars", Bilingual("评分为1到5星", "Rate 1 to 5 stars"))
        v.check(comment.count <= 1000, "comment", Bilingual("意见最多1000字", "At most 1000 characters"))
        try v.finish()
        let side: Side = scope.role == .departmentOfficer ? .department : .street
        try await context.database.write { db in
            guard try await Self.stored(period!.code, db: db).isEmpty else {
                throw StoreError.conflict(Bilingual("\(period!.code) 的考评结果已发布，不能再评分", "\(period!.code) is published; ratings are closed"))
            }
            let street = try await UnitStore.unit(streetUnitID, scope: side == .street ? scope : .system, db: db)
            guard street.kind == .street else { throw ValidationError("street_unit_id", Bilingual("请选择街道/乡镇", "Choose a street or township")) }
            _ = try await DepartmentStore.department(departmentID, db: db)
            switch side {
            case .street: guard scope.role.decidesForStreet else { throw AccessDenied() }
            case .department: guard scope.departmentID == departmentID else { throw AccessDenied(Bilingual("只能以本部门身份评价", "You rate for your own department only")) }
            }
            try await db.delete(from: "coordination_ratings").where("period", .equal, SQLBind(period!.code)).where("rater_side", .equal, SQLBind(side.rawValue))
                .where("street_unit_id", .equal, SQLBind(streetUnitID)).where("department_id", .equal, SQLBind(departmentID)).run()
            try await db.insert(into: "coordination_ratings")
                .columns("period", "rater_side", "street_unit_id", "department_id", "stars", "comment", "rated_by", "rated_at")
                .values(SQLBind(period!.code), SQLBind(side.rawValue), SQLBind(streetUnitID), SQLBind(departmentID), SQLBind(stars),
                        SQLBind(comment.trimmed), SQLBind(scope.username), SQLBind(context.nowText)).run()
            try await AuditLog.record(db, scope, "rate", "evaluation", id: departmentID, path: street.path, detail: "\(period!.code) \(side.rawValue) \(stars)", now: context.clock())
        }
    }

    /// The evaluation of `period` as the scope may see it: published scores when the period was published,
    /// otherwise computed live from the records now.
    public func evaluation(period raw: String, scope: Scope) async throws -> [EvaluationRow] {
        let period = try Period(raw)
        return try await context.database.read { db in
            let stored = try await Self.stored(period.code, db: db)
            let rows = stored.isEmpty ? try await Self.compute(period, asOf: context.clock(), db: db) : stored
            return rows.filter { Self.sees(scope, $0) }
        }
    }

    /// Publishes a finished period: computes every pair's scores now and stores them, with the weights used.
    /// Only the city administrator may; a period is published once.
    public func publish(period raw: String, scope: Scope) async throws -> Int {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("只有市级管理员可以发布考评结果", "Only the city administrator publishes scores")) }
        let period = try Period(raw)
        let now = context.clock()
        guard now >= period.end else { throw ValidationError("period", Bilingual("\(period.code) 尚未结束，不能发布", "\(period.code) has not ended yet")) }
        return try await context.database.write { db in
            guard try await Self.stored(period.code, db: db).isEmpty else {
                throw StoreError.conflict(Bilingual("\(period.code) 的考评结果已发布", "\(period.code) is already published"))
            }
            let rows = try await Self.compute(period, asOf: now, db: db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for row in rows {
                try await db.insert(into: "evaluation_scores")
                    .columns("period", "rater_side", "street_unit_id", "department_id", "parts_json", "weights_json", "score", "computed_at", "computed_by")
                    .values(SQLBind(period.code), SQLBind(row.rater.rawValue), SQLBind(row.streetUnitID), SQLBind(row.departmentID),
                            SQLBind(String(decoding: try encoder.encode(row.parts), as: UTF8.self)),
                            SQLBind(String(decoding: try encoder.encode(row.weights), as: UTF8.self)), SQLBind(row.score),
                            SQLBind(Timestamp.format(now)), SQLBind(scope.username)).run()
            }
            try await AuditLog.record(db, scope, "publish", "evaluation", id: nil, path: scope.path, detail: "\(period.code) \(rows.count)", now: now)
            return rows.count
        }
    }

    /// The published periods, newest first, with each pair's score: the history table.
    public func history(scope: Scope) async throws -> [EvaluationRow] {
        try await context.database.read { db in
            try await Self.stored(nil, db: db).filter { Self.sees(scope, $0) }
        }
    }

    static func sees(_ scope: Scope, _ row: EvaluationRow) -> Bool {
        if scope.role == .departmentOfficer { return scope.departmentID == row.departmentID }
        guard scope.role.raisesSummons || scope.role == .auditor else { return false }
        // A street sees its own rows, a community its street's, the city every street's.
        return scope.concerns(row.streetPath)
    }

    static func stored(_ period: String?, db: any SQLDatabase) async throws -> [EvaluationRow] {
        let rows = try await db.raw("""
            SELECT e.period, e.rater_side, e.street_unit_id, e.department_id, e.parts_json, e.weights_json, e.score, e.computed_at,
                   u.name AS street_name, u.path AS street_path, d.name AS department_name
            FROM evaluation_scores e JOIN units u ON u.id = e.street_unit_id JOIN departments d ON d.id = e.department_id
            \(period.map { SQLQueryString("WHERE e.period = \(bind: $0)") } ?? "")
            ORDER BY e.period DESC, e.rater_side DESC, u.code, d.code
            """).all()
        let decoder = JSONDecoder()
        return try rows.map { row in
            EvaluationRow(period: try row.decode(column: "period", as: String.self),
                          rater: Side(rawValue: try row.decode(column: "rater_side", as: String.self)) ?? .street,
                          streetUnitID: try row.decode(column: "street_unit_id", as: Int.self), streetName: try row.decode(column: "street_name", as: String.self),
                          streetPath: try row.decode(column: "street_path", as: String.self), departmentID: try row.decode(column: "department_id", as: Int.self),
                          departmentName: try row.decode(column: "department_name", as: String.self),
                          parts: try decoder.decode([EvaluationPart].self, from: Data(try row.decode(column: "parts_json", as: String.self).utf8)),
                          weights: try decoder.decode([String: Double].self, from: Data(try row.decode(column: "weights_json", as: String.self).utf8)),
                          score: try row.decode(column: "score", as: Double?.self), computedAt: try row.date("computed_at"))
        }
    }
}
