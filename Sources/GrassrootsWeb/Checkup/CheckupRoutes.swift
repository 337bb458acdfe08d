import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The check-up (体检) report: the overall score and the four indices with their weights, the trend, the rank among
/// siblings, the five weakest points with links to the records behind them, every point with its counts, and the
/// units below as a ranked table and a tree map. It prints (the print stylesheet drops navigation and forms), and
/// comes as CSV and JSON.
struct CheckupRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/checkup", .signedIn(\.readsCheckup, .unitInScope)) { request, context in
            let scope = try context.scope()
            var errors: [String: String] = [:]
            let period = FormErrors.period(request.uri.queryParameters.get("period"), now: stores.context.clock(), context, errors: &errors)
            let unit = try await CadreRoutes.unitOrRoot(request.uri.queryParameters.get("unit"), stores, scope)
            let report = try await stores.checkup.report(unitID: unit.id, period: period.code, scope: scope)
            if request.uri.queryParameters.get("format") == "csv" {
                return HTML.csv(CheckupExport.csv(report, language: context.language), filename: "checkup-\(unit.code ?? "\(unit.id)")-\(period.code).csv")
            }
            let areas = try await stores.boundaries.boundaries(of: report.children.map(\.unitID))
            return HTML.response(Layout.page(title: context.t("\(unit.name) · 体检报告 \(period.code)", "\(unit.name) · check-up \(period.code)"), context: context,
                                             body: HTML.errorBox(errors) + CheckupPage.body(report, areas: areas, context)))
        }
        router.get("/checkup/points/:measure", .signedIn(\.readsCheckup, .unitInScope)) { request, context in
            let raw = try context.parameters.require("measure")
            guard let measure = CheckupMeasure(rawValue: raw), measure.listsRecords else {
                throw StoreError.notFound(Bilingual("体检没有“\(raw)”这一项逐条记录", "The check-up lists no records for “\(raw)”"))
            }
            let scope = try context.scope()
            var errors: [String: String] = [:]
            let period = FormErrors.period(request.uri.queryParameters.get("period"), now: stores.context.clock(), context, errors: &errors)
            let unit = try await CadreRoutes.unitOrRoot(request.uri.queryParameters.get("unit"), stores, scope)
            let csv = request.uri.queryParameters.get("format") == "csv"
            let point = try await stores.checkup.records(measure, unitID: unit.id, period: period.code, scope: scope, limit: csv ? 1_000_000 : 300)
            if csv {
                return HTML.csv(CheckupPage.recordsCSV(point, context), filename: "checkup-\(unit.code ?? "\(unit.id)")-\(period.code)-\(measure.rawValue).csv")
            }
            return HTML.response(Layout.page(title: "\(unit.name) · \(measure.label.text(context.language)) · \(period.code)", context: context,
                                             body: HTML.errorBox(errors) + CheckupPage.records(point, context)))
        }
        router.get("/api/v1/checkup", .signedIn(\.readsCheckup, .unitInScope)) { request, context in
            let scope = try context.scope()
            let unit = try await CadreRoutes.unitOrRoot(request.uri.queryParameters.get("unit"), stores, scope)
            let period = request.uri.queryParameters.get("period") ?? Period.quarter(of: stores.context.clock()).code
            return JSONBody.response(try await stores.checkup.report(unitID: unit.id, period: period, scope: scope))
        }
    }
}
