import Foundation
import Logging
import PostgresNIO
import SQLKit

/// Counter changes of one directive as they travel between app servers on one PostgreSQL database.
public struct ProgressNotice: Sendable, Codable, Equatable {
    /// The server that made the change; a server ignores its own notices (its dashboards already have them).
    public let instance: String
    /// The directive whose counters changed.
    public let directiveID: Int
    /// The new absolute counters of the units that changed.
    public let changes: [ProgressChange]

    /// Creates a notice.
    public init(instance: String, directiveID: Int, changes: [ProgressChange]) {
        self.instance = instance; self.directiveID = directiveID; self.changes = changes
    }

    enum CodingKeys: String, CodingKey { case instance = "i", directiveID = "d", changes = "c" }
}

/// PostgreSQL LISTEN/NOTIFY for live dashboards: every server announces the counters a submission changed
/// after the write committed, and republishes what the others announce. Only PostgreSQL has it, and only
/// PostgreSQL can be shared by several servers; on SQLite there is one process and nothing to relay.
public struct ProgressChannel: Sendable {
    /// The PostgreSQL channel name.
    public static let name = "grassroots_progress"
    /// PostgreSQL refuses payloads of 8,000 bytes or more; the margin covers nothing in particular but costs nothing.
    static let payloadLimit = 7_800

    let store: PostgresStore
    /// This server's id, sent with every notice so that it can recognise (and skip) its own.
    public let instance: String
    let logger: Logger

    /// The channel of `database`, or nil when it is not PostgreSQL.
    public init?(_ database: any Database, instance: String = UUID().uuidString, logger: Logger = Logger(label: "grassroots.progress-channel")) {
        guard let store = database as? PostgresStore else { return nil }
        self.store = store; self.instance = instance; self.logger = logger
    }

    /// Tells the other servers about `changes`. A failure is logged, never thrown: the submission has committed,
    /// and the other dashboards catch up with the next change or a reload.
    public func notify(directiveID: Int, changes: [ProgressChange]) async {
        for payload in Self.payloads(instance: instance, directiveID: directiveID, changes: changes) {
            do {
                _ = try await store.read { db in try await db.raw("SELECT pg_notify(\(bind: Self.name), \(bind: payload)) AS sent").first() }
            } catch {
                logger.warning("progress notify failed", metadata: ["directive": "\(directiveID)", "error": "\(Self.describe(error))"])
                return
            }
        }
    }

    /// Listens until the task is cancelled, calling `receive` with every other server's notice. A dropped
    /// connection is reopened with a growing delay (0.5 s doubling to 30 s, reset once listening works again).
    /// Changes made while the connection was down are not replayed: a dashboard shows them on its next event or reload.
    public func listen(_ receive: @escaping @Sendable (ProgressNotice) async -> Void) async {
        var delay = Duration.milliseconds(500)
        while !Task.isCancelled {
            do {
                try await store.listen(channel: Self.name) { payload in
                    delay = .milliseconds(500)
                    guard let notice = try? JSONDecoder().decode(ProgressNotice.self, from: Data(payload.utf8)) else {
                        logger.warning("progress notice not understood", metadata: ["bytes": "\(payload.utf8.count)"])
                        return
                    }
                    if notice.instance != instance { await receive(notice) }
                } onListening: {
                    delay = .milliseconds(500)
                    logger.notice("listening for progress from other servers", metadata: ["channel": "\(Self.name)"])
                }
                if Task.isCancelled { return }
                logger.warning("progress listen ended; reconnecting", metadata: ["retry_in": "\(delay)"])
            } catch {
                if Task.isCancelled { return }
                logger.warning("progress listen failed; reconnecting", metadata: ["error": "\(Self.describe(error))", "retry_in": "\(delay)"])
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(30))
        }
    }

    /// The notices for one batch as JSON texts under the size limit. A batch repeats the same ancestors (every
    /// submission in a building changes the building, its compound, grid, …), so only the last counters of each
    /// unit are kept; what is still too long is split, each part carrying absolute counts and so standing alone.
    static func payloads(instance: String, directiveID: Int, changes: [ProgressChange]) -> [String] {
        var latest: [Int: ProgressChange] = [:], order: [Int] = []
        for change in changes {
            if latest.updateValue(change, forKey: change.unitID) == nil { order.append(change.unitID) }
        }
        let unique = order.compactMap { latest[$0] }
        guard !unique.isEmpty else { return [] }
        let encoder = JSONEncoder()
        func encode(_ part: ArraySlice<ProgressChange>) -> String? {
            (try? encoder.encode(ProgressNotice(instance: instance, directiveID: directiveID, changes: Array(part)))).map { String(decoding: $0, as: UTF8.self) }
        }
        var result: [String] = [], pending = unique[...]
        while !pending.isEmpty {
            // Halve the part until it fits; one unit's counters are a few hundred bytes, far under the limit.
            var count = pending.count
            while count > 1, (encode(pending.prefix(count))?.utf8.count ?? .max) > payloadLimit { count = (count + 1) / 2 }
            if let text = encode(pending.prefix(count)), text.utf8.count <= payloadLimit { result.append(text) }
            pending = pending.dropFirst(count)
        }
        return result
    }

    /// What went wrong, for the log: the driver's error code and the server's SQLSTATE, never the statement's binds.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(String(describing: error).prefix(200)) }
        return "\(error.code)" + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
    }
}
