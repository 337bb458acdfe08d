import Foundation
import GrassrootsCore
import SQLKit

/// One row per assignment of a directive within the caller's view, with the place spelled out by tier and the
/// form answers in columns. Residents' names are masked: an export is a copy that leaves the system.
public struct DirectiveExport: Sendable {
    let context: StoreContext

    /// Creates the exporter.
    public init(_ context: StoreContext) { self.context = context }

    /// The CSV document (UTF-8 with BOM, CRLF), headed in Chinese as staff read it.
    public func csv(directiveID: Int, scope: Scope) async throws -> Data {
        guard scope.role.readsHouseholdRows else { throw AccessDenied(AssignmentStore.householdRowsDenied) }
        let directive = try await DirectiveStore(context).directive(directiveID, scope: scope)
        let low = directive.viewPath(for: scope)
        let rows = try await context.database.read { db in
            let names = Dictionary(uniqueKeysWithValues: try await db.select().columns("id", "kind", "name").from("units")
                .where("path", .greaterThanOrEqual, SQLBind(low)).where("path", .lessThan, SQLBind(low + "~"))
                .where("kind", .in, SQLBind.group(["street", "community", "grid", "compound"])).all()
                .map { (try $0.decode(column: "id", as: Int.self), (try $0.decode(column: "kind", as: String.self), try $0.decode(column: "name", as: String.self))) })
            return try await db.raw("""
                \(unsafeRaw: Assignment.select) WHERE a.directive_id = \(bind: directiveID) AND a.path >= \(bind: low) AND a.path < \(bind: low + "~")
                ORDER BY u.parent_id, u.name, a.label, a.id
                """).all().map { row -> [String] in
                let assignment = try Assignment(row: row)
                let tiers = assignment.path.split(separator: "/").compactMap { Int($0) }.compactMap { names[$0] }
                let place = ["street", "community", "grid", "compound"].map { kind in tiers.first { $0.0 == kind }?.1 ?? "" }
                return place + [assignment.unitName, assignment.label, assignment.residentName ?? "", assignment.outcome.label.zh,
                                assignment.responsibleName ?? "", assignment.submittedAt.map(LocalTime.format) ?? "", assignment.submittedBy ?? ""]
                    + directive.form.fields.map { field in assignment.answers[field.key].map(field.display) ?? "" } + [assignment.note ?? ""]
            }
        }
        let header = ["街道", "社区", "网格", "小区", "楼栋/对象", "房号/名称", "居民", "结果", "负责人", "反馈时间", "反馈人"]
            + directive.form.fields.map(\.label) + ["备注"]
        return CSV.document(header: header, rows: rows)
    }
}
