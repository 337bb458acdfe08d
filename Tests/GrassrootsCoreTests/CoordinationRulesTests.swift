import Foundation
@testable import GrassrootsCore
import Testing

/// An exact instant from a UTC ISO 8601 string, and back, so expectations are written out by hand (Beijing = UTC+8, no DST).
private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
private func z(_ date: Date?) -> String? { date?.ISO8601Format() }

/// The rules of summonses (吹哨报到): working days, time limits, target steps, periods, evaluation, the access list.
@Suite struct CoordinationRulesTests {
    // 国庆: Oct 1–7 off (Oct 3–4 are a weekend anyway); Sat Oct 10 is worked to make up.
    static let national = WorkingCalendar(holidays: Set((1...7).map { "2026-10-0\($0)" }), workdays: ["2026-10-10"])

    @Test func workingDaysCountFromTheNextBeijingDay() throws {
        let plain = WorkingCalendar()
        // Fri 27 Nov 10:00 Beijing (02:00Z): Mon 30(1) Tue 1(2) Wed 2(3) Thu 3(4) Fri 4(5), Mon 7(6), Tue 8(7) → Wed 9 Dec 00:00 Beijing.
        #expect(z(plain.endOfWorkingDays(7, after: utc("2026-11-27T02:00:00Z"))) == "2026-12-08T16:00:00Z")
        #expect(try plain.endOfWorkingDays(7, after: LocalTime.parse("2026-11-27 10:00", field: "t")) == utc("2026-12-08T16:00:00Z"))
        // Sat 28 Nov 15:00 Beijing + 1: Sun 29 is off, Mon 30(1) → Tue 1 Dec 00:00 Beijing.
        #expect(z(plain.endOfWorkingDays(1, after: utc("2026-11-28T07:00:00Z"))) == "2026-11-30T16:00:00Z")
        // Mon 30 Nov 23:30 Beijing (15:30Z) + 1: Tue 1(1) → Wed 2 Dec 00:00 Beijing.
        #expect(z(plain.endOfWorkingDays(1, after: utc("2026-11-30T15:30:00Z"))) == "2026-12-01T16:00:00Z")
        // Tue 1 Dec 07:00 Beijing is still Mon 30 Nov 23:00 in UTC; the day is Tuesday: Wed 2(1) → Thu 3 Dec 00:00 Beijing
        // (counting from the UTC day would give 2026-12-01T16:00:00Z).
        #expect(z(plain.endOfWorkingDays(1, after: utc("2026-11-30T23:00:00Z"))) == "2026-12-02T16:00:00Z")
        // Sun 29 Nov 07:00 Beijing (Sat 28 23:00Z) + 1: Mon 30(1) → Tue 1 Dec 00:00 Beijing.
        #expect(z(plain.endOfWorkingDays(1, after: utc("2026-11-28T23:00:00Z"))) == "2026-11-30T16:00:00Z")
        // Wed 30 Sep 09:00 Beijing + 3 with the holiday: Oct 1–7 off, Thu 8(1) Fri 9(2) Sat 10 make-up(3) → Sun 11 Oct 00:00 Beijing.
        #expect(z(Self.national.endOfWorkingDays(3, after: utc("2026-09-30T01:00:00Z"))) == "2026-10-10T16:00:00Z")
        // Without the exceptions: Thu 1(1) Fri 2(2), Mon 5(3) → Tue 6 Oct 00:00 Beijing.
        #expect(z(plain.endOfWorkingDays(3, after: utc("2026-09-30T01:00:00Z"))) == "2026-10-05T16:00:00Z")
    }

