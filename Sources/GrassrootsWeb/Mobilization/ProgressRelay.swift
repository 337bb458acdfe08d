import Foundation
import GrassrootsStore
import Logging

/// Joins the `ProgressHub`s of several servers on one PostgreSQL database, so that a submission on one shows on
/// the live dashboards of all: the hub announces each batch on the database's channel, and what the other servers
/// announce is delivered to this server's watchers. There is no relay on SQLite, where one process has every watcher.
public struct ProgressRelay: Sendable {
    let channel: ProgressChannel
    let hub: ProgressHub

    /// The relay for `stores`, or nil when the database is not PostgreSQL.
    public init?(stores: Stores, logger: Logger = Logger(label: "grassroots.progress-relay")) {
        guard let channel = ProgressChannel(stores.context.database, logger: logger) else { return nil }
        self.channel = channel; self.hub = stores.hub
    }

    /// This server's id on the channel.
    public var instance: String { channel.instance }

    /// Relays in both directions until the task is cancelled.
    public func run() async {
        let channel = channel, hub = hub
        await hub.relay { directiveID, changes in await channel.notify(directiveID: directiveID, changes: changes) }
        await channel.listen { notice in await hub.deliver(notice.directiveID, notice.changes) }
    }
}
