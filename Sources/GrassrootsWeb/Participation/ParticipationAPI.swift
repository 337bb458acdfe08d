import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Dual registration, needs, events and service hours under /api/v1.
struct ParticipationAPI {
    let stores: Stores

    struct UnitBody: Decodable {
        let name: String; let kind: String; let communityId: Int; let liaisonName: String; let liaisonPhone: String?; let venues: String?; let skills: String?
        let funds: String?; let volunteers: Int?; let jointCommittee: String?; let commitment: String?
    }
    struct MemberBody: Decodable { let name: String; let employer: String; let employerPartyOrg: String; let communityId: Int; let posts: [String] }
    struct ClaimBody: Decodable { let commitment: String; let memberUnitId: Int? }
    struct SignupBody: Decodable { let name: String }
    struct HoursBody: Decodable {
        let memberId: Int?; let memberUnitId: Int?; let eventId: Int?; let needId: Int?; let servedOn: String; let hours: Double; let description: String
    }

    func register(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("member-units", .signedIn(.unitInScope)) { _, context in JSONBody.response(try await stores.registrations.units(scope: try context.scope())) }
        api.post("member-units", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.unitLiaison], .ownRegistration))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(UnitBody.self, from: request, context: context)
            return JSONBody.response(try await stores.registrations.registerUnit(name: b.name, kind: b.kind, communityID: b.communityId, liaisonName: b.liaisonName,
                                                                                 liaisonPhone: b.liaisonPhone ?? "", venues: b.venues ?? "", skills: b.skills ?? "",
                                                                                 funds: b.funds ?? "", volunteers: b.volunteers ?? 0, jointCommittee: b.jointCommittee ?? "none",
                                                                                 commitment: b.commitment ?? "", scope: scope), status: .created)
        }
        api.get("member-registrations", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.auditor], .unitInScope)).or(.signedIn([.partyMember], .ownRegistration))) { _, context in JSONBody.response(try await stores.registrations.members(scope: try context.scope())) }
        api.post("member-registrations", .signedIn([.partyMember], .ownRegistration)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(MemberBody.self, from: request, context: context)
            return JSONBody.response(try await stores.registrations.registerMember(name: b.name, employer: b.employer, employerPartyOrg: b.employerPartyOrg,
                                                                                   communityID: b.communityId, posts: b.posts, scope: scope), status: .created)
        }
        api.get("needs", .signedIn(.unitInScope)) { _, context in JSONBody.response(try await stores.needs.needs(scope: try context.scope())) }
        api.post("needs/:id/claim", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.unitLiaison, .partyMember], .ownRegistration))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(ClaimBody.self, from: request, context: context)
            return JSONBody.response(try await stores.needs.claim(try context.parameters.require("id", as: Int.self), commitment: b.commitment, memberUnitID: b.memberUnitId, scope: scope))
        }
        api.get("events", .signedIn(.unitInScope)) { _, context in JSONBody.response(try await stores.events.events(under: try context.scope().path)) }
        api.post("events/:id/signups", .signedIn([.cityAdmin, .streetAdmin, .communityStaff, .gridWorker, .departmentOfficer], .unitInScope).or(.signedIn([.unitLiaison, .partyMember], .ownRegistration)).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(SignupBody.self, from: request, context: context)
            return JSONBody.response(try await stores.events.signUp(try context.parameters.require("id", as: Int.self), name: b.name, scope: scope), status: .created)
        }
        api.get("service-hours", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.auditor], .unitInScope)).or(.signedIn([.partyMember, .unitLiaison], .ownRegistration))) { _, context in JSONBody.response(try await stores.hours.list(scope: try context.scope())) }
        api.post("service-hours", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.partyMember, .unitLiaison], .ownRegistration))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(HoursBody.self, from: request, context: context)
            return JSONBody.response(try await stores.hours.record(memberID: b.memberId, memberUnitID: b.memberUnitId, eventID: b.eventId, needID: b.needId,
                                                                   servedOn: b.servedOn, hours: b.hours, description: b.description, scope: scope), status: .created)
        }
    }
}
