import Foundation
import GrassrootsCore
import GrassrootsStore

/// The parts of the check-up page.
enum CheckupPage {
    static func body(_ report: CheckupReport, areas: [Int: BoundaryFeature], _ context: AppContext) -> HTML {
        let lang = context.language
        let unit = report.unit, scores = unit.scores
        let noData = context.t("无数据", "no data")
        let score = { (s: Double?) in s.map { String(format: "%.1f", $0) } ?? noData }
        let indices = CheckupIndex.allCases.map {
            "<div class=\"stat\"><b>\(score(scores.score($0)))</b>\($0.label.text(lang))<br><small>\(context.t("权重", "weight")) 0.25</small></div>" as HTML
        }.joined()
        let rank = report.siblings.firstIndex { $0.unitID == unit.unitID }.map { context.t("在同级 \(report.siblings.count) 个单位中排第 \($0 + 1)", "Rank \($0 + 1) of \(report.siblings.count) siblings") } ?? ""
        let weakest = scores.weakest().map { v -> HTML in
            "<li><a href=\"\(url: link(v.measure, unit))\">\(v.measure.label.text(lang))</a> \(HTML.bar(v.value, width: 100, noData: noData)) <small>\(counts(v, context))</small></li>"
        }.joined()
        let points = CheckupIndex.allCases.map { index -> HTML in
            let rows = scores.values.filter { $0.measure.index == index }.map { v -> HTML in
                "<tr><td><a href=\"\(url: link(v.measure, unit))\">\(v.measure.label.text(lang))</a></td><td>\(HTML.bar(v.value, width: 120, noData: noData))</td><td>\(counts(v, context))</td><td class=\"num\">\(String(format: "%.2f", CheckupScores.weight(v.measure)))</td></tr>"
            }.joined()
            return "<h3>\(index.label.text(lang)) · \(score(scores.score(index)))</h3><table class=\"points\" id=\"points-\(index.rawValue)\"><tr><th>\(context.t("检查项", "Point"))</th><th>\(context.t("得分率", "Share"))</th><th>\(context.t("依据", "Counts"))</th><th class=\"num\">\(context.t("权重", "Weight"))</th></tr>\(rows)</table>"
        }.joined()
        let children = report.children.enumerated().map { i, c -> HTML in
            let cells: HTML = CheckupIndex.allCases.map { "<td class=\"hide-phone\">\(HTML.bar(c.scores.score($0).map { $0 / 100 }, width: 60, noData: noData))</td>" as HTML }.joined()
            return "<tr><td>\(i + 1). <a href=\"/checkup?unit=\(c.unitID)&amp;period=\(c.period)\">\(c.unitName)</a></td><td class=\"num\"><b>\(score(c.overall))</b></td>\(cells)</tr>"
        }.joined()
        return """
            <form method="get" action="/checkup" class="inline"><input type="hidden" name="unit" value="\(unit.unitID)">\
            \(HTML.field("period", label: context.t("期间（2026Q4、2026-11 或 2026）", "Period (2026Q4, 2026-11 or 2026)"), value: unit.period, errors: [:]))<button type="submit">\(context.t("查看", "Show"))</button></form>
            <div class="grid" id="checkup-scores"><div class="stat"><b id="overall">\(score(unit.overall))</b>\(context.t("综合得分", "Overall"))<br><small>\(rank)</small></div>\(indices)</div>
            <p class="muted">\(context.t("每个检查项为0–100%的比例，指数为其所含检查项的等权平均，综合为四项指数的等权平均；无数据的项不计入且不按零分计算。所有数字均由业务记录实时计算，可逐项追溯。",
                "Each point is a share (0–100 %); an index is the equal-weight mean of its points, the overall score the equal-weight mean of the indices; points without data are left out, never counted as zero. Every figure is computed from the records and can be traced."))</p>
            \(trend(report.trend, context))
            <h2>\(context.t("最需改进的五项", "The five weakest points"))</h2><ol id="weakest">\(weakest)</ol>
            <h2>\(context.t("全部检查项", "Every point"))</h2>\(points)
            \(if: !report.children.isEmpty, """
            <h2>\(context.t("下级单位", "Units below"))</h2>\(areas.isEmpty ? treemap(report.children, context) : map(report.children, areas, context))
            <div class="scroll-x"><table id="checkup-children"><tr><th>\(context.t("单位", "Unit"))</th><th class="num">\(context.t("综合", "Overall"))</th>\(CheckupIndex.allCases.map { "<th class=\"hide-phone\">\($0.label.text(lang))</th>" as HTML }.joined())</tr>\(children)</table></div>
            """)
            <p><a class="button" href="?unit=\(unit.unitID)&amp;period=\(unit.period)&amp;format=csv">\(context.t("导出 CSV", "Export CSV"))</a> <a class="button" href="#" data-print>\(context.t("打印", "Print"))</a> <a href="/checkup/boundaries?unit=\(unit.unitID)">\(context.t("边界与小区位置", "Boundaries and compound positions"))</a></p>
            """
    }

