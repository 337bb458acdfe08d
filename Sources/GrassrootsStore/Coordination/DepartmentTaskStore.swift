import Foundation
import GrassrootsCore
import SQLKit

/// Tasks departments push down to communities. Each passes the access-list gate when submitted: a listed item of the
/// department lets it in; anything else is refused with its reason, or, when the department asks, waits for the
/// community's street. The burden report counts what got through and what was kept off.
public struct DepartmentTaskStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// A department officer sends a task to a community; the gate decides at once (or queues it for the street).
    public func submit(title: String, communityUnitID: Int, accessItemID: Int?, forms: Int, inspections: Int, askStreet: Bool,
                       scope: Scope) async throws -> DepartmentTask {
        guard scope.role == .departmentOfficer, let departmentID = scope.departmentID else {
            throw AccessDenied(Bilingual("只有部门人员可以向社区派发任务", "Only department officers send tasks to communities"))
        }
        let title = title.trimmed
        var v = Validator()
        v.check((1...100).contains(title.count), "title", Bilingual("任务名称为1–100个字", "The title needs 1–100 characters"))
        v.check((0...1000).contains(forms), "forms", Bilingual("报表数应为0–1000", "Forms must be 0–1000"))
        v.check((0...1000).contains(inspections), "inspections", Bilingual("检查数应为0–1000", "Inspections must be 0–1000"))
        try v.finish()
        return try await context.database.write { db in
            guard let community = try await db.select().columns(TerritoryUnit.columns).from("units").where("id", .equal, SQLBind(communityUnitID))
                .first().map(TerritoryUnit.init(row:)), community.kind == .community else {
                throw ValidationError("community_unit_id", Bilingual("请选择一个社区/村", "Choose a community or village"))
            }
            var cited: (status: AccessItemStatus, departmentID: Int)?
            if let accessItemID {
                let item = try await AccessStore.item(accessItemID, db: db)
                cited = (item.status, item.departmentID)
            }
            let gate = TaskStatus.gate(citedItem: cited, departmentID: departmentID, askStreet: askStreet)
            let id = try await db.insert(into: "department_tasks")
                .columns("department_id", "access_item_id", "community_unit_id", "path", "title", "forms", "inspections", "status", "reason",
                         "submitted_by", "submitted_at")
                .values(SQLBind(departmentID), SQLBind(accessItemID), SQLBind(community.id), SQLBind(community.path), SQLBind(title), SQLBind(forms),
                        SQLBind(inspections), SQLBind(gate.status.rawValue), SQLBind(gate.reason?.zh ?? ""), SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "submit", "department_task", id: id, path: community.path, detail: gate.status.rawValue, now: context.clock())
            return try await Self.task(id, db: db)
        }
    }

    /// The street decides on an unlisted task waiting for it.
    public func decide(taskID: Int, approve: Bool, note: String, scope: Scope) async throws -> DepartmentTask {
        guard scope.role.decidesForStreet else { throw AccessDenied() }
        guard approve || !note.trimmed.isEmpty else { throw ValidationError("note", Bilingual("不予批准时请说明理由", "Give a reason when rejecting")) }
        return try await context.database.write { db in
            let task = try await Self.task(taskID, db: db)
            guard scope.contains(task.path) else { throw AccessDenied() }
            guard task.status == .pendingStreet else {
                throw StoreError.conflict(Bilingual("该任务不在待审批状态（\(task.status.label.zh)）", "This task is not waiting for the street"))
            }
            let reason = note.trimmed.isEmpty ? task.reason : "\(task.reason)；街道：\(note.trimmed)"
            try await db.update("department_tasks").set("status", to: SQLBind((approve ? TaskStatus.approved : .rejected).rawValue))
                .set("reason", to: SQLBind(String(reason.prefix(1000)))).set("decided_by", to: SQLBind(scope.username))
                .set("decided_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(taskID)).run()
            try await AuditLog.record(db, scope, approve ? "approve" : "reject", "department_task", id: taskID, path: task.path, now: context.clock())
            return try await Self.task(taskID, db: db)
        }
    }

    /// Tasks the scope sees, newest first: an officer its department's, territorial staff those sent into their territory.
    public func tasks(scope: Scope, limit: Int = 300) async throws -> [DepartmentTask] {
        try await context.database.read { db in
            try await db.raw("\(unsafeRaw: DepartmentTask.select) WHERE \(Self.visible(scope)) ORDER BY t.id DESC LIMIT \(bind: limit)").all()
                .map(DepartmentTask.init(row:))
        }
    }

    /// The burden report of a period: per department, tasks taken, kept off and pending, forms and inspections pushed down.
    public func burden(period raw: String, scope: Scope) async throws -> [BurdenLine] {
        let period = try Period(raw)
        return try await context.database.read { db in
            let rows = try await db.raw("""
                SELECT t.department_id, d.name AS department_name, t.status, COUNT(*) AS n, SUM(t.forms) AS forms, SUM(t.inspections) AS inspections
                FROM department_tasks t JOIN departments d ON d.id = t.department_id
                WHERE \(Self.visible(scope)) AND t.submitted_at >= \(bind: Timestamp.format(period.start)) AND t.submitted_at < \(bind: Timestamp.format(period.end))
                GROUP BY t.department_id, d.name, t.status ORDER BY t.department_id
                """).all()
            var lines: [Int: BurdenLine] = [:]
            for row in rows {
                let id = try row.decode(column: "department_id", as: Int.self)
                let name = try row.decode(column: "department_name", as: String.self)
                var line = lines[id] ?? BurdenLine(departmentID: id, departmentName: name)
                let n = try row.decode(column: "n", as: Int.self)
                let status = TaskStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .refused
                if status.isTaken {
                    line.taken += n
                    line.forms += try row.decode(column: "forms", as: Int.self)
                    line.inspections += try row.decode(column: "inspections", as: Int.self)
                } else if status.isKeptOff { line.keptOff += n } else { line.pending += n }
                lines[id] = line
            }
            return lines.values.sorted { $0.departmentID < $1.departmentID }
        }
    }

    static func visible(_ scope: Scope) -> SQLQueryString {
        if scope.role == .departmentOfficer, let department = scope.departmentID { return "t.department_id = \(bind: department)" }
        guard scope.role.raisesSummons || scope.role == .auditor else { return "1 = 0" }
        return "t.path >= \(bind: scope.path) AND t.path < \(bind: scope.upperBound)"
    }

    static func task(_ id: Int, db: any SQLDatabase) async throws -> DepartmentTask {
        guard let row = try await db.raw("\(unsafeRaw: DepartmentTask.select) WHERE t.id = \(bind: id)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的部门任务", "No department task \(id)"))
        }
        return try DepartmentTask(row: row)
    }
}
