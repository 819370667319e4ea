import ArgumentParser
import Foundation
import PortListeners
import PortRegistry
import PortReport

struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until a port listens (--listening) or can be bound (--free).",
        usage: """
            portatlas wait <port> (--listening | --free) [--host <host>]
            [--timeout <time>] [--udp] [--db <path>] [--json] [--color <when>]
            """,
        discussion: """
            --listening succeeds when a connection succeeds on any address the host resolves to (IPv4 and \
            IPv6; localhost by default); with --udp, when a UDP socket is bound to the port here. --free \
            succeeds when the port can be bound on every address, and says when TIME_WAIT connections are \
            what still holds it.

              portatlas wait 5432 --listening --timeout 60s
              portatlas wait 8080 --free
              portatlas wait 53 --listening --udp

            Exits 0 when the port is ready, 75 when the time runs out first.
            """
    )

    @Argument(help: ArgumentHelp("The port, 0–65535.", valueName: "port"))
    var port: String

    @Flag(name: .long, help: "Wait until something listens on the port.")
    var listening = false

    @Flag(name: .long, help: "Wait until the port can be bound.")
    var free = false

    @Option(name: .long, help: ArgumentHelp("The host to connect to (default: localhost).", valueName: "host"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp("How long to wait: 30s (the default), 500ms, 2m.", valueName: "time"))
    var timeout = "30s"

    @Flag(name: .long, help: "UDP instead of TCP.")
    var udp = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            let number = try PortSpan.port(parsing: port)
            guard listening != free else { throw UsageError.oneWaitCondition }
            if host != nil, free { throw UsageError.hostWithFree }
            if host != nil, udp { throw UsageError.hostWithUDP }
            guard let seconds = Self.seconds(timeout) else { throw UsageError.malformedDuration(timeout) }
            let wait = PortWait(
                port: number,
                condition: listening ? .listening : .free,
                transport: udp ? .udp : .tcp,
                host: host ?? "localhost",
                timeout: seconds
            )
            let outcome = wait.run { observation, elapsed in
                console.progress("waiting \(Int(elapsed))s/\(Int(seconds))s: \(observation.waitingFor ?? "")".terminalSafeLine)
            }
            console.endProgress()
            console.print(json: outcome.json(for: wait), text: outcome.text(for: wait))
            if !outcome.isMet { throw ExitStatus.timedOut }
        }
    }

    /// `30s`, `500ms`, `2m`, `1h` or plain seconds, as a number of seconds.
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value >= 0, value.isFinite else { return nil }
            return value * scale
        }
        guard let value = Double(text), value >= 0, value.isFinite else { return nil }
        return value
    }
}
