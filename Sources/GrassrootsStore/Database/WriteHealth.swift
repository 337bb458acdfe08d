import Foundation
import GrassrootsCore
import SQLKit

/// Whether the database can take writes, as far as can be told without writing. A full disk or a read-only file,
/// mount or PostgreSQL server turns every write into an error; `/ready` and `/metrics` say so, so that operators
/// learn it from their monitoring before staff learn it from a refused form.
public struct WriteHealth: Sendable, Equatable {
    public enum Problem: String, Sendable {
        case readOnly = "read_only"
        case diskFull = "disk_full"
    }

    /// Below this many free bytes the SQLite file's disk counts as full: a WAL frame, a checkpoint or a bulk import
    /// needs room, and a disk this close to full refuses the next write whatever this probe says.
    public static let minimumFreeBytes = 1 << 20

    public let problem: Problem?
    /// Bytes free to this process on the SQLite file's filesystem; nil on PostgreSQL, whose disk is the server's.
    public let freeBytes: Int?

    public init(problem: Problem?, freeBytes: Int?) {
        self.problem = problem
        self.freeBytes = freeBytes
    }

    /// The SQLite file at `path`: its filesystem mounted read-only, the file or its folder not writable, or (nearly) no space left.
    static func sqlite(path: String) -> WriteHealth {
        let directory = folder(of: path)
        var fs = statvfs()
        guard statvfs(directory, &fs) == 0 else { return WriteHealth(problem: .readOnly, freeBytes: nil) }
        let free = Int(fs.f_bavail) * Int(fs.f_frsize)
        // access(2) sees read-only mounts even for root, and a file without write permission for everyone else.
        let readOnly = fs.f_flag & UInt(ST_RDONLY) != 0 || access(directory, W_OK) != 0
            || (FileManager.default.fileExists(atPath: path) && access(path, W_OK) != 0)
        return WriteHealth(problem: readOnly ? .readOnly : free < minimumFreeBytes ? .diskFull : nil, freeBytes: free)
    }

    /// The folder holding the SQLite file at `path` (where its WAL and shared-memory files go too).
    static func folder(of path: String) -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return directory.isEmpty ? "." : directory
    }

    /// PostgreSQL: a hot standby, or read-only transactions by default (`default_transaction_read_only`).
    static func postgres(_ db: any SQLDatabase) async throws -> WriteHealth {
        let row = try await db.raw("""
            SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') = 'on' AS read_only
            """).first()
        let standby = try row?.decode(column: "standby", as: Bool.self) ?? false
        let readOnly = try row?.decode(column: "read_only", as: Bool.self) ?? false
        return WriteHealth(problem: standby || readOnly ? .readOnly : nil, freeBytes: nil)
    }

    /// What to tell a person, in both languages.
    public var message: Bilingual? {
        switch problem {
        case .readOnly: Bilingual("数据库为只读（只读文件或挂载、只读副本或只读设置），无法保存任何修改",
                                  "The database is read-only (a read-only file or mount, a replica or a read-only setting); no change can be saved")
        case .diskFull: Bilingual("数据库所在磁盘已满（剩余不足 1 MB），无法保存任何修改",
                                  "The database's disk is full (less than 1 MB free); no change can be saved")
        case nil: nil
        }
    }
}
