import ArgumentParser
import Logging
import PortReport
import PortStore
import PortUpdate
import PortatlasCommands

@main
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portatlas update",
        abstract: UpdateHelp.abstract,
        usage: """
            portatlas update [--from <file-or-url>] [--timeout <timeout>] [--check]
            [--verbose] [--db <path>] [--json] [--color <when>]
            """,
        discussion: UpdateHelp.discussion,
        version: Portatlas.configuration.version
    )

    @Option(name: .long, help: ArgumentHelp("A registry file or URL (XML or CSV) instead of IANA's.", valueName: "file-or-url"))
    var from: String?

    @Option(name: .long, help: "Give up on a download after this many seconds.")
    var timeout = 60

    @Flag(name: .long, help: "Check the file whole, store nothing, and say what it holds.")
    var check = false

    @Flag(name: .shortAndLong, help: "Log each step of the download and import on stderr.")
    var verbose = false

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = options.console
        var logger = Logger(label: "portatlas.update")
        logger.logLevel = verbose ? .debug : .warning
        do {
            let downloader = RegistryDownloader(
                timeout: .seconds(max(1, timeout)),
                userAgent: "portatlas/\(Portatlas.configuration.version)",
                logger: logger
            )
            if check {
                guard let file = try await RegistryUpdate.check(from: from ?? RegistryDownloader.ianaXML, downloader: downloader) else { return }
                console.print(json: file.json, text: file.text(style: console.style))
                return
            }
            let store = try RegistryStore(path: options.storePath)
            let outcome = try await RegistryUpdate(store: store, downloader: downloader, logger: logger).run(from: from) { step in
                switch step {
                case .downloading(let received, let expected):
                    let total = expected.map { " of \(Self.megabytes($0))" } ?? ""
                    console.progress("Downloading \(Self.megabytes(received))\(total)…")
                case .decoding(let bytes): console.progress("Checking \(Self.megabytes(bytes))…")
                case .importing(let entries): console.progress("Storing \(entries.grouped) records…")
                }
            }
            console.endProgress()
            console.print(json: outcome.json, text: outcome.text(style: console.style))
        } catch {
            console.endProgress()
            let status = console.fail(error)
            if status == ExitStatus.unavailable, !options.json {
                console.note("Import a copy instead with `portatlas update --from FILE` (IANA's XML or CSV).")
                console.note("Until then, lookups answer from the system's services database, or from the registry already held.")
            }
            throw status
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
