import Foundation
import PortListeners
import PortRegistry

extension PortWait.Outcome {
    /// The outcome as JSON: `port`, `condition` (`listening`, `free`), `protocol`, `host`, `ready`,
    /// `elapsedSeconds`, `checks`, `waitingFor`, `attempts` [{`address`, `connected`, `error`}], `bindFailures`
    /// [{`address`, `error`}], `timeWait`.
    public func json(for wait: PortWait) -> JSONValue {
        .object([
            ("port", .number(wait.port)),
            ("condition", .string(wait.condition.rawValue)),
            ("protocol", .string(wait.transport.rawValue)),
            ("host", wait.condition == .listening && wait.transport == .tcp ? .string(wait.host) : .null),
            ("ready", .bool(isMet)),
            ("elapsedSeconds", .fraction((elapsed * 1000).rounded() / 1000)),
            ("checks", .number(checks)),
            ("waitingFor", .string(last.waitingFor)),
            (
                "attempts",
                .array(
                    last.attempts.map {
                        .object([("address", .string($0.address)), ("connected", .bool($0.connected)), ("error", .string($0.error))])
                    }
                )
            ),
            ("bindFailures", .array(last.bindFailures.map { .object([("address", .string($0.address)), ("error", .string($0.error))]) })),
            ("timeWait", .number(last.timeWait)),
        ])
    }

    /// The outcome for a person: one line, and on a timeout, what the port was still waiting for.
    public func text(for wait: PortWait) -> String {
        let seconds = String(format: "%.1f", elapsed)
        let what = "\(wait.port)/\(wait.transport.rawValue)"
        if isMet {
            switch wait.condition {
            case .listening:
                let reached = last.attempts.filter(\.connected).map(\.address)
                let on = reached.isEmpty ? "" : " (connected to \(reached.joined(separator: ", ")))"
                return "\(what) is listening\(on), after \(seconds) s\n"
            case .free:
                return "\(what) is free: it can be bound, after \(seconds) s\n"
            }
        }
        let condition = wait.condition == .listening ? "listening" : "free"
        return "\(what) was not \(condition) after \(seconds) s: \((last.waitingFor ?? "").terminalSafeLine)\n"
    }
}
