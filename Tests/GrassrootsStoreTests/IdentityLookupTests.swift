import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import Testing

/// A role that may not reveal cannot rebuild an identity number: it sees the birth year beside the masked number,
/// and it cannot confirm a guess by searching. Confirming one is a reveal, and audited like one.
@Suite struct IdentityLookupTests {
    static let number = IdentityNumber.make(region: "513401", birth: "1985-06-15", sequence: 123).value
    static let staff = Scope(path: "/", role: .communityStaff, accountID: 0, username: "staff")

    func resident(_ context: StoreContext) async throws -> Resident {
        let household = try await Fixtures.count(context, "SELECT MIN(id) AS n FROM households")
        return try await ResidentStore(context).create(householdID: household, ResidentInput(name: "查号测试", idNumber: Self.number), scope: Self.staff)
    }

    func auditRows(_ context: StoreContext) async throws -> Int {
        try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'search_id_number'")
    }

    @Test(arguments: Fixtures.engines)
    func aRoleThatMayNotRevealSeesTheBirthYearOnly(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let created = try await resident(context)
        for role in [Role.gridWorker, .auditor] {
            let scope = Scope(path: "/", role: role, accountID: 0, username: role.rawValue)
            let shown = try await ResidentStore(context).resident(created.id, scope: scope)
            #expect(shown.birthDate == "1985" && shown.idNumberMasked == created.idNumberMasked, "\(role)")
            let inHousehold = try await HouseholdStore(context).household(created.householdID, scope: scope).residents
            #expect(inHousehold.first { $0.id == created.id }?.birthDate == "1985", "\(role)")
        }
        #expect(try await ResidentStore(context).resident(created.id, scope: Self.staff).birthDate == "1985-06-15")
    }

    @Test(arguments: Fixtures.engines)
    func anExportGivesTheBirthYearToARoleThatMayNotReveal(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let created = try await resident(context)
        let city = try await Fixtures.count(context, "SELECT MIN(id) AS n FROM units WHERE parent_id IS NULL")
        let column = RegistryExport.residentHeader.firstIndex(of: "birth_date")!
        func birth(_ scope: Scope) async throws -> String? {
            try await RegistryExport(context).residents(under: city, scope: scope).first { $0[4] == created.name }?[column]
        }
        #expect(try await birth(Scope(path: "/", role: .auditor, accountID: 0, username: "audit")) == "1985")
        #expect(try await birth(Self.staff) == "1985-06-15")
    }

    @Test(arguments: Fixtures.engines)
    func anExactNumberLookupIsForRevealingRolesAndAudited(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let created = try await resident(context)
        let search = SearchStore(context)
        for role in [Role.gridWorker, .auditor, .departmentOfficer, .resident] {
            let scope = Scope(path: "/", role: role, accountID: 0, username: role.rawValue)
            await #expect(throws: AccessDenied.self, "\(role)") { try await search.find(identityNumber: Self.number, scope: scope) }
        }
        #expect(try await auditRows(context) == 0)
        #expect(try await search.find(identityNumber: Self.number, scope: Self.staff).map(\.id) == [created.id])
        let entry = try await context.database.read { db in
            try await db.raw("SELECT entity_id, detail FROM audit_log WHERE action = 'search_id_number'").all()
        }
        #expect(entry.count == 1)
        #expect(try entry.first?.decode(column: "entity_id", as: Int?.self) == created.id)
        let detail = try entry.first?.decode(column: "detail", as: String?.self) ?? ""
        #expect(detail == "1 found" && !detail.contains(Self.number))
        let unknown = IdentityNumber.make(region: "513401", birth: "1990-01-01", sequence: 7).value
        #expect(try await search.find(identityNumber: unknown, scope: Self.staff).isEmpty)
        #expect(try await auditRows(context) == 2, "a lookup that finds no one is a reveal attempt too")
    }

    @Test(arguments: Fixtures.engines)
    func theNameSearchRefusesIdentityNumbers(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        _ = try await resident(context)
        for q in [Self.number, Self.number.lowercased(), "号码 " + String(Self.number.prefix(15))] {
            let error = try await #require(throws: ValidationError.self) { try await SearchStore(context).search(q, scope: Self.staff) }
            #expect(error.errors.map(\.field) == ["q"], "\(q)")
        }
        #expect(try await SearchStore(context).search("查号测试", scope: Self.staff).count == 1)
        #expect(try await auditRows(context) == 0)
    }
}
