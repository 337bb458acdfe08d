import Foundation
import GrassrootsCore
import SQLKit

/// The community access list: items applied for by departments and decided by the city, the certificates a
/// community may and may not issue, the gate every department task passes, and the burden report.
public struct AccessStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The items, listed ones first.
    public func items() async throws -> [AccessItem] {
        try await context.database.read { db in
            try await db.raw("\(unsafeRaw: AccessItem.select) ORDER BY CASE i.status WHEN 'listed' THEN 0 ELSE 1 END, i.code").all().map(AccessItem.init(row:))
        }
    }

    /// A department applies for an item (its officer for its own department; the city for any).
    public func apply(code: String, title: String, kind: String, legalBasis: String, departmentID: Int, funded: Bool, authorized: Bool,
                      scope: Scope) async throws -> AccessItem {
        guard scope.role == .cityAdmin || (scope.role == .departmentOfficer && scope.departmentID == departmentID) else { throw AccessDenied() }
        let code = code.trimmed, title = title.trimmed, basis = legalBasis.trimmed
        var v = Validator()
        v.check((1...20).contains(code.count), "code", Bilingual("事项编号为1–20个字符", "The code needs 1–20 characters"))
        v.check((1...200).contains(title.count), "title", Bilingual("事项名称为1–200个字", "The title needs 1–200 characters"))
        v.check((1...500).contains(basis.count), "legal_basis", Bilingual("请写明法律法规依据", "State the legal basis"))
        let kind = AccessItemKind(rawValue: kind)
        v.check(kind != nil, "kind", Bilingual("请选择事项类别：依法履职或协助政府", "Choose statutory or assisted"))
        try v.finish()
        return try await context.database.write { db in
            _ = try await DepartmentStore.department(departmentID, db: db)
            if try await db.select().column("id").from("access_items").where("code", .equal, SQLBind(code)).first() != nil {
                throw ValidationError("code", Bilingual("事项编号“\(code)”已存在", "Code “\(code)” exists"))
            }
            let id = try await db.insert(into: "access_items")
                .columns("code", "title", "kind", "legal_basis", "department_id", "funded", "authorized", "status", "applied_by", "applied_at")
                .values(SQLBind(code), SQLBind(title), SQLBind(kind!.rawValue), SQLBind(basis), SQLBind(departmentID), SQLBind(funded ? 1 : 0),
                        SQLBind(authorized ? 1 : 0), SQLBind(AccessItemStatus.applied.rawValue), SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "apply", "access_item", id: id, path: scope.path, detail: code, now: context.clock())
            return try await Self.item(id, db: db)
        }
    }

    /// The city approves, rejects, enters or withdraws an item.
    public func decide(itemID: Int, _ decision: AccessItemDecision, note: String, scope: Scope) async throws -> AccessItem {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("准入清单由市级审核", "The city decides on the access list")) }
        return try await context.database.write { db in
            let item = try await Self.item(itemID, db: db)
            let next = try item.status.after(decision)
            try await db.update("access_items").set("status", to: SQLBind(next.rawValue)).set("decided_by", to: SQLBind(scope.username))
                .set("decided_at", to: SQLBind(context.nowText)).set("note", to: SQLBind(String(note.trimmed.prefix(500))))
                .where("id", .equal, SQLBind(itemID)).run()
            try await AuditLog.record(db, scope, decision.rawValue, "access_item", id: itemID, path: scope.path, detail: item.code, now: context.clock())
            return try await Self.item(itemID, db: db)
        }
    }

    /// The certificates list.
    public func certificates() async throws -> [Certificate] {
        try await context.database.read { db in
            try await db.select().columns("id", "title", "allowed", "basis").from("certificates").orderBy("allowed", .descending).orderBy("title").all().map {
                Certificate(id: try $0.decode(column: "id", as: Int.self), title: try $0.decode(column: "title", as: String.self),
                            allowed: try $0.flag("allowed"), basis: try $0.decode(column: "basis", as: String.self))
            }
        }
    }

    /// Adds a certificate to the list (the city only).
    public func addCertificate(title: String, allowed: Bool, basis: String, scope: Scope) async throws {
        guard scope.role == .cityAdmin else { throw AccessDenied() }
        let title = title.trimmed
        guard (1...100).contains(title.count) else { throw ValidationError("title", Bilingual("证明名称为1–100个字", "The title needs 1–100 characters")) }
        try await context.database.write { db in
            if try await db.select().column("id").from("certificates").where("title", .equal, SQLBind(title)).first() != nil {
                throw ValidationError("title", Bilingual("“\(title)”已在清单中", "“\(title)” is already listed"))
            }
            try await db.insert(into: "certificates").columns("title", "allowed", "basis")
                .values(SQLBind(title), SQLBind(allowed ? 1 : 0), SQLBind(String(basis.trimmed.prefix(500)))).run()
            try await AuditLog.record(db, scope, "create", "certificate", id: nil, path: scope.path, detail: title, now: context.clock())
        }
    }

    static func item(_ id: Int, db: any SQLDatabase) async throws -> AccessItem {
        guard let row = try await db.raw("\(unsafeRaw: AccessItem.select) WHERE i.id = \(bind: id)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的准入事项", "No access-list item \(id)"))
        }
        return try AccessItem(row: row)
    }
}
