import Foundation
import GrassrootsCore
import SQLKit

/// The council hall and fund for the demo, in 大通门社区: a lift-installation topic raised by `jumin`, discussed,
/// met on, voted on by household (ballots recorded by staff), adopted, published and now being carried out; a topic
/// still under discussion; and the community fund with a donation, a grant, a disbursement for the lift and a
/// mistaken entry reversed. Every step goes through the stores at its own time.
struct DemoCouncil {
    let context: StoreContext

    func build() async throws {
        guard let grid = try? await UnitStore(context).unit(code: "513401001003001", scope: .system) else { return }
        let community = try await UnitStore(context).unit(grid.parentID!, scope: .system)
        let households: [(id: Int, compound: Int)] = try await context.database.read { db in
            let jumin = try await db.raw("SELECT household_id FROM accounts WHERE username = 'jumin'").first()?.decode(column: "household_id", as: Int?.self)
            guard let jumin, let compound = try await db.raw("SELECT compound_id FROM households WHERE id = \(bind: jumin)").first()?.decode(column: "compound_id", as: Int.self)
            else { return [] }
            return try await db.raw("SELECT id FROM households WHERE compound_id = \(bind: compound) ORDER BY id").all().map { (try $0.decode(column: "id", as: Int.self), compound) }
        }
        guard let compound = households.first?.compound else { return }
        let jumin = try await context.database.read { db in try await db.raw("SELECT id FROM accounts WHERE username = 'jumin'").first()!.decode(column: "id", as: Int.self) }
        let resident = Scope(path: community.path, role: .resident, accountID: jumin, username: "jumin")
        let staff = Scope(path: community.path, role: .communityStaff, accountID: 0, username: "datongmen")
        let now = context.clock(), day = 86400.0

        let t0 = now.addingTimeInterval(-30 * day)
        let lift = try await CouncilStore(context.at(t0)).raise(unitID: compound, title: "老旧楼栋加装电梯", description: "小区多为六层楼，老人上下楼困难，建议申请加装电梯，费用按楼层分摊。",
                                                        scope: resident)
        try await CouncilStore(context.at(t0.addingTimeInterval(2 * day))).comment(lift.id, text: "一楼住户担心采光和噪音，希望先看方案。", scope: staff)
        try await CouncilStore(context.at(t0.addingTimeInterval(6 * day))).recordMeeting(lift.id, heldAt: LocalTime.format(t0.addingTimeInterval(5 * day)), place: "大通门社区红色议事厅",
                                                                                attendees: 26, minutes: "居民代表、物业、设计单位参会；介绍加装方案与分摊办法，一楼住户意见已记录，方案调整为透明井道。",
                                                                                scope: staff)
        let opened = t0.addingTimeInterval(8 * day)
        _ = try await CouncilVotes(context.at(opened)).open(topicID: lift.id, VoteInput(question: "是否同意按调整后的方案加装电梯", rule: VoteRule.households.rawValue,
                                                                                quorumPercent: 50, majorityPercent: 66, days: 7), scope: staff)
        let voting = households.prefix(max(1, households.count * 3 / 4))
        for (index, household) in voting.enumerated() {
            let choice: BallotChoice = index % 10 == 9 ? .no : index % 10 == 8 ? .abstain : .yes
            _ = try await CouncilVotes(context.at(opened.addingTimeInterval(Double(index) * 1800))).cast(topicID: lift.id, choice: choice.rawValue, householdID: household.id, scope: staff)
        }
        let closed = opened.addingTimeInterval(7 * day + 600)
        let vote = try await CouncilVotes(context.at(closed)).close(topicID: lift.id, scope: staff)
        if vote.result == .passed {
            _ = try await CouncilStore(context.at(closed.addingTimeInterval(3600))).publish(lift.id, resolution: "同意加装电梯，采用透明井道方案；费用按楼层系数分摊，社区发展基金补助井道基础费用。",
                                                                                 days: 7, scope: staff)
            _ = try await CouncilStore(context.at(closed.addingTimeInterval(9 * day))).progress(lift.id, percent: 40, note: "设计图审查完成，施工单位已进场开挖基础。", scope: staff)
        }
        _ = try await CouncilStore(context.at(now.addingTimeInterval(-2 * day))).raise(unitID: grid.id, title: "网格内增设电动车充电桩",
                                                                                description: "楼道充电存在火灾隐患，建议在小区空地集中设置充电桩。", scope: resident)

        _ = try await FundStore(context.at(t0)).record(communityID: community.id, kind: FundEntryKind.grant.rawValue, amount: "50000", party: "北城街道办事处",
                                               memo: "2026年社区发展基金启动资金", scope: staff)
        _ = try await FundStore(context.at(t0.addingTimeInterval(day))).record(communityID: community.id, kind: FundEntryKind.donation.rawValue, amount: "20000",
                                                                       party: "西昌市某建筑公司（双报到单位）", scope: staff)
        let mistaken = try await FundStore(context.at(t0.addingTimeInterval(2 * day))).record(communityID: community.id, kind: FundEntryKind.donation.rawValue, amount: "2000",
                                                                                      party: "居民个人捐赠", memo: "录入重复", scope: staff)
        _ = try await FundStore(context.at(t0.addingTimeInterval(2 * day + 600))).reverse(mistaken.id, memo: "重复录入，冲销", scope: staff)
        if vote.result == .passed {
            _ = try await FundStore(context.at(closed.addingTimeInterval(10 * day))).record(communityID: community.id, kind: FundEntryKind.disbursement.rawValue, amount: "12000",
                                                                                    party: "电梯井道基础施工单位", topicID: lift.id, memo: "按决议补助井道基础费用", scope: staff)
        }
    }
}
