import Foundation

extension URL {
    /// `raw` as an http or https address with a host, or nil: what a gateway, a platform's endpoint or a public link
    /// may be (not a file, not a bare host name, not a relative path).
    public init?(webAddress raw: String) {
        guard let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else { return nil }
        self = url
    }
}
