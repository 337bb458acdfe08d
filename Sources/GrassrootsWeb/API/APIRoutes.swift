import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The JSON API under /api/v1, described by /api/v1/openapi.json. Bearer tokens or the session cookie
/// (then with an `X-CSRF-Token` header on writes) authenticate.
struct APIRoutes {
    let stores: Stores

    struct Login: Decodable { let username: String; let password: String }
    struct NewUnit: Decodable { let kind: String; let name: String; let code: String?; let address: String? }
    struct NewOrganization: Decodable {
        let kind: String; let name: String; let leaderName: String?; let memberCount: Int?; let hasPartyOrganization: Bool?
    }
    struct NewStaff: Decodable { let role: String; let name: String; let phone: String? }
    struct HouseholdBody: Decodable { let room: String; let address: String?; let note: String? }
    struct ResidentBody: Decodable {
        let name: String; let sex: String?; let birthDate: String?; let idNumber: String?; let phone: String?
        let politicalStatus: String?; let residenceStatus: String?; let categories: [String]?; let isHead: Bool?
        var input: ResidentInput {
            ResidentInput(name: name, sex: sex, birthDate: birthDate, idNumber: idNumber, phone: phone, politicalStatus: politicalStatus,
                          residenceStatus: residenceStatus, categories: categories ?? [], isHead: isHead ?? false)
        }
    }
    struct IdentityLookup: Decodable { let idNumber: String }
    struct UnitDetail: Encodable {
        let unit: TerritoryUnit; let lineage: [TerritoryUnit]; let children: [UnitSummary]; let organizations: [Organization]; let staff: [StaffMember]
    }

    /// Checks a write: token callers pass; cookie callers must send the session's CSRF token in a header.
    static func writeScope(_ request: Request, _ context: AppContext) throws -> Scope {
        let scope = try context.scope()
        if !context.viaToken, request.headers[.init("X-CSRF-Token")!] != context.session?.csrfToken { throw CSRFRejected() }
        return scope
    }

