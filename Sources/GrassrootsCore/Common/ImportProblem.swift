/// A bad row in an imported file, with the line users see in their spreadsheet.
public struct RowError: Error, Sendable, Equatable {
    /// The 1-based line number in the file (the header is line 1).
    public let line: Int
    /// What is wrong with the row.
    public let errors: [FieldError]

    /// Creates the error.
    public init(line: Int, errors: [FieldError]) { self.line = line; self.errors = errors }

    /// One line of text saying where and what, in `language`.
    public func text(_ language: Language) -> String {
        let what = errors.map { "\($0.field): \($0.message.text(language))" }.joined(separator: language == .zh ? "；" : "; ")
        return language == .zh ? "第\(line)行：\(what)" : "Line \(line): \(what)"
    }
}

/// An import refused because rows were bad; nothing was written.
public struct ImportRejected: Error, Sendable, CustomStringConvertible {
    /// Every bad row, in file order.
    public let rows: [RowError]
    /// Creates the error.
    public init(_ rows: [RowError]) { self.rows = rows }
    public var description: String { rows.prefix(20).map { $0.text(.en) }.joined(separator: "\n") }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable, Codable {
    public var inserted = 0
    public var updated = 0
    public var rejected = 0
    /// Creates an empty summary.
    public init() {}
}
