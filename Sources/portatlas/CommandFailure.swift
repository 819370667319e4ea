import ArgumentParser
import PortRegistry
import PortReport
import PortStore
import PortUpdate

/// Exit statuses scripts can rely on (after sysexits.h).
enum ExitStatus {
    static let nothingFound = ExitCode(1)
    static let badInput = ExitCode(64)
    static let badData = ExitCode(65)
    static let unavailable = ExitCode(69)
    static let storeError = ExitCode(74)
}

extension Console {
    /// Reports an error the way a script and a person both need: one line on stderr naming the bad value,
    /// an error object on stdout with `--json`; then the exit status for its kind.
    func fail(_ error: any Error) -> ExitCode {
        let (code, status) = Self.classify(error)
        let message = String(describing: error)
        note("portatlas: error: \(message)")
        if json {
            print(json: .object([("error", .object([("code", .string(code)), ("message", .string(message))]))]), text: "")
        }
        return status
    }

    static func classify(_ error: any Error) -> (String, ExitCode) {
        switch error {
        case let error as RegistryError:
            switch error {
            case .malformedPort: ("malformedPort", ExitStatus.badInput)
            case .portOutOfRange: ("portOutOfRange", ExitStatus.badInput)
            case .invertedSpan: ("invertedRange", ExitStatus.badInput)
            case .emptyQuery: ("emptyQuery", ExitStatus.badInput)
            case .malformedQuery: ("malformedQuery", ExitStatus.badInput)
            case .malformedXML: ("malformedXML", ExitStatus.badData)
            case .malformedCSV: ("malformedCSV", ExitStatus.badData)
            case .invalidRecord: ("invalidRecord", ExitStatus.badData)
            case .unrecognizedFormat: ("unrecognizedFormat", ExitStatus.badData)
            }
        case let error as FetchError:
            switch error {
            case .badURL: ("badURL", ExitStatus.badInput)
            case .httpStatus: ("httpStatus", ExitStatus.unavailable)
            case .tooLarge: ("tooLarge", ExitStatus.badData)
            case .timedOut: ("timedOut", ExitStatus.unavailable)
            case .unreachable: ("unreachable", ExitStatus.unavailable)
            }
        case let error as UpdateError:
            switch error {
            case .cannotRead: ("cannotRead", ExitStatus.badInput)
            case .empty: ("emptyRegistry", ExitStatus.badData)
            case .notModifiedWithoutCopy: ("notModified", ExitStatus.unavailable)
            }
        case let error as StoreError:
            switch error {
            case .noSuchVersion: ("noSuchVersion", ExitStatus.badInput)
            case .cannotOpen, .notAStore: ("storeError", ExitStatus.storeError)
            }
        default:
            ("internal", ExitCode.failure)
        }
    }
}
