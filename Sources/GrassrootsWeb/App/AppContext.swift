import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// The per-request context: who is signed in (by session cookie or bearer token) and in which language.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in session, if any.
    public var session: Session?
    /// True when the caller authenticated with an API bearer token (no CSRF token needed then).
    public var viaToken = false
    /// The language pages and messages are rendered in.
    public var language: Language = .zh
    /// What the write before this page did, said once at its top (see `Flash`).
    var flash: Flash.Message?

    /// The connection's peer address, when the transport has one.
    public let peerAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// True for an address of this machine (IPv4 127/8 or IPv6 ::1).
    static func isLoopback(_ address: String) -> Bool { address == "::1" || address.hasPrefix("127.") }

    /// The client's address for login throttling: the connection's peer, or, when the peer is a proxy on this
    /// machine, the address that proxy appended last to `X-Forwarded-For` (a client can forge only the entries
    /// before it).
    public func clientAddress(_ request: Request) -> String {
        let loopback = peerAddress.map(Self.isLoopback) ?? true
        guard loopback, let forwarded = request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").last else {
            return peerAddress ?? "local"
        }
        return String(forwarded.trimmingCharacters(in: .whitespaces).prefix(64))
    }

    /// Bodies larger than this are refused with 413 before they are read.
    public var maxUploadSize: Int { 64 * 1024 * 1024 }

    /// The caller's scope, or an error that sends them to log in.
    public func scope() throws -> Scope {
        guard let session else { throw NotSignedIn() }
        return session.account.scope
    }

    /// Picks the text for the request's language.
    public func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}

/// Raised when a route needs a signed-in user and there is none.
struct NotSignedIn: Error {}

/// Raised when a form's CSRF token is missing or wrong.
struct CSRFRejected: Error {}

/// Raised for a request that is malformed in a way no field error describes.
struct BadRequest: Error {
    let message: Bilingual
    init(_ message: Bilingual) { self.message = message }
}
