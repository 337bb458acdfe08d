import Foundation
import GrassrootsCore

/// The check-up as CSV (UTF-8 with BOM): one row per point of the unit, then one row per unit below.
public enum CheckupExport {
    public static func csv(_ report: CheckupReport, language: Language) -> Data {
        let t = { (zh: String, en: String) in language == .zh ? zh : en }
        let fmt = { (v: Double?) in v.map { String(format: "%.1f", $0) } ?? t("无数据", "no data") }
        var rows: [[String]] = report.unit.scores.values.map { v in
            [report.unit.unitName, v.measure.index.label.text(language), v.measure.label.text(language), fmt(v.value.map { $0 * 100 }), "\(v.share.hits)", "\(v.share.of)"]
        }
        rows += CheckupIndex.allCases.map { [report.unit.unitName, $0.label.text(language), t("指数", "index"), fmt(report.unit.scores.score($0)), "", ""] }
        rows.append([report.unit.unitName, t("综合", "Overall"), "", fmt(report.unit.overall), "", ""])
        rows += report.children.map { [$0.unitName, t("综合", "Overall"), "", fmt($0.overall), "", ""] }
        return CSV.document(header: [t("单位", "Unit"), t("指数", "Index"), t("检查项", "Point"), t("得分", "Score"), t("分子", "Count"), t("分母", "Of")], rows: rows)
    }
}
