import Foundation
@testable import GrassrootsCore
import Testing

/// The rules of directives: the typed form and its answers, deadlines in Beijing time, the counters and the stall rule.
@Suite struct MobilizationRulesTests {
    @Test func formLinesParseInChineseOrEnglishAndRoundTrip() throws {
        let schema = try FormSchema.parse(lines: "体温 | 体温 | 必填\n\n去向 | choice | required | 在家/外出、住院\n备注")
        #expect(schema.fields.map(\.key) == ["f1", "f2", "f3"])
        #expect(schema.fields.map(\.type) == [.temperature, .choice, .text])
        #expect(schema.fields[1].options == ["在家", "外出", "住院"] && schema.fields[0].required && !schema.fields[2].required)
        #expect(try FormSchema.parse(lines: schema.lines) == schema)
        #expect(try FormSchema.parse(lines: FormSchema.screening.lines) == FormSchema.screening)
    }

    @Test func aDecodedFormIsCheckedLikeABuiltOne() throws {
        let good = try JSONEncoder().encode(PlanAction.screeningForm)
        #expect(try JSONDecoder().decode(FormSchema.self, from: good) == PlanAction.screeningForm)
        for bad in [#""key":"x\" onfocus=\"alert(1)""#, #""key":"symptoms""#] {
            let text = String(decoding: good, as: UTF8.self).replacingOccurrences(of: #""key":"temperature""#, with: bad)
            #expect(throws: ValidationError.self, "\(bad)") { try JSONDecoder().decode(FormSchema.self, from: Data(text.utf8)) }
        }
    }

    @Test func badFormDefinitionsNameTheLine() {
        #expect(throws: ValidationError.self) { try FormSchema.parse(lines: "体温 | colour") }
        do { _ = try FormSchema.parse(lines: "去向 | 选择 | 必填 | 在家\n | 文本"); Issue.record("expected errors") } catch let error as ValidationError {
            #expect(error.errors.count == 2)
            #expect(error.errors[0].message.zh.contains("第1项") && error.errors[1].message.zh.contains("第2项"))
        } catch { Issue.record("\(error)") }
        #expect(throws: ValidationError.self) {
            try FormSchema(fields: [FormField(key: "a", label: "x", type: .text), FormField(key: "a", label: "y", type: .text)])
        }
    }

