import Foundation
import GrassrootsStore

/// Fans counter changes out to the live dashboards watching a directive, within this process (and, through a relay,
/// to the other servers sharing the database).
/// Slow watchers drop older batches rather than hold the submitter up: each event carries absolute counts,
/// so the newest one is all a dashboard needs.
public actor ProgressHub {
    private var watchers: [Int: [UUID: AsyncStream<[ProgressChange]>.Continuation]] = [:]
    private var relay: (@Sendable (Int, [ProgressChange]) async -> Void)?

    /// Creates an empty hub.
    public init() {}

    /// A stream of changes to `directiveID`; it ends when the caller stops iterating.
    public func watch(_ directiveID: Int) -> AsyncStream<[ProgressChange]> {
        let (stream, continuation) = AsyncStream<[ProgressChange]>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id = UUID()
        watchers[directiveID, default: [:]][id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.stop(directiveID, id) } }
        return stream
    }

    /// Sends `changes` to every watcher of `directiveID`, then to the other servers when a relay is set.
    public func publish(_ directiveID: Int, _ changes: [ProgressChange]) async {
        guard !changes.isEmpty else { return }
        deliver(directiveID, changes)
        await relay?(directiveID, changes)
    }

    /// Sends `changes` to this process's watchers only: for batches another server announced, which must not echo back.
    public func deliver(_ directiveID: Int, _ changes: [ProgressChange]) {
        guard !changes.isEmpty, let list = watchers[directiveID] else { return }
        for continuation in list.values { continuation.yield(changes) }
    }

    /// Hands every published batch to `send` as well (see `ProgressRelay`: several servers on one PostgreSQL).
    public func relay(to send: @escaping @Sendable (Int, [ProgressChange]) async -> Void) { relay = send }

    /// Sends an empty batch to every watcher, which the event stream writes as a comment line: it keeps proxies
    /// from closing idle connections and lets a closed connection be noticed.
    public func heartbeat() {
        for list in watchers.values { for continuation in list.values { continuation.yield([]) } }
    }

    /// How many dashboards watch, for tests and metrics.
    public var watcherCount: Int { watchers.values.reduce(0) { $0 + $1.count } }

    private func stop(_ directiveID: Int, _ id: UUID) {
        watchers[directiveID]?[id] = nil
        if watchers[directiveID]?.isEmpty == true { watchers[directiveID] = nil }
    }
}
