import Foundation
import GrassrootsStore
import Logging

/// Sends queued messages through the SMS gateway: pass after pass while each sends something, then every second. With several servers on one
/// PostgreSQL each runs this loop and each message is claimed by one (`DueQueue`). A failing pass is logged without
/// any message's content or number, and tried again on the next tick.
public struct MessageSender: Sendable {
    let stores: Stores
    let gateway: SMSGateway
    let logger: Logger

    public init(stores: Stores, gateway: SMSGateway, logger: Logger = Logger(label: "grassroots.messages")) {
        self.stores = stores; self.gateway = gateway; self.logger = logger
    }

    public func run() async {
        while !Task.isCancelled {
            var handed = 0
            do {
                handed = try await stores.messages.send(through: gateway)
                if handed > 0 { logger.info("messages handed to the SMS gateway", metadata: ["count": "\(handed)"]) }
            } catch {
                logger.error("message pass failed", metadata: ["error": "\(String(describing: error).prefix(300))"])
            }
            // A pass that sent something may have left more due (a mass text): go on at once.
            if handed == 0 { try? await Task.sleep(for: .seconds(1)) }
        }
    }
}
