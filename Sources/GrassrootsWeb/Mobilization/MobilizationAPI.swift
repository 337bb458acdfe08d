import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Directives, progress, assignments and submissions under /api/v1.
struct MobilizationAPI {
    let stores: Stores

    struct FieldBody: Decodable { let key: String?; let label: String; let type: String; let required: Bool?; let options: [String]?; let min: Double?; let max: Double? }
    struct DirectiveBody: Decodable {
        let unitId: Int; let title: String; let kind: String; let target: String; let category: String?; let responsible: String?
        let priority: String?; let deadline: String; let instructions: String?; let form: [FieldBody]?; let stallHours: Int?; let issue: Bool?

        func input() throws -> DirectiveInput {
            var v = Validator()
            let fields = (form ?? []).enumerated().compactMap { i, f -> FormField? in
                guard let type = FieldType.parse(f.type) else {
                    v.fail("form", Bilingual("第\(i + 1)项：类型“\(f.type)”无效", "Field \(i + 1): type “\(f.type)” is invalid")); return nil
                }
                return FormField(key: f.key ?? "f\(i + 1)", label: f.label, type: type, required: f.required ?? false, options: f.options ?? [],
                                 minimum: f.min, maximum: f.max)
            }
            try v.finish()
            return DirectiveInput(title: title, kind: kind, target: target, category: category, responsible: responsible ?? "grid_worker",
                                  priority: priority ?? "normal", deadline: deadline, instructions: instructions ?? "",
                                  form: try FormSchema(fields: fields), stallHours: stallHours ?? 24)
        }
    }
    struct SubmissionBody: Decodable {
        let key: String?; let assignmentId: Int; let outcome: String; let answers: [String: String]?; let note: String?; let photos: [Int]?
        func submission(_ header: String?) -> Submission {
            Submission(key: key ?? header ?? "", assignmentID: assignmentId, outcome: outcome, answers: answers ?? [:], note: note, photos: photos ?? [])
        }
    }
    struct Batch: Decodable { let submissions: [SubmissionBody] }
    struct Extend: Decodable { let deadline: String }
    struct Reassign: Decodable { let unitId: Int; let staffId: Int }

    func register(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("directives", .signedIn(.unitInScope)) { _, context in JSONBody.response(try await stores.directives.directives(scope: try context.scope())) }
        api.post("directives", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(DirectiveBody.self, from: request, context: context)
            var directive = try await stores.directives.create(unitID: body.unitId, try body.input(), scope: scope)
            if body.issue == true { directive = try await stores.directives.issue(directive.id, scope: scope) }
            return JSONBody.response(directive, status: .created)
        }
        api.get("directives/:id", .signedIn(.unitInScope)) { _, context in
            JSONBody.response(try await stores.directives.directive(try context.parameters.require("id", as: Int.self), scope: try context.scope()))
        }
        api.post("directives/:id/issue", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            JSONBody.response(try await stores.directives.issue(try context.parameters.require("id", as: Int.self), scope: try APIRoutes.writeScope(request, context)))
        }
        api.post("directives/:id/cancel", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            JSONBody.response(try await stores.directives.cancel(try context.parameters.require("id", as: Int.self), scope: try APIRoutes.writeScope(request, context)))
        }
        api.post("directives/:id/extend", .signedIn(\.issuesDirectives, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(Extend.self, from: request, context: context)
            return JSONBody.response(try await stores.directives.extend(try context.parameters.require("id", as: Int.self), to: body.deadline, scope: scope))
        }
        api.get("directives/:id/progress", .signedIn(.unitInScope)) { request, context in
            let q = request.uri.queryParameters
            return JSONBody.response(try await stores.progress.tree(directiveID: try context.parameters.require("id", as: Int.self), unitID: q.get("unit").flatMap(Int.init),
                                                                    levels: q.get("levels").flatMap(Int.init) ?? 2, scope: try context.scope()))
        }
        api.get("directives/:id/stalled", .signedIn(.unitInScope)) { _, context in
            JSONBody.response(try await stores.progress.stalled(directiveID: try context.parameters.require("id", as: Int.self), scope: try context.scope()))
        }
        api.get("directives/:id/assignments", .signedIn(\.readsHouseholdRows, .unitInScope)) { request, context in
            let q = request.uri.queryParameters
            return JSONBody.response(try await stores.assignments.assignments(directiveID: try context.parameters.require("id", as: Int.self),
                                                                              unitID: q.get("unit").flatMap(Int.init), all: q.get("all") == "1", scope: try context.scope()))
        }
        api.post("directives/:id/reassign", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(Reassign.self, from: request, context: context)
            let moved = try await stores.assignments.reassign(directiveID: try context.parameters.require("id", as: Int.self), unitID: body.unitId,
                                                              staffID: body.staffId, scope: scope)
            return JSONBody.response(["moved": moved])
        }
        api.post("submissions", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(SubmissionBody.self, from: request, context: context)
            let result = try await stores.assignments.submit(body.submission(request.headers[.init("Idempotency-Key")!]), scope: scope)
            await stores.hub.publish(result.directiveID, result.changed)
            return SubmissionJSON.response(result)
        }
        api.post("submissions/batch", .signedIn(\.reportsFieldWork, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let body = try await JSONBody.decode(Batch.self, from: request, context: context)
            let results = try await stores.assignments.submit(body.submissions.map { $0.submission(nil) }, scope: scope)
            for result in results { await stores.hub.publish(result.directiveID, result.changed) }
            return SubmissionJSON.response(results, status: .created)
        }
        api.get("inbox", .signedIn(.unitInScope)) { _, context in JSONBody.response(try await stores.escalation.inbox(scope: try context.scope())) }
    }
}
