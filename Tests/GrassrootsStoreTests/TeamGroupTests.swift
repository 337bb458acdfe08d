import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Synchronization
import Testing

/// Work groups of units' teams: their robots' tokens sealed, a directive posted to each group of its area with that
/// unit's own count, an escalation to the group of the tier it is raised to, 20 posts a minute per robot at most,
/// and a removed group posted to no more.
@Suite struct TeamGroupTests {
    /// A robot platform that records what it was given and answers from a script (then `accepted`).
    final class Robots: Sendable {
        let posted = Mutex<[(platform: RobotPlatform, token: String, secret: String?, markdown: String)]>([])
        let answers: Mutex<[GatewayAnswer]>
        init(_ answers: [GatewayAnswer] = []) { self.answers = Mutex(answers) }
        var gateway: RobotGateway {
            RobotGateway { platform, token, secret, markdown in
                self.posted.withLock { $0.append((platform, token, secret, markdown)) }
                return self.answers.withLock { $0.isEmpty ? .accepted : $0.removeFirst() }
            }
        }
    }

    static let wecomToken = "693a91f6-7abc-4bc4-97a0-0ec2f1fa5aaa"
    static let dingtalkToken = String(repeating: "ab12", count: 16)
    static let secret = "SEC" + String(repeating: "0123456789abcdef", count: 4)

    static func group(_ context: StoreContext, _ code: String, _ platform: RobotPlatform, name: String, scope: Scope) async throws -> TeamGroup {
        let unit = try await UnitStore(context).unit(code: code, scope: .system)
        let webhook = platform == .wecom ? "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=\(wecomToken)"
                                         : "https://oapi.dingtalk.com/robot/send?access_token=\(dingtalkToken)"
        return try await TeamGroupStore(context).add(.unit(unit.id), try TeamGroupInput(platform: platform.rawValue, name: name, webhook: webhook,
                                                                                         secret: platform == .dingtalk ? secret : nil), scope: scope)
    }

    static func posts(_ context: StoreContext, group: Int) async throws -> [(body: String, status: String, attempts: Int, next: String)] {
        try await context.database.read { db in
            try await db.raw("SELECT body, status, attempts, next_attempt_at FROM messages WHERE group_id = \(bind: group) ORDER BY id").all().map {
                (try $0.decode(column: "body", as: String.self), try $0.decode(column: "status", as: String.self),
                 try $0.decode(column: "attempts", as: Int.self), try $0.decode(column: "next_attempt_at", as: String.self))
            }
        }
    }

    @Test(arguments: Fixtures.engines)
    func aDirectivePostsToEachGroupOfItsAreaWithThatUnitsOwnCount(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let admin = try await Fixtures.scope(context, code: MobilizationTests.street, role: .streetAdmin)
        let street = try await Self.group(context, MobilizationTests.street, .wecom, name: "街道工作群", scope: admin)
        let community = try await Self.group(context, MobilizationTests.community, .dingtalk, name: "社区工作群", scope: admin)
        let otherAdmin = try await Fixtures.scope(context, code: "513401002000", role: .streetAdmin)
        let other = try await Self.group(context, "513401002000", .wecom, name: "另一街道群", scope: otherAdmin)
        // The token and the secret are sealed; the page's list never carries them.
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM team_groups WHERE token_enc LIKE '%693a91f6%' OR secret_enc LIKE '%SEC%'") == 0)
        let unit = try await UnitStore(context).unit(code: MobilizationTests.community, scope: .system)
        #expect(try await TeamGroupStore(context).groups(.unit(unit.id), scope: admin).map(\.name) == ["社区工作群"])
        #expect(try await TeamGroupStore(context).groups(.unit(unit.id), scope: admin).first?.signed == true)
        // Outside one's scope, or a role that does not issue directives: refused.
        await Fixtures.expectError(StoreError.self) { try await Self.group(context, MobilizationTests.community, .wecom, name: "越权", scope: otherAdmin) }
        let worker = try await Fixtures.scope(context, code: "513401001003001", role: .gridWorker)
        await Fixtures.expectError(AccessDenied.self) { try await Self.group(context, "513401001003001", .wecom, name: "网格", scope: worker) }

        let (directive, _) = try await MobilizationTests.issue(context)
        let words = MessageText.groupDirective(title: directive.title, deadline: directive.deadline, link: nil)
        let streetPosts = try await Self.posts(context, group: street.id), communityPosts = try await Self.posts(context, group: community.id)
        #expect(streetPosts.map(\.body) == [words.before + String(directive.targetCount) + words.after])
        let inCommunity = try await MobilizationTests.recount(context, directive.id, code: MobilizationTests.community)
        #expect(inCommunity > 0 && inCommunity < directive.targetCount)
        #expect(communityPosts.map(\.body) == [words.before + String(inCommunity) + words.after])
        #expect(try await Self.posts(context, group: other.id).isEmpty, "a group outside the directive's area hears nothing")

        let robots = Robots()
        #expect(try await MessageStore(context).post(through: robots.gateway) == 2)
        let posted = robots.posted.withLock { $0 }
        #expect(posted.map(\.platform) == [.wecom, .dingtalk] && posted.map(\.token) == [Self.wecomToken, Self.dingtalkToken])
        #expect(posted.map(\.secret) == [nil, Self.secret])
        #expect(try await Self.posts(context, group: community.id).map(\.status) == ["sent"])
        #expect(try await MessageStore(context).post(through: robots.gateway) == 0)
        // Texts to the workers are the SMS sender's, not the robots'.
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM messages WHERE channel = 'sms' AND status = 'queued'") > 0)
    }

