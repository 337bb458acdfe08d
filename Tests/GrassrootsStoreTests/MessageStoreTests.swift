import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import SQLKit
import Synchronization
import Testing

/// Texts to residents: queued in the step's own transaction (or not at all when the step is refused), held through
/// the quiet hours, decrypted only to be sent, retried while the gateway is down and failed with a reason when they
/// cannot go; delivery reports count only with the message's own token.
@Suite struct MessageStoreTests {
    /// A gateway that records what it was given and answers from a script (then `accepted`).
    final class Gateway: Sendable {
        let sent = Mutex<[(phone: String, text: String, report: String)]>([])
        let answers: Mutex<[GatewayAnswer]>
        init(_ answers: [GatewayAnswer] = []) { self.answers = Mutex(answers) }
        var sms: SMSGateway {
            SMSGateway(perSecond: 1000, reportBase: "http://127.0.0.1:9") { phone, text, report in
                self.sent.withLock { $0.append((phone, text, report)) }
                return self.answers.withLock { $0.isEmpty ? .accepted : $0.removeFirst() }
            }
        }
    }

    static func messages(_ context: StoreContext, request: Int) async throws -> [Message] {
        try await context.database.read { db in try await MessageStore.messages(kind: "request", id: request, db: db, cipher: context.cipher) }
    }

    static func row(_ context: StoreContext, _ id: Int) async throws -> (next: String, token: String, attempts: Int) {
        try await context.database.read { db in
            let row = try await db.select().columns("next_attempt_at", "report_token", "attempts").from("messages").where("id", .equal, SQLBind(id)).first()!
            return (try row.decode(column: "next_attempt_at", as: String.self), try row.decode(column: "report_token", as: String.self),
                    try row.decode(column: "attempts", as: Int.self))
        }
    }

    @Test(arguments: Fixtures.engines)
    func stepsTextTheContactAndTheGatewayReportsBack(engine: Engine) async throws {
        let w = try await ServicesStoreTests.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let store = RequestStore(w.context), noise = try await ServicesStoreTests.category(w.context, "noise")
        func file(_ phone: String) async throws -> Int {
            try await store.submit(RequestInput(kind: "help", categoryID: noise, unitID: w.gridUnit.id, description: "楼道路灯坏了", contactName: "李女士",
                                                contactPhone: phone), scope: w.community).id
        }
        let mobile = try await file("13912345678"), landline = try await file("0834-3220000"), none = try await file("")
        // A step the request is not ready for is refused whole: no text either.
        await Fixtures.expectError(StoreError.self) { try await store.act(mobile, .reply, note: "已处理", scope: w.grid) }
        #expect(try await Self.messages(w.context, request: mobile).isEmpty)
        for id in [mobile, landline, none] { _ = try await store.act(id, .accept, note: "", scope: w.grid) }
        _ = try await store.act(mobile, .note, note: "已联系物业", scope: w.grid)  // a note texts nobody
        _ = try await store.act(mobile, .reply, note: "已更换灯泡，住户姓名不进短信", scope: w.grid)

        let queued = try await Self.messages(w.context, request: mobile)
        #expect(queued.map(\.event) == [.requestAccepted, .requestAnswered] && queued.allSatisfy { $0.status == .queued })
        #expect(queued[1].body == "【基层治理】您的诉求（编号\(mobile)）已答复，请查看并评价，可登录或致电社区查询。", "the answer itself stays off the phone's lock screen")
        #expect(queued[0].recipient == "139****5678")
        #expect(try await Self.messages(w.context, request: none).map(\.status) == [.noAddress])
        // The phone is stored sealed.
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM messages WHERE address_enc LIKE '%13912345678%'") == 0)

        let gateway = Gateway()
        #expect(try await MessageStore(w.context).send(through: gateway.sms) == 2)
        #expect(gateway.sent.withLock { $0.map(\.phone) } == ["13912345678", "13912345678"])
        #expect(gateway.sent.withLock { $0.map(\.text) } == queued.map(\.body))
        #expect(try await Self.messages(w.context, request: mobile).map(\.status) == [.sent, .sent])
        #expect(try await Self.messages(w.context, request: landline).map(\.status) == [.failed])
        #expect(try await Self.messages(w.context, request: landline).first?.lastError == "不是手机号码，无法发送短信")
        #expect(try await MessageStore(w.context).send(through: gateway.sms) == 0, "nothing is sent twice")

        // Reports: the report URL carries the message's own token; a wrong token marks nothing.
        let first = queued[0].id, token = try await Self.row(w.context, first).token
        #expect(gateway.sent.withLock { $0[0].report } == "http://127.0.0.1:9/sms/report?m=\(first)&t=\(token)&status=%d")
        let messages = MessageStore(w.context)
        #expect(try await messages.report(messageID: first, token: "guess", kind: 1) == false)
        #expect(try await messages.report(messageID: first, token: token, kind: 8))
        #expect(try await Self.messages(w.context, request: mobile)[0].status == .sent, "taken by the SMSC is not yet delivered")
        #expect(try await messages.report(messageID: first, token: token, kind: 1))
        #expect(try await messages.report(messageID: first, token: token, kind: 2), "a late report is answered")
        let delivered = try await Self.messages(w.context, request: mobile)[0]
        #expect(delivered.status == .delivered && delivered.deliveredAt != nil, "and does not take a delivery back")
        let second = queued[1].id
        #expect(try await messages.report(messageID: second, token: try await Self.row(w.context, second).token, kind: 16))
        #expect(try await Self.messages(w.context, request: mobile)[1].lastError == "运营商拒收")
    }

