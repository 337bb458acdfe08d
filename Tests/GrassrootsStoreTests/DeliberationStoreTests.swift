import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Testing

/// The council hall and the fund on the demo city: who raises and votes on what, one ballot per voter (also when
/// two arrive at once), eligibility from the registry, the path from vote to resolution to progress, and a ledger
/// that never goes negative under concurrent entries.
@Suite struct DeliberationStoreTests {
    static let communityCode = "513401001003", gridCode = "513401001003001"

    struct World {
        let context: StoreContext
        let staff: Scope, street: Scope, resident: Scope, west: Scope
        let community: TerritoryUnit, grid: TerritoryUnit
    }

    static func world(_ engine: Engine) async throws -> World {
        let context = try await Fixtures.city(engine)
        let jumin = try await Fixtures.count(context, "SELECT id AS n FROM accounts WHERE username = 'jumin'")
        let community = try await UnitStore(context).unit(code: communityCode, scope: .system)
        return World(context: context, staff: try await Fixtures.scope(context, code: communityCode, role: .communityStaff),
                     street: try await Fixtures.scope(context, code: "513401001000", role: .streetAdmin),
                     resident: Scope(path: community.path, role: .resident, accountID: jumin, username: "jumin"),
                     west: try await Fixtures.scope(context, code: "513401002001", role: .communityStaff),
                     community: community, grid: try await UnitStore(context).unit(code: gridCode, scope: .system))
    }

    static func at(_ context: StoreContext, _ offset: Double) -> StoreContext {
        let date = context.clock().addingTimeInterval(offset)
        return StoreContext(database: context.database, cipher: context.cipher, clock: { date })
    }


