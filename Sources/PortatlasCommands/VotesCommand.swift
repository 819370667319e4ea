import ArgumentParser
import Foundation
import PortRegistry
import PortReport
import PortStore

public struct VotesCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "votes",
        abstract: "What readers of your site said: \"Was this page helpful?\" tallies and comments.",
        usage: """
            portatlas votes [--port <n>] [--since <date>] [--csv] [--votes <url>]
            [--db <path>] [--json] [--color <when>]
            portatlas votes migrate --from-sqlite <path> --to <url>
            """,
        discussion: """
            Reads the votes `portatlas serve` stored: a tally per page and every comment, oldest first. \
            Votes name no one: the store keeps no address, and the keys that limit votes are deleted after a day.

              portatlas votes                       every page
              portatlas votes --port 3331           one port's page
              portatlas votes --since 2026-11-01    from that day on (UTC)
              portatlas votes --csv > votes.csv     every vote, one row each, for a spreadsheet
              portatlas votes --votes postgres://portatlas@db.example/portatlas
                                                    the votes replicas keep in PostgreSQL
                                                    (or set PORTATLAS_VOTES_URL)
              portatlas votes migrate --from-sqlite portatlas.sqlite --to postgres://…
                                                    move a store's votes to PostgreSQL (again: adds nothing)

            Exits 1 when there are no votes.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Only this port's page.", valueName: "n"))
    var port: String?

    @Option(name: .long, help: ArgumentHelp("Only votes from this day on (YYYY-MM-DD, UTC).", valueName: "date"))
    var since: String?

    @Flag(name: .long, help: "Print every vote as CSV: date, page, port, language, helpful, comment.")
    var csv = false

    @Option(name: .long, help: ArgumentHelp("The votes' PostgreSQL URL, when replicas keep them there.", valueName: "url"))
    var votes: String?

    @OptionGroup var options: GlobalOptions

    /// PostgreSQL is reached from `portatlas-serve`, which links a database client; this binary does not.
    static func isForServe(_ arguments: [String]) -> Bool {
        guard arguments.first == "votes" else { return false }
        let rest = arguments.dropFirst()
        let environment = ProcessInfo.processInfo.environment["PORTATLAS_VOTES_URL"] ?? ""
        return rest.first == "migrate" || rest.contains { $0 == "--votes" || $0.hasPrefix("--votes=") } || !environment.isEmpty
    }

    public func run() throws {
        let console = options.console
        try console.reporting {
            if csv && options.json { throw UsageError.oneFormatOnly }
            let port = try port.map(Self.port)
            let since = try since.map(Self.day)
            let votes = try RegistryReader.open(path: options.storePath)?.votes(page: port.map { "/ports/\($0)" }, since: since) ?? []
            let report = VoteReport(votes: votes, port: port, since: since)
            console.print(json: report.json, text: csv ? report.csv : report.text(style: console.style))
            if votes.isEmpty { throw ExitStatus.nothingFound }
        }
    }

    public static func port(_ text: String) throws -> UInt16 {
        guard case .port(let port) = try PortQuery(parsing: text) else { throw RegistryError.malformedPort(text) }
        return port
    }

    /// Midnight UTC of `YYYY-MM-DD`.
    public static func day(_ text: String) throws(UsageError) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.isLenient = false
        guard text.count == 10, let date = formatter.date(from: text) else { throw .malformedDate(text) }
        return date
    }
}