    @Test(arguments: Fixtures.engines)
    func aDownGatewayIsRetriedUntilTheMessageExpiresAndNightsAreQuiet(engine: Engine) async throws {
        let w = try await ServicesStoreTests.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let noise = try await ServicesStoreTests.category(w.context, "noise")
        // 23:30 in Xichang: the text waits for 08:00.
        let night = try LocalTime.parse("2026-11-20 23:30", field: "t"), morning = try LocalTime.parse("2026-11-21 08:00", field: "t")
        let store = RequestStore(w.context.at(night))
        let id = try await store.submit(RequestInput(kind: "help", categoryID: noise, unitID: w.gridUnit.id, description: "楼道路灯坏了", contactPhone: "13700001111"),
                                        scope: w.community).id
        _ = try await store.act(id, .accept, note: "", scope: w.grid)
        let message = try await Self.messages(w.context, request: id)[0]
        #expect(try await Self.row(w.context, message.id).next == Timestamp.format(morning))
        let gateway = Gateway([.later("Kannel HTTP 503: down"), .later("Kannel: no answer (-1004)")])
        #expect(try await MessageStore(w.context.at(night.addingTimeInterval(600))).send(through: gateway.sms) == 0, "not before morning")
        #expect(gateway.sent.withLock { $0.isEmpty })

        // Down twice: each try waits twice as long as the last, and the reason is kept.
        #expect(try await MessageStore(w.context.at(morning)).send(through: gateway.sms) == 0)
        #expect(try await Self.row(w.context, message.id).next == Timestamp.format(morning.addingTimeInterval(30)))
        #expect(try await MessageStore(w.context.at(morning.addingTimeInterval(10))).send(through: gateway.sms) == 0, "not before its time")
        #expect(try await MessageStore(w.context.at(morning.addingTimeInterval(30))).send(through: gateway.sms) == 0)
        #expect(try await Self.row(w.context, message.id).next == Timestamp.format(morning.addingTimeInterval(90)))
        let waiting = try await Self.messages(w.context, request: id)[0]
        #expect(waiting.status == .queued && waiting.attempts == 2 && waiting.lastError == "Kannel: no answer (-1004)")
        #expect(try await MessageStore(w.context.at(morning.addingTimeInterval(90))).send(through: gateway.sms) == 1)
        #expect(try await Self.messages(w.context, request: id)[0].status == .sent)

        // A text the gateway could not take within a day fails, visibly, and is never sent.
        _ = try await store.act(id, .reply, note: "已处理", scope: w.grid)
        let stale = Gateway()
        #expect(try await MessageStore(w.context.at(morning.addingTimeInterval(25 * 3600))).send(through: stale.sms) == 0)
        #expect(stale.sent.withLock { $0.isEmpty })
        #expect(try await Self.messages(w.context, request: id)[1].status == .failed)
        #expect(try await Self.messages(w.context, request: id)[1].lastError?.hasPrefix("过期未发送") == true)
    }
}

