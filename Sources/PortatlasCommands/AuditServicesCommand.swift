import ArgumentParser
import Foundation
import PortRegistry
import PortReport
import PortStore

struct AuditServicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-services",
        abstract: "A services(5) file against the current registry.",
        usage: "portatlas audit-services [<file>] [--db <path>] [--json] [--color <when>]",
        discussion: """
            Lines whose service was renamed, de-assigned, is registered elsewhere (wrong) or not at all \
            (unregistered), and the System-port assignments the file lacks (missing).

              portatlas audit-services                 /etc/services
              portatlas audit-services ./services --json

            Exits 0 when the file agrees with the registry, 1 with findings.
            """
    )

    @Argument(help: ArgumentHelp("The services file (default: /etc/services).", valueName: "file"))
    var file: String = "/etc/services"

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw WorkbenchError.unreadable(file, reason: "no such file, or no permission")
            }
            guard let reader = try RegistryReader.open(path: options.storePath), let version = try reader.currentVersion() else {
                throw WorkbenchError.noRegistry("audit-services")
            }
            let audit = ServicesAudit(
                file: ServicesFile.decode(String(decoding: data, as: UTF8.self)),
                registry: try reader.allEntries(version: version.id)
            )
            console.print(json: audit.json(file: file), text: audit.text(file: file, style: console.style))
            if !audit.findings.isEmpty || !audit.missing.isEmpty { throw ExitStatus.nothingFound }
        }
    }
}
