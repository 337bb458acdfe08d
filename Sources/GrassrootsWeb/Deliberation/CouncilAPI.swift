import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The council hall and the community fund under /api/v1.
struct CouncilAPI {
    let stores: Stores

    struct TopicBody: Decodable { let unitId: Int; let title: String; let description: String }
    struct CommentBody: Decodable { let body: String }
    struct BallotBody: Decodable { let choice: String; let householdId: Int?; let room: String?; let buildingId: Int?; let residentId: Int? }
    struct EntryBody: Decodable { let kind: String; let amount: String; let party: String; let topicId: Int?; let project: String?; let memo: String? }
    struct TopicDetail: Encodable { let topic: Topic; let posts: [TopicPost]; let vote: Vote? }

    func register(_ router: Routes) {
        let api = router.group("/api/v1")
        api.get("topics", .signedIn(\.takesPartInCouncil, .unitInScope).or(.signedIn([.auditor], .unitInScope))) { _, context in JSONBody.response(try await stores.council.topics(scope: try context.scope())) }
        api.post("topics", .signedIn(\.takesPartInCouncil, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(TopicBody.self, from: request, context: context)
            return JSONBody.response(try await stores.council.raise(unitID: b.unitId, title: b.title, description: b.description, scope: scope), status: .created)
        }
        api.get("topics/:id", .signedIn(\.takesPartInCouncil, .unitInScope).or(.signedIn([.auditor], .unitInScope))) { _, context in
            let (topic, posts, vote) = try await stores.council.topic(try context.parameters.require("id", as: Int.self), scope: try context.scope())
            return JSONBody.response(TopicDetail(topic: topic, posts: posts, vote: vote))
        }
        api.post("topics/:id/comments", .signedIn(\.takesPartInCouncil, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(CommentBody.self, from: request, context: context)
            try await stores.council.comment(try context.parameters.require("id", as: Int.self), text: b.body, scope: scope)
            return Response(status: .noContent)
        }
        api.post("topics/:id/ballots", .signedIn(\.keepsCouncil, .unitInScope).or(.signedIn([.resident], .ownHousehold))) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(BallotBody.self, from: request, context: context)
            return JSONBody.response(try await stores.votes.cast(topicID: try context.parameters.require("id", as: Int.self), choice: b.choice,
                                                                 householdID: b.householdId, room: b.room, buildingID: b.buildingId,
                                                                 residentID: b.residentId, scope: scope), status: .created)
        }
        api.get("funds/:code", .anyone(.published)) { _, context in JSONBody.response(try await stores.fund.ledger(code: try context.parameters.require("code"))) }
        api.post("funds/:code/entries", .signedIn(\.keepsCouncil, .unitInScope)) { request, context in
            let scope = try APIRoutes.writeScope(request, context)
            let b = try await JSONBody.decode(EntryBody.self, from: request, context: context)
            let community = try await stores.units.unit(code: try context.parameters.require("code"), scope: scope)
            return JSONBody.response(try await stores.fund.record(communityID: community.id, kind: b.kind, amount: b.amount,
                                                                  party: b.party, topicID: b.topicId, project: b.project ?? "", memo: b.memo ?? "", scope: scope), status: .created)
        }
    }
}
