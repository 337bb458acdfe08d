import Foundation
import GrassrootsCore
import SQLKit

/// The home-quarantine registry (居家隔离登记) with daily health checks.
///
/// Who may do what: staff who report field work (city, street, community, grid workers — a grid worker only in their
/// grid, since the scope is applied in SQL) register, check and end quarantines and read them in full; an auditor reads
/// masked names and counts only. Every read of a quarantine's health data (its detail) is audited.
///
/// Escalation of missed checks: a day without a check shows in the community's (and the grid's) missed list the next
/// morning; the street (and the city, and the auditor) see it only once it is more than a day old, i.e. when the
/// community has not caught up the day after — see `QuarantineSchedule.escalationLag(for:)`.
public struct QuarantineStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// How long after its last day a quarantine's missed checks stay in the missed list.
    static let missedHorizonDays = 7

    /// Registers a home quarantine for a resident of a household in scope; a resident has at most one running.
    public func register(_ input: QuarantineInput, scope: Scope) async throws -> Quarantine {
        guard scope.role.reportsFieldWork else { throw AccessDenied(Bilingual("由社区、网格工作人员登记居家隔离", "Staff register home quarantines")) }
        let plan = try input.validated()
        let today = WorkingCalendar.dayKey(context.clock())
        guard plan.endsOn >= today else {
            throw ValidationError("ends_on", Bilingual("隔离期已结束，无需登记", "This period is already over; there is nothing to register"))
        }
        let (engine, context) = (context.database.engine, context)
        return try await context.database.write { db in
            guard let row = try await db.raw("""
                SELECT r.id, h.id AS household_id, h.path FROM residents r JOIN households h ON h.id = r.household_id
                WHERE r.id = \(bind: plan.residentID) AND h.path >= \(bind: scope.path) AND h.path < \(bind: scope.upperBound)
                """).first() else {
                throw StoreError.notFound(Bilingual("您的辖区内没有编号为 \(plan.residentID) 的居民", "No resident \(plan.residentID) in your scope"))
            }
            if engine == .postgres {
                // Two registrations of one resident at once queue on the resident's row, so the second sees the first.
                try await db.raw("SELECT id FROM residents WHERE id = \(bind: plan.residentID) FOR UPDATE").run()
            }
            let running = try await db.raw("""
                SELECT id FROM quarantines WHERE resident_id = \(bind: plan.residentID) AND status = 'active' AND ends_on >= \(bind: today)
                """).first()
            guard running == nil else {
                throw StoreError.conflict(Bilingual("该居民已在居家隔离中，请勿重复登记", "This resident is already in home quarantine"))
            }
            let path = try row.decode(column: "path", as: String.self)
            let id = try await db.insert(into: "quarantines")
                .columns("resident_id", "household_id", "path", "place", "starts_on", "ends_on", "test_days", "status", "created_by", "created_at")
                .values(SQLBind(plan.residentID), SQLBind(try row.decode(column: "household_id", as: Int.self)), SQLBind(path), SQLBind(plan.place),
                        SQLBind(plan.startsOn), SQLBind(plan.endsOn), SQLBind(plan.testDaysText), SQLBind(QuarantineStatus.active.rawValue),
                        SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "register", "quarantine", id: id, path: path, now: context.clock())
            return try await Self.quarantines(db, where: "q.id = \(bind: id)", healthVisible: true, today: today).first!
        }
    }

    /// Records today's check; a second check on the same day replaces the first (a corrected reading).
    public func check(_ id: Int, _ input: CheckInput, scope: Scope) async throws -> QuarantineDetail {
        guard scope.role.reportsFieldWork else { throw AccessDenied(Bilingual("由社区、网格工作人员登记健康监测", "Staff record the daily checks")) }
        let check = try input.validated()
        let context = context, today = WorkingCalendar.dayKey(context.clock())
        try await context.database.write { db in
            let q = try await Self.find(id, scope: scope, today: today, db: db)
            guard q.status == .active else { throw StoreError.conflict(Bilingual("该隔离已解除", "This quarantine has ended")) }
            guard today >= q.startsOn && today <= q.endsOn else {
                throw StoreError.conflict(Bilingual("今天（\(today)）不在隔离期 \(q.startsOn)–\(q.endsOn) 内", "Today (\(today)) is outside the period \(q.startsOn)–\(q.endsOn)"))
            }
            try await db.raw("""
                INSERT INTO quarantine_checks (quarantine_id, day, temperature_tenths, symptoms, test_result, checked_by, checked_at)
                VALUES (\(bind: id), \(bind: today), \(bind: check.tenths), \(bind: check.symptoms), \(bind: check.testResult.rawValue), \(bind: scope.username), \(bind: context.nowText))
                ON CONFLICT (quarantine_id, day) DO UPDATE SET temperature_tenths = excluded.temperature_tenths, symptoms = excluded.symptoms,
                  test_result = excluded.test_result, checked_by = excluded.checked_by, checked_at = excluded.checked_at
                """).run()
            let path = try await db.raw("SELECT path FROM quarantines WHERE id = \(bind: id)").first()!.decode(column: "path", as: String.self)
            try await AuditLog.record(db, scope, "check", "quarantine", id: id, path: path, detail: today, now: context.clock())
        }
        return try await detail(id, scope: scope)
    }

    /// Ends a quarantine before its last day, for one of the fixed reasons.
    public func end(_ id: Int, reason: String, scope: Scope) async throws -> Quarantine {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        var v = Validator()
        let reason = QuarantineEndReason.pick(reason, field: "reason", names: Bilingual("解除原因", "Reason"), &v)
        try v.finish()
        let context = context, today = WorkingCalendar.dayKey(context.clock())
        return try await context.database.write { db in
            let q = try await Self.find(id, scope: scope, today: today, db: db)
            let changed = try await db.raw("""
                UPDATE quarantines SET status = 'ended', ended_at = \(bind: context.nowText) WHERE id = \(bind: id) AND status = 'active' RETURNING path
                """).first()
            guard q.status == .active, let changed else { throw StoreError.conflict(Bilingual("该隔离已解除", "This quarantine has ended already")) }
            try await AuditLog.record(db, scope, "end", "quarantine", id: id, path: try changed.decode(column: "path", as: String.self),
                                      detail: reason!.rawValue, now: context.clock())
            return try await Self.quarantines(db, where: "q.id = \(bind: id)", healthVisible: true, today: today).first!
        }
    }

    /// Running quarantines in scope (active and not past their last day), those with missed checks first.
    public func active(scope: Scope) async throws -> [Quarantine] {
        let visible = try Self.readable(scope)
        let today = WorkingCalendar.dayKey(context.clock())
        let list = try await context.database.read { db in
            try await Self.quarantines(db, where: """
                q.status = 'active' AND q.ends_on >= \(bind: today) AND q.path >= \(bind: scope.path) AND q.path < \(bind: scope.upperBound)
                """, healthVisible: visible, today: today)
        }
        return list.sorted { ($0.missedDays.count, $1.startsOn, $1.id) > ($1.missedDays.count, $0.startsOn, $0.id) }
    }

    /// A quarantine with its daily checks. Staff read the health data, and each such read is audited; an auditor reads
    /// the masked record and no health fields.
    public func detail(_ id: Int, scope: Scope) async throws -> QuarantineDetail {
        let visible = try Self.readable(scope)
        let context = context, today = WorkingCalendar.dayKey(context.clock())
        let read: @Sendable (any SQLDatabase) async throws -> QuarantineDetail = { db in
            let q = try await Self.find(id, scope: scope, today: today, visible: visible, db: db)
            let checks = try await db.raw("""
                SELECT day, temperature_tenths, symptoms, test_result, checked_by, checked_at FROM quarantine_checks WHERE quarantine_id = \(bind: id) ORDER BY day DESC
                """).all().map { try QuarantineCheck(row: $0, healthVisible: visible) }
            if visible {
                let path = try await db.raw("SELECT path FROM quarantines WHERE id = \(bind: id)").first()!.decode(column: "path", as: String.self)
                try await AuditLog.record(db, scope, "read", "quarantine", id: id, path: path, now: context.clock())
            }
            return QuarantineDetail(quarantine: q, checks: checks)
        }
        return visible ? try await context.database.write(read) : try await context.database.read(read)
    }

    /// The missed checks the scope's tier sees (the escalation list), oldest first: the community and grid every day
    /// missed so far; the street and above those more than a day old. Quarantines that ended stay in it for a week.
    public func missedChecks(scope: Scope) async throws -> [MissedCheck] {
        let visible = try Self.readable(scope)
        let today = WorkingCalendar.dayKey(context.clock())
        let since = QuarantineSchedule.day(today, plus: -Self.missedHorizonDays)
        let list = try await context.database.read { db in
            try await Self.quarantines(db, where: """
                q.status = 'active' AND q.ends_on >= \(bind: since) AND q.path >= \(bind: scope.path) AND q.path < \(bind: scope.upperBound)
                """, healthVisible: visible, today: today)
        }
        return list.flatMap { q in
            QuarantineSchedule.visibleMissedDays(q.missedDays, today: today, role: scope.role).map { day in
                MissedCheck(quarantineID: q.id, residentName: q.residentName, location: q.location, gridName: q.gridName, communityName: q.communityName,
                            day: day, daysAgo: QuarantineSchedule.dayNumber(of: today, startsOn: day) - 1)
            }
        }.sorted { ($0.day, $0.quarantineID) < ($1.day, $1.quarantineID) }
    }

    /// Whether the scope reads health data in full (true) or masked (false); other roles are refused.
    static func readable(_ scope: Scope) throws -> Bool {
        if scope.role.reportsFieldWork { return true }
        if scope.role == .auditor { return false }
        throw AccessDenied(Bilingual("居家隔离信息仅限工作人员查看", "Home quarantine records are for staff only"))
    }

    static func find(_ id: Int, scope: Scope, today: String, visible: Bool = true, db: any SQLDatabase) async throws -> Quarantine {
        guard let q = try await quarantines(db, where: "q.id = \(bind: id) AND q.path >= \(bind: scope.path) AND q.path < \(bind: scope.upperBound)",
                                            healthVisible: visible, today: today).first else {
            throw StoreError.notFound(Bilingual("您的辖区内没有编号为 \(id) 的隔离登记", "No quarantine \(id) in your scope"))
        }
        return q
    }

    /// Quarantines matching `condition`, with the days checked so far (one query for the checks of all of them).
    static func quarantines(_ db: any SQLDatabase, where condition: SQLQueryString, healthVisible: Bool, today: String) async throws -> [Quarantine] {
        let rows = try await db.raw("\(unsafeRaw: Quarantine.select) WHERE \(condition) ORDER BY q.starts_on DESC, q.id DESC LIMIT 2000").all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        var checked: [Int: Set<String>] = [:]
        for chunk in chunked(ids, size: 500) {
            for row in try await db.raw("SELECT quarantine_id, day FROM quarantine_checks WHERE quarantine_id IN (\(binds: Array(chunk)))").all() {
                checked[try row.decode(column: "quarantine_id", as: Int.self), default: []].insert(try row.decode(column: "day", as: String.self))
            }
        }
        return try rows.map { row in
            try Quarantine(row: row, healthVisible: healthVisible, today: today, checked: checked[try row.decode(column: "id", as: Int.self)] ?? [])
        }
    }
}
