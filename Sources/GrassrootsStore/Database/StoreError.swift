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

    public var description: String {
        switch self {
        case .notFound(let m), .conflict(let m), .brokenReference(let m): m.en
        case .unavailable(let m): m
        }
    }
}

/// Runs `body`, translating driver constraint errors into `StoreError`s.
func mapDriverErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as SQLiteError {
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            throw StoreError.conflict(Bilingual("记录重复：\(error.message)", "Duplicate record: \(error.message)"))
        case .constraintForeignKeyFailed:
            throw StoreError.brokenReference(Bilingual("关联的记录不存在或仍被引用", "A referenced record is missing or still in use"))
        default: throw error
        }
    } catch let error as PSQLError {
        switch error.serverInfo?[.sqlState] {
        case "23505":
            let detail = error.serverInfo?[.detail] ?? ""
            throw StoreError.conflict(Bilingual("记录重复：\(detail)", "Duplicate record: \(detail)"))
        case "23503":
            throw StoreError.brokenReference(Bilingual("关联的记录不存在或仍被引用", "A referenced record is missing or still in use"))
        default: throw error
        }
    }
}
