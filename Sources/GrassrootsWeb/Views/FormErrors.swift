import GrassrootsCore
import GrassrootsStore

/// The messages a page shows again beside its form for an error the user can fix: invalid fields, a step not
/// allowed now, a conflict with the current state. Nil for anything else, which the error responder answers.
enum FormErrors {
    static func messages(_ error: any Error, _ context: AppContext) -> [String: String]? {
        switch error {
        case let error as ValidationError: HouseholdRoutes.messages(error, context)
        case let error as FieldError: [error.field: error.message.text(context.language)]
        case StoreError.conflict(let message): ["conflict": message.text(context.language)]
        default: nil
        }
    }
}
