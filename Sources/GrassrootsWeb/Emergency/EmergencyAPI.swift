import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The JSON API of plans and incidents (alerts have theirs in `AlertRoutes`, since a CAP body is XML).
struct EmergencyAPI {
    let stores: Stores

    struct PlanBody: Decodable {
        let unitId: Int; let title: String; let eventKind: String; let summary: String?
        /// Actions per level, keyed "IV", "III", "II", "I".
        let actions: [String: [PlanAction]]
    }
    struct ActionBody: Decodable { let level: String; let action: PlanAction }
    struct ActivationBody: Decodable { let planId: Int; let level: String; let unitIds: [Int]?; let drill: Bool; let alertId: Int?; let perWorkerHour: Double? }
    struct StandDownBody: Decodable { let summary: String? }

    func register(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("plans", .signedIn(\.readsRegistry, .unitInScope)) { _, context in JSONBody.response(try await stores.plans.plans(scope: try context.scope())) }
        api.get("plans/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in JSONBody.response(try await stores.plans.plan(try context.parameters.require("id", as: Int.self), scope: try context.scope())) }
        api.post("plans", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(PlanBody.self, from: request, context: context)
            var actions: [ResponseLevel: [PlanAction]] = [:]
            for (key, list) in b.actions {
                guard let level = ResponseLevel(rawValue: key) else {
                    throw ValidationError("actions", Bilingual("响应级别“\(key)”无效，可选：IV、III、II、I", "Level “\(key)” is not valid; use IV, III, II or I"))
                }
                actions[level] = list
            }
            return JSONBody.response(try await stores.plans.create(unitID: b.unitId, PlanInput(title: b.title, eventKind: b.eventKind, summary: b.summary ?? "",
                                                                                                actions: actions), scope: scope), status: .created)
        }
        api.post("plans/:id/actions", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(ActionBody.self, from: request, context: context)
            return JSONBody.response(try await stores.plans.addAction(planID: try context.parameters.require("id", as: Int.self), level: b.level, b.action, scope: scope))
        }
        api.get("incidents", .signedIn(\.readsRegistry, .unitInScope)) { request, context in
            let drill = request.uri.queryParameters["drill"].map { $0 == "true" || $0 == "1" }
            return JSONBody.response(try await stores.incidents.incidents(scope: try context.scope(), drill: drill))
        }
        api.get("incidents/:id", .signedIn(\.readsRegistry, .unitInScope)) { _, context in
            JSONBody.response(try await stores.incidents.incident(try context.parameters.require("id", as: Int.self), scope: try context.scope()))
        }
        api.get("incidents/:id/review", .signedIn(\.readsRegistry, .unitInScope)) { _, context in
            JSONBody.response(try await stores.incidents.review(try context.parameters.require("id", as: Int.self), scope: try context.scope()))
        }
        api.post("incidents", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(ActivationBody.self, from: request, context: context)
            return JSONBody.response(try await stores.incidents.activate(ActivationInput(planID: b.planId, level: b.level, unitIDs: b.unitIds ?? [], drill: b.drill,
                                                                                        alertID: b.alertId, perWorkerHour: b.perWorkerHour ?? CapacityEstimate.defaultRate),
                                                                        scope: scope), status: .created)
        }
        api.post("incidents/:id/stand-down", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(StandDownBody.self, from: request, context: context)
            return JSONBody.response(try await stores.incidents.standDown(try context.parameters.require("id", as: Int.self), summary: b.summary ?? "", scope: scope))
        }
    }
}
