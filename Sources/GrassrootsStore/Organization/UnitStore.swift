import Foundation
import GrassrootsCore
import SQLKit

/// Reads and changes the territory tree, always within the caller's scope.
public struct UnitStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The unit with `id`, if it lies within the scope; out-of-scope units are reported as not found.
    public func unit(_ id: Int, scope: Scope) async throws -> TerritoryUnit {
        try await context.database.read { db in try await Self.unit(id, scope: scope, db: db) }
    }

    static func unit(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> TerritoryUnit {
        guard let row = try await db.select().columns(TerritoryUnit.columns).from("units").where("id", .equal, SQLBind(id))
            .within(scope).first() else {
            throw StoreError.notFound(Bilingual("找不到该辖区单元（编号 \(id)）", "No unit with id \(id) in your scope"))
        }
        return try TerritoryUnit(row: row)
    }

    /// The unit with the statistical code `code`, within the scope.
    public func unit(code: String, scope: Scope) async throws -> TerritoryUnit {
        try await context.database.read { db in
            guard let row = try await db.select().columns(TerritoryUnit.columns).from("units").where("code", .equal, SQLBind(code))
                .within(scope).first() else {
                throw StoreError.notFound(Bilingual("找不到代码为 \(code) 的辖区单元", "No unit with code \(code) in your scope"))
            }
            return try TerritoryUnit(row: row)
        }
    }

    /// The unit at the root of the scope.
    public func root(of scope: Scope) async throws -> TerritoryUnit {
        try await context.database.read { db in
            var row = try await db.select().columns(TerritoryUnit.columns).from("units").where("path", .equal, SQLBind(scope.path)).first()
            if row == nil, scope.path == "/" {
                row = try await db.select().columns(TerritoryUnit.columns).from("units").where(SQLColumn("parent_id"), .is, SQLLiteral.null)
                    .orderBy("id").first()
            }
            guard let row else {
                throw StoreError.notFound(Bilingual("辖区尚未建立：请先导入区划", "No territory yet: import the divisions first"))
            }
            return try TerritoryUnit(row: row)
        }
    }

    /// The unit's ancestors that lie within the scope, root first, ending with the unit itself: the breadcrumbs.
    public func lineage(of unit: TerritoryUnit, scope: Scope) async throws -> [TerritoryUnit] {
        try await context.database.read { db in
            try await db.select().columns(TerritoryUnit.columns).from("units").where("id", .in, SQLBind.group(unit.pathIDs))
                .within(scope).orderBy("depth").all().map(TerritoryUnit.init(row:))
        }
    }

    /// The units of the given kinds inside the scope (and under `path` when given), by path, for pickers (no counts:
    /// cheap on a whole city).
    public func units(of kinds: [UnitKind], under path: String? = nil, scope: Scope) async throws -> [TerritoryUnit] {
        try await context.database.read { db in
            let query = db.select().columns(TerritoryUnit.columns).from("units").where("kind", .in, SQLBind.group(kinds.map(\.rawValue))).within(scope)
            if let path { query.where("path", .greaterThanOrEqual, SQLBind(path)).where("path", .lessThan, SQLBind(path + "~")) }
            return try await query.orderBy("path").limit(2000).all().map(TerritoryUnit.init(row:))
        }
    }

    /// The unit's children with their household and resident counts.
    public func children(of id: Int, scope: Scope) async throws -> [UnitSummary] {
        try await context.database.read { db in
            _ = try await Self.unit(id, scope: scope, db: db)
            let rows = try await db.raw("""
                SELECT u.id, u.parent_id, u.kind, u.code, u.name, u.path, u.depth, u.address,
                  (SELECT COUNT(*) FROM households h WHERE h.path >= u.path AND h.path < u.path || '~') AS households,
                  (SELECT COUNT(*) FROM residents r WHERE r.path >= u.path AND r.path < u.path || '~') AS residents
                FROM units u WHERE u.parent_id = \(bind: id) ORDER BY u.code, u.name, u.id
                """).all()
            return try rows.map {
                UnitSummary(unit: try TerritoryUnit(row: $0), households: try $0.decode(column: "households", as: Int.self),
                            residents: try $0.decode(column: "residents", as: Int.self))
            }
        }
    }

    /// Adds a unit below `parentID`. The kind must sit below the parent's, and a code, where the tier has one,
    /// must be valid and belong under the parent's code.
    public func create(parentID: Int, kind: UnitKind, name: String, code: String?, address: String?, scope: Scope) async throws -> TerritoryUnit {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        let name = name.trimmed
        return try await context.database.write { db in
            let parent = try await Self.unit(parentID, scope: scope, db: db)
            var v = Validator()
            v.check(kind > parent.kind, "kind", Bilingual("\(kind.label.zh)不能建在\(parent.kind.label.zh)之下",
                                                           "A \(kind.label.en) cannot be placed under a \(parent.kind.label.en)"))
            v.check(!name.isEmpty && name.count <= 100, "name", Bilingual("名称不能为空，且不超过100个字", "Name is required, at most 100 characters"))
            var validCode: String? = nil
            if let code = code?.trimmed, !code.isEmpty {
                let parsed = v.capture { try DivisionCode(code, kind: kind) }
                validCode = parsed?.value
                if let parsed, let parentCode = parent.code, parsed.impliedParent != parentCode {
                    v.fail("code", Bilingual("代码 \(parsed) 不属于上级 \(parentCode)", "Code \(parsed) does not belong under its parent's code \(parentCode)"))
                }
            } else if kind.hasDivisionCode {
                v.fail("code", Bilingual("\(kind.label.zh)必须填写12位统计区划代码", "A \(kind.label.en) needs its 12-digit division code"))
            }
            try v.finish()
            let id = try await context.database.reserveIDs("units", count: 1, on: db)[0]
            let path = parent.path + "\(id)/"
            try await db.insert(into: "units").columns("id", "parent_id", "kind", "code", "name", "path", "depth", "address", "created_at")
                .values(SQLBind(id), SQLBind(parent.id), SQLBind(kind.rawValue), SQLBind(validCode), SQLBind(name), SQLBind(path),
                        SQLBind(parent.depth + 1), SQLBind(address?.trimmed), SQLBind(context.nowText)).run()
            try await AuditLog.record(db, scope, "create", "unit", id: id, path: path, detail: "\(kind.rawValue) \(name)", now: context.clock())
            return try await Self.unit(id, scope: scope, db: db)
        }
    }
}
