import Foundation
import GrassrootsStore
import Logging

/// Sends queued messages through one gateway (the SMS gateway, or the work groups' robots): pass after pass while
/// each sends something, then every second. With several servers on one PostgreSQL each runs this loop and each
/// message is claimed by one (`DueQueue`). A failing pass is logged without any message's content, number or
/// group token, and tried again on the next tick.
public struct MessageSender: Sendable {
    let name: String
    let pass: @Sendable () async throws -> Int
    let logger: Logger

    public init(stores: Stores, gateway: SMSGateway, logger: Logger = Logger(label: "grassroots.messages")) {
        name = "the SMS gateway"; pass = { try await stores.messages.send(through: gateway) }; self.logger = logger
    }

    public init(stores: Stores, robots: RobotGateway, logger: Logger = Logger(label: "grassroots.messages")) {
        name = "work group robots"; pass = { try await stores.messages.post(through: robots) }; self.logger = logger
    }

    public func run() async {
        while !Task.isCancelled {
            var handed = 0
            do {
                handed = try await pass()
                if handed > 0 { logger.info("messages handed to \(name)", metadata: ["count": "\(handed)"]) }
            } catch {
                logger.error("message pass failed", metadata: ["gateway": "\(name)", "error": "\(String(describing: error).prefix(300))"])
            }
            // A pass that sent something may have left more due (a mass text): go on at once.
            if handed == 0 { try? await Task.sleep(for: .seconds(1)) }
        }
    }
}