    @Test(arguments: Fixtures.engines)
    func aRobotTakesTwentyAMinuteAndARemovedGroupNoMore(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let admin = try await Fixtures.scope(context, code: MobilizationTests.street, role: .streetAdmin)
        let street = try await UnitStore(context).unit(code: MobilizationTests.street, scope: .system)
        let wecom = try await Self.group(context, MobilizationTests.street, .wecom, name: "街道工作群", scope: admin)
        let dingtalk = try await Self.group(context, MobilizationTests.street, .dingtalk, name: "钉钉群", scope: admin)
        for _ in 0..<25 { try await TeamGroupStore(context).test(wecom.id, of: .unit(street.id), scope: admin) }
        #expect(try await MessageStore(context).post(through: Robots().gateway) == 20)
        let posts = try await Self.posts(context, group: wecom.id)
        #expect(posts.filter { $0.status == "sent" }.count == 20)
        let waiting = posts.filter { $0.status == "queued" }
        #expect(waiting.count == 5 && waiting.allSatisfy { $0.attempts == 0 && $0.next == Timestamp.format(context.clock().addingTimeInterval(60)) })
        #expect(try await MessageStore(context).post(through: Robots().gateway) == 0, "nothing more this minute")

        // The platform busy: the post waits, counting an attempt; a refusal fails it with the platform's words.
        try await TeamGroupStore(context).test(dingtalk.id, of: .unit(street.id), scope: admin)
        #expect(try await MessageStore(context).post(through: Robots([.later("errcode 130101: send too fast")]).gateway) == 0)
        #expect(try await Self.posts(context, group: dingtalk.id).map(\.attempts) == [1])
        try await context.database.write { db in try await db.raw("UPDATE messages SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE group_id = \(bind: dingtalk.id)").run() }
        #expect(try await MessageStore(context).post(through: Robots([.refused("errcode 310000: sign not match")]).gateway) == 0)
        let failed = try await context.database.read { db in
            try await MessageStore.messages(kind: "team_group", id: dingtalk.id, status: .failed, db: db, cipher: context.cipher)
        }
        #expect(failed.map(\.lastError) == ["errcode 310000: sign not match"] && failed.map(\.recipient) == ["钉钉群"] && failed.map(\.platform) == [.dingtalk])

        // Removed: what waited for it fails, it leaves the list, and nothing more is queued for it.
        try await TeamGroupStore(context).remove(wecom.id, of: .unit(street.id), scope: admin)
        #expect(try await Self.posts(context, group: wecom.id).filter { $0.status == "failed" }.count == 5)
        #expect(try await TeamGroupStore(context).groups(.unit(street.id), scope: admin).map(\.id) == [dingtalk.id])
        await Fixtures.expectError(StoreError.self) { try await TeamGroupStore(context).test(wecom.id, of: .unit(street.id), scope: admin) }
        #expect(try await Self.posts(context, group: wecom.id).count == 25)
        await Fixtures.expectError(StoreError.self) { try await TeamGroupStore(context).remove(wecom.id, of: .unit(street.id), scope: admin) }
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'team_group'") == 3)
    }

