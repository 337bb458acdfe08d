import Foundation

/// One field that failed validation, with the message that tells the user what to fix.
public struct FieldError: Error, Sendable, Equatable {
    /// The field's name as it appears in forms, API bodies and CSV headers.
    public let field: String
    /// What is wrong and how to fix it.
    public let message: Bilingual

    /// Creates an error for `field`.
    public init(_ field: String, _ message: Bilingual) {
        self.field = field
        self.message = message
    }
}

/// All the field errors found in one input, reported together so the user fixes them in one go.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in field order.
    public let errors: [FieldError]

    /// Creates an error from the problems found; callers make sure there is at least one.
    public init(_ errors: [FieldError]) { self.errors = errors }

    /// A single-field error.
    public init(_ field: String, _ message: Bilingual) { self.errors = [FieldError(field, message)] }

    /// The English messages joined, for logs and test output.
    public var description: String { errors.map { "\($0.field): \($0.message.en)" }.joined(separator: "; ") }

    /// The messages joined in `language`.
    public func text(_ language: Language) -> String {
        errors.map { "\($0.field): \($0.message.text(language))" }.joined(separator: "；")
    }
}

/// Collects field errors while a value is checked, then throws them all at once.
public struct Validator: Sendable {
    /// The problems found so far.
    public private(set) var errors: [FieldError] = []

    /// Creates an empty validator.
    public init() {}

    /// Records a problem when `condition` is false.
    public mutating func check(_ condition: Bool, _ field: String, _ message: Bilingual) {
        if !condition { errors.append(FieldError(field, message)) }
    }

    /// Records a problem.
    public mutating func fail(_ field: String, _ message: Bilingual) {
        errors.append(FieldError(field, message))
    }

    /// Runs a throwing check and records its field errors instead of stopping at the first.
    public mutating func capture<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch let error as ValidationError {
            errors.append(contentsOf: error.errors); return nil
        } catch let error as FieldError {
            errors.append(error); return nil
        } catch { return nil }
    }

    /// Throws everything recorded, if anything was.
    public func finish() throws {
        if !errors.isEmpty { throw ValidationError(errors) }
    }
}

extension String {
    /// The string without leading and trailing white space. Written out rather than with Foundation's
    /// `trimmingCharacters`, which costs several microseconds a call: imports trim every cell of a million rows.
    public var trimmed: String {
        // Most values have no space at either end; a visible ASCII character at both settles it without Unicode tables.
        if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) ? self : String(scalars[first...last])
    }
}