    static func counts(_ v: CheckupValue, _ context: AppContext) -> String {
        if v.measure == .drillResults, v.share.of == 0 { return context.t("本期未开展演练", "No drill this period") }
        if v.measure == .requestRates { return context.t("有评价 \(v.share.hits) / 应响应 \(v.share.of)", "\(v.share.hits) rated / \(v.share.of) due") }
        return "\(v.share.hits)/\(v.share.of)"
    }

    /// Where the records behind a point are: the list of them, or for a ratio the page it is computed on.
    static func link(_ measure: CheckupMeasure, _ unit: UnitCheckup) -> String {
        if measure.listsRecords { return "/checkup/points/\(measure.rawValue)?unit=\(unit.unitID)&period=\(unit.period)" }
        return measure == .requestRates ? "/requests/rates?unit=\(unit.unitID)&period=\(unit.period)" : "/participation"
    }

    /// The records behind one point, those that hold it down first, each linked to where it is kept.
    static func records(_ point: CheckupPointRecords, _ context: AppContext) -> HTML {
        let share = point.total == 0 ? context.t("无数据", "no data") : HTML.percent(Double(point.hits) / Double(point.total)) + "%"
        let short = point.records.filter(\.isShort).count
        let rows = point.records.map { r -> HTML in
            let counted: HTML = r.total == 1 ? (r.hits == 1 ? "<span>✓</span>" : "<span class=\"flag\">✗</span>") : "\(r.hits)/\(r.total)"
            return "<tr\(if: r.isShort, " class=\"short\"")><td><a href=\"\(url: r.link)\">\(r.label)</a></td><td>\(r.place)</td><td class=\"num\">\(counted)</td></tr>"
        }.joined()
        let base = "?unit=\(point.unitID)&period=\(point.period)"
        return """
            <div class="crumbs"><a href="/checkup\(base)">\(context.t("体检", "Check-up")) · \(point.unitName) \(point.period)</a> › \(point.measure.label.text(context.language))</div>
            <p id="point-summary"><b>\(share)</b> \(point.hits)/\(point.total) · \(context.t("共 \(point.count) 条记录，拉低得分的排在前面", "\(point.count) records, those holding the point down first"))\
            \(if: point.count > point.records.count, HTML(text: context.t("（显示前 \(point.records.count) 条，全部见 CSV）", " (the first \(point.records.count) shown; the CSV has all)")))</p>
            <p><a class="button" href="\(base)&amp;format=csv">\(context.t("导出 CSV", "Export CSV"))</a></p>
            \(point.records.isEmpty ? "<p class=\"nodata\">\(context.t("本期没有计入这一项的记录", "No record counts towards this point in the period"))</p>" as HTML : """
                <table id="point-records"><tr><th>\(context.t("记录", "Record"))</th><th>\(context.t("所在", "Where"))</th>\
                <th class="num">\(context.t("计入", "Counts"))</th></tr>\(rows)</table>
                """)
            <p class="muted">\(context.t("未达标 \(short) 条在本页", "\(short) short on this page"))</p>
            """
    }

    static func recordsCSV(_ point: CheckupPointRecords, _ context: AppContext) -> Data {
        CSV.document(header: [context.t("记录", "record"), context.t("所在", "where"), context.t("链接", "link"), context.t("达标数", "hits"), context.t("应计数", "total")],
                     rows: point.records.map { [$0.label, $0.place, $0.link, "\($0.hits)", "\($0.total)"] })
    }

    /// The overall score over the periods shown, as bars.
    static func trend(_ points: [UnitCheckup], _ context: AppContext) -> HTML {
        guard points.count > 1 else { return "" }
        let width = 90, height = 120
        let bars = points.enumerated().map { i, p -> HTML in
            let h = Int(((p.overall ?? 0) / 100 * Double(height - 30)).rounded())
            return "<rect x=\"\(i * width + 20)\" y=\"\(height - 20 - h)\" width=\"50\" height=\"\(h)\" fill=\"#b71c1c\"/><text x=\"\(i * width + 45)\" y=\"\(height - 24 - h)\" font-size=\"11\" text-anchor=\"middle\">\(p.overall.map { String(format: "%.0f", $0) } ?? "–")</text><text x=\"\(i * width + 45)\" y=\"\(height - 5)\" font-size=\"11\" text-anchor=\"middle\">\(p.period)</text>"
        }.joined()
        return "<h2>\(context.t("趋势", "Trend"))</h2><svg class=\"chart\" id=\"trend\" width=\"\(points.count * width + 20)\" height=\"\(height)\" role=\"img\" aria-label=\"trend\">\(bars)</svg>"
    }

    /// The units below drawn from their imported boundaries (an equirectangular projection scaled by the cosine of
    /// the latitude), coloured by overall score; units without a boundary are listed in the table only.
    static func map(_ units: [UnitCheckup], _ areas: [Int: BoundaryFeature], _ context: AppContext) -> HTML {
        let points = areas.values.flatMap { $0.polygons.flatMap { $0.rings.flatMap { $0 } } }
        guard let minX = points.map({ $0[0] }).min(), let maxX = points.map({ $0[0] }).max(), let minY = points.map({ $0[1] }).min(),
              let maxY = points.map({ $0[1] }).max(), maxX > minX, maxY > minY else { return treemap(units, context) }
        let width = 680.0, squeeze = cos((minY + maxY) / 2 * .pi / 180)
        let scale = width / ((maxX - minX) * squeeze), height = (maxY - minY) * scale
        let shapes = units.compactMap { u -> HTML? in
            guard let area = areas[u.unitID] else { return nil }
            let d = area.polygons.flatMap(\.rings).map { ring in
                "M" + ring.map { String(format: "%.1f,%.1f", ($0[0] - minX) * squeeze * scale, (maxY - $0[1]) * scale) }.joined(separator: "L") + "Z"
            }.joined()
            return "<a href=\"/checkup?unit=\(u.unitID)&amp;period=\(u.period)\"><path d=\"\(d)\" fill=\"\(color(u.overall))\" fill-rule=\"evenodd\" stroke=\"#fff\"><title>\(u.unitName) \(u.overall.map { String(format: "%.1f", $0) })</title></path></a>"
        }.joined()
        return "<svg class=\"chart\" id=\"map\" width=\"\(Int(width))\" height=\"\(Int(height.rounded()))\" role=\"img\" aria-label=\"\(context.t("下级单位地图", "Map of units below"))\">\(shapes)</svg>" + legend(context)
    }

    /// Score bands from best to worst, each with its colour: the map, the tree map and the legend use these.
    /// Ten points a band, so units that are all weak still differ by colour.
    static let bands: [(from: Double, color: String)] = [(90, "#1b5e20"), (80, "#43a047"), (70, "#9e9d24"), (60, "#f9a825"), (50, "#fb8c00"),
                                                         (40, "#f4511e"), (30, "#d32f2f"), (0, "#8e0000")]

    static func color(_ score: Double?) -> String {
        guard let score else { return "#9e9e9e" }
        return bands.first { score >= $0.from }?.color ?? "#c62828"
    }

    /// What each colour means, under the picture.
    static func legend(_ context: AppContext) -> HTML {
        let items = bands.enumerated().map { i, band -> HTML in
            let range = i == 0 ? "≥\(Int(band.from))" : band.from == 0 ? "<\(Int(bands[i - 1].from))" : "\(Int(band.from))–\(Int(bands[i - 1].from) - 1)"
            return "<span class=\"swatch\"><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"\(band.color)\"/></svg> \(range)</span>"
        }.joined()
        return "<p class=\"legend\" id=\"legend\">\(context.t("综合得分", "Overall score"))：\(items)<span class=\"swatch\"><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"#9e9e9e\"/></svg> \(context.t("无数据", "no data"))</span></p>"
    }

    /// The units below as a squarified tree map: area by households, colour by overall score band, each cell
    /// labelled with as much of its name as fits and its score.
    static func treemap(_ units: [UnitCheckup], _ context: AppContext) -> HTML {
        let width = 680.0, height = 300.0
        let cells = Treemap.squarify(units.map { Double($0.households) }, width: width, height: height).map { cell -> HTML in
            let u = units[cell.index], score = u.overall.map { String(format: "%.0f", $0) } ?? "–"
            let (x, y, w, h) = (cell.x, cell.y, cell.width, cell.height)
            // About 12 units a Chinese character at this size: a name is cut to what fits, and left out below 2.
            let chars = Int((w - 8) / 12)
            var label: HTML = ""
            if h >= 34 && chars >= 2 {
                label = "<text x=\"\(Int(x + 4))\" y=\"\(Int(y + 16))\" font-size=\"12\" fill=\"#fff\">\(String(u.unitName.prefix(chars)))</text>"
                    + "<text x=\"\(Int(x + 4))\" y=\"\(Int(y + 31))\" font-size=\"12\" font-weight=\"bold\" fill=\"#fff\">\(score)</text>"
            } else if h >= 16 && w >= 20 {
                label = "<text x=\"\(Int(x + 3))\" y=\"\(Int(y + 13))\" font-size=\"11\" fill=\"#fff\">\(score)</text>"
            }
            return """
                <a href="/checkup?unit=\(u.unitID)&amp;period=\(u.period)"><rect x="\(String(format: "%.1f", x))" y="\(String(format: "%.1f", y))" \
                width="\(String(format: "%.1f", max(0, w - 1)))" height="\(String(format: "%.1f", max(0, h - 1)))" fill="\(color(u.overall))">\
                <title>\(u.unitName) \(u.overall.map { String(format: "%.1f", $0) } ?? context.t("无数据", "no data"))</title></rect>\(label)</a>
                """
        }.joined()
        return """
            <svg class="chart" id="treemap" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" aria-label="\(context.t("下级单位树图", "Tree map of units below"))">\(cells)</svg>\(legend(context))
            """
    }
}
