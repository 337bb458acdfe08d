import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird
import Logging
import NIOCore

/// Maps domain, store and web errors to a status and a message in the user's language:
/// JSON for the API, a page (or a redirect to the login page) for browsers.
enum ErrorResponder {
    struct Problem: Encodable {
        struct Field: Encodable { let field: String; let message: String }
        let error: String
        let fields: [Field]
    }

    static func classify(_ error: any Error, _ lang: Language) -> (HTTPResponse.Status, String, [Problem.Field]) {
        switch error {
        case let e as ValidationError:
            return (.unprocessableContent, lang == .zh ? "输入有误，请按提示修改" : "Some input is invalid; please correct it",
                    e.errors.map { .init(field: $0.field, message: $0.message.text(lang)) })
        case let e as FieldError:
            return (.unprocessableContent, e.message.text(lang), [.init(field: e.field, message: e.message.text(lang))])
        case let e as ImportRejected:
            return (.unprocessableContent, e.rows.prefix(50).map { $0.text(lang) }.joined(separator: "\n"), [])
        case let e as AccessDenied: return (.forbidden, e.message.text(lang), [])
        case is NotSignedIn: return (.unauthorized, lang == .zh ? "请先登录" : "Please sign in", [])
        case is CSRFRejected:
            return (.forbidden, lang == .zh ? "表单已过期，请刷新页面后重试" : "The form has expired; reload the page and try again", [])
        case let e as BadRequest: return (.badRequest, e.message.text(lang), [])
        case let e as StoreError:
            switch e {
            case .notFound(let m): return (.notFound, m.text(lang), [])
            case .conflict(let m): return (.conflict, m.text(lang), [])
            case .brokenReference(let m): return (.conflict, m.text(lang), [])
            // What failed stays in the log (`response(for:)`); the user only learns to retry.
            case .unavailable: return (.serviceUnavailable, lang == .zh ? "数据库暂时不可用，请稍后重试" : "The database is unavailable; try again shortly", [])
            // Said plainly: nothing of this operation was kept, and waiting will not help until someone acts.
            case .storageFull: return (.insufficientStorage, lang == .zh ? "数据库所在磁盘已满，本次操作未保存任何内容；请联系系统管理员释放空间后重试"
                                       : "The database's disk is full; nothing of this operation was saved. Ask the administrator to free space, then try again", [])
            case .readOnly: return (.serviceUnavailable, lang == .zh ? "数据库当前为只读，本次操作未保存任何内容；请联系系统管理员"
                                    : "The database is read-only at the moment; nothing of this operation was saved. Ask the administrator", [])
            }
        case let e as LoginError: return (.unauthorized, e.message.text(lang), [])
        case let e as HTTPError: return (e.status, httpErrorMessage(e, lang), [])
        case let e as BodyTooLarge:
            let limit = e.limit >= 1024 * 1024 ? "\(e.limit / (1024 * 1024)) MB" : "\(max(1, e.limit / 1024)) KB"
            return (.contentTooLarge, lang == .zh ? "请求内容过大，上限为 \(limit)" : "The request body is too large (the limit is \(limit))", [])
        case is NIOTooManyBytesError:
            // A body over a route's collectBody(upTo:) limit; NIO's maxBytes is not the route's limit, so name none.
            return (.contentTooLarge, lang == .zh ? "请求内容过大" : "The request body is too large", [])
        case is DecodingError:
            return (.badRequest, lang == .zh ? "请求内容不是有效的 JSON，或缺少必填字段" : "The body is not valid JSON or lacks a required field", [])
        default:
            return (.internalServerError, lang == .zh ? "服务器内部错误，已记录" : "Internal server error; it has been logged", [])
        }
    }

    /// Hummingbird's own errors (router 404, path parameters that are not numbers) in the user's language.
    static func httpErrorMessage(_ e: HTTPError, _ lang: Language) -> String {
        let body = e.body ?? ""
        if body.hasPrefix("Parameter '") || body.hasPrefix("One of the parameters '"), let start = body.firstIndex(of: "'"),
           let end = body.range(of: "' can not be converted to the expected type (") {
            var value = String(body[body.index(after: start)..<end.lowerBound])
            if value.count > 40 { value = String(value.prefix(40)) + "…" }
            let type = body[end.upperBound...].dropLast()
            let integer = type == "Int"
            return lang == .zh ? "地址中的“\(value)”无效：应为\(integer ? "整数编号" : "有效的值")"
                : "“\(value)” in the address is invalid: \(integer ? "an integer id" : "a valid \(type)") is expected"
        }
        if body == "Expected parameter does not exist" { return lang == .zh ? "地址缺少参数" : "A parameter is missing from the address" }
        if e.status == .notFound, e.body == nil { return lang == .zh ? "找不到该地址" : "No such address" }
        return e.body ?? e.status.reasonPhrase
    }

