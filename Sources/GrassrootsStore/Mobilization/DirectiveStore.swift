import Foundation
import GrassrootsCore
import SQLKit

/// Drafts, issues, extends and cancels directives; issuing cascades them to every target of the issuing unit's subtree.
public struct DirectiveStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Saves a draft directive of the unit `unitID` (which must lie within the scope).
    public func create(unitID: Int, _ input: DirectiveInput, scope: Scope) async throws -> Directive {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        let definition = try input.validated(now: context.clock())
        return try await context.database.write { db in
            let id = try await Self.insert(unitID: unitID, definition, drill: false, scope: scope, context: context, db: db)
            return try await Self.directive(id, scope: scope, db: db)
        }
    }

    /// Rewrites a draft: everything but its issuing unit may change until it is issued. Nobody has been asked
    /// anything yet, so its form's fields may be renamed, reordered or dropped.
    public func update(_ id: Int, _ input: DirectiveInput, scope: Scope) async throws -> Directive {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        let definition = try input.validated(now: context.clock())
        return try await context.database.write { db in
            let directive = try await Self.editableDraft(id, scope: scope, db: db)
            try await Self.checkCategory(definition.category, db: db)
            let form = String(decoding: try JSONEncoder().encode(definition.form), as: UTF8.self)
            try await db.update("directives").set("title", to: SQLBind(definition.title)).set("kind", to: SQLBind(definition.kind.rawValue))
                .set("target", to: SQLBind(definition.target.rawValue)).set("category_code", to: SQLBind(definition.category))
                .set("responsible", to: SQLBind(definition.responsible.rawValue)).set("priority", to: SQLBind(definition.priority.rawValue))
                .set("deadline", to: SQLBind(Timestamp.format(definition.deadline))).set("instructions", to: SQLBind(definition.instructions))
                .set("form_json", to: SQLBind(form)).set("stall_hours", to: SQLBind(definition.stall))
                .where("id", .equal, SQLBind(id)).where("status", .equal, SQLBind(DirectiveStatus.draft.rawValue)).run()
            try await AuditLog.record(db, scope, "update", "directive", id: id, path: directive.path, detail: definition.kind.rawValue, now: context.clock())
            return try await Self.directive(id, scope: scope, db: db)
        }
    }

    /// A draft the scope may still change (its edit page opens only for such a one): issued within the scope, not yet issued.
    public func editableDraft(_ id: Int, scope: Scope) async throws -> Directive {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        return try await context.database.read { db in try await Self.editableDraft(id, scope: scope, db: db) }
    }

    static func editableDraft(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Directive {
        let directive = try await Self.owned(id, scope: scope, db: db)
        guard directive.status == .draft else {
            throw StoreError.conflict(Bilingual("只有草稿可以修改（当前：\(directive.status.label.zh)）", "Only a draft can be changed (this one is \(directive.status.rawValue))"))
        }
        return directive
    }

    static func checkCategory(_ category: String?, db: any SQLDatabase) async throws {
        if let category, try await db.select().column("code").from("resident_categories").where("code", .equal, SQLBind(category)).first() == nil {
            throw ValidationError("category", Bilingual("没有“\(category)”这一人员类别", "There is no resident category “\(category)”"))
        }
    }

    /// Saves a draft inside the caller's transaction (a plan's activation drafts and issues many in one); a drill's
    /// directive is marked so that real statistics leave it out.
    static func insert(unitID: Int, _ definition: DirectiveDefinition, drill: Bool, scope: Scope, context: StoreContext,
                       db: any SQLDatabase) async throws -> Int {
        let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
        guard unit.kind <= .compound else {
            throw ValidationError("unit_id", Bilingual("任务应由小区及以上的单元下发", "Directives are issued by a compound or a unit above it"))
        }
        try await checkCategory(definition.category, db: db)
        let form = String(decoding: try JSONEncoder().encode(definition.form), as: UTF8.self)
        let id = try await db.insert(into: "directives")
            .columns("unit_id", "path", "title", "kind", "target", "category_code", "responsible", "priority", "deadline", "instructions",
                     "form_json", "stall_hours", "status", "created_by", "created_at", "drill")
            .values(SQLBind(unit.id), SQLBind(unit.path), SQLBind(definition.title), SQLBind(definition.kind.rawValue),
                    SQLBind(definition.target.rawValue), SQLBind(definition.category), SQLBind(definition.responsible.rawValue),
                    SQLBind(definition.priority.rawValue), SQLBind(Timestamp.format(definition.deadline)), SQLBind(definition.instructions),
                    SQLBind(form), SQLBind(definition.stall), SQLBind(DirectiveStatus.draft.rawValue), SQLBind(scope.username),
                    SQLBind(context.nowText), SQLBind(drill ? 1 : 0))
            .returning("id").first()!.decode(column: "id", as: Int.self)
        try await AuditLog.record(db, scope, "create", "directive", id: id, path: unit.path, detail: definition.kind.rawValue, now: context.clock())
        return id
    }

    /// Issues a draft: one assignment per target, each with its responsible person, and the roll-up counters,
    /// all in one transaction. A directive with no target in its scope is refused and stays a draft.
    public func issue(_ id: Int, scope: Scope) async throws -> Directive {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        let database = context.database
        return try await database.write { db in
            let directive = try await Self.owned(id, scope: scope, db: db)
            guard directive.status == .draft else {
                throw StoreError.conflict(Bilingual("只有草稿可以下发（当前：\(directive.status.label.zh)）", "Only a draft can be issued (this one is \(directive.status.rawValue))"))
            }
            try await Self.issue(directive, scope: scope, context: context, database: database, db: db)
            return try await Self.directive(id, scope: scope, db: db)
        }
    }

    /// Issues a draft inside the caller's transaction: assignments, roll-up counters, status, audit.
    static func issue(_ directive: Directive, scope: Scope, context: StoreContext, database: any Database, db: any SQLDatabase) async throws {
        guard directive.deadline > context.clock() else {
            throw ValidationError("deadline", Bilingual("截止时间已过，请先修改截止时间", "The deadline has passed; set a later one first"))
        }
        let count = try await Cascade.insertAssignments(directive, db: db)
        guard count > 0 else {
            throw ValidationError("target", Bilingual("下发范围内没有符合条件的对象，未下发", "No target in this directive's scope matches; nothing was issued"))
        }
        try await Cascade.insertProgress(directive, try await Cascade.computeProgress(directive, db: db), database: database, db: db)
        try await tellResponsible(directive, db: db, context: context)
        try await db.update("directives").set("status", to: SQLBind(DirectiveStatus.issued.rawValue)).set("target_count", to: SQLBind(count))
            .set("issued_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(directive.id)).run()
        try await AuditLog.record(db, scope, "issue", "directive", id: directive.id, path: directive.path, detail: "\(count) targets", now: context.clock())
    }

    /// Moves an issued directive's deadline later.
    public func extend(_ id: Int, to raw: String, scope: Scope) async throws -> Directive {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        let deadline = try LocalTime.parse(raw, field: "deadline")
        return try await context.database.write { db in
            let directive = try await Self.owned(id, scope: scope, db: db)
            guard directive.status != .cancelled else {
                throw StoreError.conflict(Bilingual("已撤销的任务不能延期", "A cancelled directive cannot be extended"))
            }
            guard deadline > directive.deadline, deadline > context.clock() else {
                throw ValidationError("deadline", Bilingual("新的截止时间应晚于原截止时间和现在", "The new deadline must be later than the old one and than now"))
            }
            try await db.update("directives").set("deadline", to: SQLBind(Timestamp.format(deadline))).where("id", .equal, SQLBind(id)).run()
            try await AuditLog.record(db, scope, "extend", "directive", id: id, path: directive.path, detail: Timestamp.format(deadline), now: context.clock())
            return try await Self.directive(id, scope: scope, db: db)
        }
    }

    /// Cancels a draft or an issued directive; its assignments leave every worklist, its records stay.
    public func cancel(_ id: Int, scope: Scope) async throws -> Directive {
        guard scope.role.issuesDirectives else { throw AccessDenied() }
        return try await context.database.write { db in
            let directive = try await Self.owned(id, scope: scope, db: db)
            guard directive.status != .cancelled else { throw StoreError.conflict(Bilingual("该任务已撤销", "This directive is already cancelled")) }
            try await db.update("directives").set("status", to: SQLBind(DirectiveStatus.cancelled.rawValue))
                .set("cancelled_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id)).run()
            try await AuditLog.record(db, scope, "cancel", "directive", id: id, path: directive.path, now: context.clock())
            return try await Self.directive(id, scope: scope, db: db)
        }
    }

    /// The directive, if it was issued within the scope or reaches into it.
    public func directive(_ id: Int, scope: Scope) async throws -> Directive {
        try await context.database.read { db in try await Self.directive(id, scope: scope, db: db) }
    }

    /// How many targets the directive reaches: counted now for a draft (what issuing it would reach today),
    /// as recorded at issue otherwise.
    public func reach(of directive: Directive) async throws -> Int {
        guard directive.status == .draft else { return directive.targetCount }
        return try await context.database.read { db in try await Cascade.countTargets(directive, db: db) }
    }

    /// Directives issued within the scope and those reaching into it from above, newest first.
    public func directives(scope: Scope, limit: Int = 200) async throws -> [Directive] {
        let ids = scope.path.split(separator: "/")
        let ancestors = ids.indices.map { "/" + ids[...$0].joined(separator: "/") + "/" }
        return try await context.database.read { db in
            let query = db.select().columns(Directive.columns).from("directives")
                .where(group: { group in
                    group.where("path", .greaterThanOrEqual, SQLBind(scope.path)).where("path", .lessThan, SQLBind(scope.upperBound))
                    if !ancestors.isEmpty { group.orWhere("path", .in, SQLBind.group(ancestors)) }
                    return group
                })
            if !scope.role.issuesDirectives { query.where("status", .notEqual, SQLBind(DirectiveStatus.draft.rawValue)) }
            return try await query.orderBy("id", .descending).limit(limit).all().map(Directive.init(row:))
        }
    }

    static func directive(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Directive {
        guard let row = try await db.select().columns(Directive.columns).from("directives").where("id", .equal, SQLBind(id)).first(),
              case let directive = try Directive(row: row), directive.isVisible(to: scope),
              directive.status != .draft || scope.role.issuesDirectives else {
            throw StoreError.notFound(Bilingual("找不到该任务（编号 \(id)）", "No directive with id \(id) in your scope"))
        }
        return directive
    }

    /// A directive the scope may change: issued by a unit within it.
    static func owned(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Directive {
        let directive = try await directive(id, scope: scope, db: db)
        guard scope.contains(directive.path) else {
            throw AccessDenied(Bilingual("该任务由上级下发，只能由下发单位修改", "This directive was issued above you; only the issuing unit can change it"))
        }
        return directive
    }
}
