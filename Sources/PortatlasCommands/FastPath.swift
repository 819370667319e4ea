import ArgumentParser
import PortRegistry
import PortStore

/// The lean start path for the commands people run most: `portatlas N` or `portatlas lookup N`, with at most
/// `--json`, `--brief`, `--no-listeners`, `--db PATH`, `--protocol P`, `--knowledge PATH` and `--color WHEN`;
/// and `portatlas who N` with `--json`, `--db PATH` and `--color WHEN`.
///
/// The argument parser reflects over every command before it parses anything, which costs a lookup
/// several milliseconds of start-up (README, "Speed"). Plain lookups skip it and call the same
/// `LookupCommand.perform`; anything else — help, an unknown option, a query that starts with `-` — goes
/// through the parser, which owns every message and error.
struct FastPath {
    /// Which command the arguments ask for.
    enum Command { case lookup, who }

    let command: Command
    let query: String
    let transport: TransportProtocol?
    let storePath: String
    let console: Console
    let report: ReportChoice

    /// Recognizes a plain lookup; `nil` for anything the parser should see.
    init?(_ arguments: [String]) {
        var rest = arguments[...]
        var command = Command.lookup
        if rest.first == "lookup" {
            rest = rest.dropFirst()
        } else if rest.first == "who" {
            command = .who
            rest = rest.dropFirst()
        }
        guard let query = rest.first, !query.hasPrefix("-"), !Self.isCommandName(query) else { return nil }
        rest = rest.dropFirst()
        var json = false
        var db: String?
        var transport: TransportProtocol?
        var colour = GlobalOptions.ColourChoice.auto
        var report = ReportChoice()
        while let argument = rest.first {
            rest = rest.dropFirst()
            switch argument {
            case "--json":
                json = true
            case "--brief" where command == .lookup:
                report.brief = true
            case "--no-listeners" where command == .lookup:
                report.listeners = false
            case "--protocol" where command == .who, "-p" where command == .who, "--knowledge" where command == .who:
                return nil
            case "--db", "--protocol", "-p", "--color", "--knowledge":
                guard let value = rest.first, !value.hasPrefix("-") else { return nil }
                rest = rest.dropFirst()
                switch argument {
                case "--db": db = value
                case "--knowledge": report.knowledge.append(value)
                case "--color":
                    guard let choice = GlobalOptions.ColourChoice(rawValue: value) else { return nil }
                    colour = choice
                default:
                    guard let parsed = TransportProtocol(name: value) else { return nil }
                    transport = parsed
                }
            default:
                return nil
            }
        }
        self.command = command
        self.query = query
        self.transport = transport
        storePath = db ?? RegistryStore.defaultPath()
        console = Console(json: json, colour: colour)
        self.report = report
    }

    /// Answers, prints, and returns the exit status.
    func run() -> ExitCode {
        switch command {
        case .lookup: LookupCommand.perform(query, transport: transport, storePath: storePath, console: console, report: report)
        case .who: WhoCommand.perform(query, storePath: storePath, console: console)
        }
    }

    /// A switch rather than a set: building a `Set<String>` costs this start path a measurable conformance lookup.
    private static func isCommandName(_ word: String) -> Bool {
        switch word {
        case "lookup", "search", "who", "listening", "update", "registry", "help", "serve", "export-site", "votes": true
        // The registry workbench: `portatlas suggest` alone is the command, not a service name.
        case "check-name", "propose", "suggest", "lint", "audit-services": true
        // History and export: `portatlas diff` alone is the command.
        case "history", "diff", "export": true
        default: false
        }
    }
}
