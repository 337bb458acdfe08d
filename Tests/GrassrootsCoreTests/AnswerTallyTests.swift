import Foundation
@testable import GrassrootsCore
import Testing

/// How a report counts answers: fever bands at their edges, choices by option, numbers summarized, and who is
/// followed up.
@Suite struct AnswerTallyTests {
    let form = FormSchema.screening

    @Test func temperaturesFallInTheirFeverBandsAtTheEdges() {
        let columns = AnswerColumns(form.fields[1])
        let cases: [(String, Int?)] = [("36.5", 0), ("37.2", 0), ("37.3", 1), ("38.0", 1), ("38.1", 2), ("39.0", 2), ("39.1", 3), ("41.0", 3), ("", nil), ("热", nil)]
        for (answer, column) in cases { #expect(columns.column(of: answer) == column, "\(answer)") }
        #expect(columns.flagged == [1, 2, 3])
    }

    @Test func aTallyCountsChoicesAndSummarizesNumbers() {
        var tally = AnswerTally(form)
        tally.add(["f1": "3", "f2": "36.5", "f3": "no", "f4": "未外出"], form: form)
        tally.add(["f1": "1", "f2": "38.2", "f3": "yes", "f4": "省外"], form: form)
        tally.add([:], form: form)
        #expect(tally.answered == 2)
        #expect(tally.counts[1] == [1, 0, 1, 0])
        #expect(tally.counts[2] == [1, 1])
        #expect(tally.counts[3] == [1, 0, 1, 0])
        #expect(tally.counts[4] == [0])
        let numbers = tally.numbers[0]
        #expect(numbers?.count == 2 && numbers?.least == 1 && numbers?.most == 3 && numbers?.mean == 2)
        #expect(tally.numbers[1] == nil)
    }

    @Test func feversAndRefusalsAreFollowedUpAndNothingElseIs() {
        #expect(AnswerTally.followUp(["f2": "37.3"], outcome: .done, form: form) == [Bilingual("最高体温 37.3 ℃", "最高体温 37.3 °C")])
        #expect(AnswerTally.followUp(["f2": "37.2", "f3": "yes"], outcome: .done, form: form).isEmpty)
        #expect(AnswerTally.followUp([:], outcome: .refused, form: form) == [Bilingual("拒绝配合", "Refused")])
        #expect(AnswerTally.followUp([:], outcome: .absent, form: form).isEmpty)
    }

    @Test func yesAndNoReadAsPeopleSayThem() {
        #expect(form.fields[2].display("yes") == "是" && form.fields[2].display("no") == "否")
        #expect(form.fields[3].display("省内") == "省内")
    }
}
