import Foundation
import GrassrootsStore
import Logging

/// Sends queued messages through the SMS gateway, every second while there are any. With several servers on one
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
            do {
                let handed = try await stores.messages.send(through: gateway)
                if handed > 0 { logger.info("messages handed to the SMS gateway", metadata: ["count": "\(handed)"]) }
            } catch {
                logger.error("message pass failed", metadata: ["error": "\(String(describing: error).prefix(300))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
