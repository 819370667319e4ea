import ArgumentParser
import Foundation
import PortRegistry
import PortReport
import PortStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "The loaded registry in IANA's formats: CSV, XML, HTML or plain text.",
        usage: """
            portatlas export --format <format> [--out <file>] [--db <path>]
            [--json] [--color <when>]
            """,
        discussion: """
            Writes the current registry version as IANA publishes it. The site's /registry.csv, .xml, .html \
            and .txt are the same bytes. IANA's CSV, imported and exported, comes back byte for byte.

              portatlas export --format csv > ports.csv
              portatlas export --format xml --out registry.xml
              portatlas export --format txt | less

            Exits 1 before any registry is imported, 73 when --out cannot be written.
            """
    )

    @Option(name: .long, help: ArgumentHelp("csv, xml, html or txt.", valueName: "format"))
    var format: RegistryExportFormat

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var out: String?

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            guard let store = try RegistryReader.open(path: options.storePath), let version = try store.currentVersion(),
                let document = try store.currentDocument()
            else {
                throw VersionError.noneImported(store: options.storePath)
            }
            let bytes = format.encode(document)
            if let out {
                do {
                    try Data(bytes.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                } catch {
                    throw ExportError.cannotWrite(path: out, reason: Self.reason(error))
                }
                console.print(
                    json: .object([
                        ("format", .string(format.rawValue)), ("out", .string(out)), ("bytes", .number(bytes.utf8.count)),
                        ("registry", version.json()),
                    ]),
                    text: ""
                )
                console.note(
                    "Wrote \(out): \(bytes.utf8.count.grouped) bytes, the registry of \(version.updated ?? "unknown date") as \(format.rawValue)."
                )
            } else if options.json {
                console.print(
                    json: .object([("format", .string(format.rawValue)), ("registry", version.json()), ("content", .string(bytes))]),
                    text: ""
                )
            } else {
                FileHandle.standardOutput.write(Data(bytes.utf8))
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying.map({ Int32($0.code) }), underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(code)).lowercased()
        }
        return (error as NSError).localizedDescription
    }
}

extension RegistryExportFormat: ExpressibleByArgument {}

/// What can go wrong writing an export.
public enum ExportError: ReportableError, Equatable {
    /// The file cannot be written: its path and why.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }

    public var code: String { "cannotWrite" }
    public var exitStatus: ExitCode { ExitStatus.cannotCreate }
}
