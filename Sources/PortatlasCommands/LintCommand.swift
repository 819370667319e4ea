import ArgumentParser
import Foundation
import PortAdvice
import PortRegistry
import PortReport
import PortStore

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Ports in compose files, .env, Kubernetes manifests, systemd units, Procfiles.",
        usage: "portatlas lint <path> ... [--knowledge <path> ...]\n[--db <path>] [--json] [--color <when>]",
        discussion: """
            Reports per port: registered to another service, in the dynamic or an OS ephemeral range, blocked \
            by browsers, claimed twice on the host across the files (file:line). A folder is searched for the \
            files it knows by name. A line scanner, not a YAML parser: anchors, flow lists and ${VARS} are skipped.

              portatlas lint docker-compose.yml .env
              portatlas lint deploy/ --json

            Exits 0 with no findings, 1 with findings, 64 for a file it cannot read as config, 66 unreadable.
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to lint.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("A knowledge file or folder of your own (repeatable).", valueName: "path"))
    var knowledge: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            var mentions: [PortMention] = []
            var files: [String] = []
            for path in try Self.files(in: paths) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw WorkbenchError.unreadable(path, reason: "no such file, or no permission")
                }
                let text = String(decoding: data, as: UTF8.self)
                guard let kind = ConfigScanner.kind(path: path, text: text) else { throw WorkbenchError.unknownFileKind(path) }
                files.append(path)
                mentions += ConfigScanner.scan(text, kind: kind, file: path)
            }
            let lookup = PortLookup(store: try RegistryReader.open(path: options.storePath))
            let curated = try loadKnowledge(extra: knowledge)
            let lint = try PortLint(mentions: mentions) { port, transport in
                try PortVerdict.judge(port: port, transport: transport, lookup: lookup, knowledge: curated, machine: nil)
            }
            console.print(json: lint.json(files: files), text: lint.text(style: console.style))
            if lint.findingCount > 0 { throw ExitStatus.nothingFound }
        }
    }

    /// The paths given, with folders replaced by the files in them that lint knows by name.
    static func files(in paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw WorkbenchError.unreadable(path, reason: "no such file or folder")
            }
            guard isFolder.boolValue else {
                found.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var inside: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { $0 == ".git" || $0 == "node_modules" || $0 == ".build" }) { continue }
                let full = (path as NSString).appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: full) else { continue }
                if ConfigScanner.kind(path: full, text: String(decoding: data, as: UTF8.self)) != nil { inside.append(full) }
            }
            found += inside.sorted()
        }
        return found
    }
}
