/// The interface languages. Simplified Chinese is the default because the users are
/// street and community staff in mainland China; English is for visitors and developers.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh = "zh-Hans"
    case en = "en"

    /// Picks a language from the `lang` cookie value; anything but English means Chinese.
    public static func from(_ raw: String?) -> Language {
        guard let raw = raw?.lowercased() else { return .zh }
        if raw.hasPrefix("en") { return .en }
        return .zh
    }
}

/// A text in both interface languages, so that a domain error can say what to fix
/// without the core knowing which language the user reads.
public struct Bilingual: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Simplified Chinese text.
    public let zh: String
    /// The English text.
    public let en: String

    /// Creates a text from its two translations.
    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String { language == .zh ? zh : en }

    /// The English text, for logs and test failure messages.
    public var description: String { en }
}
