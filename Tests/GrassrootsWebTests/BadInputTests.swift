import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Bad input at scale (issue 10): oversized bodies, malformed or wrongly encoded JSON, malformed XML and
/// nonsense in the address all get a 4xx with a message that says what is wrong, never a 500.
@Suite struct BadInputTests {
    typealias W = CoordinationWebTests

    /// Posts raw bytes to the API and returns the status and the Problem's `error` text.
    static func send(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ bytes: [UInt8],
                     method: HTTPRequest.Method = .post) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: bytes))
        let problem = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return (response.status, problem?["error"] as? String ?? "")
    }

    /// A driver's error names tables and columns and may quote values; the user learns only that it was logged.
    @Test func databaseErrorTextNeverReachesTheUser() async throws {
        let context = try await AuthorizationTests.store(demo: false)
        defer { Task { try? await context.database.close() } }
        let driverError = try await #require(throws: (any Error).self) {
            try await context.database.read { db in try await db.raw("SELECT secret_column FROM no_such_table").run() }
        }
        #expect(String(reflecting: driverError).contains("no_such_table"), "the fixture error must carry the text under test")
        for lang in [Language.zh, .en] {
            let (status, message, fields) = ErrorResponder.classify(driverError, lang)
            #expect(status == .internalServerError && fields.isEmpty)
            #expect(!message.contains("no_such_table") && !message.contains("secret_column"), "\(message)")
        }
    }

    @Test func oversizedBodiesAre413WithTheLimit() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let admin = try await MobilizationWebTests.bearer(client, "admin")
            // AppContext.maxUploadSize is 64 MB.
            let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024 * 1024 + 1)
            let (status, message) = try await Self.send(client, "/api/v1/units/1/households", admin, huge)
            #expect(status == .contentTooLarge && message == "请求内容过大，上限为 64 MB")
            var english = admin
            english[.cookie] = "lang=en"
            let cap = [UInt8]("<alert>".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: CAPParser.maximumSize) + [UInt8]("</alert>".utf8)
            let (capStatus, capMessage) = try await Self.send(client, "/api/v1/alerts", english, cap)
            #expect(capStatus == .contentTooLarge && capMessage == "The request body is too large (the limit is 1 MB)")
        }
    }

    @Test func malformedAndMisencodedJSONIs400() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let admin = try await MobilizationWebTests.bearer(client, "admin")
            var english = admin
            english[.cookie] = "lang=en"
            let uri = "/api/v1/units/1/organizations"
            let malformed = try await Self.send(client, uri, admin, Array(#"{"kind": "#.utf8))
            #expect(malformed.0 == .badRequest && malformed.1.contains("不是有效的 JSON"))
            // 三号楼 in GB18030: not UTF-8.
            let gb: [UInt8] = Array(#"{"kind":"social","name":""#.utf8) + [0xC8, 0xFD, 0xBA, 0xC5, 0xC2, 0xA5] + Array(#""}"#.utf8)
            let (gbStatus, gbMessage) = try await Self.send(client, uri, english, gb)
            #expect(gbStatus == .badRequest && gbMessage.contains("must be UTF-8 encoded JSON"))
            let utf16 = try await Self.send(client, uri, admin, Array(#"{"kind":"social","name":"x"}"#.data(using: .utf16)!))
            #expect(utf16.0 == .badRequest && utf16.1.contains("UTF-8"))
            let empty = try await Self.send(client, uri, admin, [])
            #expect(empty.0 == .badRequest && empty.1.contains("为空"))
            let array = try await Self.send(client, uri, english, Array("[1]".utf8))
            #expect(array.0 == .badRequest && array.1 == "The request body must be a JSON object")
            let missing = try await Self.send(client, uri, english, Array(#"{"kind":"social"}"#.utf8))
            #expect(missing.0 == .badRequest && missing.1 == "Invalid request body: the required field name is missing")
            let wrongType = try await Self.send(client, uri, english, Array(#"{"kind":"social","name":"x","member_count":"many"}"#.utf8))
            #expect(wrongType.0 == .badRequest && wrongType.1 == "Invalid request body: the field member_count must be a number")
        }
    }

    @Test func malformedXMLAndBadAddressesAre4xx() async throws {
        let (app, context) = try await AuthorizationTests.app()
        defer { Task { try? await context.database.close() } }
        try await app.test(.router) { client in
            let admin = try await MobilizationWebTests.bearer(client, "admin")
            var xml = admin
            xml[.contentType] = "application/cap+xml"
            let response = try await client.execute(uri: "/api/v1/alerts", method: .post, headers: xml, body: ByteBuffer(string: "<alert><identifier>x</ident"))
            let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
            #expect(response.status == .unprocessableContent && W.fields(problem) == ["xml"])
            let (status, message) = try await Self.send(client, "/api/v1/units/AAA", admin, [], method: .get)
            #expect(status == .badRequest && message == "地址中的“AAA”无效：应为整数编号")
            var english = admin
            english[.cookie] = "lang=en"
            let (fraction, fractionMessage) = try await Self.send(client, "/api/v1/residents/0.5", english, [], method: .get)
            #expect(fraction == .badRequest && fractionMessage == "“0.5” in the address is invalid: an integer id is expected")
            let (missing, missingMessage) = try await Self.send(client, "/api/v1/no-such-thing", admin, [], method: .get)
            #expect(missing == .notFound && missingMessage == "找不到该地址")
        }
    }

    /// What schemathesis found in the document: a `oneOf` that `[]` matches twice, and no 413 documented.
    @Test func openAPIDocumentsWhatTheServerAnswers() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let quarantines = try #require(((paths["/quarantines"]?["get"] as? [String: Any])?["responses"] as? [String: Any])?["200"] as? [String: Any])
        let schema = try #require(((quarantines["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
        #expect(schema["oneOf"] == nil && (schema["anyOf"] as? [Any])?.count == 2)
        for (path, item) in paths {
            for (method, operation) in item {
                guard let operation = operation as? [String: Any], operation["requestBody"] != nil else { continue }
                #expect((operation["responses"] as? [String: Any])?["413"] != nil, "\(method.uppercased()) \(path) documents no 413")
            }
        }
    }
}
