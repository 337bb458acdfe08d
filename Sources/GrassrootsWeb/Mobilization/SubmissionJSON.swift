import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The answer to a field report, written directly: it is the API's busiest response (every household a worker
/// reports), and JSONEncoder spent 8 % of the server's time under load on its ~80 keys (snake_case conversion and
/// sorting). The bytes are exactly what `JSONBody.encoder` writes, which `SubmissionJSONTests` checks.
enum SubmissionJSON {
    static func response(_ result: SubmissionResult) -> Response {
        var out = ""
        write(result, to: &out)
        return JSONBody.response(ByteBuffer(string: out), status: result.replayed ? .ok : .created)
    }

    static func response(_ results: [SubmissionResult], status: HTTPResponse.Status) -> Response {
        JSONBody.response(ByteBuffer(string: json(results)), status: status)
    }

    static func json(_ results: [SubmissionResult]) -> String {
        var out = "["
        for (i, result) in results.enumerated() {
            if i > 0 { out += "," }
            write(result, to: &out)
        }
        return out + "]"
    }

    static func write(_ r: SubmissionResult, to out: inout String) {
        // Keys in sorted order, as `.sortedKeys` gives them; a nil date is left out, as synthesized Codable does.
        out += "{\"assignment_id\":\(r.assignmentID),\"changed\":["
        for (i, c) in r.changed.enumerated() {
            if i > 0 { out += "," }
            let n = c.counts
            out += "{\"counts\":{\"absent\":\(n.absent),\"done\":\(n.done),\"not_applicable\":\(n.notApplicable),\"pending\":\(n.pending),"
            out += "\"refused\":\(n.refused),\"total\":\(n.total)}"
            if let at = c.lastReportAt { out += ",\"last_report_at\":\"\(date(at))\"" }
            out += ",\"path\":"
            string(c.path, to: &out)
            out += ",\"unit_id\":\(c.unitID)}"
        }
        out += "],\"directive_id\":\(r.directiveID),\"outcome\":"
        string(r.outcome.rawValue, to: &out)
        out += ",\"received_at\":\"\(date(r.receivedAt))\",\"replayed\":\(r.replayed)}"
    }

    /// RFC 3339 in UTC without fractions, as JSONEncoder's `.iso8601`.
    static func date(_ date: Date) -> String { date.formatted(.iso8601) }

    /// A JSON string; "/" unescaped, as `.withoutEscapingSlashes`.
    static func string(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