    @Test(arguments: Fixtures.engines)
    func anEscalationIsPostedToTheGroupOfTheTierAbove(engine: Engine) async throws {
        let base = try await Fixtures.city(engine)
        defer { Task { try? await base.database.close() } }
        let admin = try await Fixtures.scope(base, code: MobilizationTests.street, role: .streetAdmin)
        let group = try await Self.group(base, MobilizationTests.community, .wecom, name: "社区工作群", scope: admin)
        let (directive, _) = try await MobilizationTests.issue(base, code: MobilizationTests.community)
        try await base.database.write { db in try await db.raw("UPDATE directives SET status = 'cancelled' WHERE id <> \(bind: directive.id)").run() }
        let later = StoreContext(database: base.database, cipher: base.cipher, clock: { base.clock().addingTimeInterval(25 * 3600) })
        let raised = try await EscalationStore(later).escalate(webhook: nil)
        let grids = try await Fixtures.count(base, """
            SELECT COUNT(*) AS n FROM units g JOIN units c ON c.code = '\(MobilizationTests.community)' WHERE g.kind = 'grid' AND g.parent_id = c.id
            """)
        #expect(raised > grids && grids > 0)
        // One post per grid stalled under the community (the issue post came first); compounds go to their grid, which has no group.
        let posts = try await Self.posts(base, group: group.id)
        #expect(posts.count == 1 + grids && posts.dropFirst().allSatisfy { $0.body.hasPrefix("### 任务预警\n> 网格") && $0.body.contains(directive.title) })
        #expect(posts.dropFirst().allSatisfy { $0.next == Timestamp.format(later.clock()) }, "at once, night or not")
    }

