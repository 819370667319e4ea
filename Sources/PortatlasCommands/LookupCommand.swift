import ArgumentParser
import PortRegistry
import PortReport
import PortStore

struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "What the registry says about a port, a range or a service name.",
        discussion: """
            QUERY is a port (3331), a range (3360-3375) or a service name (mysql, compared case-insensitively). \
            A port inside a registered range, such as 3368 in 3367-3371, finds the range's entry. Entries that \
            name no protocol are shown whatever --protocol says. `portatlas N` is short for `portatlas lookup N`.
            """)

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("A port, a range or a service name.", valueName: "query"))
    var query: [String] = []

    @Option(name: [.customShort("p"), .long], help: ArgumentHelp("Only this protocol: tcp, udp, sctp or dccp.", valueName: "protocol"))
    var `protocol`: TransportProtocol?

    @OptionGroup var options: GlobalOptions

    func run() throws {
        guard !query.isEmpty else { throw CleanExit.helpRequest(self) }
        // The query is collected unparsed so that `-1` reaches the range check; what else looks like an option is one.
        if let option = query.first(where: { $0.hasPrefix("--") || ($0.hasPrefix("-") && query.count > 1) }) {
            throw options.console.fail(UsageError.unknownOption(option, command: "lookup"))
        }
        guard query.count <= 1 else { throw options.console.fail(UsageError.oneQueryOnly(query)) }
        let status = Self.perform(query.first ?? "", transport: `protocol`, storePath: options.storePath, console: options.console)
        if status != .success { throw status }
    }

    /// Answers one query and prints the answer; returns the exit status. `portatlas N` comes here straight,
    /// without the argument parser, when its arguments are plain (see `FastLookup`).
    static func perform(_ query: String, transport: TransportProtocol?, storePath: String, console: Console) -> ExitCode {
        do {
            let parsed = try PortQuery(parsing: query)
            let store = try RegistryReader.open(path: storePath)
            let answer = try PortLookup(store: store).answer(parsed, transport: transport)
            // A port the registry does not list is an answer; a name it does not list is most likely a typo.
            if case .service(let name) = parsed, !answer.isListed {
                throw UsageError.unknownName(name, where: answer.source.notListed)
            }
            console.print(json: answer.json, text: answer.text(style: console.style))
            return answer.isListed ? .success : ExitStatus.nothingFound
        } catch {
            return console.fail(error)
        }
    }
}

extension TransportProtocol: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
