import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Who reads the coordination records (summons, evaluations, department tasks, the burden report): the roles that
/// raise summons and auditors over their unit subtree (the stores' `raisesSummons || auditor`), and department
/// officers for their own department.
extension Access {
    static let coordinationReaders: Access = .signedIn(\.raisesSummons, .unitInScope).or(.signedIn([.auditor], .unitInScope))
        .or(.signedIn([.departmentOfficer], .ownDepartment))
    /// The other roles, who read only what the access list publishes (its items and certificates).
    static let coordinationOthers: Set<Role> = [.gridWorker, .unitLiaison, .partyMember, .resident]
}

/// Departments, summons, evaluation and the access list under /api/v1.
struct CoordinationAPI {
    let stores: Stores

    struct SummonsBody: Decodable {
        let unitId: Int?; let matter: String; let urgency: String; let title: String; let description: String
        let departmentIds: [Int]?; let stationIds: [Int]?
        var input: SummonsInput {
            SummonsInput(unitID: unitId, matter: matter, urgency: urgency, title: title, description: description,
                         departmentIDs: departmentIds ?? [], stationIDs: stationIds ?? [])
        }
    }
    struct Decision: Decodable { let send: Bool; let note: String? }
    struct Step: Decodable { let action: String; let note: String?; let until: String? }
    struct Rating: Decodable { let period: String; let streetUnitId: Int; let departmentId: Int; let stars: Int; let comment: String? }
    struct TaskBody: Decodable {
        let title: String; let communityUnitId: Int; let accessItemId: Int?; let forms: Int?; let inspections: Int?; let askStreet: Bool?
    }
    struct SummonsDetail: Encodable { let summons: Summons; let timeline: [SummonsEvent] }

    func register(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("departments", .signedIn(.nothing)) { _, _ in JSONBody.response(try await stores.departments.departments()) }
        api.get("stations", .signedIn(.nothing)) { _, _ in JSONBody.response(try await stores.departments.stations()) }
        api.get("summons", .coordinationReaders) { request, context in
            var v = Validator()
            let raw = request.uri.queryParameters.get("status")
            let status = raw.flatMap(SummonsStatus.init(rawValue:))
            v.check(raw == nil || status != nil, "status", Bilingual("状态应为 " + SummonsStatus.allCases.map(\.rawValue).joined(separator: "、"),
                                                                 "status must be one of " + SummonsStatus.allCases.map(\.rawValue).joined(separator: ", ")))
            try v.finish()
            return JSONBody.response(try await stores.summons.list(scope: try context.scope(), status: status))
        }
        api.post("summons", .signedIn(\.raisesSummons, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(SummonsBody.self, from: request, context: context)
            return JSONBody.response(try await stores.summons.raise(body.input, scope: scope), status: .created)
        }
        api.get("summons/:id", .coordinationReaders) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let scope = try context.scope()
            return JSONBody.response(SummonsDetail(summons: try await stores.summons.summons(id, scope: scope),
                                                   timeline: try await stores.summons.timeline(id, scope: scope)))
        }
        api.post("summons/:id/decision", .signedIn(\.decidesForStreet, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(Decision.self, from: request, context: context)
            return JSONBody.response(try await stores.summons.decide(try context.parameters.require("id", as: Int.self), send: body.send,
                                                                     note: body.note ?? "", scope: scope))
        }
        api.post("summons-targets/:id/steps", .signedIn(\.decidesForStreet, .unitInScope).or(.signedIn([.departmentOfficer], .ownDepartment))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(Step.self, from: request, context: context)
            guard let action = SummonsAction(rawValue: body.action) else {
                throw ValidationError("action", Bilingual("操作应为 " + SummonsAction.allCases.map(\.rawValue).joined(separator: "、"),
                                                          "action must be one of " + SummonsAction.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return JSONBody.response(try await stores.summons.act(targetID: try context.parameters.require("id", as: Int.self), action,
                                                                  note: body.note ?? "", until: body.until, scope: scope))
        }
        api.get("evaluations", .coordinationReaders) { request, context in
            let period = request.uri.queryParameters.get("period") ?? Period.quarter(of: stores.context.clock()).code
            return JSONBody.response(try await stores.evaluations.evaluation(period: period, scope: try context.scope()))
        }
        api.post("evaluations/ratings", .signedIn(\.decidesForStreet, .unitInScope).or(.signedIn([.departmentOfficer], .ownDepartment))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(Rating.self, from: request, context: context)
            try await stores.evaluations.rate(period: body.period, streetUnitID: body.streetUnitId, departmentID: body.departmentId, stars: body.stars,
                                              comment: body.comment ?? "", scope: scope)
            return Response(status: .noContent)
        }
        api.get("access-items", .signedIn(.nothing)) { _, _ in JSONBody.response(try await stores.access.items()) }
        api.get("certificates", .signedIn(.nothing)) { _, _ in JSONBody.response(try await stores.access.certificates()) }
        api.get("department-tasks", .coordinationReaders) { _, context in JSONBody.response(try await stores.departmentTasks.tasks(scope: try context.scope())) }
        api.post("department-tasks", .signedIn([.departmentOfficer], .ownDepartment)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(TaskBody.self, from: request, context: context)
            return JSONBody.response(try await stores.departmentTasks.submit(title: body.title, communityUnitID: body.communityUnitId, accessItemID: body.accessItemId,
                                                                             forms: body.forms ?? 0, inspections: body.inspections ?? 0,
                                                                             askStreet: body.askStreet ?? false, scope: scope), status: .created)
        }
        api.get("burden", .coordinationReaders) { request, context in
            let period = request.uri.queryParameters.get("period") ?? Period.quarter(of: stores.context.clock()).code
            return JSONBody.response(try await stores.departmentTasks.burden(period: period, scope: try context.scope()))
        }
    }
}