    @Test(arguments: Fixtures.engines)
    func aSummonsTellsItsDepartmentsGroupsAndTheStreetHearsTheirRequests(engine: Engine) async throws {
        let w = try await CoordinationStoreTests.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let groups = TeamGroupStore(w.context)
        func add(_ owner: TeamGroupOwner, _ name: String, _ scope: Scope) async throws -> TeamGroup {
            try await groups.add(owner, try TeamGroupInput(platform: "wecom", name: name, webhook: Self.wecomToken, secret: nil), scope: scope)
        }
        let police = try await add(.department(w.pol.id), "公安局吹哨群", w.police), health = try await add(.department(w.hea.id), "卫健委群", w.health)
        let street = try await add(.unit(w.streetUnit.id), "街道工作群", w.street)
        // Only a department's own officers keep its groups.
        await Fixtures.expectError(AccessDenied.self) { try await add(.department(w.pol.id), "越权", w.health) }
        await Fixtures.expectError(AccessDenied.self) { try await add(.department(w.pol.id), "越权", w.admin) }
        #expect(try await groups.groups(.department(w.pol.id), scope: w.police).map(\.name) == ["公安局吹哨群"])
        #expect(try await groups.groups(.unit(w.streetUnit.id), scope: w.street).map(\.name) == ["街道工作群"], "a department's group is not the street's")

        let store = SummonsStore(w.context)
        let raised = try await store.raise(CoordinationStoreTests.input(w.community.id, [w.pol.id]), scope: w.street)
        let due = try #require(raised.targets.first?.clocks?.respondDue)
        #expect(try await Self.posts(w.context, group: police.id).map(\.body) == [
            MessageText.groupSummons(title: raised.title, street: raised.streetName, urgency: "一般", respondBy: due, link: nil)])
        #expect(try await Self.posts(w.context, group: health.id).isEmpty)
        #expect(try await Self.posts(w.context, group: street.id).isEmpty)

        let target = try #require(raised.targets.first)
        _ = try await store.act(targetID: target.id, .accept, note: "", scope: w.police)
        #expect(try await Self.posts(w.context, group: street.id).isEmpty, "an accepted summons needs no decision of the street")
        _ = try await store.act(targetID: target.id, .requestReturn, note: "非本部门职责", scope: w.police)
        #expect(try await Self.posts(w.context, group: street.id).map(\.body) == [
            MessageText.groupSummonsStep(title: raised.title, who: target.name, step: "申请退回", link: nil)])
        _ = try await store.act(targetID: target.id, .denyRequest, note: "属于公安职责", scope: w.street)
        #expect(try await Self.posts(w.context, group: police.id).map(\.body).last == MessageText.groupSummonsStep(title: raised.title, who: raised.streetName,
                                                                                                                 step: "不同意申请", link: nil))
        // A drill or a directive never reaches a department's group: it lies at the city, inside every area.
        _ = try await MobilizationTests.issue(w.context, code: CoordinationStoreTests.cityCode)
        #expect(try await Self.posts(w.context, group: police.id).count == 2)
    }

    @Test(arguments: Fixtures.engines)
    func anOverdueRequestIsToldOnceToItsResidentAndItsHandlersGroup(engine: Engine) async throws {
        let w = try await ServicesStoreTests.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = RequestStore(w.context), noise = try await ServicesStoreTests.category(w.context, "noise")
        func file(_ phone: String) async throws -> ServiceRequest {
            try await store.submit(RequestInput(kind: "help", categoryID: noise, unitID: w.gridUnit.id, description: "楼下烧烤噪音", contactPhone: phone), scope: w.community)
        }
        let filed = try await file("13912345678"), answered = try await file("13700001111")
        // Its time to resolve as acceptance set it.
        let late = try await store.act(filed.id, .accept, note: "", scope: w.grid)
        _ = try await store.act(answered.id, .accept, note: "", scope: w.grid)
        _ = try await store.act(answered.id, .reply, note: "已劝导", scope: w.grid)
        let handler = try await Fixtures.count(w.context, "SELECT handler_unit_id AS n FROM requests WHERE id = \(late.id)")
        let admin = try await Fixtures.scope(w.context, code: CoordinationStoreTests.streetCode, role: .streetAdmin)
        let group = try await TeamGroupStore(w.context).add(.unit(handler), try TeamGroupInput(platform: "wecom", name: "承办群", webhook: Self.wecomToken, secret: nil),
                                                            scope: admin)
        // The demo's own overdue requests are told first, so that what follows is about these two.
        _ = try await RequestStore(w.context).tellOverdue()
        #expect(try await MessageStoreTests.messages(w.context, request: late.id).map(\.event) == [.requestAccepted], "not overdue yet")
        let after = StoreContext(database: w.context.database, cipher: w.context.cipher, clock: { late.resolveBy.addingTimeInterval(60) })
        _ = try await RequestStore(after).tellOverdue()
        // The request's page lists the text and the group's post both.
        let messages = try await MessageStoreTests.messages(w.context, request: late.id), texts = messages.filter { $0.platform == nil }
        #expect(messages.map(\.platform) == [nil, nil, .wecom])
        #expect(texts.map(\.event) == [.requestAccepted, .requestOverdue] && texts[1].body == MessageText.requestOverdue(number: late.id, link: nil))
        #expect(texts[1].recipient == "139****5678")
        #expect(try await MessageStoreTests.messages(w.context, request: answered.id).map(\.event) == [.requestAccepted, .requestAnswered], "an answered request is not overdue")
        let category = try await w.context.database.read { db in
            try await db.raw("SELECT name FROM request_categories WHERE id = \(bind: noise)").first()!.decode(column: "name", as: String.self)
        }
        #expect(try await Self.posts(w.context, group: group.id).map(\.body).contains(MessageText.groupRequestOverdue(number: late.id, category: category, link: nil)))
        // Told once: the next pass finds nothing new.
        #expect(try await RequestStore(after).tellOverdue() == 0)
        #expect(try await MessageStoreTests.messages(w.context, request: late.id).count == 3)
    }

    @Test(arguments: Fixtures.engines)
    func yesterdaysMissedChecksAreCountedOnceToTheGridAndCommunityGroups(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let staff = try await Fixtures.scope(context, code: QuarantineStoreTests.street, role: .streetAdmin)
        let store = QuarantineStore(context)
        let checked = try await QuarantineStoreTests.resident(context, in: QuarantineStoreTests.grid)
        let first = try await store.register(QuarantineStoreTests.input(checked.id, context), scope: staff)
        var skip = 1, missed = try await QuarantineStoreTests.resident(context, in: QuarantineStoreTests.grid, skip: 1)
        while missed.household == checked.household { skip += 1; missed = try await QuarantineStoreTests.resident(context, in: QuarantineStoreTests.grid, skip: skip) }
        _ = try await store.register(QuarantineStoreTests.input(missed.id, context), scope: staff)
        let elsewhere = try await QuarantineStoreTests.resident(context, in: QuarantineStoreTests.other)
        _ = try await store.register(QuarantineStoreTests.input(elsewhere.id, context), scope: staff)
        _ = try await store.check(first.id, CheckInput(temperature: "36.5"), scope: staff)
        let grid = try await Self.group(context, QuarantineStoreTests.grid, .wecom, name: "网格群", scope: staff)
        let community = try await Self.group(context, QuarantineStoreTests.community, .dingtalk, name: "社区群", scope: staff)
        let street = try await Self.group(context, QuarantineStoreTests.street, .wecom, name: "街道群", scope: staff)
        #expect(try await store.tellMissed() == 0, "today is not over")

        let tomorrow = StoreContext(database: context.database, cipher: context.cipher, clock: { context.clock().addingTimeInterval(QuarantineStoreTests.day) })
        #expect(try await QuarantineStore(tomorrow).tellMissed() == 2)
        let words = MessageText.groupQuarantineMissed(day: WorkingCalendar.dayKey(context.clock()), link: nil)
        #expect(try await Self.posts(context, group: grid.id).map(\.body) == [words.before + "1" + words.after])
        #expect(try await Self.posts(context, group: community.id).map(\.body) == [words.before + "1" + words.after], "the other community's is not this one's")
        #expect(try await Self.posts(context, group: street.id).isEmpty, "the street hears of it from the check-up, a day later")
        #expect(try await Self.posts(context, group: grid.id).allSatisfy { !$0.body.contains(missed.name) }, "no name in a work group")
        #expect(try await QuarantineStore(tomorrow).tellMissed() == 0, "told once a day")
    }
}
