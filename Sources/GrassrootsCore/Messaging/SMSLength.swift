/// How long a text is as SMS, as the gateway will send it. A text in the GSM 7-bit alphabet takes 160 characters in
/// one message and 153 per part when split; anything else (all Chinese) goes as UCS-2, 70 in one and 67 per part,
/// counted in UTF-16 units (a character outside the basic plane takes two). The 7 and 3 lost per part are the
/// header that joins the parts again on the phone.
public struct SMSLength: Sendable, Equatable {
    public enum Coding: String, Sendable { case gsm7, ucs2 }

    public let coding: Coding
    /// Characters as the phone counts them: septets (an extension character such as `€` or `{` takes two) or
    /// UTF-16 units.
    public let units: Int
    /// Messages the operator bills for.
    public let parts: Int

    init(coding: Coding, units: Int, parts: Int) { self.coding = coding; self.units = units; self.parts = parts }

    public init(_ text: String) {
        if let septets = Self.septets(text) {
            coding = .gsm7; units = septets; parts = septets <= 160 ? 1 : (septets + 152) / 153
        } else {
            coding = .ucs2; units = text.utf16.count; parts = units <= 70 ? 1 : (units + 66) / 67
        }
    }

    /// Septets of `text` in the GSM 03.38 default alphabet, or nil when a character is outside it.
    static func septets(_ text: String) -> Int? {
        var count = 0
        for scalar in text.unicodeScalars {
            if basic.contains(scalar) { count += 1 } else if extended.contains(scalar) { count += 2 } else { return nil }
        }
        return count
    }

    static let basic = Set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà".unicodeScalars)
    static let extended = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
