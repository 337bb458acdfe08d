import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GrassrootsCore
@testable import GrassrootsStore
import Testing

/// The robots' webhook requests as the platforms document them, DingTalk's signature, and their answers read.
@Suite struct RobotGatewayTests {
    static func json(_ request: URLRequest) throws -> [String: Any] {
        let body = try #require(request.httpBody)
        return try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    @Test func wecomTakesMarkdownContentAtItsKey() throws {
        let endpoints = try RobotEndpoints()
        let request = endpoints.request(.wecom, token: "k-1", secret: nil, markdown: "### 新任务：防汛\n> 截止", now: Date(timeIntervalSince1970: 0))
        #expect(request.url?.absoluteString == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1" && request.httpMethod == "POST")
        let body = try Self.json(request)
        #expect(body["msgtype"] as? String == "markdown" && (body["markdown"] as? [String: String]) == ["content": "### 新任务：防汛\n> 截止"])
    }

    @Test func dingtalkIsSignedWithTheTimestampAndSecret() throws {
        let endpoints = try RobotEndpoints(dingtalk: "http://127.0.0.1:9/robot/send")
        let secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        // The expected signature was computed by Python's hmac and base64, DingTalk's own example's way.
        #expect(RobotEndpoints.sign(timestamp: "1700000000000", secret: secret) == "bTgY2yDbep+wesS7jKiNj+srsHoADES4+C4f8LCHFtU=")
        let request = endpoints.request(.dingtalk, token: "tok", secret: secret, markdown: "### 任务预警\n> 网格", now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(request.url?.absoluteString == "http://127.0.0.1:9/robot/send?access_token=tok&timestamp=1700000000000&sign=bTgY2yDbep%2BwesS7jKiNj%2BsrsHoADES4%2BC4f8LCHFtU%3D")
        #expect((try Self.json(request)["markdown"] as? [String: String]) == ["title": "任务预警", "text": "### 任务预警\n> 网格"])
        let unsigned = endpoints.request(.dingtalk, token: "tok", secret: nil, markdown: "x", now: Date())
        #expect(unsigned.url?.query == "access_token=tok", "a robot without 加签 gets no signature")
    }

    @Test func answersAreReadByErrorCode() {
        func answer(_ status: Int, _ body: String) -> GatewayAnswer { RobotEndpoints.answer(status: status, body: Data(body.utf8)) }
        #expect(answer(200, #"{"errcode":0,"errmsg":"ok"}"#) == .accepted)
        #expect(answer(200, #"{"errcode":45009,"errmsg":"api freq out of limit"}"#) == .later("errcode 45009: api freq out of limit"))
        #expect(answer(200, #"{"errcode":130101,"errmsg":"send too fast"}"#) == .later("errcode 130101: send too fast"))
        #expect(answer(200, #"{"errcode":93000,"errmsg":"invalid webhook url"}"#) == .refused("errcode 93000: invalid webhook url"))
        #expect(answer(200, "<html>") == .later("平台回答无法识别"))
        #expect(answer(502, "") == .later("HTTP 502") && answer(404, "") == .refused("HTTP 404"))
    }

    @Test func endpointsMustBePlainAddresses() {
        for (wecom, dingtalk, field) in [("ftp://x/y", RobotEndpoints.dingtalkDefault, "wecom-url"), (RobotEndpoints.wecomDefault, "https://h/robot/send?access_token=a", "dingtalk-url")] {
            do { _ = try RobotEndpoints(wecom: wecom, dingtalk: dingtalk); Issue.record("\(field) was taken") }
            catch let error as FieldError { #expect(error.field == field) } catch { Issue.record("\(error)") }
        }
    }
}
