import Foundation
import Testing
@testable import GrassrootsCore

struct IdentityNumberTests {
    /// First 17 digits of numbers whose check characters the tests compute themselves.
    static let samples = [
        "11010519491231002", // the public example, check character X
        "51340119900101123",
        "51340119851231002",
        "51010420000229004", // leap day
        "51340119900109123",
        "11010519491231001",
    ]

    @Test("The reference check character of the public example is X")
    func referenceAlgorithmMatchesPublicExample() {
        #expect(ReferenceID.checkCharacter("11010519491231002") == "X")
        #expect(ReferenceID.number("11010519491231002") == "11010519491231002X")
        #expect(ReferenceID.checkCharacter("51340119900109123") == "4")
    }

    @Test("The known-valid public example 11010519491231002X is accepted")
    func publicExample() throws {
        let id = try IdentityNumber("11010519491231002X")
        #expect(id.value == "11010519491231002X")
        #expect(id.description == "11010519491231002X")
        #expect(id.birthDateText == "1949-12-31")
        #expect(id.sex == Sex.female)
        #expect(id.masked == "1101**********002X")
    }

    @Test("Numbers with hand-computed check characters are accepted")
    func handComputedNumbersAreValid() throws {
        for first17 in Self.samples {
            let full = ReferenceID.number(first17)
            let id = try IdentityNumber(full)
            #expect(id.value == full)
            #expect(IdentityNumber.checkCharacter(for: first17) == ReferenceID.checkCharacter(first17), "\(first17)")
        }
    }

    @Test("Every wrong check character is refused with a check-character message")
    func wrongCheckCharacterIsRefused() {
        for first17 in Self.samples {
            for wrong in ReferenceID.wrongCheckCharacters(first17) {
                let raw = first17 + String(wrong)
                let error = #expect(throws: FieldError.self, "\(raw)") { try IdentityNumber(raw) }
                #expect(error?.field == "id_number")
                #expect(error?.message.en.contains("check character") == true, "\(raw)")
            }
        }
    }

    @Test("A single mistyped digit is caught by the check character")
    func mistypedDigitIsRefused() {
        // 11010519491231002X with the 12th digit changed from 2 to 3.
        #expect(throws: FieldError.self) { try IdentityNumber("11010519491331002X") }
        // Two digits swapped.
        #expect(throws: FieldError.self) { try IdentityNumber("11010519491213002X") }
    }

    @Test("Impossible or out-of-range birth dates are refused even with a correct check character")
    func badBirthDates() {
        let dates = ["19900230", "19900229", "19000229", "19901301", "19900001", "19900100", "19900431", "18991231", "21010101"]
        for date in dates {
            let raw = ReferenceID.number("513401" + date + "123")
            let error = #expect(throws: FieldError.self, "\(date)") { try IdentityNumber(raw) }
            #expect(error?.field == "id_number")
            #expect(error?.message.en.contains("birth date") == true, "\(date)")
        }
    }

    @Test("Real edge dates are accepted")
    func edgeDates() throws {
        for (date, text) in [("20000229", "2000-02-29"), ("19961231", "1996-12-31"), ("20240229", "2024-02-29")] {
            let id = try IdentityNumber(ReferenceID.number("513401" + date + "123"))
            #expect(id.birthDateText == text)
        }
    }

    @Test("Wrong length or non-digit characters are refused with a format message")
    func wrongFormat() {
        let bad = [
            "",
            "11010519491231002",      // 17
            "11010519491231002XX",    // 19
            "1101051949123100X2",     // X not last
            "1101051949123A002X",     // a letter
            "110105194912310020X",    // 19 with X
            "１１０１０５１９４９１２３１００２X", // full-width digits
            "11010519491231002Y",
        ]
        for raw in bad {
            let error = #expect(throws: FieldError.self, "\(raw)") { try IdentityNumber(raw) }
            #expect(error?.field == "id_number")
            #expect(error?.message.en.contains("18 characters") == true, "\(raw)")
        }
    }

    @Test("A lower-case x check character is accepted and stored upper-case")
    func lowerCaseX() throws {
        let id = try IdentityNumber("11010519491231002x")
        let upper = try IdentityNumber("11010519491231002X")
        #expect(id.value == "11010519491231002X")
        #expect(id == upper)
    }

    @Test("Surrounding white space is ignored")
    func whiteSpaceTrimmed() throws {
        let id = try IdentityNumber("  11010519491231002X \n")
        #expect(id.value == "11010519491231002X")
    }

    @Test("Sex follows the parity of the 17th digit")
    func sexFromSeventeenthDigit() throws {
        for digit in 0...9 {
            let id = try IdentityNumber(ReferenceID.number("5134011990010112" + String(digit)))
            #expect(id.sex == (digit % 2 == 1 ? Sex.male : Sex.female), "digit \(digit)")
        }
    }

    @Test("The birth date is read from characters 7–14")
    func birthDateComponents() throws {
        let components = try #require(IdentityNumber.birthDate(of: "11010519491231002X"))
        #expect(components.year == 1949)
        #expect(components.month == 12)
        #expect(components.day == 31)
        #expect(IdentityNumber.birthDate(of: "1101051949") == nil)
        #expect(IdentityNumber.birthDate(of: "11010519490230002X") == nil)
    }

    @Test("Masking keeps the first four and last four characters")
    func masking() throws {
        let id = try IdentityNumber(ReferenceID.number("51340119900109123"))
        #expect(id.value == "513401199001091234")
        #expect(id.masked == "5134**********1234")
        #expect(id.masked.count == 18)
        #expect(Masking.mask("513401199001091234", keepFirst: 4, keepLast: 4) == "5134**********1234")
        #expect(Masking.phone("13812345678") == "138****5678")
        #expect(Masking.mask("abcde", keepFirst: 2, keepLast: 2) == "ab*de")
        #expect(Masking.mask("abcd", keepFirst: 2, keepLast: 2) == "****")
        #expect(Masking.mask("", keepFirst: 2, keepLast: 2) == "")
    }

    @Test("make(region:birth:sequence:) builds a number with the correct check character")
    func makeBuildsValidNumber() {
        let id = IdentityNumber.make(region: "513401", birth: "1990-01-09", sequence: 123)
        #expect(id.value == "513401199001091234")
        #expect(id.value == ReferenceID.number("51340119900109123"))
        #expect(id.sex == Sex.male)
        #expect(id.birthDateText == "1990-01-09")

        let padded = IdentityNumber.make(region: "513401", birth: "2000-02-29", sequence: 4)
        #expect(padded.value == ReferenceID.number("51340120000229004"))
        #expect(padded.sex == Sex.female)

        let wrapped = IdentityNumber.make(region: "513401", birth: "2000-02-29", sequence: 1004)
        #expect(wrapped.value == padded.value)
    }
}
