import ArgumentParser
import Foundation

/// The `portatlas` command: lookups, search and the registry's versions; `update` runs in `portatlas-update`.
public struct Portatlas: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "portatlas",
        abstract: "What is port N? Answers from IANA's port registry, offline and fast.",
        discussion: """
            portatlas keeps IANA's Service Name and Transport Protocol Port Number Registry in a local SQLite \
            store and answers from it: every column of every record, the RFC 6335 range, the registry's date.

              portatlas update               download IANA's registry (--from FILE: a copy)
              portatlas 3331                 everything about port 3331, with sources
              portatlas lookup 3360-3375 --protocol udp
              portatlas lookup MySQL         service names, case-insensitively
              portatlas search jupyter       products, then names, descriptions, people
              portatlas who 5432             what listens on 5432 here: process, pid
              portatlas why 5000             who holds 5000, what it is, how to free it
              portatlas check 3000           can a new app use 3000? (exit 0, 1, 2)
              portatlas wait 5432 --listening   until it listens (--free: bindable)
              portatlas listening            every listening socket here, named
              portatlas registry             which registry version answers
              portatlas history [3331]       the imported versions; one port's timeline
              portatlas diff [OLD] [NEW]     what IANA changed (default: the last two)
              portatlas export --format csv  the registry as IANA's csv|xml|html|txt
              portatlas serve                the web site and JSON API (127.0.0.1:6335)
              portatlas export-site DIR      the whole site as static files
              portatlas votes                what the site's readers voted and said
              portatlas check-name my-svc    valid (RFC 6335) and free? (exit 0, 1, 2)
              portatlas propose --name my-svc --protocol tcp --port N
              portatlas suggest --seed my-app   free ports a new app can use
              portatlas lint compose.yml .env   ports in config files, checked
              portatlas audit-services       /etc/services against the registry

            Before any registry is imported, answers come from the system's services database, labelled as such.
            Every command takes --json. Exit status: 0 found, 1 nothing found, 64 bad input, 65 bad registry \
            file, 66 no such registry version, 69 network unavailable, 73 cannot write --out, 74 store unreadable or unwritable, 75 `wait` timed out; `check`: 0 \
            good, 1 usable with warnings, 2 avoid.
            """,
        version: "0.1.0",
        subcommands: [
            LookupCommand.self, SearchCommand.self, WhoCommand.self, WhyCommand.self, CheckCommand.self, WaitCommand.self,
            ListeningCommand.self, UpdateForwarder.self, RegistryCommand.self,
            HistoryCommand.self, DiffCommand.self, ExportCommand.self,
            ServeForwarder.self, ExportForwarder.self, VotesCommand.self,
            // The registry workbench (issue 12): names, requests, suggestions, lint, services files.
            CheckNameCommand.self, ProposeCommand.self, SuggestCommand.self, LintCommand.self, AuditServicesCommand.self,
        ],
        defaultSubcommand: LookupCommand.self
    )
}

extension Portatlas {
    /// Runs the command line: `update` goes straight to its helper, everything else is parsed here.
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        // With nothing to look up, teach rather than complain about an empty query.
        guard !arguments.isEmpty else {
            main(["--help"])
            return
        }
        if let lookup = FastPath(arguments) {
            Foundation.exit(lookup.run().rawValue)
        }
        if arguments.first == "update" {
            Foundation.exit(Helper.exec("portatlas-update", arguments: Array(arguments.dropFirst())).rawValue)
        }
        if arguments.first == "serve" || arguments.first == "export-site" || VotesCommand.isForServe(arguments) {
            Foundation.exit(Helper.exec("portatlas-serve", arguments: arguments).rawValue)
        }
        main(arguments)
    }
}