    func register(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("openapi.json", .anyone(.nothing)) { _, _ in JSONBody.response(ByteBuffer(string: OpenAPIDocument.json)) }
        api.post("login", .anyone(.nothing)) { request, context in
            let body = try await JSONBody.decode(Login.self, from: request, context: context)
            let (_, session) = try await stores.accounts.login(username: body.username, password: body.password,
                                                               address: context.clientAddress(request))
            let token = try await stores.accounts.issueToken(accountID: session.account.id, name: "api login")
            return JSONBody.response(["token": token], status: .created)
        }
        api.get("me", .signedIn(.ownAccount)) { _, context in
            _ = try context.scope()
            return JSONBody.response(context.session!.account)
        }
        api.get("units/:id", .signedIn(.unitInScope)) { _, context in
            let scope = try context.scope(), id = try context.parameters.require("id", as: Int.self)
            let unit = try await stores.units.unit(id, scope: scope)
            return JSONBody.response(UnitDetail(unit: unit, lineage: try await stores.units.lineage(of: unit, scope: scope),
                                                children: try await stores.units.children(of: id, scope: scope),
                                                organizations: try await stores.organizations.organizations(of: id, scope: scope),
                                                staff: try await stores.organizations.staff(of: id, scope: scope)))
        }
        api.post("units/:id/children", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context), id = try context.parameters.require("id", as: Int.self)
            let body = try await JSONBody.decode(NewUnit.self, from: request, context: context)
            guard let kind = UnitKind(rawValue: body.kind) else {
                throw ValidationError("kind", Bilingual("未知的单元类型“\(body.kind)”", "Unknown unit kind “\(body.kind)”"))
            }
            return JSONBody.response(try await stores.units.create(parentID: id, kind: kind, name: body.name, code: body.code, address: body.address, scope: scope), status: .created)
        }
        api.post("units/:id/organizations", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context), id = try context.parameters.require("id", as: Int.self)
            let b = try await JSONBody.decode(NewOrganization.self, from: request, context: context)
            return JSONBody.response(try await stores.organizations.addOrganization(
                unitID: id, kind: try OrganizationKind.parse(b.kind), name: b.name, leaderName: b.leaderName, memberCount: b.memberCount ?? 0,
                hasPartyOrganization: b.hasPartyOrganization ?? false, scope: scope), status: .created)
        }
        api.post("units/:id/staff", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context), id = try context.parameters.require("id", as: Int.self)
            let b = try await JSONBody.decode(NewStaff.self, from: request, context: context)
            guard let role = StaffRole(rawValue: b.role) else {
                throw ValidationError("role", Bilingual("未知的网格职责“\(b.role)”", "Unknown staff role “\(b.role)”"))
            }
            return JSONBody.response(try await stores.organizations.addStaff(unitID: id, role: role, name: b.name, phone: b.phone, scope: scope), status: .created)
        }
        api.get("units/:id/coverage", .signedIn(\.readsRegistry, .unitInScope)) { request, context in
            let report = try await stores.coverage.report(unitID: try context.parameters.require("id", as: Int.self), scope: try context.scope())
            return request.uri.queryParameters.get("format") == "csv" ? CoverageRoutes.csv(report) : JSONBody.response(report)
        }
        api.get("units/:id/households", .signedIn(\.readsRegistry, .unitInScope)) { _, context in
            JSONBody.response(try await stores.households.households(buildingID: try context.parameters.require("id", as: Int.self), scope: try context.scope()))
        }
        api.post("units/:id/households", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context), id = try context.parameters.require("id", as: Int.self)
            let b = try await JSONBody.decode(HouseholdBody.self, from: request, context: context)
            return JSONBody.response(try await stores.households.create(buildingID: id, HouseholdInput(room: b.room, address: b.address, note: b.note), scope: scope), status: .created)
        }
        api.get("households/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in
            JSONBody.response(try await stores.households.household(try context.parameters.require("id", as: Int.self), scope: try context.scope()))
        }
        api.put("households/:id", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context), id = try context.parameters.require("id", as: Int.self)
            let b = try await JSONBody.decode(HouseholdBody.self, from: request, context: context)
            return JSONBody.response(try await stores.households.update(id, HouseholdInput(room: b.room, address: b.address, note: b.note), scope: scope))
        }
        api.post("households/:id/residents", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context), id = try context.parameters.require("id", as: Int.self)
            let b = try await JSONBody.decode(ResidentBody.self, from: request, context: context)
            return JSONBody.response(try await stores.residents.create(householdID: id, b.input, scope: scope), status: .created)
        }
        api.get("residents/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in
            JSONBody.response(try await stores.residents.resident(try context.parameters.require("id", as: Int.self), scope: try context.scope()))
        }
        api.put("residents/:id", .signedIn(\.editsRegistry, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context), id = try context.parameters.require("id", as: Int.self)
            let b = try await JSONBody.decode(ResidentBody.self, from: request, context: context)
            return JSONBody.response(try await stores.residents.update(id, b.input, scope: scope))
        }
        api.post("residents/:id/reveal", .signedIn(\.mayRevealIdentity, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context)
            let number = try await stores.residents.revealIdentity(try context.parameters.require("id", as: Int.self), scope: scope)
            return JSONBody.response(["id_number": number])
        }
        api.get("search", .signedIn(\.readsRegistry, .unitInScope)) { request, context in
            JSONBody.response(try await stores.search.search(request.uri.queryParameters.get("q") ?? "", scope: try context.scope()))
        }
        api.post("search/id-number", .signedIn(\.mayRevealIdentity, .unitInScope)) { request, context in
            let scope = try Self.writeScope(request, context)
            let body = try await JSONBody.decode(IdentityLookup.self, from: request, context: context)
            return JSONBody.response(try await stores.search.find(identityNumber: body.idNumber, scope: scope))
        }
        api.get("audit", .signedIn(\.readsAudit, .unitInScope)) { request, context in
            let q = request.uri.queryParameters
            return JSONBody.response(try await AuditLog.search(stores.context.database, scope: try context.scope(), username: q.get("username"),
                                                               action: q.get("action"), entity: q.get("entity")))
        }
    }
}
