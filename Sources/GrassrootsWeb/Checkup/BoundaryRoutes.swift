import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Boundaries on the web: import a GeoJSON FeatureCollection of areas (pasted, or read from a file by the browser —
/// forms here are plain, so the file is read into the text box), export them, list the compounds whose position lies
/// outside their grid, and move them into the grid that holds them. The same store calls as `grassroots boundaries`.
struct BoundaryRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/checkup/boundaries", .signedIn(\.readsRegistry, .unitInScope)) { request, context in
            try await page(request.uri.queryParameters.get("unit"), context, errors: [:], notice: nil)
        }
        router.get("/checkup/boundaries.geojson", .signedIn(.unitInScope)) { request, context in
            let unit = try await CadreRoutes.unitOrRoot(request.uri.queryParameters.get("unit"), stores, try context.scope())
            let data = try await stores.boundaries.export(under: unit.id, scope: try context.scope())
            return Response(status: .ok, headers: [.contentType: "application/geo+json", .contentDisposition: "attachment; filename=\"boundaries-\(unit.code ?? "\(unit.id)").geojson\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/checkup/boundaries", .signedIn(\.administers, .unitInScope)) { request, context in
            let form = try await Form.read(request, context: context)
            let scope = try context.scope()
            do {
                let notice: String
                if form["do"] == "place" {
                    let unit = try await CadreRoutes.unitOrRoot(form["unit"], stores, scope)
                    let placements = try await stores.boundaries.place(under: unit.id, scope: scope)
                    let moved = placements.filter { $0.refused == nil }
                    notice = context.t("已调整 \(moved.count) 个小区：", "Moved \(moved.count) compounds: ")
                        + moved.map { "\($0.compound)（\($0.fromGrid) → \($0.toGrid ?? "")）" }.joined(separator: "、")
                } else {
                    let count = try await stores.boundaries.importBoundaries(Data((form["geojson"] ?? "").utf8), scope: scope)
                    notice = context.t("已导入 \(count) 个边界", "Imported \(count) boundaries")
                }
                return try await page(form["unit"], context, errors: [:], notice: notice)
            } catch {
                guard let errors = FormErrors.messages(error, context) else { throw error }
                return try await page(form["unit"], context, errors: errors, notice: nil, pasted: form["geojson"])
            }
        }
    }

    func page(_ unitParameter: String?, _ context: AppContext, errors: [String: String], notice: String?, pasted: String? = nil) async throws -> Response {
        let scope = try context.scope()
        guard scope.role.readsRegistry else { throw AccessDenied() }
        let unit = try await CadreRoutes.unitOrRoot(unitParameter, stores, scope)
        let misplaced = try await stores.boundaries.misplaced(under: unit.id, scope: scope)
        var body: HTML = HTML.errorBox(errors) + (notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" as HTML } ?? "")
        body += "<p><a href=\"/checkup/boundaries.geojson?unit=\(unit.id)\">\(context.t("导出边界 GeoJSON", "Export boundaries as GeoJSON"))</a> · <a href=\"/checkup?unit=\(unit.id)\">\(context.t("体检报告", "Check-up"))</a></p>"
        body += "<h2>\(context.t("位置不在所属网格内的小区（\(misplaced.count)）", "Compounds outside their grid (\(misplaced.count))"))</h2>"
        body += misplaced.isEmpty ? "<p class=\"nodata\">\(context.t("无（或尚未导入边界和位置）", "None (or no boundaries and positions yet)"))</p>" : "<table id=\"misplaced\">" + misplaced.map {
            "<tr><td>\($0.compound)</td><td>\(context.t("登记在", "registered in")) \($0.grid)</td><td>\(context.t("位置在", "lies in")) \($0.containingGrid ?? context.t("任何网格之外", "no grid"))</td></tr>" as HTML
        }.joined() + "</table>"
        guard scope.role.administers else { return HTML.response(Layout.page(title: context.t("\(unit.name) · 边界", "\(unit.name) · boundaries"), context: context, body: body)) }
        if !misplaced.isEmpty {
            body += """
                <form method="post" action="/checkup/boundaries" id="place-form">\(HTML.csrfField(context))<input type="hidden" name="unit" value="\(unit.id)">\
                <input type="hidden" name="do" value="place"><button type="submit">\(context.t("按位置调整到所在网格（同一社区内）", "Move them into the grid that holds them (same community)"))</button></form>
                """
        }
        body += """
            <form method="post" action="/checkup/boundaries" class="card" id="boundary-form">\(HTML.csrfField(context))<input type="hidden" name="unit" value="\(unit.id)">
            <h2>\(context.t("导入边界", "Import boundaries"))</h2>
            <label class="field"><span>\(context.t("选择 GeoJSON 文件", "Choose a GeoJSON file"))</span><input type="file" accept=".geojson,.json,application/geo+json" id="geojson-file"></label>
            \(HTML.textarea("geojson", label: context.t("或粘贴 FeatureCollection（每个要素 properties.code 为街道、社区或网格代码）", "Or paste a FeatureCollection (properties.code of a street, community or grid)"),
                            value: pasted, errors: errors, rows: 6))
            <button type="submit">\(context.t("导入（全部成功才生效）", "Import (all or nothing)"))</button></form>
            \(StaticAssets.boundary.script)
            """
        return HTML.response(Layout.page(title: context.t("\(unit.name) · 边界", "\(unit.name) · boundaries"), context: context, body: body),
                             status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
