import Foundation
import GrassrootsCore
import SQLKit

/// Dual registration (双报到): units registering with a community (by staff, or by their own liaison), and employed
/// party members registering at their residence community, approved and placed by the community.
public struct RegistrationStore: Sendable {
    let context: StoreContext

    /// Creates the store.
    public init(_ context: StoreContext) { self.context = context }

    /// Registers a unit with a community of the scope. A unit liaison registers their own unit once, and is linked to it.
    public func registerUnit(name: String, kind: String, communityID: Int, liaisonName: String, liaisonPhone: String, venues: String, skills: String,
                             funds: String, volunteers: Int, jointCommittee: String, commitment: String, scope: Scope) async throws -> MemberUnit {
        guard scope.role.keepsCouncil || scope.role == .unitLiaison else { throw AccessDenied() }
        var v = Validator()
        v.check((1...100).contains(name.trimmed.count), "name", Bilingual("单位名称为1–100字", "The unit's name needs 1–100 characters"))
        let kind = MemberUnitKind.pick(kind, field: "kind", names: Bilingual("单位类型", "Kind"), &v)
        v.check((1...50).contains(liaisonName.trimmed.count), "liaison_name", Bilingual("请填写联络员姓名", "Name the liaison"))
        let phone = liaisonPhone.trimmed
        v.check(phone.isEmpty || (5...20).contains(phone.count) && phone.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }, "liaison_phone",
                Bilingual("联系电话应为5–20位数字", "The phone must be 5–20 digits"))
        v.check((0...100_000).contains(volunteers), "volunteers", Bilingual("志愿者人数应为0或正整数", "Volunteers must be 0 or more"))
        let committee = JointCommittee.pick(jointCommittee, field: "joint_committee", names: Bilingual("联建关系", "Joint committee"), &v)
        for (field, text) in [("venues", venues), ("skills", skills), ("funds", funds), ("commitment", commitment)] {
            v.check(text.trimmed.count <= 500, field, Bilingual("最多500字", "At most 500 characters"))
        }
        v.check(!(venues + skills + funds).trimmed.isEmpty || volunteers > 0, "venues", Bilingual("请至少写明一项可提供的资源（场地、技能、资金或志愿者）",
                                                                                               "Say what the unit brings: venues, skills, funds or volunteers"))
        try v.finish()
        return try await context.database.write { db in
            let community = try await UnitStore.unit(communityID, scope: scope, db: db)
            guard community.kind == .community else { throw ValidationError("community_id", Bilingual("请选择报到的社区", "Choose the community")) }
            if scope.role == .unitLiaison, try await Self.linkedUnit(of: scope, db: db) != nil {
                throw StoreError.conflict(Bilingual("您的单位已报到", "Your unit has already registered"))
            }
            let id = try await db.insert(into: "member_units")
                .columns("name", "kind", "community_id", "path", "liaison_name", "liaison_phone_enc", "venues", "skills", "funds", "volunteers", "joint_committee",
                         "commitment", "created_by", "created_at")
                .values(SQLBind(name.trimmed), SQLBind(kind!.rawValue), SQLBind(community.id), SQLBind(community.path), SQLBind(liaisonName.trimmed),
                        SQLBind(phone.isEmpty ? nil : context.cipher.encrypt(phone)), SQLBind(venues.trimmed), SQLBind(skills.trimmed), SQLBind(funds.trimmed),
                        SQLBind(volunteers), SQLBind(committee!.rawValue), SQLBind(commitment.trimmed), SQLBind(scope.username), SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            if scope.role == .unitLiaison {
                try await db.update("accounts").set("member_unit_id", to: SQLBind(id)).where("id", .equal, SQLBind(scope.accountID)).run()
            }
            try await AuditLog.record(db, scope, "register", "member_unit", id: id, path: community.path, now: context.clock())
            return try await db.raw("\(unsafeRaw: MemberUnit.select) WHERE m.id = \(bind: id)").first().map(MemberUnit.init(row:))!
        }
    }

    /// Units registered within the scope.
    public func units(scope: Scope) async throws -> [MemberUnit] {
        try await context.database.read { db in
            try await db.raw("\(unsafeRaw: MemberUnit.select) WHERE m.path >= \(bind: scope.path) AND m.path < \(bind: scope.upperBound) ORDER BY m.joint_committee DESC, m.name")
                .all().map(MemberUnit.init(row:))
        }
    }

