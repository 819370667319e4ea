import ArgumentParser
import PortAdvice
import PortRegistry
import PortReport
import PortStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Can a new app use this port? One verdict, with every reason and its source.",
        usage: """
            portatlas check <port> [--protocol <protocol>] [--knowledge <path> ...]
            [--db <path>] [--json] [--color <when>]
            """,
        discussion: """
            Weighs the port's RFC 6335 range, IANA's assignment, the known unofficial users, the browsers' \
            blocked ports, the operating systems' default ephemeral ranges and Windows' excluded ranges (from \
            the curated knowledge), and this machine now: its ephemeral range and reserved ports, and whether \
            something is bound to the port (TCP or UDP, IPv4 or IPv6).

              portatlas check 3000                  a verdict, every reason
              portatlas check 8443 --json           the same as JSON
              portatlas check 5353 --protocol udp   for a UDP service

            Exits 0 "good", 1 "usable with warnings", 2 "avoid": a CI job can guard a config with it.
            """
    )

    @Argument(help: ArgumentHelp("The port, 0–65535.", valueName: "port"))
    var port: String

    @Option(name: .long, help: ArgumentHelp("The protocol the app would use (default: tcp).", valueName: "protocol"))
    var `protocol`: TransportProtocol = .tcp

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            let number = try PortSpan.port(parsing: port)
            let verdict = try PortVerdict.judge(
                port: number,
                transport: `protocol`,
                lookup: PortLookup(store: try RegistryReader.open(path: options.storePath)),
                knowledge: try loadKnowledge(extra: knowledge),
                machine: MachineState.read(port: number)
            )
            console.print(json: verdict.json, text: verdict.text(style: console.style))
            if verdict.level != .good { throw ExitCode(Int32(verdict.level.rawValue)) }
        }
    }
}
