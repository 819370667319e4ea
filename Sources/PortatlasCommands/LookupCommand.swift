import ArgumentParser
import Foundation
import PortKnowledge
import PortListeners
import PortRegistry
import PortReport
import PortStore

struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "What port N is: the registry's word, the range, who really uses it, neighbours, security, listeners.",
        usage: """
            portatlas lookup <query> [--protocol <protocol>] [--brief]
            [--no-listeners] [--knowledge <path> ...] [--db <path>] [--json]
            [--color <when>]
            """,
        discussion: """
            QUERY is a port (3331), a range (3360-3375) or a service name (mysql, compared case-insensitively). \
            `portatlas N` is short for `portatlas lookup N`.

            For one port the answer is the full report, in seven sections: the registry's word (every entry, \
            per protocol, people resolved), the range (RFC 6335) and the common ephemeral ranges, what actually \
            uses the port (curated facts, each with its source, and any collision with the registry), neighbours \
            and clusters, a security note, what is listening here now and how to check by hand, and the sources. \
            --brief gives the registry's word alone. Ranges and names get the registry's entries.

            A port inside a registered range, such as 3368 in 3367-3371, finds the range's entry. Entries that \
            name no protocol are shown whatever --protocol says.

            Curated facts come from the knowledge files that ship with portatlas, every *.txt file in \
            $XDG_CONFIG_HOME/portatlas/knowledge (~/.config/portatlas/knowledge), and each --knowledge PATH. \
            An entry is a block of `key: value` lines: ports, protocol, product, purpose, source, url and \
            retrieved (YYYY-MM-DD) at least; the README describes every key.
            """
    )

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("A port, a range or a service name.", valueName: "query"))
    var query: [String] = []

    @Option(name: [.customShort("p"), .long], help: ArgumentHelp("Only this transport protocol.", valueName: "protocol"))
    var `protocol`: TransportProtocol?

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own, beside the bundled ones (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @Flag(name: .long, help: "Leave out what is listening on this machine.")
    var noListeners = false

    @Flag(name: .long, help: "The registry's word only, without the rest of the report.")
    var brief = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        guard !query.isEmpty else { throw CleanExit.helpRequest(self) }
        // The query is collected unparsed so that `-1` reaches the range check; what else looks like an option is one.
        if let option = query.first(where: { $0.hasPrefix("--") || ($0.hasPrefix("-") && query.count > 1) }) {
            throw options.console.fail(UsageError.unknownOption(option, command: "lookup"))
        }
        guard query.count <= 1 else { throw options.console.fail(UsageError.oneQueryOnly(query)) }
        let status = Self.perform(
            query.first ?? "",
            transport: `protocol`,
            storePath: options.storePath,
            console: options.console,
            report: ReportChoice(brief: brief, knowledge: knowledge, listeners: !noListeners)
        )
        if status != .success { throw status }
    }

    /// Answers one query and prints the answer; returns the exit status. `portatlas N` comes here straight,
    /// without the argument parser, when its arguments are plain (see `FastPath`).
    static func perform(_ query: String, transport: TransportProtocol?, storePath: String, console: Console, report: ReportChoice) -> ExitCode {
        do {
            let parsed = try PortQuery(parsing: query)
            let store = try RegistryReader.open(path: storePath)
            let lookup = PortLookup(store: store)
            if case .port(let port) = parsed, !report.brief {
                // The environment once: each read of it builds a dictionary.
                let environment = ProcessInfo.processInfo.environment
                let sources = KnowledgeBase.Sources(
                    bundledFolder: KnowledgeBase.bundledFolder(environment: environment),
                    configFolder: KnowledgeBase.configFolder(environment: environment),
                    extra: report.knowledge
                )
                let knowledge = try KnowledgeIndex.load(sources, cacheFolder: KnowledgeIndex.cacheFolder(environment: environment))
                let whole = try WhatPortIs.compose(
                    port: port,
                    transport: transport,
                    lookup: lookup,
                    knowledge: knowledge,
                    scanner: report.listeners ? ListenerScanner() : nil
                )
                console.print(json: whole.json, text: whole.text(style: console.style, width: console.width))
                return whole.registry.isListed ? .success : ExitStatus.nothingFound
            }
            let answer = try lookup.answer(parsed, transport: transport)
            // A port the registry does not list is an answer; a name it does not list is most likely a typo.
            if case .service(let name) = parsed, !answer.isListed {
                throw UsageError.unknownName(name, where: answer.source.notListed)
            }
            console.print(json: answer.json, text: answer.text(style: console.style))
            return answer.isListed ? .success : ExitStatus.nothingFound
        } catch {
            return console.fail(error)
        }
    }
}

/// What a port's answer holds: the whole report (the default), or `--brief`, the registry's word alone.
struct ReportChoice {
    var brief = false
    /// `--knowledge` paths.
    var knowledge: [String] = []
    /// Whether to look at this machine's listeners.
    var listeners = true
}

extension TransportProtocol: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