    static func response(for error: any Error, request: Request, context: AppContext) -> Response {
        let (status, message, fields) = classify(error, context.language)
        if status == .internalServerError { context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"]) }
        // The store's description only: driver errors carry the statement, which must not reach the log.
        if let error = error as? StoreError, status == .serviceUnavailable || status == .insufficientStorage {
            let what: Logger.Message = if case .unavailable = error { "database unavailable" } else { "database takes no writes" }
            context.logger.warning(what, metadata: ["error": "\(error)"])
        }
        if request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/open311/") {
            return JSONBody.response(Problem(error: message, fields: fields), status: status)
        }
        if status == .unauthorized, !(error is LoginError) {
            let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(next)"])
        }
        let page = Layout.page(title: context.t("出错了", "Error"), context: context, body: """
            <div class="error-box" role="alert"><h2>\(Int(status.code)) \(context.t("出错了", "Error"))</h2>
            <p>\(message)</p>\(fields.map { "<p>\($0.field): \($0.message)</p>" as HTML }.joined())
            <p><a href="/" data-back>\(context.t("返回", "Back"))</a> · <a href="/">\(context.t("首页", "Home"))</a></p></div>
            """)
        return HTML.response(page, status: status)
    }
}

extension HTTPResponse.Status {
    /// 507 (RFC 4918): the server cannot store what the request needs; HTTPTypes names no constant for it.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}

/// A request body over the route's limit (413), with the limit to name in the message.
struct BodyTooLarge: Error {
    let limit: Int
}

extension Request {
    /// The whole body, or `BodyTooLarge` when it exceeds `limit` bytes.
    mutating func collectBody(limit: Int) async throws -> ByteBuffer {
        do { return try await collectBody(upTo: limit) } catch is NIOTooManyBytesError { throw BodyTooLarge(limit: limit) }
    }
}

/// JSON responses with the encoder settings the API documents (snake_case keys, sorted for stable output).
enum JSONBody {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return response(ByteBuffer(bytes: data), status: status)
    }

    /// JSON already written (the OpenAPI document, the hand-written submission answer) with the API's content type.
    static func response(_ json: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: json))
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppContext) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(limit: context.maxUploadSize)
        let data = Data(buffer: buffer)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw BadRequest(Bilingual("请求内容为空，应为 JSON 对象", "The request body is empty; a JSON object is expected"))
        }
        // RFC 8259: JSON between systems is UTF-8. Foundation would guess other encodings or call GBK bytes "malformed".
        guard String(validating: data, as: UTF8.self) != nil else {
            throw BadRequest(Bilingual("请求内容须为 UTF-8 编码的 JSON（收到的字节不是有效的 UTF-8，例如 GBK/GB18030 或 UTF-16）",
                                       "The body must be UTF-8 encoded JSON (the bytes are not valid UTF-8, e.g. GBK/GB18030 or UTF-16)"))
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(T.self, from: data) } catch let error as DecodingError {
            throw BadRequest(describe(error))
        }
    }

    /// A decoding failure in words, naming the field (in the API's snake_case) where there is one.
    static func describe(_ error: DecodingError) -> Bilingual {
        func field(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? snakeCase($0.stringValue) }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let c):
            let name = field(c.codingPath + [key])
            return Bilingual("请求内容无效：缺少必填字段 \(name)", "Invalid request body: the required field \(name) is missing")
        case .typeMismatch(let expected, let c), .valueNotFound(let expected, let c):
            let isArray = expected is [Any].Type
            if c.codingPath.isEmpty {
                return isArray ? Bilingual("请求内容须为 JSON 数组", "The request body must be a JSON array")
                    : Bilingual("请求内容须为 JSON 对象", "The request body must be a JSON object")
            }
            let kind = expected == String.self ? ("字符串", "a string") : expected == Int.self || expected == Double.self ? ("数字", "a number")
                : expected == Bool.self ? ("true 或 false", "true or false") : isArray ? ("数组", "an array") : ("JSON 对象", "a JSON object")
            let name = field(c.codingPath)
            return Bilingual("请求内容无效：字段 \(name) 应为\(kind.0)", "Invalid request body: the field \(name) must be \(kind.1)")
        case .dataCorrupted(let c) where !c.codingPath.isEmpty:
            let name = field(c.codingPath)
            return Bilingual("请求内容无效：字段 \(name) 的值无效", "Invalid request body: the value of \(name) is invalid")
        case .dataCorrupted:
            return Bilingual("请求内容不是有效的 JSON（格式错误，例如缺少引号、括号或逗号）",
                             "The request body is not valid JSON (malformed: e.g. a missing quote, bracket or comma)")
        @unknown default:
            return Bilingual("请求内容不是有效的 JSON", "The request body is not valid JSON")
        }
    }

    /// `memberCount` → `member_count`: the key as the API documents it.
    static func snakeCase(_ key: String) -> String {
        var out = ""
        for ch in key {
            if ch.isUppercase { if !out.isEmpty { out += "_" }; out += ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
