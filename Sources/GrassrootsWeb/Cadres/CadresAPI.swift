import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Cadres, posts, training, secondments and the evaluation under /api/v1.
struct CadresAPI {
    let stores: Stores

    struct CadreBody: Decodable {
        let name: String; let tier: String; let unitId: Int?; let departmentId: Int?; let position: String; let education: String
        let grassrootsSince: String?; let specialties: String?
    }
    struct PostBody: Decodable {
        let role: String; let title: String; let unitId: Int?; let departmentId: Int?; let move: String; let startsOn: String; let note: String?; let endsCurrent: Bool?
    }
    struct CourseBody: Decodable { let title: String; let category: String; let required: Bool; let requiredHours: Double }
    struct SessionBody: Decodable { let courseId: Int; let unitId: Int; let heldOn: String; let hours: Double; let place: String }
    struct AttendanceBody: Decodable { struct Line: Decodable { let cadreId: Int; let hours: Double }; let attendance: [Line] }
    struct SecondmentBody: Decodable {
        let cadreId: Int?; let kind: String; let origin: String; let unitId: Int?; let startsOn: String; let endsOn: String; let goals: String
    }
    struct ReviewBody: Decodable { let outcome: String; let review: String }
    struct CadreDetail: Encodable {
        let cadre: Cadre; let posts: [CadrePost]; let attendance: [Attendance]; let courses: [CourseStanding]; let secondments: [Secondment]
    }

    func register(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("cadres", .signedIn(\.readsCadres, .unitInScope)) { request, context in
            var v = Validator()
            let tier = request.uri.queryParameters.get("tier").flatMap { CadreTier.pick($0, field: "tier", names: Bilingual("干部类别", "Tier"), &v) }
            try v.finish()
            return JSONBody.response(try await stores.cadres.list(scope: try context.scope(), tier: tier))
        }
        api.post("cadres", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(CadreBody.self, from: request, context: context)
            return JSONBody.response(try await stores.cadres.create(CadreInput(name: b.name, tier: b.tier, unitID: b.unitId, departmentID: b.departmentId, position: b.position,
                                                                               education: b.education, grassrootsSince: b.grassrootsSince ?? "", specialties: b.specialties ?? ""),
                                                                    scope: scope), status: .created)
        }
        api.get("cadres/:id", .signedIn(\.readsCadres, .unitInScope)) { _, context in
            let id = try context.parameters.require("id", as: Int.self), scope = try context.scope()
            let record = try await stores.training.record(cadreID: id, scope: scope)
            return JSONBody.response(CadreDetail(cadre: try await stores.cadres.cadre(id, scope: scope), posts: try await stores.cadres.posts(cadreID: id, scope: scope),
                                                 attendance: record.attendance, courses: record.standings,
                                                 secondments: try await stores.secondments.list(scope: scope, cadreID: id)))
        }
        api.post("cadres/:id/posts", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(PostBody.self, from: request, context: context)
            let input = PostInput(role: b.role, title: b.title, unitID: b.unitId, departmentID: b.departmentId, move: b.move, startsOn: b.startsOn, note: b.note ?? "")
            return JSONBody.response(try await stores.cadres.addPost(cadreID: try context.parameters.require("id", as: Int.self), input,
                                                                     endsCurrent: b.endsCurrent ?? false, scope: scope), status: .created)
        }
        api.get("courses", .signedIn(.nothing)) { _, _ in JSONBody.response(try await stores.training.courses()) }
        api.post("courses", .signedIn([.cityAdmin], .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(CourseBody.self, from: request, context: context)
            return JSONBody.response(try await stores.training.createCourse(CourseInput(title: b.title, category: b.category, required: b.required,
                                                                                        requiredHours: b.requiredHours), scope: scope), status: .created)
        }
        api.get("training-sessions", .signedIn(\.readsCadres, .unitInScope)) { _, context in JSONBody.response(try await stores.training.sessions(scope: try context.scope())) }
        api.post("training-sessions", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(SessionBody.self, from: request, context: context)
            return JSONBody.response(try await stores.training.createSession(courseID: b.courseId, unitID: b.unitId, heldOn: b.heldOn, hours: b.hours,
                                                                             place: b.place, scope: scope), status: .created)
        }
        api.put("training-sessions/:id/attendance", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(AttendanceBody.self, from: request, context: context)
            guard Set(b.attendance.map(\.cadreId)).count == b.attendance.count else {
                throw ValidationError("attendance", Bilingual("同一干部只能出现一次", "List each cadre once"))
            }
            let hours = Dictionary(uniqueKeysWithValues: b.attendance.map { ($0.cadreId, $0.hours) })
            return JSONBody.response(try await stores.training.recordAttendance(sessionID: try context.parameters.require("id", as: Int.self), hours, scope: scope))
        }
        api.get("secondments", .signedIn(\.readsCadres, .unitInScope)) { _, context in JSONBody.response(try await stores.secondments.list(scope: try context.scope())) }
        api.post("secondments", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(SecondmentBody.self, from: request, context: context)
            return JSONBody.response(try await stores.secondments.create(SecondmentInput(cadreID: b.cadreId, kind: b.kind, origin: b.origin, unitID: b.unitId,
                                                                                         startsOn: b.startsOn, endsOn: b.endsOn, goals: b.goals), scope: scope), status: .created)
        }
        api.post("secondments/:id/review", .signedIn(\.managesCadres, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(ReviewBody.self, from: request, context: context)
            return JSONBody.response(try await stores.secondments.review(try context.parameters.require("id", as: Int.self), outcome: b.outcome, text: b.review, scope: scope))
        }
        api.get("cadre-evaluation", .signedIn(\.readsCadres, .unitInScope)) { request, context in
            let period = request.uri.queryParameters.get("period") ?? Period.year(of: stores.context.clock()).code
            return JSONBody.response(try await stores.cadreEvaluation.evaluation(period: period, scope: try context.scope()))
        }
        api.get("leadership", .signedIn(\.readsCadres, .unitInScope)) { request, context in
            let scope = try context.scope()
            let unit = try await CadreRoutes.unitOrRoot(request.uri.queryParameters.get("unit"), stores, scope)
            return JSONBody.response(try await stores.cadres.leadership(under: unit, scope: scope))
        }
        api.get("cadre-units", .signedIn(\.readsCadres, .unitInScope)) { request, context in
            let scope = try context.scope()
            let unit = try await CadreRoutes.unitOrRoot(request.uri.queryParameters.get("unit"), stores, scope)
            let period = request.uri.queryParameters.get("period") ?? Period.year(of: stores.context.clock()).code
            return JSONBody.response(try await stores.cadreEvaluation.units(under: unit, period: period, scope: scope))
        }
    }
}
