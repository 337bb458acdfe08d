import Foundation
import GrassrootsCore
import Logging
import SQLKit

/// The database side of `grassroots backup` and `grassroots restore`: consistent SQLite copies, checks that a file
/// is a Grassroots database, and the row counts printed before and after (counts only, nothing personal).
public enum DatabaseBackup {
    /// Tables whose row counts tell an operator at a glance that the right data came back.
    public static let keyTables = ["units", "households", "residents", "accounts", "directives", "submissions", "photos"]

    /// What a check of an SQLite file found.
    public struct Inspection: Sendable {
        /// Migrations recorded in the file, in the order applied.
        public let migrations: [String]
        /// Rows in each of `keyTables` (a table missing from an older schema counts as absent).
        public let counts: [(table: String, rows: Int)]
    }

    /// Rows in each of `keyTables`, skipping tables the schema does not have yet.
    public static func rowCounts(_ database: any Database) async throws -> [(table: String, rows: Int)] {
        try await database.read { db in
            var counts: [(table: String, rows: Int)] = []
            for table in keyTables {
                // A table the backup's older schema lacks is left out rather than failing the whole report.
                guard let row = try? await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()
                else { continue }
                counts.append((table, try row.decode(column: "n", as: Int.self)))
            }
            return counts
        }
    }

    /// Writes a consistent copy of the SQLite database to `path` with `VACUUM INTO`: it reads one snapshot, so the
    /// server may keep writing meanwhile, and the copy is compacted and holds no WAL. Refuses an existing file.
    public static func vacuumInto(_ database: any Database, path: String) async throws {
        guard database.engine == .sqlite else { throw StoreError.unavailable("VACUUM INTO is SQLite only; use pg_dump for PostgreSQL") }
        try refuseExisting(path)
        try await database.read { db in try await db.raw("VACUUM INTO \(bind: path)").run() }
    }

    /// Opens the SQLite file at `path` (which must exist: opening would otherwise create an empty one), runs `body`,
    /// and closes it. With `checkpoint` the WAL is folded in first, so afterwards the main file alone holds everything
    /// (needed before moving the file; skipped for a live database, whose server does its own checkpoints).
    public static func withSQLiteFile<T: Sendable>(_ path: String, checkpoint: Bool = true,
                                                   _ body: @Sendable (any Database) async throws -> T) async throws -> T {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.notFound(Bilingual("数据库文件 \(path) 不存在", "The database file \(path) does not exist"))
        }
        var logger = Logger(label: "grassroots.backup")
        logger.logLevel = .warning
        let store = try await SQLiteStore.open(path: path, readers: 1, logger: logger)
        do {
            let result = try await body(store)
            // Outside a transaction (read does not open one): a checkpoint cannot finish inside a write transaction.
            if checkpoint { _ = try await store.read { db in try await db.raw("PRAGMA wal_checkpoint(TRUNCATE)").all() } }
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Checks that the SQLite file at `path` is a sound Grassroots database: readable as SQLite, `integrity_check` ok,
    /// and holding `schema_migrations` with no migration this build does not know (a newer version's backup).
    /// `name` is the file the user gave, when `path` is a working copy of it.
    public static func inspectSQLite(_ path: String, name: String? = nil) async throws -> Inspection {
        let shown = name ?? path
        // Checked before opening: SQLite only notices a foreign file at the first statement, after the connection is made.
        let header = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 16) } ?? Data()
        guard header == Data("SQLite format 3\0".utf8) else { throw notOurs(shown, "not an SQLite file") }
        do {
            return try await withSQLiteFile(path) { store in
                let integrity = try await store.read { db in
                    try await db.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
                }
                guard integrity == ["ok"] else { throw notOurs(shown, "integrity check: \(integrity.prefix(3).joined(separator: "; "))") }
                let migrations = try await store.read { db in
                    try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").first() == nil
                        ? nil : try await db.raw("SELECT name FROM schema_migrations ORDER BY applied_at, name").all()
                            .map { try $0.decode(column: "name", as: String.self) }
                }
                guard let migrations, !migrations.isEmpty else { throw notOurs(shown, "no schema_migrations table") }
                try refuseNewer(migrations, in: shown)
                return Inspection(migrations: migrations, counts: try await rowCounts(store))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // SQLite says "file is not a database" (or similar) for anything that is not one.
            throw notOurs(shown, String(describing: error))
        }
    }

    /// A backup is never written over an existing file, whichever engine it comes from.
    public static func refuseExisting(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.conflict(Bilingual("备份文件 \(path) 已存在，不会覆盖；请换一个文件名", "The backup file \(path) already exists and is not overwritten; choose another name"))
        }
    }

    /// Refuses a backup whose recorded `migrations` include one this build does not know: a newer version wrote it,
    /// and its tables and columns would not be kept up to date here.
    public static func refuseNewer(_ migrations: [String], in name: String) throws {
        let known = Set(Migrator.all.map(\.name))
        if let unknown = migrations.first(where: { !known.contains($0) }) {
            throw StoreError.unavailable("\(name) was written by a newer Grassroots (migration \(unknown) is unknown here); restore it with that version; nothing was restored")
        }
    }

    private static func notOurs(_ name: String, _ why: String) -> StoreError {
        StoreError.unavailable("\(name) is not a Grassroots database (\(why)); nothing was restored")
    }
}
