import ArgumentParser
import PortKnowledge
import PortRegistry
import PortReport
import PortStore

/// Exit statuses scripts can rely on (after sysexits.h).
public enum ExitStatus {
    public static let nothingFound = ExitCode(1)
    public static let badInput = ExitCode(64)
    public static let badData = ExitCode(65)
    public static let noInput = ExitCode(66)
    public static let unavailable = ExitCode(69)
    public static let software = ExitCode(70)
    /// `export --out`: the file cannot be written (EX_CANTCREAT).
    public static let cannotCreate = ExitCode(73)
    public static let storeError = ExitCode(74)
    /// `wait`: the time ran out before the port was ready (EX_TEMPFAIL: try again later).
    public static let timedOut = ExitCode(75)
}

/// An error the command line can report: a stable code for `--json`, and an exit status.
public protocol ReportableError: Error, CustomStringConvertible {
    /// A short, stable name for the error, such as `portOutOfRange`.
    var code: String { get }
    /// The exit status it ends the command with.
    var exitStatus: ExitCode { get }
}

extension Console {
    /// Reports an error the way a script and a person both need: one line on stderr naming the bad value,
    /// an error object on stdout with `--json`; returns the exit status for its kind.
    public func fail(_ error: any Error) -> ExitCode {
        let reportable = error as? any ReportableError
        let code = reportable?.code ?? "internal"
        let message = String(describing: error)
        // The message names the bad value, which may come from a hostile file or argument: one line, escaped.
        note("portatlas: error: \(message.terminalSafeLine)")
        if json {
            print(json: .object([("error", .object([("code", .string(code)), ("message", .string(message))]))]), text: "")
        }
        return reportable?.exitStatus ?? ExitCode.failure
    }
}

extension Console {
    /// Runs a command's work, turning its errors into one message and the exit status scripts rely on.
    public func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail(error)
        }
    }
}

extension RegistryError: ReportableError {
    public var code: String {
        switch self {
        case .malformedPort: "malformedPort"
        case .portOutOfRange: "portOutOfRange"
        case .invertedSpan: "invertedRange"
        case .emptyQuery: "emptyQuery"
        case .malformedQuery: "malformedQuery"
        case .malformedXML: "malformedXML"
        case .malformedCSV: "malformedCSV"
        case .invalidRecord: "invalidRecord"
        case .unrecognizedFormat: "unrecognizedFormat"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .malformedPort, .portOutOfRange, .invertedSpan, .emptyQuery, .malformedQuery: ExitStatus.badInput
        case .malformedXML, .malformedCSV, .invalidRecord, .unrecognizedFormat: ExitStatus.badData
        }
    }
}

extension StoreError: ReportableError {
    public var code: String {
        switch self {
        case .noSuchVersion: "noSuchVersion"
        case .cannotOpen, .notAStore: "storeError"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .noSuchVersion: ExitStatus.badInput
        case .cannotOpen, .notAStore: ExitStatus.storeError
        }
    }
}

extension KnowledgeError: ReportableError {
    public var code: String {
        switch self {
        case .unreadable: "knowledgeUnreadable"
        default: "knowledgeInvalid"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .unreadable: ExitStatus.noInput
        default: ExitStatus.badData
        }
    }
}

/// A command line that does not say what it means.
public enum UsageError: ReportableError, Equatable {
    /// An option the command does not take.
    case unknownOption(String, command: String)
    /// More than one query where one is taken.
    case oneQueryOnly([String])
    /// A name that is no service name the source lists; `where` says which source, "not listed in …".
    case unknownName(String, where: String)
    /// A date that is not `YYYY-MM-DD`.
    case malformedDate(String)
    /// `--json` and `--csv` together.
    case oneFormatOnly
    /// `wait` without `--listening` or `--free`, or with both.
    case oneWaitCondition
    /// `wait --free --host H`: a bind is always local.
    case hostWithFree
    /// `wait --listening --udp --host H`: UDP has no handshake, so only this machine's sockets can be seen.
    case hostWithUDP
    /// A `--timeout` that is not a duration.
    case malformedDuration(String)

    public var description: String {
        switch self {
        case .unknownOption(let option, let command): "unknown option '\(option)' (see `portatlas \(command) --help`)"
        case .oneQueryOnly(let queries): "one query at a time, not \(queries.map { "'\($0)'" }.joined(separator: " and "))"
        case .unknownName(let name, let place):
            "'\(name)' is not a port, a range, or a service name: \(place) (try `portatlas search \(name)`)"
        case .malformedDate(let text): "'\(text)' is not a date: write it as YYYY-MM-DD, such as 2026-11-01"
        case .oneFormatOnly: "--json and --csv cannot go together: choose one"
        case .oneWaitCondition: "say what to wait for: --listening or --free (one of them)"
        case .hostWithFree: "--host goes with --listening: --free binds on this machine"
        case .hostWithUDP: "--host goes with TCP: over UDP, wait --listening looks at this machine's sockets"
        case .malformedDuration(let text): "'\(text)' is not a duration: write it as 30s, 500ms, 2m or a number of seconds"
        }
    }

    public var code: String {
        switch self {
        case .unknownOption: "unknownOption"
        case .oneQueryOnly: "oneQueryOnly"
        case .unknownName: "unknownName"
        case .malformedDate: "malformedDate"
        case .oneFormatOnly: "oneFormatOnly"
        case .oneWaitCondition: "oneWaitCondition"
        case .hostWithFree: "hostWithFree"
        case .hostWithUDP: "hostWithUDP"
        case .malformedDuration: "malformedDuration"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .unknownOption, .oneQueryOnly, .malformedDate, .oneFormatOnly, .oneWaitCondition, .hostWithFree, .hostWithUDP,
            .malformedDuration:
            ExitStatus.badInput
        case .unknownName: ExitStatus.nothingFound
        }
    }
}
