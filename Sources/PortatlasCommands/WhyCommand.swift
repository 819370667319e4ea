import ArgumentParser
import PortListeners
import PortRegistry
import PortReport
import PortStore

struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Why a port is busy here: what holds it, which product that is, how to free it.",
        usage: """
            portatlas why <port> [--knowledge <path> ...] [--db <path>] [--json]
            [--color <when>]
            """,
        discussion: """
            For each socket listening on the port (TCP and UDP, IPv4 and IPv6; never the clients of the port): \
            the process, pid, user and start; the product it is, recognised from its executable, command line \
            and systemd unit or container; how to free the port, cited, or the plain way to stop it; and who can \
            reach it (loopback only, or the network). Processes of other users are hidden from non-root users: \
            portatlas says so, and `sudo portatlas why N` shows them.

              portatlas why 5000            who holds 5000, and how to free it
              portatlas why 8080 --json     the same as JSON, for scripts

            Exits 0 when something listens, 1 when nothing does.
            """
    )

    @Argument(help: ArgumentHelp("The port, 0–65535.", valueName: "port"))
    var port: String

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            let number = try PortSpan.port(parsing: port)
            let knowledge = try loadKnowledge(extra: knowledge)
            let lookup = PortLookup(store: try RegistryReader.open(path: options.storePath))
            let answer = try lookup.answer(.port(number))
            let report = WhyReport(
                port: number,
                listeners: ListenerScanner().listeners(on: number),
                knowledge: knowledge,
                services: ListenerReport.serviceNames(answer.entries),
                source: answer.source
            )
            console.print(json: report.json, text: report.text(style: console.style))
            if report.holders.isEmpty { throw ExitStatus.nothingFound }
        }
    }
}
