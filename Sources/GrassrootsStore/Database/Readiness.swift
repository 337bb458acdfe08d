import Foundation
import SQLKit

/// Whether the database can serve requests: reachable, and with every migration this build knows applied.
public struct Readiness: Sendable, Equatable {
    /// The engine answering.
    public let engine: Engine
    /// True when `SELECT 1` went through the store.
    public let reachable: Bool
    /// Migrations recorded in `schema_migrations` that this build knows.
    public let applied: Int
    /// Names of migrations this build knows that are not recorded yet, in order.
    public let pending: [String]
    /// Whether writes can succeed (nil when the database did not answer).
    public let writes: WriteHealth?

    /// Ready to serve: reachable, nothing pending, and writes possible (signing in alone writes a session).
    public var isReady: Bool { reachable && pending.isEmpty && writes?.problem == nil }

    /// Checks `database` with one `SELECT 1`, one read of `schema_migrations` and the write probe; never throws, so a probe can always answer.
    /// A database that does not answer within `timeout` counts as unreachable: a load balancer's probe must not hang
    /// while the connection pool retries.
    public static func check(_ database: any Database, timeout: Duration = .seconds(5)) async -> Readiness {
        let answered = await answer(within: timeout) { try await database.read { try await $0.raw("SELECT 1 AS one").first() } }
        guard answered != nil else {
            return Readiness(engine: database.engine, reachable: false, applied: 0, pending: Migrator.all.map(\.name),
                             writes: nil)
        }
        let recorded: Set<String>
        do {
            recorded = Set(try await database.read { db in
                try await db.raw("SELECT name FROM schema_migrations").all().map { try $0.decode(column: "name", as: String.self) }
            })
        } catch {
            // Reachable but never migrated: the table itself is missing, so everything is pending.
            recorded = []
        }
        let known = Migrator.all.map(\.name)
        let writes = await answer(within: timeout) { try await database.writeHealth() }
        return Readiness(engine: database.engine, reachable: true, applied: known.filter(recorded.contains).count,
                         pending: known.filter { !recorded.contains($0) }, writes: writes)
    }
}

extension Readiness {
    /// The value of `body`, or nil when it failed or took longer than `timeout`, for probes and scrapes that must answer.
    public static func answer<T: Sendable>(within timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async -> T? {
        // Not a task group: a group waits for every child, and a pool waiting for a connection ignores cancellation.
        // The call that lost the race is left to finish (or not) on its own.
        await withCheckedContinuation { continuation in
            let once = ResumeOnce<T?>(continuation)
            Task { await once.resume(try? await body()) }
            Task { try? await Task.sleep(for: timeout); await once.resume(nil) }
        }
    }
}

/// Resumes a continuation with the first answer only.
private actor ResumeOnce<T: Sendable> {
    private var continuation: CheckedContinuation<T, Never>?
    init(_ continuation: CheckedContinuation<T, Never>) { self.continuation = continuation }
    func resume(_ value: T) {
        continuation?.resume(returning: value)
        continuation = nil
    }
}
