import ArgumentParser
import PortReport
import PortStore

struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Which registry version answers: its date, source, fingerprint and size.",
        usage: "portatlas registry [--all] [--use <n>]\n[--db <path>] [--json] [--color <when>]",
        discussion: "With --all, every version imported, the current one starred. With --use N, version N answers again."
    )

    @Flag(name: .long, help: "List every version imported.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("Make version N current again.", valueName: "n"))
    var use: Int64?

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            if let use {
                let version = try RegistryStore(path: options.storePath).makeCurrent(version: use)
                console.print(json: version.json(), text: "Version \(version.id) is current:\n" + version.text(style: console.style))
                return
            }
            guard let store = try RegistryReader.open(path: options.storePath), let current = try store.currentVersion() else {
                console.print(
                    json: .object([("registry", .null), ("versions", .array([])), ("store", .string(options.storePath))]),
                    text: "No registry imported yet (store: \(options.storePath)). Run `portatlas update`.\n"
                )
                throw ExitStatus.nothingFound
            }
            if all {
                let versions = try store.versions()
                console.print(
                    json: .object([("current", .number(current.id)), ("versions", .array(versions.map { $0.json() }))]),
                    text: versions.map { $0.line(current: $0.id == current.id) }.joined(separator: "\n") + "\n"
                )
            } else {
                let metadata = try store.metadata(version: current.id)
                console.print(
                    json: current.json(metadata: metadata),
                    text: current.text(style: console.style, metadata: metadata) + "  Store        \(store.path)\n"
                )
            }
        }
    }
}
