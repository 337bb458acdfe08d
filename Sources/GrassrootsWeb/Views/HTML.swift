import Foundation
import Hummingbird

/// Markup for a page. What a page's author writes between the quotes is markup; every value interpolated into it
/// is text and comes out escaped, unless the value is `HTML` itself. So a page cannot print a resident's name as
/// markup by forgetting something: the only way from a runtime `String` to markup is `HTML.unsafeRaw`, searchable
/// and reviewed wherever it appears.
///
/// Literal segments are `StaticString`, so markup can be written only in the source, never assembled from data.
/// The markup is kept as UTF-8 bytes: escaping scans bytes (no character segmentation) and the response body is
/// those bytes as they are.
struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation {
    typealias StringLiteralType = StaticString

    private(set) var bytes: [UInt8]

    init() { bytes = [] }

    init(stringLiteral literal: StaticString) {
        bytes = []
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

    /// Text as markup: escaped, like any interpolated value.
    init(text: String) {
        bytes = []
        Self.appendEscaped(text, to: &bytes)
    }

    /// The one escape hatch: `markup` goes into the page exactly as it is. Only for markup this program made
    /// itself and cannot express as a literal; never for anything a user, a file or the database supplied.
    static func unsafeRaw(_ markup: String) -> HTML {
        var html = HTML()
        html.bytes.append(contentsOf: markup.utf8)
        return html
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// The markup as a string (tests, and the few places that hand a page to something taking `String`).
    var string: String { String(decoding: bytes, as: UTF8.self) }

    static func + (lhs: HTML, rhs: HTML) -> HTML {
        var sum = lhs
        sum.bytes.append(contentsOf: rhs.bytes)
        return sum
    }

    static func += (lhs: inout HTML, rhs: HTML) { lhs.bytes.append(contentsOf: rhs.bytes) }

    /// Escapes for text and for quoted attribute values alike: `& < > " '`.
    fileprivate static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: needsEscape) else { return bytes.append(contentsOf: utf8) }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
                default: bytes.append(byte)
                }
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// True for a URL a link may carry: one relative to this site (`/path`, `?query`, `#part`, `path`) or an
    /// absolute http(s) one. Not `//host` (another site), nor `javascript:`, `data:` or any other scheme.
    static func isSafeURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return true }
        if url.hasPrefix("//") || url.hasPrefix("\\") || url.hasPrefix("/\\") { return false }
        // Relative: no scheme, i.e. no ":" before the first "/", "?" or "#".
        let head = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !head.contains(":")
    }

    /// True for a byte a `name=` or `id=` built from data may hold.
    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
    }

    struct Interpolation: StringInterpolationProtocol {
        typealias StringLiteralType = StaticString

        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) { bytes.reserveCapacity(literalCapacity + 24 * interpolationCount) }

        mutating func appendLiteral(_ literal: StaticString) { literal.withUTF8Buffer { bytes.append(contentsOf: $0) } }

        /// Markup goes in as it is.
        mutating func appendInterpolation(_ markup: HTML) { bytes.append(contentsOf: markup.bytes) }

        /// Markup, or nothing.
        mutating func appendInterpolation(_ markup: HTML?) { if let markup { bytes.append(contentsOf: markup.bytes) } }

        /// Text is escaped.
        mutating func appendInterpolation(_ text: String) { HTML.appendEscaped(text, to: &bytes) }

        /// Text, or nothing.
        mutating func appendInterpolation(_ text: String?) { if let text { HTML.appendEscaped(text, to: &bytes) } }

        /// A number needs no escaping.
        mutating func appendInterpolation<N: BinaryInteger>(_ number: N) { bytes.append(contentsOf: number.description.utf8) }

        /// Any other value is written as its description, escaped.
        mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) { HTML.appendEscaped(value.description, to: &bytes) }

        /// A link target: relative to this site or http(s), escaped for the attribute; any other URL (a
        /// `javascript:` one) becomes `#`, a link to nowhere.
        mutating func appendInterpolation(url: String) { HTML.appendEscaped(HTML.isSafeURL(url) ? url : "#", to: &bytes) }

        /// A `name=` or `id=` value built from data: only `A-Z a-z 0-9 _ -` are kept, so it can never close the
        /// attribute or smuggle a second one.
        mutating func appendInterpolation(token: String) { bytes.append(contentsOf: token.utf8.filter(HTML.isTokenByte)) }

        /// Markup shown only when `condition` holds, else `otherwise` (written as `\(if: late, "<em>…</em>")`: a
        /// conditional written with `?:` would read its literals as text).
        mutating func appendInterpolation(if condition: Bool, _ markup: @autoclosure () -> HTML, else otherwise: @autoclosure () -> HTML = HTML()) {
            bytes.append(contentsOf: condition ? markup().bytes : otherwise().bytes)
        }
    }
}

extension DefaultStringInterpolation {
    /// Markup put into a `String` would lose its type and be escaped again (or be printed as a struct). These
    /// overloads win over the standard library's generic one and are deprecated, which this target's build
    /// settings make an error (`-Werror DeprecatedDeclaration`): build the enclosing text as `HTML`. (An
    /// `unavailable` overload would not do: the compiler quietly picks the generic one instead.)
    @available(*, deprecated, message: "markup in a String: build the enclosing text as HTML")
    mutating func appendInterpolation(_ markup: HTML) { appendLiteral(markup.string) }

