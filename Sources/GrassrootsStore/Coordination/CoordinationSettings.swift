import Foundation
import GrassrootsCore
import SQLKit

/// The configurable rules of coordination: time limits per urgency, the working calendar's exceptions and the
/// evaluation weights. The city administrator changes them; everyone reads them (they are shown beside the clocks
/// and scores they produce).
public struct CoordinationSettings: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The time limit of every urgency.
    public func timeLimits() async throws -> [TimeLimit] {
        try await context.database.read { db in try await Self.timeLimits(db) }
    }

    /// The calendar with its configured holidays and make-up working days.
    public func calendar() async throws -> WorkingCalendar {
        try await context.database.read { db in try await Self.calendar(db) }
    }

    /// The configured exceptions, by date, for the settings page.
    public func calendarDays() async throws -> [(day: String, working: Bool, note: String)] {
        try await context.database.read { db in
            try await db.select().columns("day", "working", "note").from("calendar_days").orderBy("day").all().map {
                (try $0.decode(column: "day", as: String.self), try $0.flag("working"), try $0.decode(column: "note", as: String.self))
            }
        }
    }

    /// The weights one side's evaluation uses.
    public func weights(_ side: Side) async throws -> EvaluationWeights {
        try await context.database.read { db in try await Self.weights(side, db) }
    }

    /// Replaces the limit of one urgency.
    public func setTimeLimit(_ limit: TimeLimit, scope: Scope) async throws {
        try Self.requireCity(scope)
        try await context.database.write { db in
            try await db.update("summons_time_limits").set("respond_minutes", to: SQLBind(limit.respondMinutes))
                .set("arrive_minutes", to: SQLBind(limit.arriveMinutes)).set("resolve_working_days", to: SQLBind(limit.resolveWorkingDays))
                .set("updated_by", to: SQLBind(scope.username)).set("updated_at", to: SQLBind(context.nowText))
                .where("urgency", .equal, SQLBind(limit.urgency.rawValue)).run()
            try await AuditLog.record(db, scope, "update", "time_limit", id: nil, path: scope.path, detail: limit.urgency.rawValue, now: context.clock())
        }
    }

    /// Marks `day` as a holiday (`working` false) or a make-up working day (`working` true), or clears it (nil).
    public func setCalendarDay(_ raw: String, working: Bool?, note: String, scope: Scope) async throws {
        try Self.requireCity(scope)
        let day = try WorkingCalendar.parseDay(raw, field: "day")
        try await context.database.write { db in
            try await db.delete(from: "calendar_days").where("day", .equal, SQLBind(day)).run()
            if let working {
                try await db.insert(into: "calendar_days").columns("day", "working", "note")
                    .values(SQLBind(day), SQLBind(working ? 1 : 0), SQLBind(String(note.trimmed.prefix(100)))).run()
            }
            try await AuditLog.record(db, scope, "update", "calendar_day", id: nil, path: scope.path, detail: day, now: context.clock())
        }
    }

    /// Replaces one side's weights (they are checked to add up to 1 first).
    public func setWeights(_ weights: EvaluationWeights, side: Side, scope: Scope) async throws {
        try Self.requireCity(scope)
        try await context.database.write { db in
            for (part, weight) in weights.weights {
                try await db.update("evaluation_weights").set("weight", to: SQLBind(weight))
                    .where("side", .equal, SQLBind(side.rawValue)).where("component", .equal, SQLBind(part.rawValue)).run()
            }
            try await AuditLog.record(db, scope, "update", "evaluation_weights", id: nil, path: scope.path, detail: side.rawValue, now: context.clock())
        }
    }

    static func requireCity(_ scope: Scope) throws {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("只有市级管理员可以修改这些规则", "Only the city administrator changes these rules")) }
    }

    static func timeLimits(_ db: any SQLDatabase) async throws -> [TimeLimit] {
        try await db.select().columns("urgency", "respond_minutes", "arrive_minutes", "resolve_working_days").from("summons_time_limits").all()
            .map { row in
                try TimeLimit(urgency: Urgency(rawValue: try row.decode(column: "urgency", as: String.self)) ?? .general,
                              respondMinutes: try row.decode(column: "respond_minutes", as: Int.self),
                              arriveMinutes: try row.decode(column: "arrive_minutes", as: Int?.self),
                              resolveWorkingDays: try row.decode(column: "resolve_working_days", as: Int.self))
            }
            .sorted { Urgency.allCases.firstIndex(of: $0.urgency)! < Urgency.allCases.firstIndex(of: $1.urgency)! }
    }

    static func calendar(_ db: any SQLDatabase) async throws -> WorkingCalendar {
        var holidays = Set<String>(), workdays = Set<String>()
        for row in try await db.select().columns("day", "working").from("calendar_days").all() {
            let day = try row.decode(column: "day", as: String.self)
            if try row.flag("working") { workdays.insert(day) } else { holidays.insert(day) }
        }
        return WorkingCalendar(holidays: holidays, workdays: workdays)
    }

    static func weights(_ side: Side, _ db: any SQLDatabase) async throws -> EvaluationWeights {
        var weights: [EvaluationComponent: Double] = [:]
        for row in try await db.select().columns("component", "weight").from("evaluation_weights").where("side", .equal, SQLBind(side.rawValue)).all() {
            if let part = EvaluationComponent(rawValue: try row.decode(column: "component", as: String.self)) {
                weights[part] = try row.decode(column: "weight", as: Double.self)
            }
        }
        return try EvaluationWeights(side: side, weights)
    }
}
