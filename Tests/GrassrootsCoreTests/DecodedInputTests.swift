import Foundation
@testable import GrassrootsCore
import Testing

/// Types whose initializer checks its input run the same checks when decoded: JSON is input too.
@Suite struct DecodedInputTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T { try JSONDecoder().decode(type, from: Data(json.utf8)) }

    @Test func limitsPeriodsAndWeightsDecodeOnlyWhatTheirInitializersAccept() throws {
        let limit = RequestLimit.defaults[0]
        #expect(try Self.decode(RequestLimit.self, String(decoding: try JSONEncoder().encode(limit), as: UTF8.self)) == limit)
        #expect(throws: ValidationError.self) { try Self.decode(RequestLimit.self, #"{"timeClass":"urgent","respondMinutes":0,"resolveMinutes":5}"#) }
        let timeLimit = TimeLimit.defaults[0]
        #expect(try Self.decode(TimeLimit.self, String(decoding: try JSONEncoder().encode(timeLimit), as: UTF8.self)) == timeLimit)
        #expect(throws: ValidationError.self) {
            try Self.decode(TimeLimit.self, #"{"urgency":"\#(timeLimit.urgency.rawValue)","respondMinutes":-5,"resolveWorkingDays":1}"#)
        }
        let period = try Period("2026Q4")
        #expect(try Self.decode(Period.self, String(decoding: try JSONEncoder().encode(period), as: UTF8.self)) == period)
        #expect(throws: FieldError.self) { try Self.decode(Period.self, #"{"code":"2026Q9","start":0,"end":0}"#) }
    }
}
