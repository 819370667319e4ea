import ArgumentParser
import Logging
import PortReport
import PortStore
import PortUpdate

struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download IANA's registry, or import a copy, and say what changed.",
        discussion: """
            Without --from, downloads the registry's XML from IANA with a conditional GET: when IANA has \
            nothing newer, nothing is downloaded. --from takes a file path or an http(s) URL of IANA's XML or \
            CSV (the format is told from the content). The file is checked whole before anything is stored: \
            a truncated or damaged file is refused with its line number and the previous registry stays current. \
            Every import is kept as a version; `portatlas registry --use N` goes back to one.
            """)

    @Option(name: .long, help: ArgumentHelp("A registry file or URL (XML or CSV) instead of IANA's.", valueName: "file-or-url"))
    var from: String?

    @Option(name: .long, help: "Give up on a download after this many seconds.")
    var timeout = 60

    @Flag(name: .shortAndLong, help: "Log each step of the download and import on stderr.")
    var verbose = false

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = options.console
        var logger = Logger(label: "portatlas.update")
        logger.logLevel = verbose ? .debug : .warning
        do {
            let store = try RegistryStore(path: options.storePath)
            let downloader = RegistryDownloader(timeout: .seconds(max(1, timeout)), logger: logger)
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
