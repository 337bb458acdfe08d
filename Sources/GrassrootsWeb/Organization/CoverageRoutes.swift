import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The coverage page: where the organization chain is missing, per unit and for each child, with SVG bars and CSV.
struct CoverageRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/units/:id/coverage", .signedIn(\.readsRegistry, .unitInScope)) { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            let report = try await stores.coverage.report(unitID: id, scope: try context.scope())
            if request.uri.queryParameters.get("format") == "csv" { return Self.csv(report) }
            return try await page(report, context)
        }
    }

    /// The counts as cards, open gaps first (in red), so the first screen on a phone shows what needs work.
    static func statCards(_ c: CoverageCounts, context: AppContext) -> HTML {
        let open = { (f: (path: WritableKeyPath<CoverageCounts, Int>, key: String, label: Bilingual, isGap: Bool)) in f.isGap && c[keyPath: f.path] > 0 }
        let cards = (CoverageCounts.fields.filter(open) + CoverageCounts.fields.filter { !open($0) }).map { f -> HTML in
            "<div class=\"stat\(f.isGap && c[keyPath: f.path] > 0 ? " gap" : "")\"><b>\(c[keyPath: f.path])</b>\(f.label.text(context.language))</div>"
        }.joined()
        let perWorker = c.householdsPerWorker.map { String(format: "%.0f", $0) } ?? "—"
        return "<div class=\"grid\" id=\"coverage-stats\">\(cards)<div class=\"stat\"><b>\(perWorker)</b>\(context.t("每名网格员服务户数", "Households per grid worker"))</div></div>"
    }

    func page(_ report: CoverageReport, _ context: AppContext) async throws -> Response {
        let scope = try context.scope()
        let lineage = try await stores.units.lineage(of: report.unit, scope: scope)
        let noData = context.t("无数据", "no data")
        var body = TerritoryRoutes.breadcrumbs(lineage, context: context, last: context.t("覆盖情况", "Coverage"))
        body += Self.statCards(report.counts, context: context)
        body += "<p><a class=\"button\" href=\"?format=csv\">\(context.t("导出 CSV", "Export CSV"))</a></p>"
        if !report.children.isEmpty {
            let rows = report.children.map { child -> HTML in
                let c = child.counts
                return """
                    <tr><td><a href="/units/\(child.unit.id)/coverage">\(child.unit.name)</a></td>
                    <td>\(HTML.bar(c.compoundPartyCoverage, noData: noData))</td><td>\(HTML.bar(c.gridBranchCoverage, noData: noData))</td>
                    <td>\(HTML.bar(c.householdStaffCoverage, noData: noData))</td><td class="num">\(c.unmanagedCompounds)</td>
                    <td class="num hide-phone">\(c.partyMembersWithoutBranch)</td></tr>
                    """
            }.joined()
            body += """
                <h2>\(context.t("下级对比", "By child unit"))</h2><table id="coverage-children">
                <tr><th>\(context.t("单元", "Unit"))</th><th>\(context.t("小区党小组覆盖", "Compounds with party group"))</th>
                <th>\(context.t("网格党支部覆盖", "Grids with branch"))</th><th>\(context.t("户有人负责", "Households with staff"))</th>
                <th class="num">\(context.t("无人管理小区", "Unmanaged compounds"))</th><th class="num hide-phone">\(context.t("未编入支部党员", "Members in no branch"))</th></tr>\(rows)</table>
                <p class="muted">\(context.t("绿色≥90%，黄色≥70%，红色<70%。", "Green ≥ 90 %, yellow ≥ 70 %, red < 70 %."))</p>
                """
        }
        return HTML.response(Layout.page(title: report.unit.name + " · " + context.t("组织覆盖与短板", "Coverage and gaps"), context: context, body: body))
    }

    static func csv(_ report: CoverageReport) -> Response {
        HTML.csv(report.csv, filename: "coverage-\(report.unit.id).csv")
    }
}
