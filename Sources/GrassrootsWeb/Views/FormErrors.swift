import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

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

extension FormErrors {
    /// Runs a form's change and goes to `location`; on an error the user can fix, shows `page` again with the
    /// messages (anything else goes to the error responder).
    static func submit(_ context: AppContext, redirect location: String, flash: @autoclosure () -> Bilingual = Flash.saved,
                       _ change: () async throws -> Void, page: ([String: String]) async throws -> Response) async throws -> Response {
        do {
            try await change()
            return HTML.redirect(location, flash: flash())
        } catch {
            guard let errors = messages(error, context) else { throw error }
            return try await page(errors)
        }
    }

    /// The period a page's `?period=` asks for, or the current quarter; a period that does not parse is said
    /// in `errors` rather than silently replaced.
    static func period(_ raw: String?, now: Date, _ context: AppContext, errors: inout [String: String]) -> Period {
        guard let raw, !raw.isEmpty else { return Period.quarter(of: now) }
        if let period = try? Period(raw) { return period }
        errors["period"] = context.t("期间“\(raw)”无效，应写作 2026、2026Q4 或 2026-11；以下为本季度", "“\(raw)” is not a period (write 2026, 2026Q4 or 2026-11); showing this quarter")
        return Period.quarter(of: now)
    }
}
