import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form, checked against the session's CSRF token.
struct Form {
    private var values: [String: [String]] = [:]

    /// Reads the body and verifies `_csrf`; a missing or wrong token refuses the whole submission.
    static func read(_ request: Request, context: AppContext, checkCSRF: Bool = true) async throws -> Form {
        var request = request
        let body = try await request.collectBody(upTo: 1024 * 1024)
        let form = Form(String(buffer: body))
        if checkCSRF {
            guard let session = context.session, let token = form["_csrf"], !session.csrfToken.isEmpty, token == session.csrfToken else {
                throw CSRFRejected()
            }
        }
        return form
    }

    /// The text fields of a multipart body.
    init(fields: [(String, String)]) {
        for (key, value) in fields { values[key, default: []].append(value) }
    }

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let key = parts.first else { continue }
            values[key, default: []].append(parts.count > 1 ? parts[1] : "")
        }
    }

    subscript(_ key: String) -> String? { values[key]?.first }

    /// Every value of a multi-valued field (checkbox groups).
    func all(_ key: String) -> [String] { values[key] ?? [] }
}
