import ArgumentParser
import PortRegistry
import PortReport
import PortStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The imported registry versions, or one port's timeline across them.",
        usage: "portatlas history [<port>] [--db <path>] [--json] [--color <when>]",
        discussion: """
            Without a port: every imported version, oldest first, with what changed since the one before. \
            With a port or range: each version's entries there and what changed there.

              portatlas history              the versions, with +added -removed ~changed
              portatlas history 4319         fox-skytale renamed skytale, and when
              portatlas history 3330-3340 --json

            Exits 1 when no registry is imported.
            """
    )

    @Argument(help: ArgumentHelp("A port or range.", valueName: "port"))
    var port: String?

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            let span = try port.map { text throws in try PortSpan(parsing: text) }
            guard let store = try RegistryReader.open(path: options.storePath), !(try store.versions().isEmpty) else {
                throw VersionError.noneImported(store: options.storePath)
            }
            if let span {
                let steps = try store.history(of: span)
                console.print(
                    json: PortHistoryJSON.json(steps, port: span),
                    text: PortHistoryText.render(steps, port: span, style: console.style)
                )
                return
            }
            let versions = try store.versions()
            let current = try store.currentVersion()
            var rows: [(RegistryVersion, RegistryChanges?)] = []
            for (index, version) in versions.enumerated() {
                rows.append((version, try index == 0 ? nil : store.changes(from: versions[index - 1], to: version)))
            }
            console.print(
                json: RegistryVersionsJSON.json(rows, current: current?.id),
                text: rows.map { version, changes in
                    version.line(current: version.id == current?.id) + "\n      "
                        + (changes.map { "since the one before: " + $0.summary } ?? "the first imported")
                }.joined(separator: "\n") + "\n"
            )
        }
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two registry versions (default: the last two).",
        usage: "portatlas diff [<old>] [<new>] [--db <path>] [--json] [--color <when>]",
        discussion: """
            Entries added, removed, changed (with the columns that changed), renamed (same ports, protocol \
            and date or person, new name) and released (now Reserved or Unassigned). A version is its \
            number in `portatlas history` or its date.

              portatlas diff                       the two latest imports
              portatlas diff 2025-08-26 2026-08-17
              portatlas diff 1 3 --json

            Exits 1 with fewer than two versions, 66 for a version the store does not hold.
            """
    )

    @Argument(help: ArgumentHelp("The older version (number or date).", valueName: "old"))
    var old: String?

    @Argument(help: ArgumentHelp("The newer version (number or date).", valueName: "new"))
    var new: String?

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            guard let store = try RegistryReader.open(path: options.storePath) else {
                throw VersionError.noneImported(store: options.storePath)
            }
            let (older, newer) = try store.comparedVersions(old: old, new: new)
            let changes = try store.changes(from: older, to: newer)
            console.print(json: changes.json(old: older, new: newer), text: changes.text(old: older, new: newer, style: console.style))
        }
    }
}

extension VersionError: ReportableError {
    public var code: String {
        switch self {
        case .unknownVersion: "unknownVersion"
        case .tooFewVersions: "tooFewVersions"
        case .noneImported: "noRegistry"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .unknownVersion: ExitStatus.noInput
        case .tooFewVersions, .noneImported: ExitStatus.nothingFound
        }
    }
}
