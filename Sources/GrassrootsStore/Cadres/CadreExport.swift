import Foundation
import GrassrootsCore

/// The cadre evaluation as one CSV row per cadre, for the organization department's spreadsheet; the page and
/// `grassroots export cadres` write the same document.
public enum CadreExport {
    /// The document (UTF-8 with BOM) in `language`; `today` gives the years at the grassroots.
    public static func csv(_ evaluation: CadreEvaluation, today: String, language: Language) -> Data {
        let t = { (zh: String, en: String) in language == .zh ? zh : en }
        let parts = CadreComponent.allCases
        let noData = t("无数据", "no data")
        let header = [t("姓名", "Name"), t("类别", "Tier"), t("单位", "Unit"), t("职务", "Position"), t("学历", "Education"), t("基层工作年限", "Years at grassroots"),
                      t("必修课完成", "Required courses"), t("期内学时", "Hours in period")]
            + parts.map { $0.label.text(language) } + [t("得分", "Score"), t("期间", "Period")]
        let rows = evaluation.rows.map { row -> [String] in
            let c = row.cadre, values = row.parts.values
            return [c.name, c.tier.label.text(language), c.departmentName ?? c.unitName, c.position, c.education.label.text(language),
                    yearsSince(c.grassrootsSince, today: today).map(String.init) ?? "", "\(row.parts.requiredTraining.hits)/\(row.parts.requiredTraining.of)",
                    Hours.text(row.parts.hours)]
                + parts.map { values[$0].map { String(format: "%.1f", $0 * 100) } ?? noData }
                + [row.score.map { String(format: "%.1f", $0) } ?? noData, evaluation.period]
        }
        return CSV.document(header: header, rows: rows)
    }
}
