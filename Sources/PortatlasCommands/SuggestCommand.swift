import ArgumentParser
import Foundation
import PortAdvice
import PortKnowledge
import PortRegistry
import PortReport
import PortStore

struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Free ports a new application can safely default to, each with why.",
        usage:
            "portatlas suggest [--count <n>] [--seed <name>] [--protocol tcp|udp]\n[--knowledge <path> ...] [--db <path>] [--json] [--color <when>]",
        discussion: """
            Only ports that IANA's registry lists in an explicit Unassigned range, in the User range, that the \
            verdict of `portatlas check` finds good: outside the OS ephemeral ranges, not on the browsers' blocked \
            list, not used by a known product or a developer tool's default window, not bound here now.

              portatlas suggest                   five ports, picked at random
              portatlas suggest --seed my-app     the same five for my-app each time
              portatlas suggest --count 1 --json  one port, with its reasons, as JSON
            """
    )

    @Option(name: .long, help: ArgumentHelp("How many ports, 1–100 (default: 5).", valueName: "n"))
    var count: Int = 5

    @Option(name: .long, help: ArgumentHelp("A name that fixes the answer for a registry.", valueName: "name"))
    var seed: String?

    @Option(name: .long, help: ArgumentHelp("The protocol (default: tcp).", valueName: "protocol"))
    var `protocol`: TransportProtocol = .tcp

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            guard (1...PortSuggestion.maximumCount).contains(count) else { throw WorkbenchError.badCount(count) }
            guard let reader = try RegistryReader.open(path: options.storePath), let version = try reader.currentVersion() else {
                throw WorkbenchError.noRegistry("suggest")
            }
            let curated = try loadKnowledge(extra: knowledge)
            // The registry's entries at each port tried, without the people a lookup adds: the verdict needs none.
            let inputs = PortSuggestion.Inputs(
                unassigned: try reader.unassignedEntries(),
                registry: { port in
                    PortVerdict.RegistryEvidence(
                        entries: try reader.entries(at: port),
                        title: "IANA Service Name and Transport Protocol Port Number Registry",
                        date: version.updated,
                        url: "https://www.iana.org/assignments/service-names-port-numbers/"
                    )
                },
                facts: curated.facts(overlapping: try PortSpan(start: PortRange.user.start, end: PortRange.user.end)),
                machine: MachineState.read(port: nil)
            )
            let suggestions = try PortSuggestion.suggest(
                count: count,
                seed: seed ?? UUID().uuidString,
                transport: `protocol`,
                inputs: inputs
            )
            console.print(
                json: .object([
                    ("seed", .string(seed)), ("protocol", .string(`protocol`.rawValue)), ("suggestions", .array(suggestions.map(\.json))),
                ]),
                text: PortSuggestion.text(suggestions, seed: seed, style: console.style)
            )
            if suggestions.isEmpty { throw ExitStatus.nothingFound }
        }
    }
}
