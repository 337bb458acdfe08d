import Foundation
import GrassrootsCore
import GrassrootsStore

/// The report's answers: one table per field (units down, the field's columns across, fever bands in red) and
/// the households to follow up, each a link to its record.
enum AnswerView {
    static func render(_ report: AnswerReport, _ context: AppContext) -> HTML {
        guard !report.form.fields.isEmpty else { return "" }
        let lang = context.language
        var html: HTML = "<h2>\(context.t("答案汇总", "Answers"))</h2>"
        guard report.total.answered > 0 else { return html + "<p class=\"nodata\">\(context.t("尚无填写的答案", "No answers yet"))</p>" }
        html += "<p class=\"muted\">\(context.t("已填写 \(report.total.answered) 户", "\(report.total.answered) targets answered"))</p>"
        for (index, field) in report.form.fields.enumerated() {
            let columns = AnswerColumns(field)
            let head: HTML = field.type == .number
                ? "<th class=\"num\">\(context.t("已填", "Answered"))</th><th class=\"num\">\(context.t("最小", "Least"))</th><th class=\"num\">\(context.t("平均", "Mean"))</th><th class=\"num\">\(context.t("最大", "Most"))</th>"
                : columns.labels.enumerated().map { i, label in "<th class=\"num\(if: columns.flagged.contains(i), " flag")\">\(label.text(lang))</th>" as HTML }.joined()
            let units: [(HTML, AnswerTally)] = report.rows.map { (HTML(text: $0.name), $0.tally) } + [("<b>\(context.t("合计", "Total"))</b>", report.total)]
            let rows: HTML = units.map { name, tally in "<tr><td>\(name)</td>\(cells(tally, index, columns))</tr>" as HTML }.joined()
            html += """
                <h3>\(field.label)</h3><div class="scroll-x"><table class="answers" id="answers-\(field.key)"><tr><th>\(context.t("单元", "Unit"))</th>\(head)</tr>\
                \(rows)</table></div>
                """
        }
        if !report.followUps.isEmpty {
            html += "<h2>\(context.t("需跟进的住户", "To follow up"))（\(report.followUps.count)）</h2><ul id=\"follow-ups\">" + report.followUps.map { f in
                "<li><a href=\"/assignments/\(f.assignmentID)\">\(f.place)</a> <span class=\"flag\">\(f.reasons.map { $0.text(lang) }.joined(separator: "；"))</span></li>" as HTML
            }.joined() + "</ul>"
        }
        return html
    }

    static func cells(_ tally: AnswerTally, _ index: Int, _ columns: AnswerColumns) -> HTML {
        if let numbers = tally.numbers[index] {
            func shown(_ n: Double?) -> String { n.map { $0 == $0.rounded() ? String(Int($0)) : String(format: "%.1f", $0) } ?? "—" }
            return "<td class=\"num\">\(numbers.count)</td><td class=\"num\">\(shown(numbers.count == 0 ? nil : numbers.least))</td>"
                + "<td class=\"num\">\(shown(numbers.mean))</td><td class=\"num\">\(shown(numbers.count == 0 ? nil : numbers.most))</td>"
        }
        return tally.counts[index].enumerated().map { i, n in
            "<td class=\"num\(if: columns.flagged.contains(i) && n > 0, " flag")\">\(n)</td>" as HTML
        }.joined()
    }
}
