import ArgumentParser
import PortRegistry
import PortReport
import PortStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over service names, descriptions, assignees and notes.",
        usage: """
            portatlas search <words> ... [--protocol <protocol>] [--limit <limit>]
            [--db <path>] [--json] [--color <when>]
            """,
        discussion: """
            Every word must match, as the start of a word: `search "key manag"` finds "Key Manager". \
            Results come best first. Any text is safe: it is never read as query syntax.
            """)

    @Argument(help: ArgumentHelp("Words to look for.", valueName: "words"))
    var words: [String]

    @Option(name: [.customShort("p"), .long], help: ArgumentHelp("Only this transport protocol.", valueName: "protocol"))
    var `protocol`: TransportProtocol?

    @Option(name: .long, help: "At most this many results.")
    var limit = 50

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            let store = try RegistryReader.open(path: options.storePath)
            let answer = try PortLookup(store: store).search(words.joined(separator: " "), transport: `protocol`, limit: max(1, limit))
            console.print(json: answer.json, text: answer.text(style: console.style))
            if answer.entries.isEmpty { throw ExitStatus.nothingFound }
        }
    }
}