/// Texts to every household: a notice, and an emergency's activation.
@Suite struct HouseholdTextTests {
    /// Households under the unit `code` with a phone on any member, counted by hand.
    static func reachable(_ context: StoreContext, _ code: String) async throws -> (households: Int, withPhone: Int) {
        let households = try await EmergencyStoreTests.households(context, code)
        let withPhone = try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM households h JOIN units u ON u.code = '\(code)' WHERE h.path LIKE u.path || '%'
              AND EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id AND r.phone_enc IS NOT NULL)
            """)
        return (households, withPhone)
    }

    @Test(arguments: Fixtures.engines)
    func aNoticeTextsEveryHouseholdOnceAndFailuresCanBeSentAgain(engine: Engine) async throws {
        let w = try await ServicesStoreTests.world(engine)
        defer { Task { try? await w.context.database.close() } }
        let notices = NoticeStore(w.context)
        let quiet = try await notices.publish(unitID: w.gridUnit.id, title: "周三停水", body: "周三9:00–15:00停水", askAck: false, scope: w.grid)
        #expect(try await notices.texts(quiet.id, scope: w.grid) == nil, "a notice without texts sends none")
        let notice = try await notices.publish(unitID: w.gridUnit.id, title: "燃气安全检查", body: "本周入户检查燃气", askAck: true, text: true, scope: w.grid)
        let (households, withPhone) = try await Self.reachable(w.context, ServicesStoreTests.gridCode)
        #expect(withPhone >= 3 && withPhone < households, "\(withPhone) of \(households) households have a phone")
        let counts = try #require(try await notices.texts(notice.id, scope: w.grid)).counts
        #expect(counts[.queued] == withPhone && counts[.noAddress] == households - withPhone)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(DISTINCT report_token) AS n FROM messages WHERE record_kind = 'notice'") == households,
                "every text has a token of its own")
        let body = try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM messages WHERE body = '【基层治理】第1网格通知：燃气安全检查。详见社区通知栏，或咨询网格员。'")
        #expect(body == households)
        await Fixtures.expectError(StoreError.self) { try await notices.texts(notice.id, scope: w.west) }

        // The gateway refuses every third; those are listed with the reason and sent again on request.
        let count = Mutex(0)
        let flaky = SMSGateway(perSecond: 1000, reportBase: "http://x") { _, _, _ in
            count.withLock { $0 += 1; return $0 % 3 == 0 ? .refused("Kannel HTTP 400: Invalid number") : .accepted }
        }
        var handed = 0
        while try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM messages WHERE status = 'queued'") > 0 {
            handed += try await MessageStore(w.context).send(through: flaky)
        }
        let after = try #require(try await notices.texts(notice.id, scope: w.grid))
        #expect(after.counts[.sent] == handed && after.counts[.failed] == withPhone - handed && handed == withPhone - withPhone / 3)
        #expect(after.failed.count == withPhone / 3 && after.failed.allSatisfy { $0.lastError == "Kannel HTTP 400: Invalid number" && $0.recipient.contains("****") })
        #expect(try await notices.resendTexts(notice.id, scope: w.grid) == withPhone / 3)
        #expect(try await notices.texts(notice.id, scope: w.grid)?.counts[.queued] == withPhone / 3)
        #expect(try await Fixtures.count(w.context, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'resend_texts' AND detail = '\(withPhone / 3)'") == 1)
    }

    @Test(arguments: Fixtures.engines)
    func anEmergencyTextsAtOnceEvenAtNightAndADrillTextsNobody(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let scope = try await Fixtures.scope(context, code: EmergencyStoreTests.street, role: .streetAdmin)
        let plan = try await EmergencyStoreTests.plan(context, scope: scope)
        let night = try LocalTime.parse("2026-11-20 02:00", field: "t")
        let units = try await EmergencyStoreTests.ids(context, [EmergencyStoreTests.community])
        _ = try await IncidentStore(context.at(night)).activate(ActivationInput(planID: plan.id, level: "II", unitIDs: units, drill: true), scope: scope)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM messages WHERE record_kind = 'notice'") == 0)
        let real = try await IncidentStore(context.at(night)).activate(ActivationInput(planID: plan.id, level: "II", unitIDs: units, drill: false), scope: scope)
        let directives = "SELECT ref_id FROM incident_items WHERE kind = 'directive' AND incident_id = \(real.id)"
        let (households, withPhone) = try await Self.reachable(context, EmergencyStoreTests.community)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM messages WHERE record_kind = 'notice' AND status = 'queued' AND next_attempt_at = '\(Timestamp.format(night))'") == withPhone)
        // The emergency's directive, critical, tells its workers at once too.
        #expect(try await Fixtures.count(context, """
            SELECT COUNT(*) AS n FROM messages WHERE record_kind = 'directive' AND record_id IN (\(directives)) AND next_attempt_at <> '\(Timestamp.format(night))'
            """) == 0)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM messages WHERE record_kind = 'directive' AND record_id IN (\(directives))") > 0)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM messages WHERE record_kind = 'notice'") == households)
    }
}

/// Texts to the staff a directive gives work to.
@Suite struct DirectiveTextTests {
    @Test(arguments: Fixtures.engines)
    func eachResponsibleWorkerIsToldHowManyHouseholdsAreTheirs(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let (directive, scope) = try await MobilizationTests.issue(context)
        let rows = try await context.database.read { db in
            try await db.raw("""
                SELECT s.id, COUNT(a.id) AS n FROM assignments a JOIN staff s ON s.id = a.responsible_staff_id
                WHERE a.directive_id = \(bind: directive.id) GROUP BY s.id ORDER BY s.id
                """).all().map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "n", as: Int.self)) }
        }
        #expect(rows.count > 1)
        let words = MessageText.directive(title: directive.title, deadline: directive.deadline)
        let bodies = try await context.database.read { db in
            try await db.raw("SELECT body FROM messages WHERE record_kind = 'directive' AND record_id = \(bind: directive.id) ORDER BY id").all()
                .map { try $0.decode(column: "body", as: String.self) }
        }
        #expect(bodies == rows.map { words.before + String($0.1) + words.after })
        #expect(bodies.first?.contains("截止2027-01-01 18:00") == true)
        let texts = try #require(try await DirectiveStore(context).texts(directive.id, scope: scope))
        #expect(texts.counts.values.reduce(0, +) == rows.count && texts.failed.isEmpty)
        let elsewhere = try await Fixtures.scope(context, code: "513401002000", role: .streetAdmin)
        await Fixtures.expectError(StoreError.self) { try await DirectiveStore(context).texts(directive.id, scope: elsewhere) }
    }
}

extension DirectiveTextTests {
    @Test(arguments: Fixtures.engines)
    func theWorkerGivenReassignedHouseholdsIsToldHowMany(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let (directive, _) = try await MobilizationTests.issue(context, code: MobilizationTests.community)
        let staff = try await Fixtures.scope(context, code: MobilizationTests.community, role: .communityStaff)
        let grid = try await UnitStore(context).unit(code: "513401001003001", scope: .system)
        let volunteer = try await OrganizationStore(context).addStaff(unitID: grid.id, role: .volunteer, name: "志愿者小李", phone: "13812345678", scope: staff)
        func reassigned() async throws -> [Message] {
            try await context.database.read { db in try await MessageStore.messages(kind: "directive", id: directive.id, db: db, cipher: context.cipher) }
                .filter { $0.event == .directiveReassigned }
        }
        // Refused (someone outside the scope): no text either.
        let foreign = try await Fixtures.count(context, "SELECT MIN(s.id) AS n FROM staff s JOIN units u ON u.id = s.unit_id WHERE u.code LIKE '513401002%'")
        await Fixtures.expectError(ValidationError.self) {
            try await AssignmentStore(context).reassign(directiveID: directive.id, unitID: grid.id, staffID: foreign, scope: staff)
        }
        #expect(try await reassigned().isEmpty)
        let moved = try await AssignmentStore(context).reassign(directiveID: directive.id, unitID: grid.id, staffID: volunteer.id, scope: staff)
        let texts = try await reassigned()
        #expect(moved > 0 && texts.map(\.body) == [MessageText.reassigned(title: directive.title, count: moved, deadline: directive.deadline)])
        #expect(texts.map(\.recipient) == ["138****5678"])
        // Nothing left to move: nobody is told of nothing.
        #expect(try await AssignmentStore(context).reassign(directiveID: directive.id, unitID: grid.id, staffID: volunteer.id, scope: staff) == 0)
        #expect(try await reassigned().count == 1)
    }
}

/// The `sendsms` request as Kannel reads it, and the gateway settings refused with what to fix.
@Suite struct KannelConfigurationTests {
    @Test func theRequestCarriesUCS2AndTheReportAddressEncoded() throws {
        let kannel = try KannelConfiguration(url: "http://grassroots@127.0.0.1:13013/cgi-bin/sendsms", password: "p&w", reportBase: "http://10.0.0.5:8080/",
                                             sender: "10690000")
        let url = kannel.request(to: "13912345678", text: "您好 a+b", report: "http://10.0.0.5:8080/sms/report?m=1&t=x&status=%d").absoluteString
        #expect(url.hasPrefix("http://127.0.0.1:13013/cgi-bin/sendsms?username=grassroots&password=p%26w&to=13912345678&text=%E6%82%A8%E5%A5%BD%20a%2Bb"))
        #expect(url.contains("&charset=UTF-8&coding=2&dlr-mask=31&dlr-url=http%3A%2F%2F10.0.0.5%3A8080%2Fsms%2Freport%3Fm%3D1%26t%3Dx%26status%3D%25d&from=10690000"))
        #expect(kannel.reportBase == "http://10.0.0.5:8080" && !url.contains("grassroots@"))
        #expect(kannel.request(to: "13912345678", text: "ok", report: "r").absoluteString.contains("coding=0"), "plain Latin text goes as GSM 7-bit")
    }

    @Test func badSettingsSayWhatToFix() {
        let refusals: [(String, () throws -> KannelConfiguration)] = [
            ("sms-gateway", { try KannelConfiguration(url: "http://u:pw@h:13013/cgi-bin/sendsms", password: "p", reportBase: "http://a") }),
            ("sms-gateway", { try KannelConfiguration(url: "ftp://u@h/x", password: "p", reportBase: "http://a") }),
            ("sms-password", { try KannelConfiguration(url: "http://u@h:13013/cgi-bin/sendsms", password: "", reportBase: "http://a") }),
            ("sms-report-url", { try KannelConfiguration(url: "http://u@h:13013/cgi-bin/sendsms", password: "p", reportBase: "a:b") }),
            ("sms-per-second", { try KannelConfiguration(url: "http://u@h:13013/cgi-bin/sendsms", password: "p", reportBase: "http://a", perSecond: 0) }),
            ("sms-sender", { try KannelConfiguration(url: "http://u@h:13013/cgi-bin/sendsms", password: "p", reportBase: "http://a", sender: "GOV") }),
        ]
        for (field, make) in refusals {
            do { _ = try make(); Issue.record("\(field) was taken") } catch let error as FieldError { #expect(error.field == field) } catch { Issue.record("\(error)") }
        }
    }
}