    @available(*, deprecated, message: "markup in a String: build the enclosing text as HTML")
    mutating func appendInterpolation(_ markup: HTML?) { appendLiteral(markup?.string ?? "") }
}

extension Sequence where Element == HTML {
    /// The pieces one after another, with `separator` between them.
    func joined(separator: HTML = HTML()) -> HTML {
        var out = HTML()
        for (i, piece) in enumerated() {
            if i > 0 { out += separator }
            out += piece
        }
        return out
    }
}

extension Optional {
    /// The markup `transform` makes of the value, or nothing when there is none.
    func html(_ transform: (Wrapped) throws -> HTML) rethrows -> HTML { try map(transform) ?? HTML() }
}

extension AppContext {
    /// Picks the markup for the request's language: a sentence with markup inside it (`t` picks text).
    func t(html zh: HTML, _ en: HTML) -> HTML { language == .zh ? zh : en }
}

extension HTML {
    static func response(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: html.bytes)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A CSV document as a download (the document carries its BOM, so Excel reads it as UTF-8).
    static func csv(_ data: Data, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The hidden field every form posts back, so the server can tell the form came from its own page.
    static func csrfField(_ context: AppContext) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(context.session?.csrfToken)\">"
    }

    /// A labelled text input with its validation message, for forms re-shown after an error; `attributes` are
    /// further ones written in the source (`step`, `inputmode`).
    static func field(_ name: String, label: String, value: String?, errors: [String: String], type: String = "text",
                      attributes: HTML = HTML(), required: Bool = false, hint: String? = nil) -> HTML {
        let error = errors[name]
        return """
            <label class="field\(if: error != nil, " invalid")"><span>\(label)\(if: required, " *")</span>
            <input type="\(token: type)" name="\(token: name)" value="\(value)"\(attributes)\(if: required, " required")\(if: error != nil, " aria-invalid=\"true\"")>
            \(hint.html { "<small>\($0)</small>" })\(message(error))</label>
            """
    }

    /// A labelled multi-line text box with its validation message.
    static func textarea(_ name: String, label: String, value: String?, errors: [String: String], rows: Int = 4, hint: String? = nil) -> HTML {
        """
        <label class="field\(if: errors[name] != nil, " invalid")"><span>\(label)</span><textarea name="\(token: name)" rows="\(rows)">\(value)</textarea>\
        \(hint.html { "<small>\($0)</small>" })\(message(errors[name]))</label>
        """
    }

    /// A labelled select with the current value chosen. With `prompt`, nothing is chosen until the user chooses: the
    /// prompt stands first with an empty value (a browser otherwise shows the first option as the answer), and the
    /// field is required. Ratings, categories and urgencies take one, so no figure starts from an answer nobody gave.
    static func select(_ name: String, label: String, options: [(value: String, label: String)], selected: String?, errors: [String: String],
                       prompt: String? = nil) -> HTML {
        let opts = options.map { o -> HTML in "<option value=\"\(o.value)\"\(if: o.value == selected, " selected")>\(o.label)</option>" }.joined()
        return """
            <label class="field\(if: errors[name] != nil, " invalid")"><span>\(label)</span><select name="\(token: name)"\(if: prompt != nil, " required")>\
            \(prompt.html { Self.prompt($0, chosen: selected) })\(opts)</select>\(message(errors[name]))</label>
            """
    }

    /// The empty first option of a select that asks: shown until a value is chosen, never sent as one.
    static func prompt(_ text: String, chosen: String?) -> HTML {
        "<option value=\"\"\(if: (chosen ?? "").isEmpty, " selected") disabled>\(text)</option>"
    }

    /// A field's validation message under it; nothing when it has none.
    static func message(_ error: String?) -> HTML { error.html { "<em class=\"msg\">\($0)</em>" } }

    /// The messages of a form that failed, above it; nothing when there are none.
    static func errorBox(_ errors: [String: String]) -> HTML {
        if errors.isEmpty { return HTML() }
        return "<div class=\"error-box\" role=\"alert\">\(errors.values.sorted().map { HTML(text: $0) }.joined(separator: "<br>"))</div>"
    }

    /// A share as a percentage: whole numbers, but one decimal near the ends, so three households reached of
    /// 1,362 never read "0%" and one left of 1,362 never reads "100%". `DashboardRoutes.liveScript` writes the same.
    static func percent(_ share: Double) -> String {
        let p = share * 100
        if p > 0 && p < 10 { return String(format: "%.1f", max(p, 0.1)) }
        if p > 99 && p < 100 { return String(format: "%.1f", min(p, 99.9)) }
        return String(Int(p.rounded()))
    }

    /// A horizontal bar in SVG, for shares in 0…1 (nil draws an empty track labelled "no data").
    static func bar(_ share: Double?, width: Int = 160, noData: String) -> HTML {
        guard let share else { return "<span class=\"nodata\">\(noData)</span>" }
        let w = Int((max(0, min(1, share)) * Double(width)).rounded())
        let color = share >= 0.9 ? "#2e7d32" : share >= 0.7 ? "#f9a825" : "#c62828"
        let percent = Self.percent(share)
        return """
            <svg class="bar" width="\(width + 48)" height="14" role="img" aria-label="\(percent)%">\
            <rect width="\(width)" height="14" fill="#eee"/><rect width="\(w)" height="14" fill="\(color)"/>\
            <text x="\(width + 4)" y="11" font-size="11">\(percent)%</text></svg>
            """
    }
}
