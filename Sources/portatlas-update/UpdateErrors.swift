import ArgumentParser
import PortUpdate
import PortatlasCommands

extension FetchError: ReportableError {
    public var code: String {
        switch self {
        case .badURL: "badURL"
        case .httpStatus: "httpStatus"
        case .tooLarge: "tooLarge"
        case .timedOut: "timedOut"
        case .unreachable: "unreachable"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .badURL: ExitStatus.badInput
        case .tooLarge: ExitStatus.badData
        case .httpStatus, .timedOut, .unreachable: ExitStatus.unavailable
        }
    }
}

extension UpdateError: ReportableError {
    public var code: String {
        switch self {
        case .cannotRead: "cannotRead"
        case .empty: "emptyRegistry"
        case .notModifiedWithoutCopy: "notModified"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .cannotRead: ExitStatus.badInput
        case .empty: ExitStatus.badData
        case .notModifiedWithoutCopy: ExitStatus.unavailable
        }
    }
}
