import ArgumentParser
import PortRegistry
import PortReport
import PortStore

struct CheckNameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-name",
        abstract: "Is this service name valid (RFC 6335 §5.1) and free in the registry?",
        usage: "portatlas check-name <name> [--db <path>] [--json] [--color <when>]\nportatlas check-name --historical [--json]",
        discussion: """
            A service name has 1–15 letters, digits and hyphens, at least one letter, no hyphen at either end \
            and no two in a row; names compare case-insensitively.

              portatlas check-name my-service     valid and free? (exit 0)
              portatlas check-name MySQL          taken: which entry holds it
              portatlas check-name --historical   registered names that break the rules

            Exits 0 valid and free, 1 taken, 2 invalid.
            """
    )

    @Argument(help: ArgumentHelp("The service name to check.", valueName: "name"))
    var name: String?

    @Flag(name: .long, help: "List the registered names that break RFC 6335 §5.1 (kept as registered).")
    var historical = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            let reader = try RegistryReader.open(path: options.storePath)
            if historical {
                guard let reader, let version = try reader.currentVersion() else { throw WorkbenchError.noRegistry("check-name --historical") }
                let found = ServiceName.historical(in: try reader.allEntries(version: version.id))
                console.print(
                    json: .object([("count", .number(found.count)), ("historical", .array(found.map(\.json)))]),
                    text: found.map(\.line).joined(separator: "\n") + "\n\(found.count) registered names break RFC 6335 §5.1.\n"
                )
                return
            }
            guard let name else { throw WorkbenchError.missingName }
            let holders = try PortLookup(store: reader).answer(.service(name)).entries
            let check = ServiceName.Check(name: name, holders: holders)
            console.print(json: check.json, text: check.text(style: console.style))
            if check.exitStatus != 0 { throw ExitCode(check.exitStatus) }
        }
    }
}

/// What the registry workbench's commands refuse.
enum WorkbenchError: ReportableError, Equatable {
    /// A command that needs IANA's registry, run before any import.
    case noRegistry(String)
    /// `check-name` with no name.
    case missingName
    /// A file `lint` or `audit-services` cannot read.
    case unreadable(String, reason: String)
    /// A file `lint` does not know how to read.
    case unknownFileKind(String)
    /// `propose` with both `--port` and `--name-only`, or neither.
    case portOrNameOnly
    /// A `--count` outside 1…100.
    case badCount(Int)

    var description: String {
        switch self {
        case .noRegistry(let command): "\(command) needs IANA's registry: run `portatlas update` first"
        case .missingName: "give a service name to check, such as `portatlas check-name my-service`"
        case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
        case .unknownFileKind(let path):
            "'\(path)' is not a file lint reads: docker-compose*.yml, compose*.yaml, Kubernetes YAML (apiVersion:), .env, *.service, *.socket, Procfile"
        case .portOrNameOnly: "say which: --port N, or --name-only for a service name without a port (one of them)"
        case .badCount(let count): "--count \(count) is out of range: ask for 1 to 100 ports"
        }
    }

    var code: String {
        switch self {
        case .noRegistry: "noRegistry"
        case .missingName: "missingName"
        case .unreadable: "unreadable"
        case .unknownFileKind: "unknownFileKind"
        case .portOrNameOnly: "portOrNameOnly"
        case .badCount: "badCount"
        }
    }

    var exitStatus: ExitCode {
        switch self {
        case .noRegistry: ExitStatus.nothingFound
        case .unreadable: ExitStatus.noInput
        case .missingName, .unknownFileKind, .portOrNameOnly, .badCount: ExitStatus.badInput
        }
    }
}
