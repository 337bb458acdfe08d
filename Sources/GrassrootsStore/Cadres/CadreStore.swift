import Foundation
import GrassrootsCore
import SQLKit

/// Cadre profiles and their history of posts.
public struct CadreStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Today's Beijing date, which terms and post dates are compared with.
    var today: String { WorkingCalendar.dayKey(context.clock()) }

    /// Adds a profile in the scope's territory; street and community cadres sit in a street or community, agency
    /// cadres at the city (with their department).
    public func create(_ input: CadreInput, scope: Scope) async throws -> Cadre {
        guard scope.role.managesCadres else { throw AccessDenied() }
        let definition = try input.validated(today: today)
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(definition.unitID, scope: scope, db: db)
            try Self.checkTier(definition.tier, unit: unit)
            if let department = definition.departmentID {
                guard definition.tier == .agency else {
                    throw ValidationError("department_id", Bilingual("只有机关干部填写所属部门", "Only agency cadres belong to a department"))
                }
                _ = try await DepartmentStore.department(department, db: db)
            }
            let id = try await db.insert(into: "cadres")
                .columns("name", "tier", "unit_id", "path", "department_id", "position", "education", "grassroots_since", "specialties", "created_by", "created_at")
                .values(SQLBind(definition.name), SQLBind(definition.tier.rawValue), SQLBind(unit.id), SQLBind(unit.path), SQLBind(definition.departmentID),
                        SQLBind(definition.position), SQLBind(definition.education.rawValue), SQLBind(definition.grassrootsSince),
                        SQLBind(definition.specialties), SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "cadre", id: id, path: unit.path, now: context.clock())
            return try await Self.cadre(id, scope: scope, db: db)
        }
    }

    /// Records a post. With `endsCurrent` (a move), the cadre's open posts end the day the new one starts and the
    /// cadre's place of work follows the new post's unit.
    public func addPost(cadreID: Int, _ input: PostInput, endsCurrent: Bool, scope: Scope) async throws -> [CadrePost] {
        guard scope.role.managesCadres else { throw AccessDenied() }
        let post = try input.validated(today: today)
        return try await context.database.write { db in
            let cadre = try await Self.managed(cadreID, scope: scope, db: db)
            var unit: TerritoryUnit?
            if let id = post.unitID { unit = try await UnitStore.unit(id, scope: scope, db: db) }
            if let department = post.departmentID { _ = try await DepartmentStore.department(department, db: db) }
            if [.partySecretary, .committeeDirector, .committeeMember, .deputySecretary].contains(post.role), unit?.kind != .community {
                throw ValidationError("unit_id", Bilingual("社区“两委”职务应选择社区", "A community committee post needs a community"))
            }
            if endsCurrent {
                let open = try await Self.posts(cadre.id, db: db).filter { $0.endsOn == nil }
                if let later = open.first(where: { $0.startsOn > post.startsOn }) {
                    throw ValidationError("starts_on", Bilingual("新职务不能早于现任职务“\(later.title)”的开始日期 \(later.startsOn)",
                                                                 "The new post cannot start before the current post “\(later.title)” began (\(later.startsOn))"))
                }
                try await db.update("cadre_posts").set("ends_on", to: SQLBind(post.startsOn))
                    .where("cadre_id", .equal, SQLBind(cadre.id)).where(SQLColumn("ends_on"), .is, SQLLiteral.null).run()
                if let unit {
                    try await db.update("cadres").set("unit_id", to: SQLBind(unit.id)).set("path", to: SQLBind(unit.path))
                        .set("tier", to: SQLBind(Self.tier(of: unit, current: cadre.tier).rawValue)).where("id", .equal, SQLBind(cadre.id)).run()
                }
            }
            let id = try await db.insert(into: "cadre_posts")
                .columns("cadre_id", "role", "title", "unit_id", "path", "department_id", "move", "starts_on", "note")
                .values(SQLBind(cadre.id), SQLBind(post.role.rawValue), SQLBind(post.title), SQLBind(unit?.id), SQLBind(unit?.path),
                        SQLBind(post.departmentID), SQLBind(post.move.rawValue), SQLBind(post.startsOn), SQLBind(post.note))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, endsCurrent ? "move" : "add_post", "cadre", id: cadre.id, path: unit?.path ?? cadre.path,
                                      detail: "post \(id)", now: context.clock())
            return try await Self.posts(cadre.id, db: db)
        }
    }

    /// Cadres the scope sees, optionally only those of one tier or under one unit.
    public func list(scope: Scope, tier: CadreTier? = nil, under unitPath: String? = nil) async throws -> [Cadre] {
        guard scope.role.readsCadres else { throw AccessDenied() }
        return try await context.database.read { db in
            var condition: SQLQueryString = CadreScope.visible(scope)
            if let tier { condition = condition + " AND c.tier = \(bind: tier.rawValue)" }
            if let unitPath { condition = condition + " AND c.path >= \(bind: unitPath) AND c.path < \(bind: unitPath + "~")" }
            return try await db.raw("\(unsafeRaw: Cadre.select) WHERE \(condition) ORDER BY c.path, c.name, c.id LIMIT 5000").all().map(Cadre.init(row:))
        }
    }

    /// One cadre, if the scope sees them.
    public func cadre(_ id: Int, scope: Scope) async throws -> Cadre {
        guard scope.role.readsCadres else { throw AccessDenied() }
        return try await context.database.read { db in try await Self.cadre(id, scope: scope, db: db) }
    }

    /// A cadre's posts, newest first.
    public func posts(cadreID: Int, scope: Scope) async throws -> [CadrePost] {
        _ = try await cadre(cadreID, scope: scope)
        return try await context.database.read { db in try await Self.posts(cadreID, db: db) }
    }

    /// For each community under `unitPath`, who holds the secretary and director posts now, and whether one person
    /// holds both (一肩挑).
    public func leadership(under unit: TerritoryUnit, scope: Scope) async throws -> [CommunityLeadership] {
        guard scope.role.readsCadres, scope.contains(unit.path) else { throw AccessDenied() }
        return try await context.database.read { db in
            try await db.raw("""
                SELECT u.id, u.name,
                  (SELECT MIN(c.name) FROM cadre_posts p JOIN cadres c ON c.id = p.cadre_id
                    WHERE p.unit_id = u.id AND p.role = 'party_secretary' AND p.ends_on IS NULL) AS secretary,
                  (SELECT MIN(c.name) FROM cadre_posts p JOIN cadres c ON c.id = p.cadre_id
                    WHERE p.unit_id = u.id AND p.role = 'committee_director' AND p.ends_on IS NULL) AS director,
                  (SELECT COUNT(*) FROM cadre_posts p JOIN cadre_posts q ON q.cadre_id = p.cadre_id
                    WHERE p.unit_id = u.id AND q.unit_id = u.id AND p.role = 'party_secretary' AND q.role = 'committee_director'
                      AND p.ends_on IS NULL AND q.ends_on IS NULL) AS both_posts
                FROM units u WHERE u.kind = 'community' AND u.path >= \(bind: unit.path) AND u.path < \(bind: unit.path + "~")
                ORDER BY u.code, u.id
                """).all().map { row in
                    CommunityLeadership(unitID: try row.decode(column: "id", as: Int.self), unitName: try row.decode(column: "name", as: String.self),
                                        secretary: try row.decode(column: "secretary", as: String?.self),
                                        director: try row.decode(column: "director", as: String?.self),
                                        oneShoulder: try row.decode(column: "both_posts", as: Int.self) > 0)
                }
        }
    }

    static func cadre(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Cadre {
        guard let row = try await db.raw("\(unsafeRaw: Cadre.select) WHERE c.id = \(bind: id) AND \(CadreScope.visible(scope))").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的干部", "No cadre \(id) in your scope"))
        }
        return try Cadre(row: row)
    }

    /// A cadre the scope may change: one working inside it (seconded-in cadres are read, not managed).
    static func managed(_ id: Int, scope: Scope, db: any SQLDatabase) async throws -> Cadre {
        let cadre = try await cadre(id, scope: scope, db: db)
        guard scope.contains(cadre.path) else { throw AccessDenied(Bilingual("该干部不在本单位，只能查看", "This cadre works outside your scope: you can read, not change")) }
        return cadre
    }

    static func posts(_ cadreID: Int, db: any SQLDatabase) async throws -> [CadrePost] {
        try await db.raw("\(unsafeRaw: CadrePost.select) WHERE p.cadre_id = \(bind: cadreID) ORDER BY p.starts_on DESC, p.id DESC").all().map(CadrePost.init(row:))
    }

    /// Street cadres work in a street, community cadres in a community, agency cadres above the streets.
    static func checkTier(_ tier: CadreTier, unit: TerritoryUnit) throws {
        let fits = switch tier {
        case .street: unit.kind == .street
        case .community: unit.kind == .community
        case .agency: unit.kind < .street
        }
        guard fits else {
            throw ValidationError("unit_id", Bilingual("\(tier.label.zh)应在\(tier == .street ? "街道（乡镇）" : tier == .community ? "社区（村）" : "市级")单位",
                                                       "A \(tier.label.en.lowercased()) works in \(tier == .street ? "a street" : tier == .community ? "a community" : "the city")"))
        }
    }

    /// The tier a move into `unit` makes of the cadre.
    static func tier(of unit: TerritoryUnit, current: CadreTier) -> CadreTier {
        switch unit.kind {
        case .street: .street
        case .community: .community
        case let kind where kind < .street: .agency
        default: current
        }
    }
}
