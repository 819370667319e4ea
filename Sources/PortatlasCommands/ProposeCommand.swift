import ArgumentParser
import PortAdvice
import PortRegistry
import PortReport
import PortStore

struct ProposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "The fields of an IANA assignment request, checked, ready to paste.",
        usage: """
            portatlas propose --name <name> --protocol <protocol>
              (--port <n> | --name-only)
              [--assignee <text>] [--contact <text>] [--description <text>]
              [--reference <text>] [--service-code <n>] [--knowledge <path> ...]
              [--db <path>] [--json] [--color <when>]
            """,
        discussion: """
            Checks the name (RFC 6335 §5.1, free?), the port (free in the registry? a System port needs IETF \
            Review or IESG Approval), the DCCP service code, and that nothing IANA needs is missing. It never \
            submits anything.

              portatlas propose --name my-service --protocol tcp --port 47999 \\
                --assignee "Example Ltd" --contact "Ann <ann@example.org>" \\
                --description "Example sync" --reference "https://example.org/spec"

            Exits 0 ready, 1 ready with warnings, 2 a field to fix first.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The service name asked for.", valueName: "name"))
    var name: String

    @Option(name: .long, help: ArgumentHelp("tcp, udp, sctp or dccp.", valueName: "protocol"))
    var `protocol`: TransportProtocol

    @Option(name: .long, help: ArgumentHelp("The port asked for.", valueName: "n"))
    var port: String?

    @Flag(name: .long, help: "A service name without a port (for DNS SRV).")
    var nameOnly = false

    @Option(name: .long, help: ArgumentHelp("Who the assignment is made to.", valueName: "text"))
    var assignee: String?

    @Option(name: .long, help: ArgumentHelp("Who IANA writes to, with an e-mail.", valueName: "text"))
    var contact: String?

    @Option(name: .long, help: ArgumentHelp("What the service does.", valueName: "text"))
    var description: String?

    @Option(name: .long, help: ArgumentHelp("The document that specifies it.", valueName: "text"))
    var reference: String?

    @Option(name: .long, help: ArgumentHelp("The DCCP service code (DCCP only).", valueName: "n"))
    var serviceCode: UInt32?

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            guard (port != nil) != nameOnly else { throw WorkbenchError.portOrNameOnly }
            var number: UInt16?
            if let port {
                number = try PortSpan.port(parsing: port)
            }
            let lookup = PortLookup(store: try RegistryReader.open(path: options.storePath))
            let check = ServiceName.Check(name: name, holders: try lookup.answer(.service(name)).entries)
            let verdict = try number.map { port in
                try PortVerdict.judge(port: port, transport: `protocol`, lookup: lookup, knowledge: try loadKnowledge(extra: knowledge), machine: nil)
            }
            let draft = AssignmentRequest.Draft(
                name: name,
                transport: `protocol`,
                port: number,
                nameOnly: nameOnly,
                assignee: assignee,
                contact: contact,
                description: description,
                reference: reference,
                serviceCode: serviceCode
            )
            let request = AssignmentRequest(draft: draft, nameCheck: check, verdict: verdict)
            console.print(json: request.json, text: request.text(style: console.style))
            if request.level != .good { throw ExitCode(Int32(request.level.rawValue)) }
        }
    }
}
