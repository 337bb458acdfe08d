import Foundation
import GrassrootsCore
import SQLKit

/// A street's proposal on a department decision that affects its area (the street's right to propose), with the
/// department's reply.
public struct StreetProposal: Sendable, Codable, Equatable {
    public let id: Int
    public let departmentID: Int
    public let departmentName: String
    public let streetUnitID: Int
    public let streetName: String
    public let matter: String
    public let proposal: String
    public let reply: String?
    public let createdBy: String
    public let createdAt: Date
}

/// Records streets' proposals on department matters and departments' replies.
public struct ProposalStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The street of the scope comments on a department's matter affecting it.
    public func propose(departmentID: Int, streetUnitID: Int, matter: String, proposal: String, scope: Scope) async throws -> StreetProposal {
        guard scope.role.decidesForStreet else { throw AccessDenied() }
        var v = Validator()
        v.check((1...200).contains(matter.trimmed.count), "matter", Bilingual("请写明涉及的部门决策事项（最多200字）", "Name the department's matter (at most 200 characters)"))
        v.check((1...4000).contains(proposal.trimmed.count), "proposal", Bilingual("请填写街道的意见建议（最多4000字）", "Write the street's proposal (at most 4000 characters)"))
        try v.finish()
        return try await context.database.write { db in
            let street = try await UnitStore.unit(streetUnitID, scope: scope, db: db)
            guard street.kind == .street else { throw ValidationError("street_unit_id", Bilingual("请选择街道/乡镇", "Choose a street or township")) }
            _ = try await DepartmentStore.department(departmentID, db: db)
            let id = try await db.insert(into: "street_proposals")
                .columns("department_id", "street_unit_id", "street_path", "matter", "proposal", "created_by", "created_at")
                .values(SQLBind(departmentID), SQLBind(street.id), SQLBind(street.path), SQLBind(matter.trimmed), SQLBind(proposal.trimmed),
                        SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "propose", "street_proposal", id: id, path: street.path, now: context.clock())
            return try await Self.proposals(db, where: "p.id = \(bind: id)").first!
        }
    }

    /// The department answers a proposal addressed to it.
    public func reply(_ id: Int, text: String, scope: Scope) async throws -> StreetProposal {
        guard scope.role == .departmentOfficer, let department = scope.departmentID else { throw AccessDenied() }
        guard (1...4000).contains(text.trimmed.count) else { throw ValidationError("reply", Bilingual("请填写答复（最多4000字）", "Write the reply (at most 4000 characters)")) }
        return try await context.database.write { db in
            guard let proposal = try await Self.proposals(db, where: "p.id = \(bind: id)").first, proposal.departmentID == department else {
                throw StoreError.notFound(Bilingual("没有编号为 \(id) 的意见", "No proposal \(id) for your department"))
            }
            try await db.update("street_proposals").set("reply", to: SQLBind(text.trimmed)).set("replied_by", to: SQLBind(scope.username))
                .set("replied_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id)).run()
            try await AuditLog.record(db, scope, "reply", "street_proposal", id: id, path: nil, now: context.clock())
            return try await Self.proposals(db, where: "p.id = \(bind: id)").first!
        }
    }

    /// Proposals the scope sees: a street's own, a department's addressed to it, everything for the city.
    public func proposals(scope: Scope) async throws -> [StreetProposal] {
        try await context.database.read { db in
            if scope.role == .departmentOfficer, let department = scope.departmentID {
                return try await Self.proposals(db, where: "p.department_id = \(bind: department)")
            }
            guard scope.role.raisesSummons || scope.role == .auditor else { return [] }
            return try await Self.proposals(db, where: "p.street_path >= \(bind: scope.path) AND p.street_path < \(bind: scope.upperBound)")
        }
    }

    static func proposals(_ db: any SQLDatabase, where condition: SQLQueryString) async throws -> [StreetProposal] {
        try await db.raw("""
            SELECT p.id, p.department_id, d.name AS department_name, p.street_unit_id, u.name AS street_name, p.matter, p.proposal, p.reply,
                   p.created_by, p.created_at
            FROM street_proposals p JOIN departments d ON d.id = p.department_id JOIN units u ON u.id = p.street_unit_id
            WHERE \(condition) ORDER BY p.id DESC LIMIT 300
            """).all().map { row in
                StreetProposal(id: try row.decode(column: "id", as: Int.self), departmentID: try row.decode(column: "department_id", as: Int.self),
                               departmentName: try row.decode(column: "department_name", as: String.self),
                               streetUnitID: try row.decode(column: "street_unit_id", as: Int.self), streetName: try row.decode(column: "street_name", as: String.self),
                               matter: try row.decode(column: "matter", as: String.self), proposal: try row.decode(column: "proposal", as: String.self),
                               reply: try row.decode(column: "reply", as: String?.self), createdBy: try row.decode(column: "created_by", as: String.self),
                               createdAt: try row.date("created_at")!)
            }
    }
}
