import Foundation
import GrassrootsCore
import SQLKit

/// What placing one misplaced compound did.
public struct Placement: Sendable, Codable, Equatable {
    public let compoundID: Int
    public let compound: String
    public let fromGrid: String
    public let toGrid: String?
    /// Households that moved with the compound; 0 when it was not moved.
    public let households: Int
    /// Why it was not moved (no grid holds its position, or that grid lies in another community); nil when moved.
    public let refused: Bilingual?
}

extension BoundaryStore {
    /// Moves every compound under a unit whose position lies in another grid of the same community into that grid, in
    /// one transaction: the compound's subtree (buildings, households, residents, assignments, requests …) takes the
    /// new grid's path, grid references follow, and the roll-up counters of directives that reach it are rebuilt.
    /// Compounds outside every grid, or in a grid of another community, are reported and left where they are — moving
    /// across communities changes which directives reach a household, which the street decides by hand. The audit log
    /// keeps the paths it recorded.
    public func place(under unitID: Int, scope: Scope) async throws -> [Placement] {
        guard scope.role.administers else { throw AccessDenied() }
        let database = context.database, context = context
        return try await database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            var placements: [Placement] = []
            let tables = try await Self.tables(db, engine: database.engine)
            for found in try await Self.misplaced(under: unit, db: db) {
                let m = found.misplacement
                guard let holderID = found.holderID else {
                    placements.append(Placement(compoundID: m.compoundID, compound: m.compound, fromGrid: m.grid, toGrid: nil, households: 0,
                                                refused: Bilingual("位置不在任何已导入边界的网格内", "Its position lies in no grid with a boundary")))
                    continue
                }
                let old = try await UnitStore.unit(found.gridID, scope: .system, db: db), new = try await UnitStore.unit(holderID, scope: .system, db: db)
                guard old.parentID == new.parentID else {
                    placements.append(Placement(compoundID: m.compoundID, compound: m.compound, fromGrid: m.grid, toGrid: new.name, households: 0,
                                                refused: Bilingual("所在网格属于另一个社区，跨社区调整请由街道处理", "The grid holding it belongs to another community; the street moves it by hand")))
                    continue
                }
                let households = try await Self.move(compound: m.compoundID, from: old, to: new, tables: tables, context: context, db: db)
                try await AuditLog.record(db, scope, "place", "compound", id: m.compoundID, path: new.path + "\(m.compoundID)/",
                                          detail: "grid \(old.id) → \(new.id)", now: context.clock())
                placements.append(Placement(compoundID: m.compoundID, compound: m.compound, fromGrid: old.name, toGrid: new.name, households: households, refused: nil))
            }
            return placements
        }
    }

    /// Tables with a `path` column (the audit log excepted: it keeps where things were), and whether they also hold
    /// `grid_id` and `compound_id`.
    static func tables(_ db: any SQLDatabase, engine: Engine) async throws -> [(name: String, grid: Bool, compound: Bool, path: Bool)] {
        let rows = engine == .sqlite
            ? try await db.raw("SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'").all()
            : try await db.raw("SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema()").all()
        var columns: [String: Set<String>] = [:]
        for row in rows { columns[try row.decode(column: "t", as: String.self), default: []].insert(try row.decode(column: "c", as: String.self)) }
        return columns.filter { $0.key != "audit_log" && ($0.value.contains("path") || $0.value.contains("grid_id")) }.sorted { $0.key < $1.key }
            .map { ($0.key, $0.value.contains("grid_id"), $0.value.contains("compound_id"), $0.value.contains("path")) }
    }

    /// Moves one compound's subtree from one grid to another of the same community; returns its households.
    static func move(compound id: Int, from old: TerritoryUnit, to new: TerritoryUnit, tables: [(name: String, grid: Bool, compound: Bool, path: Bool)],
                     context: StoreContext, db: any SQLDatabase) async throws -> Int {
        let from = old.path + "\(id)/", to = new.path + "\(id)/"
        for table in tables where table.path {
            try await db.raw("""
                UPDATE \(ident: table.name) SET path = \(bind: to) || substr(path, CAST(\(bind: from.count + 1) AS INTEGER))
                WHERE path >= \(bind: from) AND path < \(bind: from + "~")
                """).run()
        }
        try await db.update("units").set("parent_id", to: SQLBind(new.id)).where("id", .equal, SQLBind(id)).run()
        for table in tables where table.grid {
            if table.compound {
                try await db.raw("UPDATE \(ident: table.name) SET grid_id = \(bind: new.id) WHERE compound_id = \(bind: id)").run()
            } else if table.path {
                try await db.raw("UPDATE \(ident: table.name) SET grid_id = \(bind: new.id) WHERE path >= \(bind: to) AND path < \(bind: to + "~")").run()
            }
        }
        // The two grids' counters change for every directive reaching the compound: rebuild those directives' roll-ups.
        let directives = try await db.raw("SELECT DISTINCT directive_id FROM assignments WHERE path >= \(bind: to) AND path < \(bind: to + "~")").all()
            .map { try $0.decode(column: "directive_id", as: Int.self) }
        for directiveID in directives {
            let directive = try await DirectiveStore.directive(directiveID, scope: .system, db: db)
            try await Cascade.rebuildProgress(directive, database: context.database, db: db)
        }
        return try await db.raw("SELECT COUNT(*) AS n FROM households WHERE compound_id = \(bind: id)").first()!.decode(column: "n", as: Int.self)
    }
}
