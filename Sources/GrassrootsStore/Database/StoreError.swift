import GrassrootsCore
import PostgresNIO
import SQLiteNIO

/// Failures the store reports in its own terms, whatever the engine said.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The record asked for does not exist (or is outside the caller's scope, which looks the same on purpose).
    case notFound(Bilingual)
    /// A uniqueness rule was broken (a duplicate code, identity number or username).
    case conflict(Bilingual)
    /// A reference points at something that does not exist, or something still refers to what is deleted.
    case brokenReference(Bilingual)
    /// The database cannot be reached or opened.
    case unavailable(String)
    /// The disk holding the database is full: the write was rolled back, nothing of it was kept.
    case storageFull(String)
    /// The database takes no writes (a read-only file or mount, a PostgreSQL replica or read-only setting): nothing was written.
    case readOnly(String)

    public var description: String {
        switch self {
        case .notFound(let m), .conflict(let m), .brokenReference(let m): m.en
        case .unavailable(let m), .storageFull(let m), .readOnly(let m): m
        }
    }
}

/// Runs `body`, translating driver errors into `StoreError`s.
func mapDriverErrors<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw storeError(error) }
}

/// A driver error in the store's own terms (constraints, a full disk, a read-only database), or the error unchanged.
func storeError(_ error: any Error) -> any Error {
    switch error {
    case let error as SQLiteError:
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            return StoreError.conflict(Bilingual("记录重复：\(error.message)", "Duplicate record: \(error.message)"))
        case .constraintForeignKeyFailed:
            return StoreError.brokenReference(Bilingual("关联的记录不存在或仍被引用", "A referenced record is missing or still in use"))
        case .full: return StoreError.storageFull("SQLite: \(error.message)")
        case .readOnly, .readonlyCantLock, .readonlyDirectory, .readonlyInRollback, .readonlyInRecovery, .readonlyBackingMoved:
            return StoreError.readOnly("SQLite: \(error.message)")
        default: return error
        }
    case let error as PSQLError:
        switch error.serverInfo?[.sqlState] {
        case "23505":
            let detail = error.serverInfo?[.detail] ?? ""
            return StoreError.conflict(Bilingual("记录重复：\(detail)", "Duplicate record: \(detail)"))
        case "23503":
            return StoreError.brokenReference(Bilingual("关联的记录不存在或仍被引用", "A referenced record is missing or still in use"))
        // disk_full: PostgreSQL could not extend a file; the transaction is aborted, nothing of it kept.
        case "53100": return StoreError.storageFull("PostgreSQL: \(error.serverInfo?[.message] ?? "disk full") (SQLSTATE 53100)")
        // read_only_sql_transaction: a hot standby, or default_transaction_read_only switched on.
        case "25006": return StoreError.readOnly("PostgreSQL: \(error.serverInfo?[.message] ?? "read-only transaction") (SQLSTATE 25006)")
        default: return error
        }
    default: return error
    }
}
