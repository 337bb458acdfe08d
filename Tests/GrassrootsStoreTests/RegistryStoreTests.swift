import Foundation
import GrassrootsCore
@testable import GrassrootsStore
import Testing

@Suite struct RegistryStoreTests {
    static let validID = IdentityNumber.make(region: "513401", birth: "1985-06-15", sequence: 123).value

    func firstHousehold(_ context: StoreContext) async throws -> Int {
        try await Fixtures.count(context, "SELECT MIN(id) AS n FROM households")
    }

    @Test(arguments: Fixtures.engines)
    func residentRoundTripEncryptsNumbersAndAuditsReveal(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let household = try await firstHousehold(context)
        let scope = Scope(path: "/", role: .communityStaff, accountID: 0, username: "staff")
        let resident = try await ResidentStore(context).create(householdID: household, ResidentInput(
            name: "测试居民", idNumber: Self.validID, phone: "138-0000-1234", politicalStatus: "中共党员", categories: ["disabled"]), scope: scope)
        #expect(resident.sex == .male && resident.birthDate == "1985-06-15")
        #expect(resident.idNumberMasked == "5134**********" + Self.validID.suffix(4))
        #expect(resident.phoneMasked == "138****1234" && resident.categories == ["disabled"])
        let stored = try await context.database.read { db in
            try await db.raw("SELECT id_number_enc AS v FROM residents WHERE id = \(bind: resident.id)").first()!.decode(column: "v", as: String.self)
        }
        #expect(!stored.contains(Self.validID))
        #expect(try await ResidentStore(context).revealIdentity(resident.id, scope: scope) == Self.validID)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reveal_id_number' AND entity_id = \(resident.id)") == 1)
        let found = try await SearchStore(context).find(identityNumber: Self.validID.lowercased(), scope: scope)
        #expect(found.map(\.id) == [resident.id])
    }

    @Test(arguments: Fixtures.engines)
    func badResidentIsRefusedWithEveryProblemAndNothingWritten(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let household = try await firstHousehold(context)
        let before = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM residents")
        let auditBefore = try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log")
        let error = try await #require(throws: ValidationError.self) {
            try await ResidentStore(context).create(householdID: household, ResidentInput(
                name: " ", idNumber: "513401198506151239", phone: "12345", categories: ["no_such"]), scope: .system)
        }
        #expect(Set(error.errors.map(\.field)) == ["name", "id_number", "phone", "categories"])
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM residents") == before)
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log") == auditBefore)
        _ = try await ResidentStore(context).create(householdID: household, ResidentInput(name: "甲", idNumber: Self.validID), scope: .system)
        let duplicate = try await #require(throws: ValidationError.self) {
            try await ResidentStore(context).create(householdID: household, ResidentInput(name: "乙", idNumber: Self.validID), scope: .system)
        }
        #expect(duplicate.errors.first?.field == "id_number")
    }

    @Test(arguments: Fixtures.engines)
    func householdEditIsValidatedAndAudited(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let id = try await firstHousehold(context)
        let store = HouseholdStore(context)
        await #expect(throws: ValidationError.self) { try await store.update(id, HouseholdInput(room: "   "), scope: .system) }
        let updated = try await store.update(id, HouseholdInput(room: "9-901", address: "新地址"), scope: .system)
        #expect(updated.room == "9-901" && updated.address == "新地址")
        #expect(try await Fixtures.count(context, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'household' AND entity_id = \(id)") == 1)
    }

    @Test(arguments: Fixtures.engines)
    func loginIsThrottledAfterRepeatedFailures(engine: Engine) async throws {
        let context = try await Fixtures.city(engine)
        defer { Task { try? await context.database.close() } }
        let accounts = AccountStore(context)
        let (token, session) = try await accounts.login(username: "gege", password: DemoCity.password)
        #expect(session.account.role == .gridWorker)
        #expect(try await accounts.session(token: token)?.account.username == "gege")
        for _ in 0..<LoginThrottle.maxPerUsername {
            await #expect(throws: LoginError.self) { try await accounts.login(username: "gege", password: "wrong-password") }
        }
        do {
            _ = try await accounts.login(username: "gege", password: DemoCity.password)
            Issue.record("a throttled login succeeded")
        } catch let error as LoginError {
            guard case .throttled = error else { Issue.record("expected throttling, got \(error)"); return }
        }
    }
}
