import Foundation
import GrassrootsCore
import SQLKit

/// An organization attached to a unit.
public struct Organization: Sendable, Codable, Equatable {
    public let id: Int
    public let unitID: Int
    public let kind: OrganizationKind
    public let name: String
    public let leaderName: String?
    public let memberCount: Int
    /// For new economic organizations: whether a party organization has been set up in it.
    public let hasPartyOrganization: Bool
}

/// A person who staffs a grid (or a building) in the integrated grid.
public struct StaffMember: Sendable, Codable, Equatable {
    public let id: Int
    public let unitID: Int
    public let role: StaffRole
    public let name: String
    /// Masked unless revealed.
    public let phone: String?
}

/// Organizations and staffing of units, within the caller's scope.
public struct OrganizationStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// The organizations attached to the unit.
    public func organizations(of unitID: Int, scope: Scope) async throws -> [Organization] {
        try await context.database.read { db in
            _ = try await UnitStore.unit(unitID, scope: scope, db: db)
            return try await db.select().columns("id", "unit_id", "kind", "name", "leader_name", "member_count", "has_party_org")
                .from("organizations").where("unit_id", .equal, SQLBind(unitID)).orderBy("id").all().map(Self.organization)
        }
    }

    /// The staff of the unit.
    public func staff(of unitID: Int, scope: Scope) async throws -> [StaffMember] {
        let cipher = context.cipher
        return try await context.database.read { db in
            _ = try await UnitStore.unit(unitID, scope: scope, db: db)
            return try await db.select().columns("id", "unit_id", "role", "name", "phone_enc").from("staff")
                .where("unit_id", .equal, SQLBind(unitID)).orderBy("id").all().map { row in
                    StaffMember(id: try row.decode(column: "id", as: Int.self), unitID: try row.decode(column: "unit_id", as: Int.self),
                                role: StaffRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .volunteer,
                                name: try row.decode(column: "name", as: String.self),
                                phone: try row.decode(column: "phone_enc", as: String?.self).flatMap(cipher.decrypt).map(Masking.phone))
                }
        }
    }

    /// Attaches an organization to a unit.
    public func addOrganization(unitID: Int, kind: OrganizationKind, name: String, leaderName: String?, memberCount: Int,
                                hasPartyOrganization: Bool = false, scope: Scope) async throws -> Organization {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        var v = Validator()
        let name = name.trimmed
        v.check(!name.isEmpty && name.count <= 100, "name", Bilingual("名称不能为空，且不超过100个字", "Name is required, at most 100 characters"))
        v.check(memberCount >= 0 && memberCount < 1_000_000, "member_count", Bilingual("人数应为非负整数", "Member count must be zero or more"))
        try v.finish()
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            if let expected = OrganizationKind.partyTier.first(where: { $0.value == kind })?.key, expected != unit.kind {
                throw ValidationError("kind", Bilingual("\(kind.label.zh)应建在\(expected.label.zh)一级，而不是\(unit.kind.label.zh)",
                                                        "A \(kind.label.en) belongs at \(expected.label.en) level, not \(unit.kind.label.en)"))
            }
            let row = try await db.insert(into: "organizations")
                .columns("unit_id", "path", "kind", "name", "leader_name", "member_count", "has_party_org", "created_at")
                .values(SQLBind(unitID), SQLBind(unit.path), SQLBind(kind.rawValue), SQLBind(name), SQLBind(leaderName?.trimmed),
                        SQLBind(memberCount), SQLBind(hasPartyOrganization ? 1 : 0), SQLBind(context.nowText))
                .returning("id", "unit_id", "kind", "name", "leader_name", "member_count", "has_party_org").first()!
            let org = try Self.organization(row)
            try await AuditLog.record(db, scope, "create", "organization", id: org.id, path: unit.path, detail: kind.rawValue, now: context.clock())
            return org
        }
    }

    /// Adds a staff member to a grid (or a building, for building leaders).
    public func addStaff(unitID: Int, role: StaffRole, name: String, phone: String?, scope: Scope) async throws -> StaffMember {
        guard scope.role.editsRegistry else { throw AccessDenied() }
        var v = Validator()
        let name = name.trimmed
        v.check(!name.isEmpty && name.count <= 50, "name", Bilingual("姓名不能为空，且不超过50个字", "Name is required, at most 50 characters"))
        let phone = phone.flatMap { $0.trimmed.isEmpty ? nil : $0 }.flatMap { raw in v.capture { try PhoneNumber.normalize(raw) } }
        try v.finish()
        let cipher = context.cipher
        return try await context.database.write { db in
            let unit = try await UnitStore.unit(unitID, scope: scope, db: db)
            guard unit.kind >= .grid else {
                throw ValidationError("unit", Bilingual("网格人员应配置在网格、小区或楼栋", "Grid staff are placed in a grid, compound or building"))
            }
            let id = try await db.insert(into: "staff").columns("unit_id", "path", "role", "name", "phone_enc", "created_at")
                .values(SQLBind(unitID), SQLBind(unit.path), SQLBind(role.rawValue), SQLBind(name),
                        SQLBind(phone.map(cipher.encrypt)), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "create", "staff", id: id, path: unit.path, detail: role.rawValue, now: context.clock())
            return StaffMember(id: id, unitID: unitID, role: role, name: name, phone: phone.map(Masking.phone))
        }
    }

    static func organization(_ row: any SQLRow) throws -> Organization {
        Organization(id: try row.decode(column: "id", as: Int.self), unitID: try row.decode(column: "unit_id", as: Int.self),
                     kind: try OrganizationKind.parse(try row.decode(column: "kind", as: String.self)),
                     name: try row.decode(column: "name", as: String.self), leaderName: try row.decode(column: "leader_name", as: String?.self),
                     memberCount: try row.decode(column: "member_count", as: Int.self), hasPartyOrganization: try row.flag("has_party_org"))
    }
}
