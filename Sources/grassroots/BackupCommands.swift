import ArgumentParser
import Foundation
import GrassrootsCore
import GrassrootsStore

/// `grassroots backup --to FILE`: a consistent copy while the server keeps running.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to a file while the server may keep running (SQLite: VACUUM INTO; PostgreSQL: pg_dump --format=custom).")
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("to"), help: "The backup file to write; an existing file is never overwritten.") var target: String

    func run() async throws {
        do {
            try DatabaseBackup.refuseExisting(target)
            let started = Date()
            switch DatabaseLocation.resolve(sqlitePath: database.database) {
            case .sqlite(let path):
                try await DatabaseBackup.withSQLiteFile(path, checkpoint: false) { try await DatabaseBackup.vacuumInto($0, path: target) }
                // Counted from the copy itself: this also proves the copy opens and passes the integrity check.
                let copy = try await DatabaseBackup.inspectSQLite(target)
                print("Backed up \(path) to \(target) in \(BackupReport.seconds(since: started)): \(BackupReport.size(target)), \(copy.migrations.count) migrations.")
                print(BackupReport.counts(copy.counts))
            case .postgres(let url):
                // pg_dump first: when the server is unreachable its own message comes at once, before the pool's retries.
                try PostgresTools(url: url).dump(to: target)
                let counts = try await BackupReport.postgresCounts(url)
                print("Backed up PostgreSQL with pg_dump to \(target) in \(BackupReport.seconds(since: started)): \(BackupReport.size(target)).")
                print(BackupReport.counts(counts))
            }
            // The copy holds the same (encrypted) personal data as the database: readable by its owner only.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
            print(try PhotoFiles.copy(from: database.photoFolder, to: URL(fileURLWithPath: target + ".photos"), what: "Photos backed up"))
            print(database.keyReminder(restoring: false))
        } catch { throw reportFailure(error) }
    }
}

/// `grassroots restore --from FILE`: puts a backup in place after checking it is a sound Grassroots database.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a backup made by grassroots backup. Stop the server first; an existing database is replaced only with --force.")
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("from"), help: "The backup file.") var source: String
    @Flag(help: "Replace an existing database (SQLite: the old file is kept as NAME.before-restore).") var force = false

    func run() async throws {
        do {
            guard FileManager.default.fileExists(atPath: source) else {
                throw StoreError.notFound(Bilingual("备份文件 \(source) 不存在", "The backup file \(source) does not exist"))
            }
            let started = Date()
            switch DatabaseLocation.resolve(sqlitePath: database.database) {
            case .sqlite(let path): try await restoreSQLite(into: path)
            case .postgres(let url): try await restorePostgres(into: url)
            }
            // Photo files come back beside the database (files are named by their content: one already there is the same).
            if FileManager.default.fileExists(atPath: source + ".photos") {
                print(try PhotoFiles.copy(from: URL(fileURLWithPath: source + ".photos"), to: database.photoFolder, what: "Photos restored"))
            }
            print("Restored in \(BackupReport.seconds(since: started)). Run grassroots verify before starting the server.")
            print(database.keyReminder(restoring: true))
        } catch { throw reportFailure(error) }
    }

    private func restoreSQLite(into path: String) async throws {
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path), kept = path + ".before-restore"
        if exists, !force {
            throw StoreError.conflict(Bilingual("数据库 \(path) 已存在；确认要替换请加 --force（原文件会保留为 \(kept)）",
                                                "The database \(path) already exists; add --force to replace it (the current file is kept as \(kept))"))
        }
        if exists, fm.fileExists(atPath: kept) {
            throw StoreError.conflict(Bilingual("\(kept) 已存在（上次恢复留下的）；请先移走它", "\(kept) exists from an earlier restore; move it away first"))
        }
        // Checked on a copy beside the target: the backup itself stays untouched, and the final step is a rename on one file system.
        let staging = path + ".restoring"
        func discardStaging() { for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: staging + suffix) } }
        discardStaging()
        try fm.copyItem(atPath: source, toPath: staging)
        let inspection: DatabaseBackup.Inspection
        do { inspection = try await DatabaseBackup.inspectSQLite(staging, name: source) } catch {
            discardStaging()
            throw error
        }
        if exists {
            // Folding the WAL in first keeps the old copy whole; a damaged old file (the reason to restore) is moved as it is.
            let before = try? await DatabaseBackup.withSQLiteFile(path) { try await DatabaseBackup.rowCounts($0) }
            // SQLite removes the WAL when its last connection closes: one left after ours closed means another
            // process (a running server) still has the database open, and would keep writing to the moved file.
            if before != nil, fm.fileExists(atPath: path + "-wal") {
                discardStaging()
                throw StoreError.conflict(Bilingual("数据库 \(path) 正被其他进程（运行中的服务器？）使用；请先停止服务器再恢复",
                                                    "The database \(path) is open in another process (a running server?); stop the server before restoring"))
            }
            if let before { print("Before:\n" + BackupReport.counts(before)) }
            for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
                try fm.moveItem(atPath: path + suffix, toPath: kept + suffix)
            }
            print("The previous database is kept as \(kept).")
        }
        try fm.moveItem(atPath: staging, toPath: path)
        print("Restored \(source) to \(path): \(BackupReport.size(path)), \(inspection.migrations.count) migrations (this version knows \(Migrator.all.count)).")
        print("After:\n" + BackupReport.counts(inspection.counts))
    }

    private func restorePostgres(into url: String) async throws {
        let tools = PostgresTools(url: url)
        guard try tools.isGrassrootsDump(source) else {
            throw StoreError.unavailable("\(source) is not a pg_dump custom-format dump of a Grassroots database; nothing was restored")
        }
        try DatabaseBackup.refuseNewer(try tools.migrations(in: source), in: source)
        let before = try await BackupReport.postgresCounts(url)
        if !before.isEmpty {
            guard force else {
                throw StoreError.conflict(Bilingual("目标 PostgreSQL 数据库已有 Grassroots 数据；确认要替换请加 --force",
                                                    "The PostgreSQL database already holds Grassroots data; add --force to replace it"))
            }
            print("Before:\n" + BackupReport.counts(before))
        }
        try tools.restore(from: source)
        print("Restored \(source) (\(BackupReport.size(source))) into PostgreSQL with pg_restore.")
        print("After:\n" + BackupReport.counts(try await BackupReport.postgresCounts(url)))
    }
}

