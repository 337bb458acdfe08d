import SQLKit

/// A write waiting for, or running in, a group-committed transaction.
protocol PendingWrite: AnyObject, Sendable {
    /// Runs the body (again, after a rolled-back batch); false when it threw (its error is kept).
    func run(_ db: any SQLDatabase) async -> Bool
    /// Records a failure of the transaction itself (BEGIN or COMMIT), unless the body already failed.
    func fail(_ error: any Error)
    /// Resumes the caller with the body's result or error.
    func finish()
}

final class WriteJob<T: Sendable>: PendingWrite, @unchecked Sendable {
    // Touched only by the one task that drains the queue, strictly before `finish`.
    private var body: (@Sendable (any SQLDatabase) async throws -> T)?
    private var result: Result<T, any Error>?
    var continuation: CheckedContinuation<T, any Error>?

    init(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) { self.body = body }

    func run(_ db: any SQLDatabase) async -> Bool {
        guard let body else { return false }
        do { result = .success(try await mapDriverErrors { try await body(db) }); return true } catch { result = .failure(error); return false }
    }

    func fail(_ error: any Error) {
        if case .failure = result { return }
        result = .failure(error)
    }

    func finish() {
        // Dropping the body before resuming: the caller's closure must not outlive its `write` call.
        body = nil
        continuation?.resume(with: result ?? .failure(CancellationError()))
        continuation = nil
    }
}

/// Writes waiting their turn; whoever enqueues into an idle queue drains it.
actor WriteQueue {
    private var pending: [any PendingWrite] = []
    private var draining = false

    /// Adds `job`; true when the caller must drain (nobody else is).
    func enqueue(_ job: any PendingWrite) -> Bool {
        pending.append(job)
        if draining { return false }
        draining = true
        return true
    }

    /// The next batch; an empty one means the queue is idle again.
    func take(_ max: Int) -> [any PendingWrite] {
        let batch = Array(pending.prefix(max))
        pending.removeFirst(batch.count)
        if batch.isEmpty { draining = false }
        return batch
    }
}
