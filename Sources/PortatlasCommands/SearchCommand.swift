import ArgumentParser
import PortKnowledge
import PortRegistry
import PortReport
import PortStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find products and registry entries: names, aliases, descriptions, people, notes.",
        usage: """
            portatlas search <words> ... [--protocol <protocol>] [--limit <limit>]
            [--knowledge <path> ...] [--db <path>] [--json] [--color <when>]
            """,
        discussion: """
            Products come first: those whose name or alias (k8s, ES, postgres) or the purpose of one of their \
            ports matches, each with every port the curated knowledge documents for it. Then the registry's \
            entries: every word must match, as the start of a word: `search "key manag"` finds "Key Manager". \
            Results come best first. Any text is safe: it is never read as query syntax.
            """
    )

    @Argument(help: ArgumentHelp("Words to look for.", valueName: "words"))
    var words: [String]

    @Option(name: [.customShort("p"), .long], help: ArgumentHelp("Only this transport protocol.", valueName: "protocol"))
    var `protocol`: TransportProtocol?

    @Option(name: .long, help: "At most this many registry entries.")
    var limit = 50

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            let store = try RegistryReader.open(path: options.storePath)
            let knowledge = try KnowledgeBase.load(.init(extra: knowledge))
            let answer = try PortLookup(store: store).search(
                words.joined(separator: " "),
                transport: `protocol`,
                limit: max(1, limit),
                knowledge: knowledge
            )
            console.print(json: answer.json, text: answer.text(style: console.style))
            if answer.isEmpty { throw ExitStatus.nothingFound }
        }
    }
}
