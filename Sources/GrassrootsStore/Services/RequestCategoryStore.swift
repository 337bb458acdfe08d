import Foundation
import GrassrootsCore
import SQLKit

/// The category tree (two levels; leaves carry a time class and an Open311 service code) and the time limits.
public struct RequestCategoryStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Every category, top levels first, each followed by its leaves.
    public func categories() async throws -> [RequestCategory] {
        try await context.database.read { db in try await Self.categories(db) }
    }

    /// Adds a top-level category (no parent) or a leaf under one (the city only).
    public func create(parentID: Int?, name: String, nameEn: String, timeClass: String?, serviceCode: String?, scope: Scope) async throws -> RequestCategory {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("诉求分类由市级维护", "The city keeps the categories")) }
        var v = Validator()
        v.check((1...40).contains(name.trimmed.count), "name", Bilingual("名称为1–40个字", "The name needs 1–40 characters"))
        var tc: TimeClass?
        let code = serviceCode?.trimmed ?? ""
        if parentID != nil {
            tc = TimeClass.pick(timeClass ?? "", field: "time_class", names: Bilingual("时限类别", "Time class"), &v)
            v.check((1...40).contains(code.count) && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }, "service_code",
                    Bilingual("服务代码为1–40位字母、数字、下划线或连字符", "The service code is 1–40 letters, digits, _ or -"))
        }
        try v.finish()
        let timeClassCode = tc?.rawValue
        return try await context.database.write { db in
            if let parentID {
                guard let parent = try await Self.categories(db).first(where: { $0.id == parentID }), parent.parentID == nil else {
                    throw ValidationError("parent_id", Bilingual("上级分类应为一级分类", "The parent must be a top-level category"))
                }
            }
            let id = try await db.insert(into: "request_categories").columns("parent_id", "name", "name_en", "time_class", "service_code")
                .values(SQLBind(parentID), SQLBind(name.trimmed), SQLBind(nameEn.trimmed), SQLBind(timeClassCode), SQLBind(parentID == nil ? nil : code))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "request_category", id: id, path: scope.path, now: context.clock())
            return try await Self.categories(db).first { $0.id == id }!
        }
    }

    /// The limits of every time class.
    public func limits() async throws -> [RequestLimit] {
        try await context.database.read { db in
            try await db.raw("SELECT time_class, respond_minutes, resolve_minutes FROM request_limits").all().compactMap { row in
                guard let tc = TimeClass(rawValue: try row.decode(column: "time_class", as: String.self)) else { return nil }
                return try RequestLimit(timeClass: tc, respondMinutes: try row.decode(column: "respond_minutes", as: Int.self),
                                        resolveMinutes: try row.decode(column: "resolve_minutes", as: Int.self))
            }.sorted { TimeClass.allCases.firstIndex(of: $0.timeClass)! < TimeClass.allCases.firstIndex(of: $1.timeClass)! }
        }
    }

    /// Changes a class's limits (the city only); requests already filed keep their deadlines.
    public func setLimit(_ limit: RequestLimit, scope: Scope) async throws {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("诉求时限由市级设置", "The city sets the time limits")) }
        try await context.database.write { db in
            try await db.update("request_limits").set("respond_minutes", to: SQLBind(limit.respondMinutes)).set("resolve_minutes", to: SQLBind(limit.resolveMinutes))
                .where("time_class", .equal, SQLBind(limit.timeClass.rawValue)).run()
            try await AuditLog.record(db, scope, "set_limit", "request_limits", id: nil, path: scope.path, detail: limit.timeClass.rawValue, now: context.clock())
        }
    }

    /// Makes a leaf category's requests public or not (the city only): a public category's requests are listed over
    /// Open311 whatever each resident chose, as for matters of the street itself (a broken streetlight, a pothole).
    public func setPublic(_ id: Int, _ isPublic: Bool, scope: Scope) async throws -> RequestCategory {
        guard scope.role == .cityAdmin else { throw AccessDenied(Bilingual("诉求分类由市级维护", "The city keeps the categories")) }
        return try await context.database.write { db in
            let category = try await Self.leaf(id, db: db)
            try await db.update("request_categories").set("is_public", to: SQLBind(isPublic ? 1 : 0)).where("id", .equal, SQLBind(category.id)).run()
            try await AuditLog.record(db, scope, isPublic ? "publish" : "unpublish", "request_category", id: id, path: scope.path, now: context.clock())
            return try await Self.categories(db).first { $0.id == id }!
        }
    }

    static func categories(_ db: any SQLDatabase) async throws -> [RequestCategory] {
        let all = try await db.raw("SELECT \(unsafeRaw: RequestCategory.columns) FROM request_categories ORDER BY id").all().map(RequestCategory.init(row:))
        return all.filter { $0.parentID == nil }.flatMap { top in [top] + all.filter { $0.parentID == top.id } }
    }

    /// An active leaf, which a request must name.
    static func leaf(_ id: Int, db: any SQLDatabase) async throws -> RequestCategory {
        guard let row = try await db.raw("SELECT \(unsafeRaw: RequestCategory.columns) FROM request_categories WHERE id = \(bind: id)").first(),
              let category = try? RequestCategory(row: row), category.parentID != nil, category.active else {
            throw ValidationError("category_id", Bilingual("请选择二级诉求类别", "Choose a second-level category"))
        }
        return category
    }

    static func limit(_ timeClass: TimeClass, db: any SQLDatabase) async throws -> RequestLimit {
        let row = try await db.raw("SELECT respond_minutes, resolve_minutes FROM request_limits WHERE time_class = \(bind: timeClass.rawValue)").first()!
        return try RequestLimit(timeClass: timeClass, respondMinutes: try row.decode(column: "respond_minutes", as: Int.self),
                                resolveMinutes: try row.decode(column: "resolve_minutes", as: Int.self))
    }
}
