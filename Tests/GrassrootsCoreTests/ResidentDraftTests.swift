import Testing
@testable import GrassrootsCore

struct ResidentDraftTests {
    static let known: Set<String> = ["elderly", "low_income", "disabled"]
    /// Female, born 1949-12-31.
    static let femaleID = "11010519491231002X"
    /// Male, born 1990-01-09.
    static let maleID = ReferenceID.number("51340119900109123")

    private func draft(_ input: ResidentInput) throws -> ResidentDraft {
        try ResidentDraft(input, knownCategories: Self.known)
    }

    private func fields(of input: ResidentInput) -> [String]? {
        let error = #expect(throws: ValidationError.self) { try ResidentDraft(input, knownCategories: Self.known) }
        return error?.errors.map(\.field)
    }

    @Test("A name alone is enough; defaults are masses and registered-living")
    func minimal() throws {
        let d = try draft(ResidentInput(name: "  张三 "))
        #expect(d.name == "张三")
        #expect(d.sex == nil)
        #expect(d.birthDate == nil)
        #expect(d.idNumber == nil)
        #expect(d.phone == nil)
        #expect(d.politicalStatus == PoliticalStatus.masses)
        #expect(d.residenceStatus == ResidenceStatus.registeredLiving)
        #expect(d.categories.isEmpty)
        #expect(d.isHead == false)
    }

