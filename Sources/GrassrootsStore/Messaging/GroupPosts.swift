import Foundation
import GrassrootsCore
import SQLKit

extension MessageStore {
    /// Both platforms take at most 20 messages a minute from one robot, and answer with an error past that.
    static let groupPostsPerMinute = 20

    /// Posts the work-group messages that are due through `gateway`, one at a time (a handful per directive, not a
    /// mass text); returns how many were posted. A group's token and secret are decrypted only here. A group that has
    /// had its 20 posts this minute waits a minute, without that counting as an attempt. The platform down or busy:
    /// the rest of the claim for that platform waits with the same doubling retries as texts.
    @discardableResult
    public func post(through gateway: RobotGateway) async throws -> Int {
        let due = try await DueQueue(table: "messages", columns: ["id", "group_id", "body", "attempts", "expires_at"],
                                     status: MessageStatus.queued.rawValue, only: ("channel", RobotPlatform.allCases.map(\.rawValue))).claim(context)
        guard !due.isEmpty else { return 0 }
        let now = context.clock()
        let (groups, recent) = try await context.database.read { db in
            let ids = try due.map { try $0.decode(column: "group_id", as: Int.self) }
            let groups = try await db.select().columns("id", "platform", "token_enc", "secret_enc").from("team_groups").where("id", .in, SQLBind.group(ids))
                .where("removed_at", .is, SQLLiteral.null).all()
            let recent = try await db.raw("""
                SELECT group_id, COUNT(*) AS n FROM messages WHERE group_id IS NOT NULL AND sent_at >= \(bind: Timestamp.format(now.addingTimeInterval(-60)))
                GROUP BY group_id
                """).all()
            return (Dictionary(uniqueKeysWithValues: try groups.map { (try $0.decode(column: "id", as: Int.self), $0) }),
                    Dictionary(uniqueKeysWithValues: try recent.map { (try $0.decode(column: "group_id", as: Int.self), try $0.decode(column: "n", as: Int.self)) }))
        }
        var outcomes: [(id: Int, attempts: Int, answer: GatewayAnswer)] = [], deferred: [Int] = []
        var posted = recent, down: [RobotPlatform: String] = [:]
        for row in due {
            let id = try row.decode(column: "id", as: Int.self), attempts = try row.decode(column: "attempts", as: Int.self) + 1
            let groupID = try row.decode(column: "group_id", as: Int.self)
            guard let group = groups[groupID], let platform = RobotPlatform(rawValue: try group.decode(column: "platform", as: String.self)),
                  let token = context.cipher.decrypt(try group.decode(column: "token_enc", as: String.self)) else {
                outcomes.append((id, attempts, .refused("工作群已移除"))); continue
            }
            guard let expires = Timestamp.parse(try row.decode(column: "expires_at", as: String.self)), expires > now else {
                outcomes.append((id, attempts, .refused("过期未发送（平台一天内未能接收）"))); continue
            }
            if let reason = down[platform] { outcomes.append((id, attempts, .later(reason))); continue }
            guard posted[groupID, default: 0] < Self.groupPostsPerMinute else { deferred.append(id); continue }
            let secret = try group.decode(column: "secret_enc", as: String?.self).flatMap(context.cipher.decrypt)
            let answer = await gateway.post(platform, token, secret, try row.decode(column: "body", as: String.self))
            if case .later(let reason) = answer { down[platform] = reason }
            if answer == .accepted { posted[groupID, default: 0] += 1 }
            outcomes.append((id, attempts, answer))
        }
        try await finish(outcomes, deferred: deferred, now: context.clock())
        return outcomes.count { $0.answer == .accepted }
    }
}