    @Test func workingDaysAreBeijingWeekdaysWithExceptions() throws {
        let cal = Self.national
        #expect(!cal.isWorkingDay(utc("2026-11-28T04:00:00Z")))  // Sat 28 Nov noon Beijing
        #expect(!cal.isWorkingDay(utc("2026-11-29T04:00:00Z")))  // Sun
        #expect(cal.isWorkingDay(utc("2026-11-30T04:00:00Z")))   // Mon
        #expect(!cal.isWorkingDay(utc("2026-11-27T23:00:00Z")))  // Fri 23:00Z is Sat 07:00 Beijing
        #expect(cal.isWorkingDay(utc("2026-11-29T16:30:00Z")))   // Sun 16:30Z is Mon 00:30 Beijing
        #expect(!cal.isWorkingDay(utc("2026-10-01T04:00:00Z")))  // Thu 1 Oct, holiday
        #expect(!cal.isWorkingDay(utc("2026-10-07T04:00:00Z")))  // Wed 7 Oct, holiday
        #expect(cal.isWorkingDay(utc("2026-10-10T04:00:00Z")))   // Sat 10 Oct, make-up day
        #expect(!cal.isWorkingDay(utc("2026-10-11T04:00:00Z")))  // Sun 11 Oct
        #expect(WorkingCalendar().isWorkingDay(utc("2026-10-01T04:00:00Z")))  // a plain Thursday without the exceptions
        #expect(try WorkingCalendar.parseDay("2026-12-01", field: "holidays") == "2026-12-01")
        #expect(try WorkingCalendar.parseDay(" 2026-12-01 ", field: "holidays") == "2026-12-01")
        for bad in ["2026-13-01", "2026-02-30", "tomorrow", "2026-1-5", ""] {
            #expect(fields { _ = try WorkingCalendar.parseDay(bad, field: "holidays") } == ["holidays"], "\(bad)")
        }
    }

    @Test func timeLimitsHaveSensibleDefaultsAndClocks() throws {
        func limit(_ u: Urgency) -> TimeLimit { TimeLimit.defaults.first { $0.urgency == u }! }
        #expect(TimeLimit.defaults.count == 3)
        let (emergency, general, complex) = (limit(.emergency), limit(.general), limit(.complex))
        #expect(emergency.respondMinutes == 15 && emergency.arriveMinutes == 30 && emergency.resolveWorkingDays == 1)
        #expect(general.respondMinutes == 1440 && general.arriveMinutes == nil && general.resolveWorkingDays == 7)
        #expect(complex.respondMinutes == 1440 && complex.arriveMinutes == nil && complex.resolveWorkingDays == 15)
        // General sent Fri 27 Nov 10:00 Beijing (02:00Z): respond +24 h; resolve end of Tue 8 Dec (see above).
        let g = general.clocks(sent: utc("2026-11-27T02:00:00Z"), calendar: WorkingCalendar())
        #expect(z(g.respondDue) == "2026-11-28T02:00:00Z" && g.arriveDue == nil && z(g.resolveDue) == "2026-12-08T16:00:00Z")
        // Emergency sent Fri 27 Nov 17:00 Beijing (09:00Z): 17:15, 17:30; resolve end of Mon 30 Nov Beijing.
        let e = emergency.clocks(sent: utc("2026-11-27T09:00:00Z"), calendar: WorkingCalendar())
        #expect(z(e.respondDue) == "2026-11-27T09:15:00Z" && z(e.arriveDue) == "2026-11-27T09:30:00Z")
        #expect(z(e.resolveDue) == "2026-11-30T16:00:00Z")
        #expect(general.summary.zh.contains("24小时内响应") && general.summary.zh.contains("7个工作日内办结"))
        #expect(general.summary.zh == "24小时内响应，7个工作日内办结")
        #expect(emergency.summary.zh == "15分钟内响应，30分钟内到场，1个工作日内办结")
    }