    @Test("Several bad fields are all reported together, in field order")
    func allErrorsTogether() {
        let input = ResidentInput(
            name: "   ", sex: "Q", birthDate: "1990-02-30", idNumber: "12345", phone: "abc",
            politicalStatus: "anarchist", residenceStatus: "nowhere", categories: ["elderly", "alien"])
        #expect(fields(of: input) == [
            "name", "id_number", "sex", "birth_date", "phone", "political_status", "residence_status", "categories",
        ])
    }

    @Test("Two independent problems give exactly two field errors")
    func twoErrors() {
        let input = ResidentInput(name: "李四", idNumber: "11010519491231002", phone: "12345")
        #expect(fields(of: input) == ["id_number", "phone"])
    }

    @Test("Sex and birth date are derived from the identity number when left empty")
    func derivedFromID() throws {
        let female = try draft(ResidentInput(name: "王芳", idNumber: Self.femaleID))
        #expect(female.sex == Sex.female)
        #expect(female.birthDate == "1949-12-31")
        #expect(female.idNumber?.value == Self.femaleID)

        let male = try draft(ResidentInput(name: "赵强", sex: "  ", birthDate: "", idNumber: Self.maleID))
        #expect(male.sex == Sex.male)
        #expect(male.birthDate == "1990-01-09")
    }

    @Test("A lower-case x identity number is stored upper-case")
    func lowerCaseID() throws {
        let d = try draft(ResidentInput(name: "王芳", idNumber: " 11010519491231002x "))
        #expect(d.idNumber?.value == Self.femaleID)
    }

    @Test("Sex and birth date that agree with the identity number are accepted in any accepted spelling")
    func agreeingFields() throws {
        for sex in ["F", "f", "女", " F "] {
            let d = try draft(ResidentInput(name: "王芳", sex: sex, birthDate: "1949-12-31", idNumber: Self.femaleID))
            #expect(d.sex == Sex.female, "\(sex)")
            #expect(d.birthDate == "1949-12-31")
        }
        let male = try draft(ResidentInput(name: "赵强", sex: "男", idNumber: Self.maleID))
        #expect(male.sex == Sex.male)
    }

    @Test("Sex and birth date that contradict the identity number are both reported")
    func mismatch() {
        let input = ResidentInput(name: "王芳", sex: "M", birthDate: "1950-01-01", idNumber: Self.femaleID)
        let error = #expect(throws: ValidationError.self) { try ResidentDraft(input, knownCategories: Self.known) }
        #expect(error?.errors.map(\.field) == ["sex", "birth_date"])
        #expect(error?.errors.map(\.message.en) == [
            "Sex does not match the identity number", "Birth date does not match the identity number",
        ])
    }

    @Test("Without an identity number, sex and birth date are taken as given")
    func withoutID() throws {
        let d = try draft(ResidentInput(name: "陈静", sex: "女", birthDate: "2000-02-29"))
        #expect(d.sex == Sex.female)
        #expect(d.birthDate == "2000-02-29")
        #expect(d.idNumber == nil)
    }

    @Test("Badly formatted or impossible birth dates are refused")
    func badBirthDates() {
        for raw in ["1990/05/06", "19900506", "1990-5-6", "1990-02-30", "1900-02-29", "1899-12-31", "yesterday"] {
            #expect(fields(of: ResidentInput(name: "陈静", birthDate: raw)) == ["birth_date"], "\(raw)")
        }
    }

    @Test("An unknown sex is refused")
    func badSex() {
        for raw in ["X", "male", "1"] {
            #expect(fields(of: ResidentInput(name: "陈静", sex: raw)) == ["sex"], "\(raw)")
        }
    }

    @Test("Names must be non-empty and at most 50 characters")
    func nameLength() throws {
        let fifty = String(repeating: "张", count: 50)
        #expect(try draft(ResidentInput(name: fifty)).name == fifty)
        #expect(fields(of: ResidentInput(name: fifty + "张")) == ["name"])
        #expect(fields(of: ResidentInput(name: "")) == ["name"])
    }

    @Test("Phone numbers are normalized to digits")
    func phoneNormalization() throws {
        let cases = [
            ("13812345678", "13812345678"),
            ("138 1234 5678", "13812345678"),
            ("138-1234-5678", "13812345678"),
            (" 13812345678 ", "13812345678"),
            ("0834-3221234", "08343221234"),
            ("0834 322 1234", "08343221234"),
        ]
        for (raw, normalized) in cases {
            let d = try draft(ResidentInput(name: "陈静", phone: raw))
            #expect(d.phone == normalized, "\(raw)")
            #expect(try PhoneNumber.normalize(raw) == normalized)
        }
        #expect(try draft(ResidentInput(name: "陈静", phone: "   ")).phone == nil)
    }

    @Test("Invalid phone numbers are refused")
    func badPhones() {
        for raw in ["1381234567", "138123456789", "23812345678", "0834", "1381234567a", "+8613812345678", "电话"] {
            #expect(fields(of: ResidentInput(name: "陈静", phone: raw)) == ["phone"], "\(raw)")
            #expect(throws: FieldError.self, "\(raw)") { try PhoneNumber.normalize(raw) }
        }
        let error = #expect(throws: FieldError.self) { try PhoneNumber.normalize("123", field: "contact_phone") }
        #expect(error?.field == "contact_phone")
    }

    @Test("Political status accepts codes, Chinese and English labels")
    func politicalStatus() throws {
        let cases: [(String?, PoliticalStatus)] = [
            ("中共党员", .partyMember), ("预备党员", .probationaryMember), ("共青团员", .leagueMember), ("群众", .masses),
            ("party_member", .partyMember), (" league_member ", .leagueMember), ("Probationary member", .probationaryMember),
            (nil, .masses), ("", .masses),
        ]
        for (raw, expected) in cases {
            let d = try draft(ResidentInput(name: "陈静", politicalStatus: raw))
            #expect(d.politicalStatus == expected, "\(raw ?? "nil")")
        }
        #expect(PoliticalStatus.partyMember.isParty)
        #expect(PoliticalStatus.probationaryMember.isParty)
        #expect(!PoliticalStatus.leagueMember.isParty)
        #expect(!PoliticalStatus.masses.isParty)
    }

    @Test("An unknown political status names the accepted codes")
    func badPoliticalStatus() {
        let input = ResidentInput(name: "陈静", politicalStatus: "党员")
        let error = #expect(throws: ValidationError.self) { try ResidentDraft(input, knownCategories: Self.known) }
        #expect(error?.errors.map(\.field) == ["political_status"])
        #expect(error?.errors.first?.message.en.contains("party_member") == true)
    }

    @Test("Residence status accepts codes and labels")
    func residenceStatus() throws {
        let cases: [(String, ResidenceStatus)] = [
            ("户在人不在", .registeredAway), ("人在户不在（流动人口）", .livingUnregistered), ("户在人在", .registeredLiving),
            ("registered_away", .registeredAway), ("Living here, registered elsewhere", .livingUnregistered),
        ]
        for (raw, expected) in cases {
            let d = try draft(ResidentInput(name: "陈静", residenceStatus: raw))
            #expect(d.residenceStatus == expected, "\(raw)")
        }
        #expect(fields(of: ResidentInput(name: "陈静", residenceStatus: "流动人口")) == ["residence_status"])
    }

    @Test("Categories are trimmed, de-duplicated and sorted; unknown ones are each reported")
    func categories() throws {
        let d = try draft(ResidentInput(name: "陈静", categories: [" low_income ", "elderly", "elderly", "", "  "]))
        #expect(d.categories == ["elderly", "low_income"])
        #expect(fields(of: ResidentInput(name: "陈静", categories: ["elderly", "martian", "ghost"])) == ["categories", "categories"])
        let none = #expect(throws: ValidationError.self) {
            try ResidentDraft(ResidentInput(name: "陈静", categories: ["elderly"]), knownCategories: [])
        }
        #expect(none?.errors.count == 1)
    }

    @Test("isHead is carried through and equal inputs give equal drafts")
    func headAndEquality() throws {
        let input = ResidentInput(name: "陈静", idNumber: Self.femaleID, phone: "13812345678", isHead: true)
        let a = try draft(input)
        let b = try draft(input)
        #expect(a.isHead)
        #expect(a == b)
    }
}

struct HouseholdInputTests {
    @Test("Room and address are trimmed; an empty address becomes nil")
    func valid() throws {
        let h = try HouseholdInput(room: " 3-2-501 ", address: "   ", note: " 空挂户 ").validated()
        #expect(h.room == "3-2-501")
        #expect(h.address == nil)
        #expect(h.note == "空挂户")
        let withAddress = try HouseholdInput(room: "101", address: " 长安街道1号 ").validated()
        #expect(withAddress.address == "长安街道1号")
    }

    @Test("An empty room and an overlong address are reported together")
    func invalid() {
        let input = HouseholdInput(room: "  ", address: String(repeating: "路", count: 201))
        let error = #expect(throws: ValidationError.self) { try input.validated() }
        #expect(error?.errors.map(\.field) == ["room", "address"])
        #expect(throws: ValidationError.self) { try HouseholdInput(room: String(repeating: "1", count: 21)).validated() }
    }
}