    /// A number field may be bounded: typed as "0~50", "≥0" or "≤20", kept in the JSON as min/max, checked on every
    /// answer; a range on a field that is not a number, or upside down, is refused with the field's line.
    @Test func numberRangesAreTypedStoredAndChecked() throws {
        let schema = try FormSchema.parse(lines: "在家人数 | 数字 | 必填 | 0~50\n楼层 | number | 选填 | ≥-3\n用电 | 数字 | 选填 | ≤20.5\n面积 | 数字")
        #expect(schema.fields.map(\.minimum) == [0, -3, nil, nil] && schema.fields.map(\.maximum) == [50, nil, 20.5, nil])
        #expect(schema.fields.map(\.range) == ["0~50", "≥-3", "≤20.5", ""])
        #expect(try FormSchema.parse(lines: schema.lines) == schema)
        let json = String(decoding: try JSONEncoder().encode(schema), as: UTF8.self)
        #expect(json.contains(#""min":0"#) && json.contains(#""max":50"#) && !json.contains("minimum"))
        #expect(try JSONDecoder().decode(FormSchema.self, from: Data(json.utf8)) == schema)
        // A form stored before ranges existed reads back unbounded.
        let old = try JSONDecoder().decode(FormSchema.self, from: Data(#"{"fields":[{"key":"f1","label":"人数","type":"number","required":true,"options":[]}]}"#.utf8))
        #expect(old.fields[0].minimum == nil && old.fields[0].maximum == nil)

        #expect(try schema.validate(["f1": "0", "f2": "-3", "f3": "20.5"], outcome: .done) == ["f1": "0", "f2": "-3", "f3": "20.5"])
        do { _ = try schema.validate(["f1": "51", "f2": "-4", "f3": "21"], outcome: .done); Issue.record("expected errors") } catch let error as ValidationError {
            #expect(error.errors.map(\.message.zh) == ["“在家人数”应不大于50", "“楼层”应不小于-3", "“用电”应不大于20.5"])
        }
        for (line, says) in [("人数 | 数字 | 必填 | 很多", "应写作 0~20"), ("人数 | 数字 | 必填 | 9~1", "最小值不能大于最大值")] {
            do { _ = try FormSchema.parse(lines: line); Issue.record("\(line) accepted") } catch let error as ValidationError {
                #expect(error.errors.map(\.message.zh).joined().contains(says), "\(error)")
            }
        }
        #expect(throws: ValidationError.self) { try FormSchema(fields: [FormField(key: "t", label: "名称", type: .text, minimum: 1)]) }
        #expect(FormSchema.options(" 在家/外出、住院, 其他，  ") == ["在家", "外出", "住院", "其他"])
    }

    @Test func answersAreCheckedByTypeAndNormalized() throws {
        let answers = try FormSchema.screening.validate(["f1": " 3.0 ", "f2": "36.55", "f3": "否", "f4": "省外"], outcome: .done)
        #expect(answers == ["f1": "3", "f2": "36.5", "f3": "no", "f4": "省外"] || answers == ["f1": "3", "f2": "36.6", "f3": "no", "f4": "省外"])
        do {
            _ = try FormSchema.screening.validate(["f1": "三", "f2": "33.9", "f3": "maybe", "f4": "火星", "f9": "x"], outcome: .done)
            Issue.record("expected errors")
        } catch let error as ValidationError {
            #expect(Set(error.errors.map(\.field)) == ["f1", "f2", "f3", "f4", "f9"])
        }
        // Required answers are required only when the work was done.
        #expect(try FormSchema.screening.validate([:], outcome: .absent).isEmpty)
        #expect(throws: ValidationError.self) { try FormSchema.screening.validate([:], outcome: .done) }
        let dated = try FormSchema(fields: [FormField(key: "d", label: "日期", type: .date)])
        #expect(try dated.validate(["d": "2024-02-29"], outcome: .done) == ["d": "2024-02-29"])
        #expect(throws: ValidationError.self) { try dated.validate(["d": "2023-02-29"], outcome: .done) }
        #expect(throws: ValidationError.self) { try dated.validate(["d": "2023-13-01"], outcome: .done) }
    }

    @Test func deadlinesAreBeijingTime() throws {
        let date = try LocalTime.parse("2026-12-01 18:00", field: "deadline")
        #expect(Timestamp8601.format(date) == "2026-12-01T10:00:00Z")
        #expect(try LocalTime.parse("2026-12-01T18:00", field: "deadline") == date)
        #expect(LocalTime.format(date) == "2026-12-01 18:00" && LocalTime.inputValue(date) == "2026-12-01T18:00")
        for bad in ["2026-13-01 08:00", "2026-02-30 08:00", "明天", "2026-12-01 25:00", ""] {
            #expect(throws: FieldError.self, "\(bad)") { try LocalTime.parse(bad, field: "deadline") }
        }
    }

    @Test func directiveInputReportsEveryProblem() {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let input = DirectiveInput(title: "", kind: "party", target: "residents_with_category", responsible: "mayor", priority: "high",
                                   deadline: "2020-01-01 00:00", stallHours: 0)
        do { _ = try input.validated(now: now); Issue.record("expected errors") } catch let error as ValidationError {
            #expect(Set(error.errors.map(\.field)) == ["title", "kind", "responsible", "priority", "category", "deadline", "stall_hours"])
        } catch { Issue.record("\(error)") }
    }

    @Test func countersReachOverdueAndStall() throws {
        var c = ProgressCounts(total: 10, pending: 4, done: 3, absent: 1, refused: 1, notApplicable: 1)
        #expect(c.reached == 5 && c.reachedShare == 0.5)
        let deadline = Date(timeIntervalSince1970: 1000)
        #expect(c.overdue(deadline: deadline, now: deadline.addingTimeInterval(-1)) == 0)
        #expect(c.overdue(deadline: deadline, now: deadline.addingTimeInterval(1)) == 5)
        c[.pending] -= 1; c[.done] += 1
        #expect(c.reached == 6 && (c + c).total == 20 && ProgressCounts().reachedShare == nil)
        let rule = try StallRule(stallHours: 24), issued = Date(timeIntervalSince1970: 0)
        #expect(rule.isStalled(c, lastReport: nil, issuedAt: issued, now: issued.addingTimeInterval(24 * 3600)))
        #expect(!rule.isStalled(c, lastReport: issued.addingTimeInterval(3600), issuedAt: issued, now: issued.addingTimeInterval(24 * 3600)))
        #expect(!rule.isStalled(ProgressCounts(total: 2, done: 2), lastReport: nil, issuedAt: issued, now: .distantFuture))
        #expect(throws: FieldError.self) { try StallRule(stallHours: 0) }
        #expect(throws: FieldError.self) { try Outcome.parseReported("pending") }
        #expect(try Outcome.parseReported(" not_applicable ") == .notApplicable)
    }
}

/// ISO 8601 in UTC, as the store writes timestamps (the store's helper lives a layer up).
enum Timestamp8601 {
    static func format(_ date: Date) -> String { date.ISO8601Format() }
}
