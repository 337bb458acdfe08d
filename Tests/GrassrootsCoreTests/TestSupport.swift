import GrassrootsCore

/// The fields a validation names, or nothing when it passes.
func fields(_ body: () throws -> Void) -> Set<String> {
    do { try body(); return [] } catch let error as ValidationError { return Set(error.errors.map(\.field)) } catch let error as FieldError {
        return [error.field]
    } catch { return ["unexpected \(error)"] }
}

/// An independent implementation of the GB 11643-1999 check character (ISO 7064 MOD 11-2),
/// written out here so the tests do not trust the code under test to compute its own answers.
enum ReferenceID {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkMap: [Character] = Array("10X98765432")

    /// The check character for 17 ASCII digits.
    static func checkCharacter(_ first17: String) -> Character {
        precondition(first17.count == 17, "need 17 digits, got \(first17)")
        var sum = 0
        for (character, weight) in zip(first17, weights) {
            sum += character.wholeNumberValue! * weight
        }
        return checkMap[sum % 11]
    }

    /// The full 18-character number with its correct check character.
    static func number(_ first17: String) -> String { first17 + String(checkCharacter(first17)) }

    /// Every check character except the correct one.
    static func wrongCheckCharacters(_ first17: String) -> [Character] {
        let right = checkCharacter(first17)
        return Array("0123456789X").filter { $0 != right }
    }
}
