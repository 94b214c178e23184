import ArgumentParser
import Foundation

/// When to colour terminal output.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Colour for `auto` only when stdout is a terminal and `NO_COLOR` is unset.
    func isEnabled(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }
}