    /// A party member registers at their residence community, choosing service posts; the community confirms.
    public func registerMember(name: String, employer: String, employerPartyOrg: String, communityID: Int, posts: [String], scope: Scope) async throws -> MemberRegistration {
        guard scope.role == .partyMember else { throw AccessDenied(Bilingual("在职党员本人报到", "Party members register themselves")) }
        var v = Validator()
        v.check((1...50).contains(name.trimmed.count), "name", Bilingual("姓名为1–50字", "The name needs 1–50 characters"))
        v.check((1...100).contains(employer.trimmed.count), "employer", Bilingual("请填写工作单位", "Give your employer"))
        v.check((1...100).contains(employerPartyOrg.trimmed.count), "employer_party_org", Bilingual("请填写所在党组织", "Give your party organization at work"))
        let chosen = posts.compactMap { ServicePost.pick($0, field: "posts", names: Bilingual("服务岗位", "Service post"), &v) }
        v.check(!posts.isEmpty, "posts", Bilingual("请至少选择一个服务岗位", "Choose at least one service post"))
        try v.finish()
        return try await context.database.write { db in
            let community = try await UnitStore.unit(communityID, scope: scope, db: db)
            guard community.kind == .community else { throw ValidationError("community_id", Bilingual("请选择居住地社区", "Choose your residence community")) }
            let existing = try await db.select().column("id").from("member_registrations").where("account_id", .equal, SQLBind(scope.accountID)).first()
            guard existing == nil else { throw StoreError.conflict(Bilingual("您已报到，如需变更请联系社区", "You have already registered; ask the community to change it")) }
            let id = try await db.insert(into: "member_registrations")
                .columns("account_id", "name", "employer", "employer_party_org", "community_id", "path", "posts", "status", "created_at")
                .values(SQLBind(scope.accountID), SQLBind(name.trimmed), SQLBind(employer.trimmed), SQLBind(employerPartyOrg.trimmed), SQLBind(community.id),
                        SQLBind(community.path), SQLBind(Set(chosen.map(\.rawValue)).sorted().joined(separator: ",")), SQLBind(ReviewStatus.pending.rawValue),
                        SQLBind(context.nowText))
                .returning("id").first()!.decode(column: "id", as: Int.self)
            try await AuditLog.record(db, scope, "register", "member_registration", id: id, path: community.path, now: context.clock())
            return try await Self.member(id, db: db)
        }
    }

    /// The community approves (placing the member in a grid and a compound of the community) or rejects.
    public func decide(_ id: Int, approve: Bool, gridID: Int?, compoundID: Int?, note: String, scope: Scope) async throws -> MemberRegistration {
        guard scope.role.keepsCouncil else { throw AccessDenied() }
        return try await context.database.write { db in
            let member = try await Self.member(id, db: db)
            guard scope.contains(member.path) else { throw StoreError.notFound(Bilingual("没有编号为 \(id) 的报到", "No registration \(id) in your scope")) }
            guard member.status == .pending else { throw StoreError.conflict(Bilingual("该报到已处理", "This registration has been decided")) }
            var grid: TerritoryUnit?, compound: TerritoryUnit?
            if approve {
                guard let gridID, let compoundID else { throw ValidationError("grid_id", Bilingual("请安排所在网格和小区", "Place the member in a grid and a compound")) }
                grid = try await UnitStore.unit(gridID, scope: scope, db: db); compound = try await UnitStore.unit(compoundID, scope: scope, db: db)
                guard grid!.kind == .grid, compound!.kind == .compound, compound!.parentID == grid!.id, grid!.path.hasPrefix(member.path) else {
                    throw ValidationError("compound_id", Bilingual("小区应在所选网格内，网格应在报到社区内", "The compound must lie in the grid, and the grid in the community"))
                }
            }
            try await db.update("member_registrations").set("status", to: SQLBind((approve ? ReviewStatus.approved : .rejected).rawValue))
                .set("grid_id", to: SQLBind(grid?.id)).set("compound_id", to: SQLBind(compound?.id)).set("note", to: SQLBind(note.trimmed))
                .set("decided_by", to: SQLBind(scope.username)).set("decided_at", to: SQLBind(context.nowText)).where("id", .equal, SQLBind(id)).run()
            try await AuditLog.record(db, scope, approve ? "approve" : "reject", "member_registration", id: id, path: member.path, now: context.clock())
            return try await Self.member(id, db: db)
        }
    }

    /// Members registered within the scope (a party member: their own registration).
    public func members(scope: Scope) async throws -> [MemberRegistration] {
        guard scope.role.keepsCouncil || scope.role == .auditor || scope.role == .partyMember else { throw AccessDenied() }
        return try await context.database.read { db in
            let condition: SQLQueryString = scope.role == .partyMember ? "r.account_id = \(bind: scope.accountID)"
                : "r.path >= \(bind: scope.path) AND r.path < \(bind: scope.upperBound)"
            return try await db.raw("\(unsafeRaw: MemberRegistration.select) WHERE \(condition) ORDER BY r.status DESC, r.name").all().map(MemberRegistration.init(row:))
        }
    }

    /// The registered unit a liaison's account is linked to.
    static func linkedUnit(of scope: Scope, db: any SQLDatabase) async throws -> Int? {
        try await db.raw("SELECT member_unit_id FROM accounts WHERE id = \(bind: scope.accountID)").first()?.decode(column: "member_unit_id", as: Int?.self)
    }

    static func member(_ id: Int, db: any SQLDatabase) async throws -> MemberRegistration {
        guard let row = try await db.raw("\(unsafeRaw: MemberRegistration.select) WHERE r.id = \(bind: id)").first() else {
            throw StoreError.notFound(Bilingual("没有编号为 \(id) 的报到", "No registration \(id)"))
        }
        return try MemberRegistration(row: row)
    }
}
