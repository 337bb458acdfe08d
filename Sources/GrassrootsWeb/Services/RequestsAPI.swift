import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Resident requests, their steps, the categories and the three rates under /api/v1.
struct RequestsAPI {
    let stores: Stores

    struct RequestBody: Decodable {
        let kind: String; let categoryId: Int?; let unitId: Int?; let address: String?; let lat: Double?; let long: Double?; let description: String
        let contactName: String?; let contactPhone: String?; let isPublic: Bool?
    }
    struct StepBody: Decodable { let action: String; let note: String?; let publicReply: String?; let unitId: Int?; let departmentIds: [Int]? }
    struct FeedbackBody: Decodable { let solved: Bool; let satisfaction: String; let comment: String? }
    struct FlagBody: Decodable { let reason: String; let note: String }
    struct DecisionBody: Decodable { let approve: Bool; let note: String? }
    struct Detail: Encodable { let request: ServiceRequest; let timeline: [RequestEvent] }
    struct Rates: Encodable { let period: String; let settings: RateSettings; let unit: UnitRates; let children: [UnitRates] }

    func register(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("request-categories", .anyone(.published)) { _, _ in JSONBody.response(try await stores.requestCategories.categories()) }
        api.get("requests", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.auditor], .unitInScope)).or(.signedIn([.resident], .ownHousehold))) { request, context in
            var v = Validator()
            let status = request.uri.queryParameters.get("status").flatMap { RequestStatus.pick($0, field: "status", names: Bilingual("状态", "Status"), &v) }
            try v.finish()
            return JSONBody.response(try await stores.requests.list(scope: try context.scope(), status: status))
        }
        api.post("requests", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(RequestBody.self, from: request, context: context)
            let input = RequestInput(kind: b.kind, categoryID: b.categoryId, unitID: b.unitId, address: b.address ?? "", latitude: b.lat, longitude: b.long,
                                     description: b.description, contactName: b.contactName ?? "", contactPhone: b.contactPhone ?? "",
                                     isPublic: b.isPublic ?? false)
            return JSONBody.response(try await stores.requests.submit(input, scope: scope), status: .created)
        }
        api.get("requests/:id", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.auditor], .unitInScope)).or(.signedIn([.resident], .ownHousehold))) { _, context in
            let id = try context.parameters.require("id", as: Int.self), scope = try context.scope()
            return JSONBody.response(Detail(request: try await stores.requests.request(id, scope: scope), timeline: try await stores.requests.timeline(id, scope: scope)))
        }
        api.post("requests/:id/steps", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(StepBody.self, from: request, context: context)
            var v = Validator()
            let action = RequestAction.pick(b.action, field: "action", names: Bilingual("操作", "Action"), &v)
            try v.finish()
            return JSONBody.response(try await stores.requests.act(try context.parameters.require("id", as: Int.self), action!, note: b.note ?? "",
                                                                   publicReply: b.publicReply ?? "", targetUnitID: b.unitId, departmentIDs: b.departmentIds ?? [], scope: scope))
        }
        api.post("requests/:id/feedback", .signedIn([.resident], .ownHousehold).or(.signedIn([.cityAdmin, .streetAdmin, .communityStaff], .unitInScope))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(FeedbackBody.self, from: request, context: context)
            return JSONBody.response(try await stores.requests.feedback(try context.parameters.require("id", as: Int.self), solved: b.solved,
                                                                        satisfaction: b.satisfaction, comment: b.comment ?? "", scope: scope))
        }
        api.post("requests/:id/withdraw", .signedIn([.resident], .ownHousehold)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            return JSONBody.response(try await stores.requests.withdraw(try context.parameters.require("id", as: Int.self), scope: scope))
        }
        api.post("requests/:id/flag", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(FlagBody.self, from: request, context: context)
            return JSONBody.response(try await stores.requests.flag(try context.parameters.require("id", as: Int.self), reason: b.reason, note: b.note, scope: scope))
        }
        api.post("requests/:id/flag-decision", .signedIn([.cityAdmin, .streetAdmin, .communityStaff], .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(DecisionBody.self, from: request, context: context)
            return JSONBody.response(try await stores.requests.decideFlag(try context.parameters.require("id", as: Int.self), approve: b.approve,
                                                                          note: b.note ?? "", scope: scope))
        }
        api.get("request-rates", .signedIn(\.reportsFieldWork, .unitInScope).or(.signedIn([.auditor], .unitInScope))) { request, context in
            let scope = try context.scope()
            let unit = try await CadreRoutes.unitOrRoot(request.uri.queryParameters.get("unit"), stores, scope)
            let period = request.uri.queryParameters.get("period") ?? Period.quarter(of: stores.context.clock()).code
            let (own, children) = try await stores.requestRates.rates(unitID: unit.id, period: period, scope: scope)
            return JSONBody.response(Rates(period: try Period(period).code, settings: try await stores.requestRates.settings(), unit: own, children: children))
        }
    }
}
