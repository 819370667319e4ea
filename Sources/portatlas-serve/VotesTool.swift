import ArgumentParser
import Foundation
import Logging
import PortReport
import PortStore
import PortVotesPostgres
import PortatlasCommands

/// Where votes are: `--votes URL`, else `PORTATLAS_VOTES_URL`, else the store's own file.
enum VoteLocation {
    static let environment = "PORTATLAS_VOTES_URL"

    /// The PostgreSQL store `option` (or the environment) names; `nil` for the store's own file.
    static func postgres(_ option: String?, logger: Logger) throws(VoteStoreError) -> PostgresVotes? {
        guard let url = option ?? ProcessInfo.processInfo.environment[environment].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        return try PostgresVotes(url: url, logger: logger)
    }

    /// Runs `body` with the store's pool running beside it.
    static func using<T: Sendable>(_ votes: PostgresVotes, _ body: @Sendable @escaping () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await votes.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}

/// `portatlas votes` when the votes are in PostgreSQL (`portatlas` hands it here, since the lookup binary links
/// no database client), and `portatlas votes migrate`.
struct VotesTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "votes",
        abstract: "What readers of your site said, from PostgreSQL or the store; and moving votes to PostgreSQL.",
        subcommands: [VotesReportCommand.self, VotesMigrateCommand.self],
        defaultSubcommand: VotesReportCommand.self
    )
}

struct VotesReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tallies and comments, as `portatlas votes` prints them.",
        shouldDisplay: false
    )

    @Option(name: .long, help: ArgumentHelp("The votes' PostgreSQL URL (default: $PORTATLAS_VOTES_URL).", valueName: "url"))
    var votes: String?

    @Option(name: .long, help: ArgumentHelp("Only this port's page.", valueName: "n"))
    var port: String?

    @Option(name: .long, help: ArgumentHelp("Only votes from this day on (YYYY-MM-DD, UTC).", valueName: "date"))
    var since: String?

    @Flag(name: .long, help: "Print every vote as CSV: date, page, port, language, helpful, comment.")
    var csv = false

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = options.console
        if csv && options.json { throw console.fail(UsageError.oneFormatOnly) }
        do {
            let port = try port.map(VotesCommand.port)
            let since = try since.map(VotesCommand.day)
            let page = port.map { "/ports/\($0)" }
            let found: [StoredVote]
            if let postgres = try VoteLocation.postgres(votes, logger: Logger(label: "portatlas.votes")) {
                found = try await VoteLocation.using(postgres) { try await postgres.votes(page: page, since: since) }
            } else {
                found = try RegistryReader.open(path: options.storePath)?.votes(page: page, since: since) ?? []
            }
            let report = VoteReport(votes: found, port: port, since: since)
            console.print(json: report.json, text: csv ? report.csv : report.text(style: console.style))
            if found.isEmpty { throw ExitStatus.nothingFound }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw console.fail(error)
        }
    }
}

struct VotesMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move the votes of an SQLite store to PostgreSQL; running it again adds nothing.",
        usage: """
            portatlas votes migrate --from-sqlite <path> --to <url>
            [--db <path>] [--json] [--color <when>]
            """,
        discussion: """
            Reads every vote in the SQLite store and adds those PostgreSQL does not hold yet, in one transaction, \
            then prints how many were read, added and already there. The limits' client keys are not moved: they \
            last a day and belong to the old server's secret.
            """
    )

    @Option(name: .customLong("from-sqlite"), help: ArgumentHelp("The SQLite store whose votes to move.", valueName: "path"))
    var source: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The PostgreSQL URL to move them to.", valueName: "url"))
    var target: String

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = options.console
        do {
            guard FileManager.default.fileExists(atPath: source), let reader = try RegistryReader.open(path: source) else {
                throw StoreError.cannotOpen(path: source, reason: "no portatlas store is there")
            }
            let votes = try reader.votes()
            let postgres = try PostgresVotes(url: target, logger: Logger(label: "portatlas.votes"))
            let summary = try await VoteLocation.using(postgres) { try await postgres.importVotes(votes) }
            console.print(
                json: .object([
                    ("from", .string(source)), ("to", .string(postgres.location.shown)), ("read", .number(summary.read)),
                    ("added", .number(summary.added)), ("alreadyThere", .number(summary.alreadyThere)),
                ]),
                text:
                    "Read \(summary.read) votes from \(source); added \(summary.added) to \(postgres.description), \(summary.alreadyThere) were there already.\n"
            )
        } catch {
            throw console.fail(error)
        }
    }
}

extension VoteStoreError: ReportableError {
    public var code: String {
        switch self {
        case .malformedLocation: "malformedVotesURL"
        case .unavailable: "votesUnavailable"
        case .store(let error): error.code
        case .failed: "votesFailed"
        }
    }

    public var exitStatus: ExitCode {
        switch self {
        case .malformedLocation: ExitStatus.badInput
        case .unavailable: ExitStatus.unavailable
        case .store(let error): error.exitStatus
        case .failed: ExitStatus.storeError
        }
    }
}
