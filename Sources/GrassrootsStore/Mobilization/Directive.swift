import Foundation
import GrassrootsCore
import SQLKit

/// A directive as stored: what, for whom, by when, and where it stands.
public struct Directive: Sendable, Codable, Equatable {
    public let id: Int
    /// The issuing unit; the directive reaches its whole subtree.
    public let unitID: Int
    public let path: String
    public let title: String
    public let kind: DirectiveKind
    public let target: TargetKind
    public let category: String?
    public let responsible: ResponsibleRule
    public let priority: Priority
    public let deadline: Date
    public let instructions: String
    public let form: FormSchema
    public let stallHours: Int
    public let status: DirectiveStatus
    public let targetCount: Int
    public let createdBy: String
    public let createdAt: Date
    public let issuedAt: Date?
    /// Issued by a drill (演练): shown, but left out of real statistics.
    public let drill: Bool

    static let columns = ["id", "unit_id", "path", "title", "kind", "target", "category_code", "responsible", "priority", "deadline",
                          "instructions", "form_json", "stall_hours", "status", "target_count", "created_by", "created_at", "issued_at", "drill"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        unitID = try row.decode(column: "unit_id", as: Int.self)
        path = try row.decode(column: "path", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        kind = DirectiveKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .custom
        target = TargetKind(rawValue: try row.decode(column: "target", as: String.self)) ?? .households
        category = try row.decode(column: "category_code", as: String?.self)
        responsible = ResponsibleRule(rawValue: try row.decode(column: "responsible", as: String.self)) ?? .gridWorker
        priority = Priority(rawValue: try row.decode(column: "priority", as: String.self)) ?? .normal
        deadline = try row.date("deadline") ?? .distantFuture
        instructions = try row.decode(column: "instructions", as: String.self)
        form = try JSONDecoder().decode(FormSchema.self, from: Data(try row.decode(column: "form_json", as: String.self).utf8))
        stallHours = try row.decode(column: "stall_hours", as: Int.self)
        status = DirectiveStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        targetCount = try row.decode(column: "target_count", as: Int.self)
        createdBy = try row.decode(column: "created_by", as: String.self)
        createdAt = try row.date("created_at") ?? .distantPast
        issuedAt = try row.date("issued_at")
        drill = try row.decode(column: "drill", as: Int.self) == 1
    }

    /// True when the directive was issued within the scope, or reaches into it from above.
    func isVisible(to scope: Scope) -> Bool { scope.concerns(path) }

    /// The path the scope's view of the directive starts at: the issuing unit's, or the scope's own when the
    /// directive reaches into it from above.
    func viewPath(for scope: Scope) -> String { scope.contains(path) ? path : scope.path }
}

/// One unit's roll-up for a directive, with what the dashboard shows beside it.
public struct UnitProgress: Sendable, Codable, Equatable {
    public let unitID: Int
    public let parentID: Int?
    public let path: String
    public let depth: Int
    public let kind: UnitKind
    public let name: String
    public var counts: ProgressCounts
    public let lastReportAt: Date?

    static let select = """
        SELECT p.unit_id, p.parent_id, p.path, p.depth, p.kind, u.name, p.total, p.pending, p.done, p.absent, p.refused,
               p.not_applicable, p.last_report_at FROM directive_progress p JOIN units u ON u.id = p.unit_id
        """

    init(row: any SQLRow) throws {
        unitID = try row.decode(column: "unit_id", as: Int.self)
        parentID = try row.decode(column: "parent_id", as: Int?.self)
        path = try row.decode(column: "path", as: String.self)
        depth = try row.decode(column: "depth", as: Int.self)
        kind = UnitKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .building
        name = try row.decode(column: "name", as: String.self)
        counts = try ProgressCounts(row: row)
        lastReportAt = try row.date("last_report_at")
    }
}

extension ProgressCounts {
    /// The counter columns of a `directive_progress` row.
    init(row: any SQLRow) throws {
        self.init(total: try row.decode(column: "total", as: Int.self), pending: try row.decode(column: "pending", as: Int.self),
                  done: try row.decode(column: "done", as: Int.self), absent: try row.decode(column: "absent", as: Int.self),
                  refused: try row.decode(column: "refused", as: Int.self), notApplicable: try row.decode(column: "not_applicable", as: Int.self))
    }
}

extension Outcome {
    /// The roll-up column that counts this outcome. Fixed names, safe to splice into SQL.
    var column: String { rawValue }
}
