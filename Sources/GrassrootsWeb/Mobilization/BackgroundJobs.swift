import Foundation
import GrassrootsStore
import Logging

/// The server's clockwork: heartbeats for live dashboards, the escalation pass with webhook delivery and overdue requests, and the
/// hourly sweep of photos no record took.
public struct BackgroundJobs: Sendable {
    let stores: Stores
    let webhook: WebhookConfiguration?
    let sender: WebhookSender
    let escalationInterval: Duration
    let logger: Logger

    /// Creates the jobs; `webhook` nil keeps escalations in the in-app inbox only.
    public init(stores: Stores, webhook: WebhookConfiguration?, sender: WebhookSender = .live, escalationInterval: Duration = .seconds(60),
                logger: Logger = Logger(label: "grassroots.jobs")) {
        self.stores = stores; self.webhook = webhook; self.sender = sender; self.escalationInterval = escalationInterval; self.logger = logger
    }

    /// Runs until the task is cancelled. A failing pass is logged and retried on the next tick, never fatal.
    /// With several servers on one PostgreSQL each runs this loop; the store takes care that a pass runs on one server
    /// at a time and each webhook delivery is sent by one (see `EscalationStore`).
    public func run() async {
        // Heartbeats every 15 s; a shorter escalation interval (tests, `serve --escalation-interval`) ticks faster.
        let tick = min(Duration.seconds(15), escalationInterval)
        var sinceEscalation = escalationInterval, sinceSweep = Duration.seconds(3600)
        while !Task.isCancelled {
            // Hourly: photos uploaded for a report that never came, and files no photo names any more.
            if sinceSweep >= .seconds(3600) {
                sinceSweep = .zero
                do {
                    let swept = try await stores.photos.sweep()
                    if swept > 0 { logger.notice("loose photos swept", metadata: ["count": "\(swept)"]) }
                } catch {
                    logger.error("photo sweep failed", metadata: ["error": "\(String(describing: error).prefix(300))"])
                }
            }
            await stores.hub.heartbeat()
            if sinceEscalation >= escalationInterval {
                sinceEscalation = .zero
                do {
                    let raised = try await stores.escalation.escalate(webhook: webhook)
                    if raised > 0 { logger.notice("escalations raised", metadata: ["count": "\(raised)"]) }
                    if let webhook { try await stores.escalation.deliver(webhook, sender: sender) }
                    let overdue = try await stores.requests.tellOverdue()
                    if overdue > 0 { logger.notice("overdue requests told", metadata: ["count": "\(overdue)"]) }
                    _ = try await QuarantineStore(stores.context).tellMissed()
                } catch {
                    logger.error("escalation pass failed", metadata: ["error": "\(String(describing: error).prefix(300))"])
                }
            }
            try? await Task.sleep(for: tick)
            sinceEscalation += tick; sinceSweep += tick
        }
    }
}
