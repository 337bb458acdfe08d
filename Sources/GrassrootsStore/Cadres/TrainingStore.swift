import Foundation
import GrassrootsCore
import SQLKit

/// The course catalogue, sessions with attendance, reading groups, and each cadre's training record.
public struct TrainingStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Adds a course; the catalogue is the city's.
    public func createCourse(_ input: CourseInput, scope: Scope) async throws -> Course {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("课程目录由市级维护", "The course catalogue is kept by the city")) }
        let course = try input.validated()
        return try await context.database.write { db in
            let id = try await db.insert(into: "courses").columns("title", "category", "required", "required_hours", "created_at")
                .values(SQLBind(course.title), SQLBind(course.category), SQLBind(course.required ? 1 : 0), SQLBind(course.requiredHours), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "course", id: id, path: scope.path, now: context.clock())
            return try await Self.courses(db).first { $0.id == id }!
        }
    }

    /// The catalogue, required courses first.
    public func courses() async throws -> [Course] { try await context.database.read { db in try await Self.courses(db) } }

    /// Records a session held by a unit of the scope.
    public func createSession(courseID: Int, unitID: Int, heldOn: String, hours: Double, place: String, scope: Scope) async throws -> TrainingSession {
        guard scope.role.managesCadres else { throw AccessDenied() }
        var v = Validator()
        let day = v.capture { try WorkingCalendar.parseDay(heldOn, field: "held_on") }
        v.check(Hours.valid(hours, max: 40), "hours", Bilingual("学时应在 0.5 到 40 之间（以半小时计）", "Hours must be 0.5–40, in half hours"))
        v.check((1...100).contains(place.trimmed.count), "place", Bilingual("请填写培训地点（最多100字）", "Give the place (at most 100 characters)"))
        try v.finish()
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            guard try await Self.courses(db).contains(where: { $0.id == courseID }) else {
                throw ValidationError("course_id", Bilingual("请选择课程", "Choose a course"))
            }
            let id = try await db.insert(into: "training_sessions").columns("course_id", "unit_id", "path", "held_on", "hours", "place", "created_by", "created_at")
                .values(SQLBind(courseID), SQLBind(unit.id), SQLBind(unit.path), SQLBind(day!), SQLBind(hours), SQLBind(place.trimmed),
                        SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "training_session", id: id, path: unit.path, now: context.clock())
            return try await Self.session(id, scope: scope, db: db)
        }
    }

    /// Sessions held in the scope, newest first.
    public func sessions(scope: Scope) async throws -> [TrainingSession] {
        guard scope.role.readsCadres else { throw AccessDenied() }
        return try await context.database.read { db in
            try await db.raw("\(unsafeRaw: TrainingSession.select) WHERE t.path >= \(bind: scope.path) AND t.path < \(bind: scope.upperBound) ORDER BY t.held_on DESC, t.id DESC LIMIT 500")
                .all().map(TrainingSession.init(row:))
        }
    }

    /// One session and who attended it.
    public func session(_ id: Int, scope: Scope) async throws -> (session: TrainingSession, attendance: [Attendance]) {
        guard scope.role.readsCadres else { throw AccessDenied() }
        return try await context.database.read { db in
            (try await Self.session(id, scope: scope, db: db), try await Self.attendance(db, where: "a.session_id = \(bind: id)"))
        }
    }

    /// Sets who attended a session and for how long (the whole list at once: a cadre left out is removed). Every
    /// cadre must be one the scope manages and every figure valid, or nothing changes.
    public func recordAttendance(sessionID: Int, _ hoursByCadre: [Int: Double], scope: Scope) async throws -> [Attendance] {
        guard scope.role.managesCadres else { throw AccessDenied() }
        return try await context.database.write { db in
            let session = try await Self.session(sessionID, scope: scope, db: db)
            var v = Validator()
            for (cadreID, hours) in hoursByCadre.sorted(by: { $0.key < $1.key }) {
                v.check(hours > 0 && hours <= session.hours && Hours.valid(hours, max: 40), "hours_\(cadreID)",
                        Bilingual("学时应在 0.5 到 \(Hours.text(session.hours)) 之间（以半小时计）", "Hours must be 0.5–\(Hours.text(session.hours)), in half hours"))
            }
            try v.finish()
            // The organizer records any cadre it sees, seconded-in ones too: attendance is not a change to the profile.
            for cadreID in hoursByCadre.keys { _ = try await CadreStore.cadre(cadreID, scope: scope, db: db) }
            try await db.delete(from: "training_attendance").where("session_id", .equal, SQLBind(sessionID)).run()
            for chunk in chunked(hoursByCadre.sorted(by: { $0.key < $1.key }), size: 200) {
                let insert = db.insert(into: "training_attendance").columns("session_id", "cadre_id", "hours", "recorded_by", "recorded_at")
                for (cadreID, hours) in chunk {
                    insert.values(SQLBind(sessionID), SQLBind(cadreID), SQLBind(hours), SQLBind(scope.username), SQLBind(context.nowText))
                }
                try await insert.run()
            }
            try await AuditLog.record(db, scope, "record_attendance", "training_session", id: sessionID, path: session.path,
                                      detail: "\(hoursByCadre.count) attendees", now: context.clock())
            return try await Self.attendance(db, where: "a.session_id = \(bind: sessionID)")
        }
    }

    /// A cadre's sessions attended and their standing on every course.
    public func record(cadreID: Int, scope: Scope) async throws -> (attendance: [Attendance], standings: [CourseStanding]) {
        _ = try await CadreStore(context).cadre(cadreID, scope: scope)
        return try await context.database.read { db in
            let attendance = try await Self.attendance(db, where: "a.cadre_id = \(bind: cadreID)")
            let standings = try await Self.courses(db).map { course in
                CourseStanding(course: course, hours: attendance.filter { $0.courseTitle == course.title }.map(\.hours).reduce(0, +))
            }
            return (attendance, standings)
        }
    }

    /// Adds a reading group of a sector, held by a unit of the scope, with its members.
    public func createGroup(name: String, sector: String, unitID: Int, memberIDs: [Int], scope: Scope) async throws -> ReadingGroup {
        guard scope.role.managesCadres else { throw AccessDenied() }
        var v = Validator()
        v.check((1...60).contains(name.trimmed.count), "name", Bilingual("名称为1–60个字", "The name needs 1–60 characters"))
        let sector = CadreTier.pick(sector, field: "sector", names: Bilingual("领域", "Sector"), &v)
        v.check(!memberIDs.isEmpty, "members", Bilingual("请至少选择一名成员", "Choose at least one member"))
        try v.finish()
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            for id in Set(memberIDs) { _ = try await CadreStore.cadre(id, scope: scope, db: db) }
            let id = try await db.insert(into: "reading_groups").columns("name", "sector", "unit_id", "path", "created_at")
                .values(SQLBind(name.trimmed), SQLBind(sector!.rawValue), SQLBind(unit.id), SQLBind(unit.path), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            let members = db.insert(into: "reading_group_members").columns("group_id", "cadre_id")
            for member in Set(memberIDs).sorted() { members.values(SQLBind(id), SQLBind(member)) }
            try await members.run()
            try await AuditLog.record(db, scope, "create", "reading_group", id: id, path: unit.path, now: context.clock())
            return try await Self.groups(db, scope: scope).first { $0.id == id }!
        }
    }

    /// Reading groups held in the scope, by sector.
    public func groups(scope: Scope) async throws -> [ReadingGroup] {
        guard scope.role.readsCadres else { throw AccessDenied() }
        return try await context.database.read { db in try await Self.groups(db, scope: scope) }
    }

    static func groups(_ db: any SQLDatabase, scope: Scope) async throws -> [ReadingGroup] {
        let rows = try await db.raw("""
            SELECT g.id, g.name, g.sector, u.name AS unit_name, c.name AS member
            FROM reading_groups g JOIN units u ON u.id = g.unit_id
            LEFT JOIN reading_group_members m ON m.group_id = g.id LEFT JOIN cadres c ON c.id = m.cadre_id
            WHERE g.path >= \(bind: scope.path) AND g.path < \(bind: scope.upperBound) ORDER BY g.sector, g.name, c.name
            """).all()
        var groups: [ReadingGroup] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self), member = try row.decode(column: "member", as: String?.self)
            if let last = groups.last, last.id == id {
                groups[groups.count - 1] = ReadingGroup(id: id, name: last.name, sector: last.sector, unitName: last.unitName, members: last.members + (member.map { [$0] } ?? []))
            } else {
                groups.append(ReadingGroup(id: id, name: try row.decode(column: "name", as: String.self),
                                           sector: CadreTier(rawValue: try row.decode(column: "sector", as: String.self)) ?? .community,
                                           unitName: try row.decode(column: "unit_name", as: String.self), members: member.map { [$0] } ?? []))
            }
        }
        return groups
    }

    static func courses(_ db: any SQLDatabase) async throws -> [Course] {
        try await db.raw("SELECT id, title, category, required, required_hours FROM courses ORDER BY required DESC, title").all().map(Course.init(row:))
    }

    static func session(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> TrainingSession {
        guard let row = try await db.raw("\(unsafeRaw: TrainingSession.select) WHERE t.id = \(bind: id) AND t.path >= \(bind: scope.path) AND t.path < \(bind: scope.upperBound)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的培训", "No training session \(id) in your scope"))
        }
        return try TrainingSession(row: row)
    }

    static func attendance(_ db: any SQLDatabase, where condition: SQLQueryString) async throws -> [Attendance] {
        try await db.raw("""
            SELECT a.session_id, a.cadre_id, c.name AS cadre_name, k.title AS course_title, t.held_on, a.hours
            FROM training_attendance a JOIN cadres c ON c.id = a.cadre_id JOIN training_sessions t ON t.id = a.session_id JOIN courses k ON k.id = t.course_id
            WHERE \(condition) ORDER BY t.held_on DESC, c.name
            """).all().map { row in
                Attendance(sessionID: try row.decode(column: "session_id", as: Int.self), cadreID: try row.decode(column: "cadre_id", as: Int.self),
                           cadreName: try row.decode(column: "cadre_name", as: String.self), courseTitle: try row.decode(column: "course_title", as: String.self),
                           heldOn: try row.decode(column: "held_on", as: String.self), hours: try row.decode(column: "hours", as: Double.self))
            }
    }
}
