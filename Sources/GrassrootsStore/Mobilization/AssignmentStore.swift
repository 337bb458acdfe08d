import Foundation
import GrassrootsCore
import SQLKit

/// One target of a directive, as a field worker sees it.
public struct Assignment: Sendable, Codable, Equatable {
    public let id: Int
    public let directiveID: Int
    public let householdID: Int?
    /// The building (for household and resident targets) or the compound or building targeted.
    public let unitID: Int
    public let unitName: String
    /// For a household or resident target: the compound its building stands in ("1栋" alone is in every compound).
    public let compoundName: String?
    /// The room, or the compound's or building's name.
    public let label: String
    /// For resident targets: the resident's name, masked (张*).
    public let residentName: String?
    public let responsibleStaffID: Int?
    public let responsibleName: String?
    public let outcome: Outcome
    public let answers: [String: String]
    public let note: String?
    public let submittedAt: Date?
    public let submittedBy: String?
    public let revision: Int
    /// The path of the unit holding the target.
    public let path: String

    static let select = """
        SELECT a.id, a.directive_id, a.path, a.household_id, a.unit_id, u.name AS unit_name, a.label, r.name AS resident_name,
               a.responsible_staff_id, s.name AS staff_name, a.outcome, a.data_json, a.note, a.submitted_at, a.submitted_by, a.revision,
               CASE WHEN u.kind = 'building' THEN c.name END AS compound_name
        FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN units c ON c.id = u.parent_id LEFT JOIN staff s ON s.id = a.responsible_staff_id
        LEFT JOIN residents r ON r.id = a.resident_id
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        directiveID = try row.decode(column: "directive_id", as: Int.self)
        householdID = try row.decode(column: "household_id", as: Int?.self)
        unitID = try row.decode(column: "unit_id", as: Int.self)
        unitName = try row.decode(column: "unit_name", as: String.self)
        compoundName = try row.decode(column: "compound_name", as: String?.self)
        label = try row.decode(column: "label", as: String.self)
        residentName = try row.decode(column: "resident_name", as: String?.self).map { Masking.mask($0, keepFirst: 1, keepLast: 0) }
        responsibleStaffID = try row.decode(column: "responsible_staff_id", as: Int?.self)
        responsibleName = try row.decode(column: "staff_name", as: String?.self)
        outcome = Outcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .pending
        answers = try row.decode(column: "data_json", as: String?.self).flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
        note = try row.decode(column: "note", as: String?.self)
        submittedAt = try row.date("submitted_at")
        submittedBy = try row.decode(column: "submitted_by", as: String?.self)
        revision = try row.decode(column: "revision", as: Int.self)
        path = try row.decode(column: "path", as: String.self)
    }
}

/// A report from the field on one assignment. The key is made by the client, so a retry is applied once.
public struct Submission: Sendable, Equatable {
    public let key: String
    public let assignmentID: Int
    public let outcome: String
    public let answers: [String: String]
    public let note: String?
    /// Photos uploaded for this report (`PhotoStore.upload`), taken by the assignment as the report is written.
    public let photos: [Int]

    /// Creates a submission.
    public init(key: String, assignmentID: Int, outcome: String, answers: [String: String] = [:], note: String? = nil, photos: [Int] = []) {
        self.key = key; self.assignmentID = assignmentID; self.outcome = outcome; self.answers = answers; self.note = note; self.photos = photos
    }
}

/// What a submission did. A replay (same key) reports the first result and changes nothing.
public struct SubmissionResult: Sendable, Codable, Equatable {
    public let assignmentID: Int
    public let directiveID: Int
    public let outcome: Outcome
    public let receivedAt: Date
    public let replayed: Bool
    /// The counters that changed, for live dashboards (empty for a replay).
    public let changed: [ProgressChange]

    /// Creates a result.
    public init(assignmentID: Int, directiveID: Int, outcome: Outcome, receivedAt: Date, replayed: Bool, changed: [ProgressChange]) {
        self.assignmentID = assignmentID; self.directiveID = directiveID; self.outcome = outcome
        self.receivedAt = receivedAt; self.replayed = replayed; self.changed = changed
    }
}

/// One unit's counters after a change, as pushed to live dashboards.
public struct ProgressChange: Sendable, Codable, Equatable {
    public let unitID: Int
    public let path: String
    public let counts: ProgressCounts
    public let lastReportAt: Date?

    /// Creates a change record.
    public init(unitID: Int, path: String, counts: ProgressCounts, lastReportAt: Date?) {
        self.unitID = unitID; self.path = path; self.counts = counts; self.lastReportAt = lastReportAt
    }
}

/// Field work: worklists, idempotent submissions that keep the roll-up counters in the same transaction, reassignment.
public struct AssignmentStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Said when a role that sees only a directive's aggregates asks for its households.
    public static let householdRowsDenied = Bilingual("无权查看到户明细：您的角色只能查看任务的汇总进度",
                                                      "Access denied: your role sees a directive's totals, not its households")

    /// The assignments of a directive under `unitID` (default: the caller's whole scope), by building and room,
    /// open ones only unless `all`.
    public func assignments(directiveID: Int, unitID: Int? = nil, all: Bool = false, scope: Scope, limit: Int = 2000) async throws -> [Assignment] {
        // Door-by-door rows (who has a fever) are for those who serve the households, whatever the path allows.
        guard scope.role.readsHouseholdRows else { throw AccessDenied(Self.householdRowsDenied) }
        return try await context.database.read { db in
            let directive = try await DirectiveStore.directive(directiveID, scope: scope, db: db)
            var low = directive.viewPath(for: scope)
            if let unitID { low = try await UnitStore.unit(unitID, scope: scope, db: db).path }
            let open = all ? SQLQueryString("") : "AND a.outcome IN ('pending', 'absent')"
            return try await db.raw("""
                \(unsafeRaw: Assignment.select) WHERE a.directive_id = \(bind: directiveID) AND a.path >= \(bind: low) AND a.path < \(bind: low + "~")
                \(open) ORDER BY u.parent_id, u.name, a.label, a.id LIMIT \(bind: limit)
                """).all().map(Assignment.init(row:))
        }
    }

    /// One assignment within the scope.
    public func assignment(_ id: Int, scope: Scope) async throws -> Assignment {
        // Door-by-door rows (who has a fever) are for those who serve the households, whatever the path allows.
        guard scope.role.readsHouseholdRows else { throw AccessDenied(Self.householdRowsDenied) }
        return try await context.database.read { db in
            guard let row = try await db.raw("""
                \(unsafeRaw: Assignment.select) WHERE a.id = \(bind: id) AND a.path >= \(bind: scope.path) AND a.path < \(bind: scope.upperBound)
                """).first() else {
                throw StoreError.notFound(Bilingual("找不到该到户任务（编号 \(id)）", "No assignment with id \(id) in your scope"))
            }
            return try Assignment(row: row)
        }
    }

    /// Applies one submission: checks scope, status and form, records it under its key and updates the counters
    /// of every unit above the target, all in one transaction. A replayed key returns the first result.
    public func submit(_ submission: Submission, scope: Scope) async throws -> SubmissionResult {
        try await submit([submission], scope: scope)[0]
    }

    /// Applies several submissions (a whole building) in one transaction: all are applied or none.
    /// Everything that only reads (replay lookup, scope, directive status, the form check) runs first on a reader,
    /// alongside other requests; the one writer then spends three statements a submission.
    public func submit(_ submissions: [Submission], scope: Scope) async throws -> [SubmissionResult] {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        guard !submissions.isEmpty, submissions.count <= 1000 else {
            throw ValidationError("submissions", Bilingual("一次提交1至1000条", "Send 1 to 1,000 submissions at a time"))
        }
        let now = context.nowText, engine = context.database.engine
        let plans = try await context.database.read { db in
            var plans: [Plan] = []
            var errors: [FieldError] = []
            for submission in submissions {
                do { plans.append(try await Self.prepare(submission, scope: scope, now: now, db: db)) } catch let error as ValidationError where submissions.count > 1 {
                    errors += error.errors.map { FieldError("\(submission.assignmentID).\($0.field)", $0.message) }
                }
            }
            if !errors.isEmpty { throw ValidationError(errors) }
            return plans
        }
        do {
            return try await context.database.write { db in
                try await plans.asyncMap { plan in try await Self.apply(plan, scope: scope, engine: engine, db: db) }
            }
        } catch StoreError.conflict(let message) {
            // Two deliveries of one key raced and the other committed first: answer as for any replay.
            let replays = try await context.database.read { db in
                try await submissions.asyncMap { try await Self.replay($0, db: db) }
            }
            guard replays.allSatisfy({ $0 != nil }) else { throw StoreError.conflict(message) }
            return replays.map { $0! }
        }
    }

    /// A checked submission, ready to write; or the first result of its key.
    enum Plan: Sendable {
        case replay(SubmissionResult)
        case write(Write)
    }

    struct Write: Sendable {
        let submission: Submission, key: String, directiveID: Int, path: String, revision: Int
        let previous: Outcome, outcome: Outcome, data: String, note: String?, now: String
    }

    static func prepare(_ submission: Submission, scope: Scope, now: String, db: any SQLDatabase) async throws -> Plan {
        let key = submission.key.trimmed
        guard (8...100).contains(key.count) else {
            throw ValidationError("key", Bilingual("提交编号（幂等键）应为8至100个字符", "The idempotency key must be 8 to 100 characters"))
        }
        // One statement for the key's earlier use and the assignment (in scope) with its directive: a report is the
        // API's busiest request, and each statement costs a parse and a thread hop. One row always comes back.
        guard let row = try await db.raw("""
            SELECT s.assignment_id AS replay_assignment_id, s.directive_id AS replay_directive_id, s.outcome AS replay_outcome,
                   s.received_at AS replay_received_at, a.id, a.directive_id, a.path, a.outcome, a.revision, d.status, d.form_json
            FROM (SELECT 1 AS one) k
            LEFT JOIN submissions s ON s.idempotency_key = \(bind: key)
            LEFT JOIN assignments a ON a.id = \(bind: submission.assignmentID) AND a.path >= \(bind: scope.path) AND a.path < \(bind: scope.upperBound)
            LEFT JOIN directives d ON d.id = a.directive_id
            """).first() else { throw StoreError.unavailable("the database returned no row for a one-row query") }
        if let first = try row.decode(column: "replay_assignment_id", as: Int?.self) {
            return .replay(try replayed(submission, assignmentID: first, directiveID: try row.decode(column: "replay_directive_id", as: Int.self),
                                        outcome: try row.decode(column: "replay_outcome", as: String.self),
                                        receivedAt: try row.decode(column: "replay_received_at", as: String.self)))
        }
        let outcome = try Outcome.parseReported(submission.outcome)
        let note = submission.note?.trimmed.isEmpty == false ? submission.note!.trimmed : nil
        guard (note?.count ?? 0) <= 500 else { throw ValidationError("note", Bilingual("备注不超过500个字", "The note is at most 500 characters")) }
        guard try row.decode(column: "id", as: Int?.self) != nil else {
            throw StoreError.notFound(Bilingual("找不到该到户任务（编号 \(submission.assignmentID)）", "No assignment with id \(submission.assignmentID) in your scope"))
        }
        guard try row.decode(column: "status", as: String.self) == DirectiveStatus.issued.rawValue else {
            throw StoreError.conflict(Bilingual("该任务已撤销，不再接收反馈", "This directive was cancelled and takes no more reports"))
        }
        let form = try JSONDecoder().decode(FormSchema.self, from: Data(try row.decode(column: "form_json", as: String.self).utf8))
        let answers = try form.validate(submission.answers, outcome: outcome)
        return .write(Write(submission: submission, key: key, directiveID: try row.decode(column: "directive_id", as: Int.self),
                            path: try row.decode(column: "path", as: String.self), revision: try row.decode(column: "revision", as: Int.self),
                            previous: Outcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .pending, outcome: outcome,
                            data: String(decoding: try JSONEncoder().encode(answers), as: UTF8.self), note: note, now: now))
    }

    /// Writes a plan: the assignment compare-and-set on the revision read (and only while the directive is issued),
    /// the submission under its key, and the counters of every unit above the target.
    static func apply(_ plan: Plan, scope: Scope, engine: Engine, attempt: Int = 0, db: any SQLDatabase) async throws -> SubmissionResult {
        let w: Write
        switch plan {
        case .replay(let result): return result
        case .write(let write): w = write
        }
        guard try await db.raw("""
            UPDATE assignments SET outcome = \(bind: w.outcome.rawValue), data_json = \(bind: w.data), note = \(bind: w.note),
              submitted_at = \(bind: w.now), submitted_by = \(bind: scope.username), revision = revision + 1
            WHERE id = \(bind: w.submission.assignmentID) AND revision = \(bind: w.revision)
              AND EXISTS (SELECT 1 FROM directives d WHERE d.id = assignments.directive_id AND d.status = 'issued') RETURNING id
            """).first() != nil else {
            // Someone reported on this target (or the directive changed) since the read: check again where nothing
            // can race on SQLite; on PostgreSQL the re-read sees the other's commit.
            guard attempt < 3 else {
                throw StoreError.conflict(Bilingual("该任务刚被他人更新，请刷新后重试", "Someone else just updated this assignment; reload and try again"))
            }
            return try await apply(try await prepare(w.submission, scope: scope, now: w.now, db: db), scope: scope, engine: engine, attempt: attempt + 1, db: db)
        }
        try await db.insert(into: "submissions")
            .columns("idempotency_key", "assignment_id", "directive_id", "account_id", "username", "previous_outcome", "outcome", "data_json", "received_at")
            .values(SQLBind(w.key), SQLBind(w.submission.assignmentID), SQLBind(w.directiveID), SQLBind(scope.accountID == 0 ? nil : scope.accountID),
                    SQLBind(scope.username), SQLBind(w.previous.rawValue), SQLBind(w.outcome.rawValue), SQLBind(w.data), SQLBind(w.now)).run()
        try await PhotoStore.attach(w.submission.photos, kind: "assignment", recordID: w.submission.assignmentID, path: w.path, scope: scope, db: db)
        let ids = w.path.split(separator: "/").compactMap { Int($0) }
        if engine == .postgres {
            // Concurrent reports lock the counters of their paths; taking the locks in one order keeps them from deadlocking.
            try await db.raw("""
                SELECT unit_id FROM directive_progress WHERE directive_id = \(bind: w.directiveID) AND unit_id IN (\(binds: ids)) ORDER BY unit_id FOR UPDATE
                """).run()
        }
        let (old, new) = (w.previous.column, w.outcome.column)
        let delta: SQLQueryString = w.previous == w.outcome ? "" : "\(unsafeRaw: old) = \(unsafeRaw: old) - 1, \(unsafeRaw: new) = \(unsafeRaw: new) + 1,"
        let changed = try await db.raw("""
            UPDATE directive_progress SET \(delta) last_report_at = \(bind: w.now)
            WHERE directive_id = \(bind: w.directiveID) AND unit_id IN (\(binds: ids))
            RETURNING unit_id, path, total, pending, done, absent, refused, not_applicable, last_report_at
            """).all().map(Self.change)
        return SubmissionResult(assignmentID: w.submission.assignmentID, directiveID: w.directiveID, outcome: w.outcome,
                                receivedAt: Timestamp.parse(w.now) ?? .distantPast, replayed: false, changed: changed)
    }

    static func replay(_ submission: Submission, db: any SQLDatabase) async throws -> SubmissionResult? {
        guard let first = try await db.select().columns("assignment_id", "directive_id", "outcome", "received_at").from("submissions")
            .where("idempotency_key", .equal, SQLBind(submission.key.trimmed)).first() else { return nil }
        return try replayed(submission, assignmentID: try first.decode(column: "assignment_id", as: Int.self),
                            directiveID: try first.decode(column: "directive_id", as: Int.self),
                            outcome: try first.decode(column: "outcome", as: String.self), receivedAt: try first.decode(column: "received_at", as: String.self))
    }

    /// The first result of a key already used: for the same assignment it is answered again; for another it is a conflict.
    static func replayed(_ submission: Submission, assignmentID: Int, directiveID: Int, outcome: String, receivedAt: String) throws -> SubmissionResult {
        guard assignmentID == submission.assignmentID else {
            throw StoreError.conflict(Bilingual("该提交编号已用于另一项任务", "This idempotency key was already used for another assignment"))
        }
        return SubmissionResult(assignmentID: submission.assignmentID, directiveID: directiveID, outcome: Outcome(rawValue: outcome) ?? .pending,
                                receivedAt: Timestamp.parse(receivedAt) ?? .distantPast, replayed: true, changed: [])
    }

    static func change(_ row: any SQLRow) throws -> ProgressChange {
        ProgressChange(unitID: try row.decode(column: "unit_id", as: Int.self), path: try row.decode(column: "path", as: String.self),
                       counts: try ProgressCounts(row: row),
                       lastReportAt: try row.date("last_report_at"))
    }

    /// Hands the open assignments of a directive under `unitID` to another staff member of the scope, who is texted how
    /// many they now hold; returns how many moved (none already theirs, so asking twice tells nobody twice).
    public func reassign(directiveID: Int, unitID: Int, staffID: Int, scope: Scope) async throws -> Int {
        guard scope.role.reportsFieldWork else { throw AccessDenied() }
        return try await context.database.write { db in
            let directive = try await DirectiveStore.directive(directiveID, scope: scope, db: db)
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            guard directive.status == .issued else { throw StoreError.conflict(Bilingual("只有已下发的任务可以改派", "Only an issued directive can be reassigned")) }
            guard try await db.select().column("id").from("staff").where("id", .equal, SQLBind(staffID)).within(scope).first() != nil else {
                throw ValidationError("staff_id", Bilingual("该人员不在您的辖区内", "That staff member is not within your scope"))
            }
            let moved = try await db.raw("""
                UPDATE assignments SET responsible_staff_id = \(bind: staffID)
                WHERE directive_id = \(bind: directiveID) AND path >= \(bind: unit.path) AND path < \(bind: unit.path + "~")
                  AND outcome IN ('pending', 'absent') AND (responsible_staff_id IS NULL OR responsible_staff_id <> \(bind: staffID)) RETURNING id
                """).all().count
            try await DirectiveStore.tellReassigned(directive, staffID: staffID, count: moved, db: db, context: context)
            try await AuditLog.record(db, scope, "reassign", "directive", id: directiveID, path: unit.path, detail: "\(moved) to staff \(staffID)", now: context.clock())
            return moved
        }
    }
}

extension Array {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
