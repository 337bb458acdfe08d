import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

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
            case .unavailable: return (.serviceUnavailable, lang == .zh ? "数据库暂时不可用" : "The database is unavailable", [])
            }
        case let e as LoginError: return (.unauthorized, e.message.text(lang), [])
        case let e as HTTPError: return (e.status, e.body ?? e.status.reasonPhrase, [])
        case is DecodingError:
            return (.badRequest, lang == .zh ? "请求内容不是有效的 JSON，或缺少必填字段" : "The body is not valid JSON or lacks a required field", [])
        default:
            return (.internalServerError, lang == .zh ? "服务器内部错误，已记录" : "Internal server error; it has been logged", [])
        }
    }

    static func response(for error: any Error, request: Request, context: AppContext) -> Response {
        let (status, message, fields) = classify(error, context.language)
        if status == .internalServerError { context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"]) }
        if request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/open311/") {
            return JSONBody.response(Problem(error: message, fields: fields), status: status)
        }
        if status == .unauthorized, !(error is LoginError) {
            let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(next)"])
        }
        let page = Layout.page(title: context.t("出错了", "Error"), context: context, body: """
            <div class="error-box" role="alert"><h2>\(Int(status.code)) \(context.t("出错了", "Error"))</h2>
            <p>\(HTML.escape(message))</p>\(fields.map { "<p>\(HTML.escape($0.field)): \(HTML.escape($0.message))</p>" }.joined())
            <p><a href="javascript:history.back()">\(context.t("返回", "Back"))</a> · <a href="/">\(context.t("首页", "Home"))</a></p></div>
            """)
        return HTML.response(page, status: status)
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
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppContext) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(T.self, from: Data(buffer: buffer)) } catch let error as DecodingError {
            let detail: String = switch error {
            case .keyNotFound(let key, _): "missing field \(key.stringValue)"
            case .typeMismatch(_, let c), .valueNotFound(_, let c): "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
            case .dataCorrupted: "malformed JSON"
            @unknown default: "invalid JSON"
            }
            throw BadRequest(Bilingual("请求内容无效（\(detail)）", "Invalid request body (\(detail))"))
        }
    }
}