    @Test(arguments: Fixtures.engines)
    func votesCountEachEligibleVoterOnceAndLeadToAResolution(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let council = CouncilStore(w.context), votes = CouncilVotes(w.context)
        await Fixtures.expectError(ValidationError.self) { try await council.raise(unitID: w.grid.id, title: "", description: "短", scope: w.resident) }
        await Fixtures.expectError(StoreError.self) { try await council.raise(unitID: w.grid.id, title: "越界", description: "不是本社区的议题", scope: w.west) }
        await Fixtures.expectError(AccessDenied.self) { try await council.raise(unitID: w.grid.id, title: "部门", description: "部门人员不提议题", scope:
            Scope(path: w.community.path, role: .departmentOfficer, accountID: 0, username: "o")) }
        let topic = try await council.raise(unitID: w.grid.id, title: "楼道安装声控灯", description: "楼道夜间太黑，建议安装声控灯。", scope: w.resident)
        try await council.comment(topic.id, text: "赞成，费用从基金出", scope: w.resident)
        await Fixtures.expectError(AccessDenied.self) { try await votes.open(topicID: topic.id, VoteInput(question: "是否安装", rule: "households", quorumPercent: 50, majorityPercent: 50, days: 3), scope: w.resident) }
        await Fixtures.expectError(ValidationError.self) { try await votes.open(topicID: topic.id, VoteInput(question: "", rule: "x", quorumPercent: 0, majorityPercent: 40, days: 0), scope: w.staff) }
        let vote = try await votes.open(topicID: topic.id, VoteInput(question: "是否安装声控灯", rule: "households", quorumPercent: 50, majorityPercent: 50, days: 3), scope: w.staff)
        let households = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM households WHERE path LIKE '\(w.grid.path)%'")
        #expect(vote.count.eligible == households && households > 2)

        // The resident votes for their household once; a second ballot, by them or by staff for the same household, is refused.
        _ = try await votes.cast(topicID: topic.id, choice: "yes", scope: w.resident)
        await Fixtures.expectError(StoreError.self) { try await votes.cast(topicID: topic.id, choice: "no", scope: w.resident) }
        let own = try await Fixtures.count(w.context, "SELECT household_id AS n FROM accounts WHERE username = 'jumin'")
        await Fixtures.expectError(StoreError.self) { try await votes.cast(topicID: topic.id, choice: "no", householdID: own, scope: w.staff) }
        // A household outside the grid is not eligible.
        let outside = try await Fixtures.count(w.context, "SELECT MIN(id) AS n FROM households WHERE path NOT LIKE '\(w.grid.path)%'")
        await Fixtures.expectError(ValidationError.self) { try await votes.cast(topicID: topic.id, choice: "yes", householdID: outside, scope: w.staff) }
        // Two ballots for one household at the same moment: exactly one counts.
        let others = try await w.context.database.read { db in
            try await db.raw("SELECT id FROM households WHERE path LIKE \(bind: w.grid.path + "%") AND id <> \(bind: own) ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
        }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for choice in ["yes", "no"] { group.addTask { (try? await votes.cast(topicID: topic.id, choice: choice, householdID: others[0], scope: w.staff)) != nil } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let counted = try await Fixtures.count(w.context, "SELECT yes + no + abstain AS n FROM votes WHERE id = \(vote.id)")
        let ballots = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM ballots WHERE vote_id = \(vote.id)")
        #expect(counted == 2 && ballots == 2)
        for household in others.dropFirst().prefix(households / 2) { _ = try await votes.cast(topicID: topic.id, choice: "yes", householdID: household, scope: w.staff) }

        await Fixtures.expectError(StoreError.self) { try await votes.close(topicID: topic.id, scope: w.staff) }  // still open
        await Fixtures.expectError(StoreError.self) { try await council.publish(topic.id, resolution: "安装声控灯", days: 7, scope: w.staff) }
        let later = Self.at(w.context, 3 * 86400 + 60)
        await Fixtures.expectError(StoreError.self) { try await CouncilVotes(later).cast(topicID: topic.id, choice: "yes", householdID: others.last!, scope: w.staff) }
        let closed = try await CouncilVotes(later).close(topicID: topic.id, scope: w.staff)
        #expect(closed.result == .passed && closed.count.cast * 100 >= 50 * households)
        let published = try await CouncilStore(later).publish(topic.id, resolution: "同意安装声控灯，基金列支", days: 5, scope: w.staff)
        #expect(published.status == .publicized)
        await Fixtures.expectError(StoreError.self) { try await CouncilStore(later).progress(topic.id, percent: 50, note: "已采购", scope: w.staff) }
        let after = Self.at(w.context, 9 * 86400)
        _ = try await CouncilStore(after).progress(topic.id, percent: 50, note: "已采购灯具", scope: w.staff)
        await Fixtures.expectError(ValidationError.self) { try await CouncilStore(after).progress(topic.id, percent: 30, note: "倒退", scope: w.staff) }
        #expect(try await CouncilStore(after).progress(topic.id, percent: 100, note: "全部安装完成", scope: w.staff).status == .done)
        #expect(try await council.topics(scope: w.west).allSatisfy { $0.id != topic.id })
    }

    @Test(arguments: Fixtures.engines)
    func residentsRuleCountsAdultsLivingThere(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let topic = try await CouncilStore(w.context).raise(unitID: w.grid.id, title: "网格公约修订", description: "修订网格居民公约第三条。", scope: w.staff)
        let vote = try await CouncilVotes(w.context).open(topicID: topic.id, VoteInput(question: "是否同意修订", rule: "residents", quorumPercent: 10, majorityPercent: 50, days: 2), scope: w.staff)
        let adults = try await Fixtures.count(w.context, """
            SELECT COUNT(*) AS n FROM residents WHERE path LIKE '\(w.grid.path)%' AND residence_status <> 'registered_away' AND birth_date IS NOT NULL AND birth_date <= '2008-11-18'
            """)
        #expect(vote.count.eligible == adults)
        await Fixtures.expectError(AccessDenied.self) { try await CouncilVotes(w.context).cast(topicID: topic.id, choice: "yes", scope: w.resident) }
        let child = try await w.context.database.read { db in
            try await db.raw("SELECT id FROM residents WHERE path LIKE \(bind: w.grid.path + "%") AND birth_date > '2008-11-18' ORDER BY id LIMIT 1").first()?.decode(column: "id", as: Int.self)
        }
        if let child { await Fixtures.expectError(ValidationError.self) { try await CouncilVotes(w.context).cast(topicID: topic.id, choice: "yes", residentID: child, scope: w.staff) } }
        let adult = try await Fixtures.count(w.context, "SELECT MIN(id) AS n FROM residents WHERE path LIKE '\(w.grid.path)%' AND residence_status <> 'registered_away' AND birth_date <= '2008-11-18'")
        #expect(try await CouncilVotes(w.context).cast(topicID: topic.id, choice: "abstain", residentID: adult, scope: w.staff).count.abstain == 1)
    }

    @Test(arguments: Fixtures.engines)
    func fundNeverGoesNegativeEvenUnderConcurrentEntries(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let fund = FundStore(w.context)
        let other = try await UnitStore(w.context).unit(code: "513401001006", scope: .system)
        await Fixtures.expectError(ValidationError.self) { try await fund.record(communityID: other.id, kind: "donation", amount: "0", party: "", scope: w.street) }
        await Fixtures.expectError(ValidationError.self) { try await fund.record(communityID: other.id, kind: "disbursement", amount: "10", party: "某公司", scope: w.street) }
        await Fixtures.expectError(StoreError.self) { try await fund.record(communityID: other.id, kind: "donation", amount: "10", party: "越界", scope: w.west) }
        await Fixtures.expectError(AccessDenied.self) { try await fund.record(communityID: other.id, kind: "donation", amount: "10", party: "居民", scope: w.resident) }
        let donation = try await fund.record(communityID: other.id, kind: "donation", amount: "30.00", party: "辖区单位", scope: w.street)
        await Fixtures.expectError(ValidationError.self) { try await fund.record(communityID: other.id, kind: "disbursement", amount: "30.01", party: "施工队", project: "修路", scope: w.street) }
        // 40 disbursements of ¥1 at once on a balance of ¥30: exactly 30 go through and 10 are refused as overdrawing.
        // One that finds the database busy (a lease or lock wait that ran out on a loaded machine) is sent again, as
        // a client would; any other outcome counts as neither.
        let results = await withTaskGroup(of: Bool?.self) { group in
            for n in 0..<40 {
                group.addTask {
                    for _ in 0..<5 {
                        do {
                            _ = try await fund.record(communityID: other.id, kind: "disbursement", amount: "1", party: "志愿者补贴\(n)", project: "楼道清洁", scope: w.street)
                            return true
                        } catch is ValidationError {
                            return false
                        } catch StoreError.unavailable {
                            continue
                        } catch {
                            return nil
                        }
                    }
                    return nil
                }
            }
            return await group.reduce(into: [Bool?]()) { $0.append($1) }
        }
        #expect(results.filter { $0 == true }.count == 30 && results.filter { $0 == false }.count == 10)
        let ledger = try await fund.ledger(code: other.code!)
        #expect(ledger.balanceFen == 0 && ledger.incomeFen == 3000 && ledger.spendingFen == 3000)
        // The stored balance equals the sum of the entries, and each entry's balance-after is the running sum.
        var running = 0
        for entry in ledger.entries { running += entry.direction * entry.amountFen; #expect(entry.balanceAfterFen == running && running >= 0) }
        #expect(try await Fixtures.count(w.context, "SELECT CAST(SUM(direction * amount_fen) AS INTEGER) AS n FROM fund_entries WHERE community_id = \(other.id)") == 0)
        // Reversing the donation would overdraw; reversing a disbursement works once.
        await Fixtures.expectError(ValidationError.self) { try await fund.reverse(donation.id, memo: "捐赠退回", scope: w.street) }
        let spent = try #require(ledger.entries.first { $0.kind == .disbursement })
        let back = try await fund.reverse(spent.id, memo: "重复发放，收回", scope: w.street)
        #expect(back.direction == 1 && back.balanceAfterFen == 100)
        await Fixtures.expectError(StoreError.self) { try await fund.reverse(spent.id, memo: "再次冲销", scope: w.street) }
        await Fixtures.expectError(StoreError.self) { try await fund.reverse(back.id, memo: "冲销冲销", scope: w.street) }
        let final = try await fund.ledger(code: other.code!)
        #expect(final.balanceFen == 100 && final.spendingFen == 2900 && final.entries.first { $0.id == spent.id }?.reversedBy == back.id)
        // `grassroots verify` recounts balances, running balances and vote counts: nothing is off after the rush.
        let broken = try await Verifier(w.context).run().filter { $0.violations > 0 }.map(\.name)
        #expect(broken.isEmpty, "\(broken)")
        // A disbursement may name only an adopted, published resolution of the community.
        let topic = try await CouncilStore(w.context).raise(unitID: other.id, title: "未表决议题", description: "还没有表决的议题", scope: w.street)
        await Fixtures.expectError(ValidationError.self) { try await fund.record(communityID: other.id, kind: "disbursement", amount: "1", party: "x", topicID: topic.id, scope: w.street) }
    }

    @Test(arguments: Fixtures.engines)
    func meetingsAndResolutionsRefuseBadInput(engine: Engine) async throws {
        let w = try await Self.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let council = CouncilStore(w.context)
        let topic = try await council.raise(unitID: w.grid.id, title: "停车位划线", description: "重新划定小区停车位", scope: w.resident)
        await Fixtures.expectError(ValidationError.self) {
            try await council.recordMeeting(topic.id, heldAt: "2099-01-01 10:00", place: "", attendees: 0, minutes: "短", scope: w.staff)
        }
        await Fixtures.expectError(AccessDenied.self) {
            try await council.recordMeeting(topic.id, heldAt: "2026-11-10 10:00", place: "议事厅", attendees: 10, minutes: "讨论停车位划线方案", scope: w.resident)
        }
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM topic_posts WHERE topic_id = \(topic.id) AND kind = 'meeting'") == 0)
        try await council.recordMeeting(topic.id, heldAt: "2026-11-10 10:00", place: "议事厅", attendees: 10, minutes: "讨论停车位划线方案", scope: w.staff)
        await Fixtures.expectError(ValidationError.self) { try await council.publish(topic.id, resolution: "短", days: 31, scope: w.staff) }
        await Fixtures.expectError(StoreError.self) { try await council.publish(topic.id, resolution: "同意重新划线", days: 7, scope: w.staff) }  // no vote yet
        #expect(try await council.topic(topic.id, scope: w.staff).topic.status == .discussion)
    }
}
