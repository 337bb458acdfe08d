import Foundation
import GrassrootsCore
import GrassrootsStore
@testable import GrassrootsWeb
import Hummingbird
import Testing

/// The submission answer written by hand is byte for byte what the API's JSONEncoder writes.
@Suite struct SubmissionJSONTests {
    static func change(_ unit: Int, _ path: String, reportedAt: Date?) -> ProgressChange {
        ProgressChange(unitID: unit, path: path, counts: ProgressCounts(total: 227 + unit, pending: 100, done: unit, absent: 3, refused: 4, notApplicable: 5),
                       lastReportAt: reportedAt)
    }

    static let results: [SubmissionResult] = [
        SubmissionResult(assignmentID: 9383, directiveID: 3, outcome: .done, receivedAt: Date(timeIntervalSince1970: 1_795_000_000.75), replayed: false,
                         changed: [change(1, "/1/", reportedAt: Date(timeIntervalSince1970: 1_795_000_000)), change(28, "/1/2/28/", reportedAt: nil)]),
        SubmissionResult(assignmentID: 1, directiveID: 12, outcome: .notApplicable, receivedAt: Date(timeIntervalSince1970: 0), replayed: true, changed: []),
        SubmissionResult(assignmentID: 7, directiveID: 8, outcome: .refused, receivedAt: Date(timeIntervalSince1970: 1_800_000_123),
                         replayed: false, changed: [change(3, "/1/\"odd\\path\t\u{1}/", reportedAt: Date(timeIntervalSince1970: 1_800_000_000))]),
    ]

    @Test func sameBytesAsTheEncoder() throws {
        for result in Self.results {
            var ours = ""
            SubmissionJSON.write(result, to: &ours)
            let theirs = String(decoding: try JSONBody.encoder.encode(result), as: UTF8.self)
            #expect(ours == theirs)
        }
    }

    @Test func anArrayAsTheEncoderWritesIt() throws {
        #expect(SubmissionJSON.json(Self.results) == String(decoding: try JSONBody.encoder.encode(Self.results), as: UTF8.self))
        #expect(SubmissionJSON.json([]) == "[]")
        let response = SubmissionJSON.response(Self.results[1])
        #expect(response.status == .ok && response.headers[.contentType] == "application/json; charset=utf-8")
    }
}
