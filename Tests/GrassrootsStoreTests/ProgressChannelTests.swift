import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import Logging
import SQLKit
import Testing

/// Several servers on one PostgreSQL: progress notices fit PostgreSQL's payload limit and reach the other servers
/// (not their sender), one escalation pass runs at a time, and each webhook delivery is claimed by one server.
@Suite struct ProgressChannelTests {
    static func change(_ unit: Int, done: Int = 1) -> ProgressChange {
        ProgressChange(unitID: unit, path: "/1/\(unit)/", counts: ProgressCounts(total: 500, pending: 500 - done, done: done),
                       lastReportAt: Date(timeIntervalSince1970: 1_795_000_000))
    }

    @Test func aBatchKeepsTheLastCountersOfEachUnitAndIsSplitUnderTheLimit() throws {
        // 50 submissions in one building repeat the same 6 ancestors: one notice with the newest counters.
        let repeated = (1...50).flatMap { done in (1...6).map { Self.change($0, done: done) } }
        let one = ProgressChannel.payloads(instance: "a", directiveID: 7, changes: repeated)
        #expect(one.count == 1)
        let notice = try JSONDecoder().decode(ProgressNotice.self, from: Data(one[0].utf8))
        #expect(notice.instance == "a" && notice.directiveID == 7 && notice.changes.map(\.unitID) == Array(1...6))
        #expect(notice.changes.allSatisfy { $0.counts.done == 50 } && notice.changes[0] == Self.change(1, done: 50))
        // 400 different units do not fit in one: several notices, each under the limit, together all units once.
        let many = ProgressChannel.payloads(instance: "a", directiveID: 7, changes: (1...400).map { Self.change($0) })
        #expect(many.count > 1 && many.allSatisfy { $0.utf8.count <= ProgressChannel.payloadLimit })
        let units = try many.flatMap { try JSONDecoder().decode(ProgressNotice.self, from: Data($0.utf8)).changes.map(\.unitID) }
        #expect(units == Array(1...400))
        #expect(ProgressChannel.payloads(instance: "a", directiveID: 7, changes: []).isEmpty)
    }

    @Test func thereIsNoChannelOnSQLite() async throws {
        let context = try await Fixtures.empty(.sqlite)
        defer { Task { try? await context.database.close() } }
        #expect(ProgressChannel(context.database) == nil)
    }

    @Test(.enabled(if: Fixtures.engines.contains(.postgres)))
    func noticesReachTheOtherServerAndNotTheSender() async throws {
        let context = try await Fixtures.empty(.postgres)
        defer { Task { try? await context.database.close() } }
        let a = try #require(ProgressChannel(context.database, instance: "a")), b = try #require(ProgressChannel(context.database, instance: "b"))
        let heardByA = Heard(), heardByB = Heard()
        let listeners = [Task { await a.listen { await heardByA.add($0) } }, Task { await b.listen { await heardByB.add($0) } }]
        defer { listeners.forEach { $0.cancel() } }
        // LISTEN is asynchronous: announce until the other side hears. The bound is generous because under the whole
        // suite's load on two cores opening the listening connection has taken over 30 s; the loop ends as soon as B hears.
        let started = ContinuousClock.now
        while await heardByB.notices.isEmpty, ContinuousClock.now - started < .seconds(120) {
            await a.notify(directiveID: 3, changes: [Self.change(9, done: 4)])
            try await Task.sleep(for: .milliseconds(50))
        }
        let notice = try #require(await heardByB.notices.first)
        #expect(notice.instance == "a" && notice.directiveID == 3 && notice.changes == [Self.change(9, done: 4)])
        #expect(await heardByA.notices.isEmpty)
    }

    @Test(.enabled(if: Fixtures.engines.contains(.postgres)))
    func onePassAtATimeAndEachDeliveryClaimedOnce() async throws {
        let base = try await Fixtures.city(.postgres)
        defer { Task { try? await base.database.close() } }
        // While one transaction holds the pass lock, another cannot take it; once it commits, the next one can.
        // The holder keeps its transaction open until the other has tried (a fixed wait ran out on a loaded machine).
        let held = Gate(), tried = Gate()
        let holder = Task {
            try await base.database.write { db in
                let got = try await EscalationStore.tryPassLock(db)
                await held.open()
                await tried.wait()
                return got
            }
        }
        await held.wait()
        let secondGot: Bool
        do { secondGot = try await base.database.write { try await EscalationStore.tryPassLock($0) } } catch { await tried.open(); throw error }
        await tried.open()
        #expect(secondGot == false)
        #expect(try await holder.value)
        #expect(try await base.database.write { try await EscalationStore.tryPassLock($0) })

        // Two servers deliver the same queue at once through a slow gateway: every escalation is posted once.
        let later = StoreContext(database: base.database, cipher: base.cipher, clock: { base.clock().addingTimeInterval(48 * 3600) })
        let webhook = try WebhookConfiguration(url: "http://127.0.0.1:9/hook", secret: "grassroots-webhook-secret")
        let raised = try await EscalationStore(later).escalate(webhook: webhook)
        #expect(raised > 0)
        let sent = SentRequests()
        let slow = WebhookSender { _, body, headers in
            try await Task.sleep(for: .milliseconds(20))
            await sent.add(body, headers)
            return 204
        }
        async let first = EscalationStore(later).deliver(webhook, sender: slow)
        async let second = EscalationStore(later).deliver(webhook, sender: slow)
        #expect(try await first + second == raised)
        let bodies = await sent.requests.map { String(decoding: $0.0, as: UTF8.self) }
        #expect(bodies.count == raised && Set(bodies).count == raised)
        #expect(try await Fixtures.count(base, "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'sent' AND attempts = 1") == raised)
    }
}

/// Notices a listener heard, in order.
actor Heard {
    private(set) var notices: [ProgressNotice] = []
    func add(_ notice: ProgressNotice) { notices.append(notice) }
}

/// A one-shot signal between two tasks.
actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    func open() { isOpen = true; waiting.forEach { $0.resume() }; waiting = [] }
    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }
}
