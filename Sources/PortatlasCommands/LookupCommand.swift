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
        let console = options.console
        do {
            guard query.count <= 1 else { throw RegistryError.malformedQuery(query.joined(separator: " ")) }
            let parsed = try PortQuery(parsing: query.first ?? "")
            let store = try RegistryReader.open(path: options.storePath)
            let answer = try PortLookup(store: store).answer(parsed, transport: `protocol`)
            console.print(json: answer.json, text: answer.text(style: console.style))
            if !answer.isListed { throw ExitStatus.nothingFound }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw console.fail(error)
        }
    }
}

extension TransportProtocol: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
