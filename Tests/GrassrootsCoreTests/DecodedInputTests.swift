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

    @Test func evaluationWeightsDecodeOnlyOneSidesPartsSummingToOne() throws {
        for side in [Side.street, .department] {
            let weights = EvaluationWeights.defaults(side)
            #expect(try Self.decode(EvaluationWeights.self, String(decoding: try JSONEncoder().encode(weights), as: UTF8.self)) == weights)
        }
        #expect(throws: ValidationError.self) { try Self.decode(EvaluationWeights.self, #"{"weights":["response",0.5,"resolution",0.2,"attitude",0.2]}"#) }
        #expect(throws: ValidationError.self) { try Self.decode(EvaluationWeights.self, #"{"weights":["response",0.5,"verification",0.5]}"#) }
        #expect(throws: ValidationError.self) { try Self.decode(EvaluationWeights.self, #"{"weights":[]}"#) }
    }

    @Test func divisionCodesDecodeOnlyWhatTheirTierAccepts() throws {
        for (raw, kind) in [("510000000000", UnitKind.province), ("513400000000", .prefecture), ("513401000000", .city), ("513401001000", .street),
                            ("513401001003", .community), ("513401001003001", .grid)] {
            let code = try DivisionCode(raw, kind: kind)
            #expect(try Self.decode(DivisionCode.self, String(decoding: try JSONEncoder().encode(code), as: UTF8.self)) == code)
        }
        for bad in ["51340100100", "51340100100x", "513401001003000", "513401001700", "513401000001"] {
            #expect(throws: FieldError.self, "\(bad)") { try Self.decode(DivisionCode.self, #"{"value":"\#(bad)"}"#) }
        }
    }
}
