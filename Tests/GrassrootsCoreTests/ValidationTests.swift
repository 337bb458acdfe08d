import Testing
@testable import GrassrootsCore

private struct OtherError: Error {}

struct ValidatorTests {
    static let a = Bilingual("甲", "A")
    static let b = Bilingual("乙", "B")

    @Test("check records only failed conditions; finish throws them all at once")
    func checkAndFinish() throws {
        var v = Validator()
        v.check(true, "ok", Self.a)
        try v.finish()
        v.check(false, "name", Self.a)
        v.fail("phone", Self.b)
        #expect(v.errors == [FieldError("name", Self.a), FieldError("phone", Self.b)])
        let finished = v
        let error = #expect(throws: ValidationError.self) { try finished.finish() }
        #expect(error == ValidationError([FieldError("name", Self.a), FieldError("phone", Self.b)]))
    }

    @Test("capture returns the value or records field errors without stopping")
    func capture() {
        var v = Validator()
        let value: Int? = v.capture { 42 }
        #expect(value == 42)
        let many: Int? = v.capture { () throws -> Int in
            throw ValidationError([FieldError("x", Self.a), FieldError("y", Self.b)])
        }
        #expect(many == nil)
        let one: String? = v.capture { () throws -> String in throw FieldError("z", Self.a) }
        #expect(one == nil)
        let other: String? = v.capture { () throws -> String in throw OtherError() }
        #expect(other == nil)
        #expect(v.errors.map(\.field) == ["x", "y", "z"])
    }

    @Test("ValidationError describes every field in English, and in Chinese on request")
    func validationErrorText() {
        let error = ValidationError([FieldError("name", Self.a), FieldError("phone", Self.b)])
        #expect(error.description == "name: A; phone: B")
        #expect(error.text(.zh) == "name: 甲；phone: 乙")
        #expect(error.text(.en) == "name: A；phone: B")
        let single = ValidationError("room", Self.b)
        #expect(single.errors == [FieldError("room", Self.b)])
    }

    @Test("String.trimmed removes white space and newlines at both ends only")
    func trimmed() {
        #expect("  张 三\n\t".trimmed == "张 三")
        #expect("".trimmed == "")
    }
}

struct ImportProblemTests {
    static let rowError = RowError(line: 3, errors: [
        FieldError("name", Bilingual("姓名不能为空", "Name is required")),
        FieldError("phone", Bilingual("电话号码无效", "Bad phone")),
    ])

    @Test("RowError text names the line and every field")
    func rowErrorText() {
        #expect(Self.rowError.text(.en) == "Line 3: name: Name is required; phone: Bad phone")
        #expect(Self.rowError.text(.zh) == "第3行：name: 姓名不能为空；phone: 电话号码无效")
    }

    @Test("ImportRejected describes at most twenty rows")
    func importRejectedDescription() {
        let rows = (2...30).map { RowError(line: $0, errors: [FieldError("name", Bilingual("空", "Empty"))]) }
        let rejected = ImportRejected(rows)
        let lines = rejected.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 20)
        #expect(lines.first == "Line 2: name: Empty")
        #expect(lines.last == "Line 21: name: Empty")
    }

    @Test("A new summary is all zero")
    func summary() {
        let s = ImportSummary()
        #expect(s.inserted == 0 && s.updated == 0 && s.rejected == 0)
    }
}

struct LanguageTests {
    @Test("Chinese is the default; English only when asked for")
    func from() {
        #expect(Language.from(nil) == Language.zh)
        #expect(Language.from("") == Language.zh)
        #expect(Language.from("zh-CN,zh;q=0.9") == Language.zh)
        #expect(Language.from("fr-FR") == Language.zh)
        #expect(Language.from("en") == Language.en)
        #expect(Language.from("en-US,en;q=0.9") == Language.en)
        #expect(Language.from("EN-GB") == Language.en)
    }

    @Test("Bilingual picks the text for the language")
    func bilingual() {
        let text = Bilingual("网格", "Grid")
        #expect(text.text(.zh) == "网格")
        #expect(text.text(.en) == "Grid")
        #expect(text.description == "Grid")
    }
}
