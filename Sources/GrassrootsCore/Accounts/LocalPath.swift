import Foundation

/// A redirect target that stays on this site: a path, never a host. Browsers read `//host`, `/\host` and
/// `/<TAB>/host` (tabs and line breaks are dropped from URLs) as another site, so any of those, a backslash or a
/// control character anywhere, or any of these percent-encoded, is refused.
public enum LocalPath {
    /// `candidate` when it is a same-site path, else nil.
    public static func validated(_ candidate: String?) -> String? {
        guard let candidate, candidate.hasPrefix("/"), candidate.utf8.count <= 2048 else { return nil }
        // Encoded forms (`/%09/host`, `/%5Chost`) are judged as they decode, too.
        if let decoded = candidate.removingPercentEncoding, decoded != candidate, validated(decoded) == nil { return nil }
        if candidate.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) { return nil }
        let second = candidate.dropFirst().prefix(3).lowercased()
        if second.hasPrefix("/") || second.hasPrefix("%2f") || second.hasPrefix("%5c") { return nil }
        return candidate
    }
}