    @Test func badTimeLimitsNameTheirFields() {
        #expect(fields { _ = try TimeLimit(urgency: .general, respondMinutes: 0, arriveMinutes: nil, resolveWorkingDays: 7) } == ["respond_minutes"])
        #expect(fields { _ = try TimeLimit(urgency: .general, respondMinutes: 60, arriveMinutes: nil, resolveWorkingDays: 100) } == ["resolve_working_days"])
        #expect(fields { _ = try TimeLimit(urgency: .emergency, respondMinutes: 15, arriveMinutes: 0, resolveWorkingDays: 1) } == ["arrive_minutes"])
        #expect(fields { _ = try TimeLimit(urgency: .general, respondMinutes: 7 * 1440 + 1, arriveMinutes: -5, resolveWorkingDays: 0) }
            == ["respond_minutes", "arrive_minutes", "resolve_working_days"])
        #expect(throws: ValidationError.self) { try TimeLimit(urgency: .complex, respondMinutes: 0, arriveMinutes: nil, resolveWorkingDays: 15) }
        // The edges are allowed: 1 minute, 7 days, 90 working days.
        #expect(fields { _ = try TimeLimit(urgency: .complex, respondMinutes: 1, arriveMinutes: 7 * 1440, resolveWorkingDays: 90) } == [])
    }

    @Test func overdueClocksFollowTheStatus() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }
        let plain = SummonsClocks(respondDue: at(100), arriveDue: nil, resolveDue: at(1000))
        let timed = SummonsClocks(respondDue: at(100), arriveDue: at(200), resolveDue: at(1000))
        // Accepted at 50 (in time), still open at 2000 > 1000.
        #expect(plain.overdue(status: .accepted, acceptedAt: at(50), arrivedAt: nil, closedAt: nil, now: at(2000)) == [.resolve])
        // Never accepted, 150 > 100 but < 1000.
        #expect(plain.overdue(status: .summoned, acceptedAt: nil, arrivedAt: nil, closedAt: nil, now: at(150)) == [.respond])
        #expect(plain.overdue(status: .summoned, acceptedAt: nil, arrivedAt: nil, closedAt: nil, now: at(90)) == [])
        // Accepted late at 120, stays late after.
        #expect(plain.overdue(status: .accepted, acceptedAt: at(120), arrivedAt: nil, closedAt: nil, now: at(500)) == [.respond])
        // Returned: no clock counts.
        #expect(timed.overdue(status: .returned, acceptedAt: nil, arrivedAt: nil, closedAt: nil, now: at(5000)) == [])
        // Emergency accepted in time, not arrived at 300 > 200.
        #expect(timed.overdue(status: .accepted, acceptedAt: at(50), arrivedAt: nil, closedAt: nil, now: at(300)) == [.arrive])
        // Never accepted nor arrived at 300: respond and arrive.
        #expect(timed.overdue(status: .summoned, acceptedAt: nil, arrivedAt: nil, closedAt: nil, now: at(300)) == [.respond, .arrive])
        // Closed at 900 in time, looked at much later: nothing; closed at 1100: resolution late.
        #expect(timed.overdue(status: .closed, acceptedAt: at(50), arrivedAt: at(150), closedAt: at(900), now: at(9000)) == [])
        #expect(timed.overdue(status: .closed, acceptedAt: at(50), arrivedAt: at(150), closedAt: at(1100), now: at(9000)) == [.resolve])
    }

    @Test func targetStepsFollowTheAllowedPath() throws {
        var s = TargetStatus.summoned
        for (action, expected) in [(SummonsAction.accept, TargetStatus.accepted), (.arrive, .arrived), (.record, .arrived),
                                   (.requestClosure, .closureRequested), (.close, .closed)] {
            s = try action.next(from: s, pending: nil, arrivedBefore: true)
            #expect(s == expected, "\(action)")
        }
        #expect(try SummonsAction.arrive.next(from: .summoned, pending: nil, arrivedBefore: false) == .arrived)
        #expect(try SummonsAction.record.next(from: .accepted, pending: nil, arrivedBefore: false) == .accepted)
        #expect(try SummonsAction.reopen.next(from: .closureRequested, pending: nil, arrivedBefore: true) == .arrived)
        #expect(try SummonsAction.reopen.next(from: .closureRequested, pending: nil, arrivedBefore: false) == .accepted)
        #expect(try SummonsAction.requestReturn.next(from: .summoned, pending: nil, arrivedBefore: false) == .summoned)
        #expect(try SummonsAction.requestExtension.next(from: .arrived, pending: nil, arrivedBefore: true) == .arrived)
        #expect(try SummonsAction.approveRequest.next(from: .accepted, pending: .return, arrivedBefore: false) == .returned)
        #expect(try SummonsAction.approveRequest.next(from: .arrived, pending: .extension_, arrivedBefore: true) == .arrived)
        #expect(try SummonsAction.denyRequest.next(from: .accepted, pending: .return, arrivedBefore: false) == .accepted)
        let refused: [(SummonsAction, TargetStatus, PendingRequest?)] = [
            (.close, .accepted, nil), (.accept, .closed, nil), (.accept, .accepted, nil), (.arrive, .arrived, nil),
            (.requestClosure, .arrived, .extension_), (.requestClosure, .summoned, nil), (.approveRequest, .accepted, nil),
            (.denyRequest, .arrived, nil), (.reopen, .arrived, nil), (.record, .closureRequested, nil),
            (.requestExtension, .closureRequested, nil), (.requestReturn, .accepted, .return), (.requestReturn, .closed, nil),
        ]
        for (action, status, pending) in refused {
            #expect(fields { _ = try action.next(from: status, pending: pending, arrivedBefore: true) } == ["action"], "\(action) from \(status)")
        }
        let street: Set<SummonsAction> = [.close, .reopen, .approveRequest, .denyRequest]
        for action in SummonsAction.allCases { #expect(action.side == (street.contains(action) ? .street : .department), "\(action)") }
    }

    @Test func periodsAreBeijingQuartersAndMonths() throws {
        let q4 = try Period("2026Q4")
        // 1 Oct 00:00 Beijing = 30 Sep 16:00Z; the end is 1 Jan 2027 00:00 Beijing.
        #expect(q4.code == "2026Q4" && z(q4.start) == "2026-09-30T16:00:00Z" && z(q4.end) == "2026-12-31T16:00:00Z")
        let nov = try Period("2026-11")
        #expect(nov.code == "2026-11" && z(nov.start) == "2026-10-31T16:00:00Z" && z(nov.end) == "2026-11-30T16:00:00Z")
        let q1 = try Period(" 2026q1 "), upper = try Period("2026Q1")
        #expect(q1.code == "2026Q1" && q1 == upper && z(q1.start) == "2025-12-31T16:00:00Z" && z(q1.end) == "2026-03-31T16:00:00Z")
        for bad in ["2026Q5", "2026Q0", "2026-13", "2026-00", "26Q1", "1999Q4", "2026-1", ""] {
            #expect(fields { _ = try Period(bad) } == ["period"], "\(bad)")
        }
        #expect(throws: FieldError.self) { try Period("2026Q5", field: "from") }
        // 1 Jan 2027 00:30 Beijing is still 31 Dec 2026 in UTC.
        #expect(Period.quarter(of: utc("2026-12-31T16:30:00Z")).code == "2027Q1")
        #expect(Period.quarter(of: utc("2026-12-31T15:59:59Z")).code == "2026Q4")
        #expect(Period.quarter(of: utc("2026-06-30T16:00:00Z")).code == "2026Q3")  // 1 Jul 00:00 Beijing
        #expect(q1.previousQuarter.code == "2025Q4" && q4.previousQuarter.code == "2026Q3")
    }

    @Test func evaluationWeightsAndScores() throws {
        #expect(EvaluationWeights.defaults(.street).weights == [.response: 0.4, .resolution: 0.4, .attitude: 0.2])
        #expect(EvaluationWeights.defaults(.department).weights == [.verification: 0.4, .accuracy: 0.3, .cooperation: 0.3])
        #expect(fields { _ = try EvaluationWeights(side: .street, [.response: 0.5, .resolution: 0.5, .attitude: 0.2]) } == ["weights"])
        #expect(fields { _ = try EvaluationWeights(side: .street, [.response: 0.4, .resolution: 0.4, .attitude: 0.2, .accuracy: 0]) } == ["weights"])
        #expect(fields { _ = try EvaluationWeights(side: .street, [.response: 0.6, .resolution: 0.4]) } == ["attitude"])
        #expect(fields { _ = try EvaluationWeights(side: .street, [.response: 1.2, .resolution: -0.2, .attitude: 0]) } == ["response", "resolution"])
        #expect(fields { _ = try EvaluationWeights(side: .department, [.verification: 0.5, .accuracy: 0.25, .cooperation: 0.25]) } == [])
        let street = EvaluationWeights.defaults(.street)
        // 100 × (0.4×1 + 0.4×0.5 + 0.2×0.75) = 100 × (0.4 + 0.2 + 0.15) = 75.0
        #expect(street.score([.response: 1, .resolution: 0.5, .attitude: 0.75]) == 75.0)
        // With attitude 1: 100 × (0.4 + 0 + 0.2) = 60.0; without attitude: 0.4 / 0.8 = 50.0 (not 40.0).
        #expect(street.score([.response: 1, .resolution: 0, .attitude: 1]) == 60.0)
        #expect(street.score([.response: 1, .resolution: 0]) == 50.0)
        // Only attitude 0.5: 0.2×0.5 / 0.2 = 50.0; only response 2/3: 66.67 rounded to one decimal = 66.7.
        #expect(street.score([.attitude: 0.5]) == 50.0)
        #expect(street.score([.response: 2.0 / 3.0]) == 66.7)
        // Department: 100 × (0.4×1 + 0.3×0.5 + 0.3×0) = 55.0
        #expect(EvaluationWeights.defaults(.department).score([.verification: 1, .accuracy: 0.5, .cooperation: 0]) == 55.0)
        #expect(street.score([:]) == nil && street.score([.verification: 1]) == nil)
        #expect(Share(0, of: 0).value == nil && Share(3, of: 4).value == 0.75 && Share(0, of: 5).value == 0)
        #expect(Share.rating(1) == 0 && Share.rating(5) == 1 && Share.rating(3) == 0.5 && Share.rating(4) == 0.75 && Share.rating(nil) == nil)
        #expect(EvaluationComponent.given(by: .street) == [.response, .resolution, .attitude])
        #expect(EvaluationComponent.given(by: .department) == [.verification, .accuracy, .cooperation])
    }

    @Test func accessListItemsAndTheTaskGate() throws {
        // The five allowed moves; every other (status, decision) pair is refused on the "decision" field.
        let allowed: [AccessItemStatus: [AccessItemDecision: AccessItemStatus]] = [
            .applied: [.approve: .approved, .reject: .rejected], .approved: [.enter: .listed, .withdraw: .withdrawn], .listed: [.withdraw: .withdrawn],
        ]
        for status in AccessItemStatus.allCases {
            for decision in AccessItemDecision.allCases {
                if let expected = allowed[status]?[decision] {
                    #expect(try status.after(decision) == expected, "\(status) \(decision)")
                } else {
                    #expect(fields { _ = try status.after(decision) } == ["decision"], "\(status) \(decision)")
                }
            }
        }
        #expect(try AccessItemStatus.applied.after(.approve).after(.enter).after(.withdraw) == .withdrawn)
        #expect(throws: FieldError.self) { try AccessItemStatus.listed.after(.approve) }
        #expect(throws: FieldError.self) { try AccessItemStatus.withdrawn.after(.enter) }

        let listed = TaskStatus.gate(citedItem: (status: .listed, departmentID: 7), departmentID: 7, askStreet: false)
        #expect(listed.status == .accepted && listed.reason == nil)
        #expect(TaskStatus.gate(citedItem: (status: .listed, departmentID: 7), departmentID: 7, askStreet: true).status == .accepted)
        let none = TaskStatus.gate(citedItem: nil, departmentID: 7, askStreet: false)
        #expect(none.status == .refused && none.reason?.zh == "未引用准入清单事项")
        let asked = TaskStatus.gate(citedItem: nil, departmentID: 7, askStreet: true)
        #expect(asked.status == .pendingStreet && asked.reason != nil)
        let other = TaskStatus.gate(citedItem: (status: .listed, departmentID: 8), departmentID: 7, askStreet: false)
        #expect(other.status == .refused && other.reason?.zh == "所引用事项不属于本部门")
        let applied = TaskStatus.gate(citedItem: (status: .applied, departmentID: 7), departmentID: 7, askStreet: false)
        #expect(applied.status == .refused && applied.reason?.zh.contains("已申请") == true && applied.reason?.en.contains("Applied") == true)
        #expect(TaskStatus.accepted.isTaken && TaskStatus.approved.isTaken && TaskStatus.refused.isKeptOff && TaskStatus.rejected.isKeptOff)
        #expect(!TaskStatus.pendingStreet.isTaken && !TaskStatus.pendingStreet.isKeptOff)
    }

    @Test func summonsInputIsTrimmedAndCheckedAtOnce() throws {
        let good = SummonsInput(unitID: 3, matter: " joint_enforcement ", urgency: "emergency\n", title: "  占道经营  ",
                                description: " 夜市占道，需城管与市场监管联合处置 \n", departmentIDs: [5, 2, 5], stationIDs: [9, 9, 1])
        #expect(try good.validated() == SummonsDefinition(unitID: 3, matter: .jointEnforcement, urgency: .emergency, title: "占道经营",
                                                          description: "夜市占道，需城管与市场监管联合处置", departmentIDs: [2, 5], stationIDs: [1, 9]))
        #expect(try SummonsInput(unitID: 1, matter: "resident_problem", urgency: "complex", title: "t", description: "d", stationIDs: [4])
            .validated().matter == .residentProblem)
        let bad = SummonsInput(unitID: nil, matter: "fire", urgency: "urgent", title: "   ", description: "")
        #expect(fields { _ = try bad.validated() } == ["matter", "urgency", "unit_id", "title", "description", "targets"])
        #expect(throws: ValidationError.self) { try bad.validated() }
        var tooMany = good
        tooMany.departmentIDs = Array(1...21); tooMany.stationIDs = []
        #expect(fields { _ = try tooMany.validated() } == ["targets"])
        var longTitle = good
        longTitle.title = String(repeating: "街", count: 101)
        #expect(fields { _ = try longTitle.validated() } == ["title"])
        longTitle.title = String(repeating: "街", count: 100)
        #expect(try longTitle.validated().title.count == 100)
    }
}