/// Photo files beside a backup (`FILE.photos/`, the same `ab/abcdef…` layout as the photo folder), readable by the
/// owner only. Files are named by their content, so one already in the target is the same and is left as it is.
enum PhotoFiles {
    static func copy(from source: URL, to target: URL, what: String) throws -> String {
        let fm = FileManager.default
        var files = 0, bytes: Int64 = 0
        for shard in (try? fm.contentsOfDirectory(atPath: source.path)) ?? [] where shard.count == 2 {
            let into = target.appendingPathComponent(shard)
            try fm.createDirectory(at: into, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for name in try fm.contentsOfDirectory(atPath: source.appendingPathComponent(shard).path) where name.count == 64 {
                let from = source.appendingPathComponent(shard).appendingPathComponent(name), to = into.appendingPathComponent(name)
                if !fm.fileExists(atPath: to.path) { try fm.copyItem(at: from, to: to) }
                files += 1
                bytes += ((try? fm.attributesOfItem(atPath: to.path))?[.size] as? NSNumber)?.int64Value ?? 0
            }
        }
        return "\(what): \(files) files, \(ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file))" + (files > 0 ? " (\(target.path))" : "")
    }
}

/// The figures both commands print: counts and sizes, nothing personal.
enum BackupReport {
    static func counts(_ counts: [(table: String, rows: Int)]) -> String {
        counts.map { "  \($0.table.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.rows)" }.joined(separator: "\n")
    }

    static func size(_ path: String) -> String {
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        return ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
    }

    static func seconds(since start: Date) -> String { String(format: "%.1f s", Date().timeIntervalSince(start)) }

    /// Key-table counts of the PostgreSQL database; empty when it holds no Grassroots schema yet (a fresh database).
    static func postgresCounts(_ url: String) async throws -> [(table: String, rows: Int)] {
        let db = try await DatabaseLocation.postgres(url: url).open()
        do {
            let present = try await db.read { try await $0.raw("SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE 1 END AS present").first()?.flag("present") } ?? false
            let counts = present ? try await DatabaseBackup.rowCounts(db) : []
            try await db.close()
            return counts
        } catch {
            try? await db.close()
            throw error
        }
    }
}

extension DatabaseOptions {
    /// Where the personal-data key is, with the same default `open()` uses.
    var keyPath: String {
        if let keyFile { return keyFile }
        guard case .sqlite(let path) = DatabaseLocation.resolve(sqlitePath: database) else { return "grassroots.key" }
        return path.hasSuffix(".sqlite") ? String(path.dropLast(7)) + ".key" : path + ".key"
    }

    /// The key is deliberately outside every backup (a stolen backup alone reveals no identity or phone number),
    /// so the operator must be told to keep it, and to restore with the key of the backup's time.
    func keyReminder(restoring: Bool) -> String {
        restoring
            ? "Personal-data key: not in the backup. Identity and phone numbers need the key that was in use when the backup was made (\(keyPath)).\n个人信息密钥不在备份中：身份证号和电话需用备份当时的密钥（\(keyPath)）才能读取。"
            : "Personal-data key: not in the backup. Keep a copy of \(keyPath) apart from it; without the key identity and phone numbers cannot be read.\n个人信息密钥不在备份中：请另行保管 \(keyPath)，没有它身份证号和电话无法读取。"
    }
}
