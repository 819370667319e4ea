import ArgumentParser
import Foundation

/// The commands that need the network or a server live in companion executables beside `portatlas`
/// (`portatlas-update`), the way git keeps `git-remote-https` apart: the lookup binary then links no
/// HTTP stack, and starts in a fraction of the time (README, "Speed").
public enum Helper {
    /// Replaces this process with the helper `name` beside the running executable, passing `arguments` on.
    /// Returns only when the helper cannot be started, with the exit status to end with.
    public static func exec(_ name: String, arguments: [String]) -> ExitCode {
        let directory =
            Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let path = directory.appendingPathComponent(name).path
        let argv = [path] + arguments
        var cArguments = argv.map { strdup($0) }
        cArguments.append(nil)
        execv(path, cArguments)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("portatlas: error: cannot start \(path): \(reason); install \(name) beside portatlas\n".utf8))
        return ExitStatus.software
    }
}

/// What `portatlas update` does, told once for both the listing in `portatlas --help` and the helper's own help.
public enum UpdateHelp {
    public static let abstract = "Download IANA's registry, or import a copy, and say what changed."
    public static let discussion = """
        Without --from, downloads the registry's XML from IANA with a conditional GET: when IANA has \
        nothing newer, nothing is downloaded. --from takes a file path or an http(s) URL of IANA's XML or \
        CSV (the format is told from the content). The file is checked whole before anything is stored: \
        a truncated or damaged file is refused with its line number and the previous registry stays current. \
        Every import is kept as a version; `portatlas registry --use N` goes back to one. --check reads and \
        checks a file without storing it.
        """
}

/// Stands for `update` in `portatlas --help`; `portatlas update …` itself is handed to `portatlas-update`.
struct UpdateForwarder: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: UpdateHelp.abstract, discussion: UpdateHelp.discussion)

    @Argument(parsing: .allUnrecognized, help: "Options of portatlas-update (see `portatlas update --help`).")
    var arguments: [String] = []

    func run() throws {
        throw Helper.exec("portatlas-update", arguments: arguments)
    }
}

/// What `portatlas serve` does, told once for `portatlas --help` and the helper's own help.
public enum ServeHelp {
    public static let abstract = "Serve the \"What port N is\" site and its JSON API (on 127.0.0.1:6335 by default)."
    public static let discussion = """
        Every port's page in English and Ukrainian (/en/ports/3331, /uk/ports/3331; without a prefix, the \
        browser's language), ranges, services, search, the registry table with its people and downloads, a \
        "Was this page helpful?" vote stored in the store, the JSON API under /api/v1 (described at \
        /openapi.json), /healthz and /metrics. Listens on loopback unless --host says otherwise.
        """
}

/// What `portatlas export-site` does.
public enum ExportHelp {
    public static let abstract = "Write the whole site as static files, ready for any static host."
    public static let discussion = """
        Every port page 0-65535 in every language, the home, range and registry pages, the sitemap, \
        robots.txt, the stylesheet, the OpenAPI document and the registry's CSV and XML, as \
        <path>/index.html files with the bytes `portatlas serve` sends. Votes need a running \
        `portatlas serve`: point the static host's POST /*/ports/*/vote at it.
        """
}

/// Stands for `serve` in `portatlas --help`; handed to `portatlas-serve`.
struct ServeForwarder: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: ServeHelp.abstract, discussion: ServeHelp.discussion)

    @Argument(parsing: .allUnrecognized, help: "Options of `portatlas serve` (see `portatlas serve --help`).")
    var arguments: [String] = []

    func run() throws {
        throw Helper.exec("portatlas-serve", arguments: ["serve"] + arguments)
    }
}

/// Stands for `export-site` in `portatlas --help`; handed to `portatlas-serve`.
struct ExportForwarder: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export-site", abstract: ExportHelp.abstract, discussion: ExportHelp.discussion)

    @Argument(parsing: .allUnrecognized, help: "Options of `portatlas export-site` (see `portatlas export-site --help`).")
    var arguments: [String] = []

    func run() throws {
        throw Helper.exec("portatlas-serve", arguments: ["export-site"] + arguments)
    }
}
