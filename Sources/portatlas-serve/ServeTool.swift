import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PortKnowledge
import PortRegistry
import PortReport
import PortServer
import PortStore
import PortWeb
import PortatlasCommands

@main
struct ServeTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portatlas-serve",
        abstract: "The portatlas web site: serve it, or export it as static files.",
        version: Portatlas.configuration.version,
        subcommands: [ServeCommand.self, ExportSiteCommand.self, VotesTool.self]
    )
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: ServeHelp.abstract,
        usage: """
            portatlas serve [--host <host>] [--port <port>] [--base-url <url>]
            [--knowledge <path> ...] [--trusted-proxy <cidr> ...] [--verbose]
            [--votes <url>] [--vote-key <path>]
            [--db <path>] [--json] [--color <when>]
            """,
        discussion: ServeHelp.discussion
    )

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port = ServerConfiguration.defaultPort

    @Option(name: .long, help: ArgumentHelp("The site's public address, for canonical links and the sitemap.", valueName: "url"))
    var baseURL = ""

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            "A reverse proxy (an address or a CIDR block) whose Forwarded or X-Forwarded-For header names the client; repeatable.",
            valueName: "cidr"
        )
    )
    var trustedProxies: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keep votes in PostgreSQL, shared by replicas (default: $PORTATLAS_VOTES_URL, else the store's file).",
            valueName: "url"
        )
    )
    var votes: String?

    @Option(
        name: .customLong("vote-key"),
        help: ArgumentHelp("The vote limits' secret (made when missing); replicas sharing votes need the same file.", valueName: "path")
    )
    var voteKey: String?

    @Option(name: .long, help: .hidden)
    var readConnections = ReaderPool.defaultSize

    @Flag(name: .shortAndLong, help: "Log every request.")
    var verbose = false

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = options.console
        var logger = Logger(label: "portatlas.serve")
        logger.logLevel = verbose ? .debug : .info
        guard (0...65535).contains(port) else { throw console.fail(RegistryError.portOutOfRange(String(port))) }
        let proxies: [AddressBlock]
        do {
            proxies = try trustedProxies.map { text throws(ServerError) in try AddressBlock(parsing: text) }
        } catch {
            throw console.fail(error)
        }
        let configuration = ServerConfiguration(
            host: host,
            port: port,
            storePath: options.storePath,
            baseURL: baseURL,
            knowledge: knowledge,
            trustedProxies: proxies,
            readConnections: readConnections,
            voteKeyPath: voteKey
        )
        let shown = host.contains(":") ? "[\(host)]" : host
        do {
            let shared = try VoteLocation.postgres(votes, logger: logger)
            let app = try buildApplication(configuration, logger: logger, votes: shared) { bound in
                console.note("portatlas: serving http://\(shown):\(bound)/ (Ctrl-C stops)")
            }
            try await app.runService()
        } catch {
            throw console.fail(error)
        }
    }
}

struct ExportSiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-site",
        abstract: ExportHelp.abstract,
        usage: """
            portatlas export-site <dir> [--base-url <url>] [--knowledge <path> ...]
            [--db <path>] [--json] [--color <when>]
            """,
        discussion: ExportHelp.discussion
    )

    @Argument(help: ArgumentHelp("The folder to write the site into (created if missing).", valueName: "dir"))
    var folder: String

    /// Only these port pages (scripts/cluster-test: a debug build writes all 131,072 in minutes).
    @Option(name: .long, help: .hidden)
    var ports: String?

    @Option(name: .long, help: ArgumentHelp("The site's public address, for canonical links and the sitemap.", valueName: "url"))
    var baseURL = ""

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = options.console
        do {
            let started = ContinuousClock.now
            let store = try RegistryStore(path: options.storePath)
            let resources = try SiteResources.load()
            let curated = try KnowledgeBase.load(.init(extra: knowledge))
            let pages = try SitePages(
                site: Site(languages: resources.languages, baseURL: baseURL, products: curated.products),
                store: store,
                knowledge: curated
            )
            guard try pages.refresh() != nil else { throw ExportError.noRegistry }
            var span: ClosedRange<UInt16> = 0...65535
            if let ports {
                guard case .span(let parsed) = try PortQuery(parsing: ports) else { throw RegistryError.malformedPort(ports) }
                span = parsed.start...parsed.end
            }
            let summary = try await SiteExport(pages: pages, resources: resources).write(to: folder, ports: span) { done, total in
                console.progress("Writing port pages: \(done.grouped) of \(total.grouped) ports (\(done * 100 / total)%)")
            }
            console.endProgress()
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            console.print(
                json: .object([
                    ("folder", .string(folder)), ("files", .number(summary.files)), ("bytes", .number(summary.bytes)),
                    ("seconds", .number(Int(seconds.rounded()))),
                ]),
                text: "Wrote \(summary.files.grouped) files, \(summary.bytes / 1_000_000) MB, to \(folder) in \(String(format: "%.1f", seconds)) s.\n"
            )
        } catch {
            console.endProgress()
            throw console.fail(error)
        }
    }

    enum ExportError: Error, CustomStringConvertible {
        case noRegistry
        var description: String { "no registry is imported: run `portatlas update` first" }
    }
}

extension ServerError: ReportableError {
    public var code: String {
        switch self {
        case .malformedAddressBlock: "malformedAddressBlock"
        case .voteKeyUnreadable, .voteKeyUnsafe: "voteKey"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .malformedAddressBlock: ExitStatus.badInput
        case .voteKeyUnreadable, .voteKeyUnsafe: ExitStatus.storeError
        }
    }
}
