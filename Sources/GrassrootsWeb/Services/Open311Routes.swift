import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// Open311 GeoReport v2 at /open311/v2: discovery, services, service definitions, requests (GET with the standard
/// filters, POST with an api_key), one request, tokens — each as .json or .xml.
struct Open311Routes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/open311/v2/:file", .anyone(.published)) { request, context in
            guard let (name, format) = Open311Format.split(try context.parameters.require("file")) else { throw HTTPError(.notFound) }
            return try await answer(format) {
                switch name {
                case "discovery": try discovery(format)
                case "services": try await services(format)
                case "requests": try await requests(request, format, client: try await client(request))
                default: format.error(.notFound, "Unknown resource \(name)")
                }
            }
        }
        router.get("/open311/v2/services/:file", .anyone(.published)) { _, context in
            guard let (code, format) = Open311Format.split(try context.parameters.require("file")) else { throw HTTPError(.notFound) }
            return try await answer(format) { try await definition(code, format) }
        }
        router.get("/open311/v2/requests/:file", .anyone(.published)) { request, context in
            guard let (raw, format) = Open311Format.split(try context.parameters.require("file")) else { throw HTTPError(.notFound) }
            return try await answer(format) {
                guard let id = Int(raw), let found = try await stores.open311.requests(Open311Filter(ids: [id]), client: try await client(request)).first else {
                    return format.error(.notFound, "No service request \(raw)")
                }
                return format.document(root: "service_requests", item: "request", [Open311Format.record(found, code: try await code(of: found), site: Self.site(request))])
            }
        }
        router.get("/open311/v2/tokens/:file", .anyone(.published)) { _, context in
            guard let (token, format) = Open311Format.split(try context.parameters.require("file")) else { throw HTTPError(.notFound) }
            return try await answer(format) {
                guard let found = try await stores.open311.request(token: token) else { return format.error(.notFound, "No request for token \(token)") }
                return format.document(root: "service_requests", item: "request", [[("service_request_id", .text(String(found.id))), ("token", .text(token))]])
            }
        }
        router.post("/open311/v2/:file", .anyone(.published)) { request, context in
            guard let (name, format) = Open311Format.split(try context.parameters.require("file")), name == "requests" else { throw HTTPError(.notFound) }
            return try await answer(format) {
                // GeoReport's fields as a form, or as multipart with the photo in `media` (the specification's media upload).
                guard MultipartBody.isMultipart(request) else {
                    var request = request
                    return try await post(Form(String(buffer: try await request.collectBody(upTo: 256 * 1024))), media: [], format, request)
                }
                let body = try await MultipartBody.read(request, files: "media", limit: PhotoStore.perRecord)
                return try await post(Form(fields: body.fields), media: body.files, format, request)
            }
        }
        // A request's photo, to those who may read the request: anyone for one listed publicly, else the key that filed it.
        router.get("/open311/v2/media/:id", .anyone(.published)) { request, context in
            guard let (photo, data) = try await stores.open311.media(try context.parameters.require("id", as: Int.self), client: try await client(request)) else {
                throw StoreError.notFound(Bilingual("没有这张照片", "No such photo"))
            }
            return Response(status: .ok, headers: [.contentType: photo.contentType, .cacheControl: "private, max-age=3600"], body: .init(byteBuffer: ByteBuffer(data: data)))
        }
    }

    /// The client whose key came with the request (`X-Api-Key`, or GeoReport's `api_key` parameter); nil without one.
    /// A key that matches none is refused rather than read as no key, so a client with a mistyped key learns it.
    func client(_ request: Request) async throws -> Open311Store.Client? {
        guard let key = request.headers[.init("X-Api-Key")!] ?? request.uri.queryParameters.get("api_key"), !key.isEmpty else { return nil }
        guard let client = try await stores.open311.client(forKey: key) else { throw InvalidKey() }
        return client
    }

    struct InvalidKey: Error {}

    /// Turns what went wrong into the Open311 error document in the asked format.
    func answer(_ format: Open311Format, _ body: () async throws -> Response) async throws -> Response {
        do { return try await body() } catch is InvalidKey {
            return format.error(.forbidden, "The api_key is not valid")
        } catch let error as ValidationError {
            return format.error(.badRequest, error.errors.map { "\($0.field): \($0.message.en)" }.joined(separator: "; "))
        } catch let error as FieldError {
            return format.error(.badRequest, "\(error.field): \(error.message.en)")
        } catch let error as StoreError {
            return format.error(.badRequest, error.description)
        }
    }

    func discovery(_ format: Open311Format) throws -> Response {
        format.single(root: "discovery", [
            ("changeset", .text("2026-11-29T00:00:00+08:00")), ("contact", .text("基层治理平台")),
            ("key_service", .text("接口密钥由市级管理员在“诉求分类与时限”页面签发")),
            ("endpoints", .list("endpoint", [[("specification", .text("http://wiki.open311.org/GeoReport_v2")), ("url", .text("/open311/v2")),
                                                ("changeset", .text("2026-11-29T00:00:00+08:00")), ("type", .text("production")),
                                                ("formats", .list("format", [[("format", .text("application/json"))], [("format", .text("text/xml"))]]))]])),
        ])
    }

    func services(_ format: Open311Format) async throws -> Response {
        let categories = try await stores.requestCategories.categories()
        let records = categories.filter { $0.parentID != nil && $0.active }.map { c -> [(String, Open311Format.Value)] in
            let group = categories.first { $0.id == c.parentID }?.name ?? ""
            return [("service_code", .text(c.serviceCode ?? "")), ("service_name", .text(c.name)), ("description", .text("\(group) · \(c.name)（\(c.timeClass?.label.zh ?? "")）")),
                    ("metadata", .bool(true)), ("type", .text("realtime")), ("keywords", .text(c.nameEn)), ("group", .text(group))]
        }
        return format.document(root: "services", item: "service", records)
    }

    /// Every service takes one optional attribute: the kind of request.
    func definition(_ code: String, _ format: Open311Format) async throws -> Response {
        guard try await stores.requestCategories.categories().contains(where: { $0.serviceCode == code && $0.active }) else {
            return format.error(.notFound, "Unknown service_code \(code)")
        }
        let values = RequestKind.allCases.map { [("key", Open311Format.Value.text($0.rawValue)), ("name", .text($0.label.zh))] }
        return format.single(root: "service_definition", [("service_code", .text(code)), ("attributes", .list("attribute", [[
            ("variable", .bool(true)), ("code", .text("kind")), ("datatype", .text("singlevaluelist")), ("required", .bool(false)),
            ("datatype_description", .text("consultation, help, complaint, report or suggestion")), ("order", .number(1)),
            ("description", .text("诉求类型 / kind of request")), ("values", .list("value", values)),
        ]]))])
    }

    func requests(_ request: Request, _ format: Open311Format, client: Open311Store.Client?) async throws -> Response {
        let q = request.uri.queryParameters
        let list = { (name: String) in (q.get(name) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let ids = try list("service_request_id").map { raw -> Int in
            guard let id = Int(raw) else { throw ValidationError("service_request_id", Bilingual("编号应为整数", "service_request_id must be integers")) }
            return id
        }
        let statuses = list("status")
        guard statuses.allSatisfy({ $0 == "open" || $0 == "closed" }) else {
            throw ValidationError("status", Bilingual("status 应为 open 或 closed", "status must be open or closed"))
        }
        let filter = Open311Filter(ids: ids, serviceCodes: list("service_code"), start: try Open311Format.parseDatetime(q.get("start_date")),
                                   end: try Open311Format.parseDatetime(q.get("end_date")), statuses: statuses)
        let found = try await stores.open311.requests(filter, client: client)
        var records: [[(String, Open311Format.Value)]] = []
        for entry in found { records.append(Open311Format.record(entry, code: try await code(of: entry), site: Self.site(request))) }
        return format.document(root: "service_requests", item: "request", records)
    }

    func post(_ form: Form, media: [[UInt8]], _ format: Open311Format, _ request: Request) async throws -> Response {
        guard let key = form["api_key"] ?? request.uri.queryParameters.get("api_key"), let client = try await stores.open311.client(forKey: key) else {
            return format.error(.forbidden, "A valid api_key is required to post a service request")
        }
        var v = Validator()
        let lat = form["lat"].flatMap { $0.isEmpty ? nil : $0 }, long = form["long"].flatMap { $0.isEmpty ? nil : $0 }
        v.check(lat == nil || Double(lat!) != nil, "lat", Bilingual("lat 应为数字", "lat must be a number"))
        v.check(long == nil || Double(long!) != nil, "long", Bilingual("long 应为数字", "long must be a number"))
        v.check(!(form["service_code"] ?? "").isEmpty, "service_code", Bilingual("缺少 service_code", "service_code is required"))
        v.check(lat != nil || !(form["address_string"] ?? "").isEmpty || !(form["address_id"] ?? "").isEmpty, "location",
                Bilingual("需提供 lat/long、address_string 或 address_id", "Give lat/long, address_string or address_id"))
        try v.finish()
        let photos = try media.map { try stores.photos.keep($0) }
        let name = [form["first_name"], form["last_name"]].compactMap { $0 }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let (created, token) = try await stores.open311.submit(serviceCode: form["service_code"]!, description: form["description"] ?? "", addressID: form["address_id"],
                                                               address: form["address_string"] ?? "", latitude: lat.flatMap(Double.init), longitude: long.flatMap(Double.init),
                                                               name: name, phone: form["phone"] ?? "", kind: form["attribute[kind]"], media: photos, client: client)
        return format.document(root: "service_requests", item: "request", [[
            ("service_request_id", .text(String(created.id))), ("token", .text(token)),
            ("service_notice", .text(serviceNotice(created))), ("account_id", .text("")),
        ]], status: .created)
    }

    /// This server as the client reached it, for the absolute URLs GeoReport gives (`media_url`).
    static func site(_ request: Request) -> String {
        let host = request.headers[.init("X-Forwarded-Host")!] ?? request.head.authority ?? "localhost"
        return (SessionMiddleware.cameOverHTTPS(request) ? "https://" : "http://") + host
    }

    func serviceNotice(_ r: ServiceRequest) -> String { "已转\(r.handlerName)办理，\(r.timeClass.label.zh)类诉求" }

    /// Open311's `address_id`: the division or grid code of the request's place, or for the public of its compound or community.
    func code(of entry: Open311Store.Entry) async throws -> String? {
        entry.full ? try await stores.units.unit(entry.request.unitID, scope: .system).code : entry.place?.code
    }
}
