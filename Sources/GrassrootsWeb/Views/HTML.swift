import Foundation
import Hummingbird

/// Small helpers for server-rendered HTML: every interpolated value goes through `escape`.
enum HTML {
    /// A `name=` or `id=` value built from data (a form field's key): only ASCII letters, digits and `_ - . [ ]`
    /// pass, so a key can never close the attribute; anything else is dropped.
    static func token(_ text: String) -> String {
        guard !text.utf8.allSatisfy(isTokenByte) else { return text }
        return String(decoding: text.utf8.filter(isTokenByte), as: UTF8.self)
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E || b == 0x5B || b == 0x5D
    }

    static func escape(_ text: String?) -> String {
        guard let text else { return "" }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The hidden field every form posts back, so the server can tell the form came from its own page.
    static func csrfField(_ context: AppContext) -> String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(escape(context.session?.csrfToken))\">"
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A labelled text input with its validation message, for forms re-shown after an error.
    static func field(_ name: String, label: String, value: String?, errors: [String: String], type: String = "text",
                      required: Bool = false, hint: String? = nil) -> String {
        let error = errors[name]
        return """
            <label class="field\(error == nil ? "" : " invalid")"><span>\(escape(label))\(required ? " *" : "")</span>
            <input type="\(type)" name="\(token(name))" value="\(escape(value))"\(required ? " required" : "")\(error == nil ? "" : " aria-invalid=\"true\"")>
            \(hint.map { "<small>\(escape($0))</small>" } ?? "")\(error.map { "<em class=\"msg\">\(escape($0))</em>" } ?? "")</label>
            """
    }

    /// A labelled multi-line text box with its validation message.
    static func textarea(_ name: String, label: String, value: String?, errors: [String: String], rows: Int = 4, hint: String? = nil) -> String {
        """
        <label class="field\(errors[name] == nil ? "" : " invalid")"><span>\(escape(label))</span><textarea name="\(token(name))" rows="\(rows)">\(escape(value))</textarea>\
        \(hint.map { "<small>\(escape($0))</small>" } ?? "")\(errors[name].map { "<em class=\"msg\">\(escape($0))</em>" } ?? "")</label>
        """
    }

    /// A labelled select with the current value chosen.
    static func select(_ name: String, label: String, options: [(value: String, label: String)], selected: String?, errors: [String: String]) -> String {
        let opts = options.map { "<option value=\"\(escape($0.value))\"\($0.value == selected ? " selected" : "")>\(escape($0.label))</option>" }.joined()
        return """
            <label class="field\(errors[name] == nil ? "" : " invalid")"><span>\(escape(label))</span><select name="\(token(name))">\(opts)</select>\
            \(errors[name].map { "<em class=\"msg\">\(escape($0))</em>" } ?? "")</label>
            """
    }

    /// The messages of a form that failed, above it; nothing when there are none.
    static func errorBox(_ errors: [String: String]) -> String {
        errors.isEmpty ? "" : "<div class=\"error-box\" role=\"alert\">\(errors.values.sorted().map(escape).joined(separator: "<br>"))</div>"
    }

    /// A CSV document as a download (the document carries its BOM, so Excel reads it as UTF-8).
    static func csv(_ data: Data, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A horizontal bar in SVG, for shares in 0…1 (nil draws an empty track labelled "no data").
    static func bar(_ share: Double?, width: Int = 160, noData: String) -> String {
        guard let share else { return "<span class=\"nodata\">\(escape(noData))</span>" }
        let w = Int((max(0, min(1, share)) * Double(width)).rounded())
        let color = share >= 0.9 ? "#2e7d32" : share >= 0.7 ? "#f9a825" : "#c62828"
        return """
            <svg class="bar" width="\(width + 48)" height="14" role="img" aria-label="\(Int((share * 100).rounded()))%">\
            <rect width="\(width)" height="14" fill="#eee"/><rect width="\(w)" height="14" fill="\(color)"/>\
            <text x="\(width + 4)" y="11" font-size="11">\(Int((share * 100).rounded()))%</text></svg>
            """
    }
}

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
