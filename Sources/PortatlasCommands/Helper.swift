import ArgumentParser
import Foundation

/// The commands that need the network or a server live in companion executables beside `portatlas`
/// (`portatlas-update`), the way git keeps `git-remote-https` apart: the lookup binary then links no
/// HTTP stack, and starts in a fraction of the time (README, "Speed").
public enum Helper {
    /// Replaces this process with the helper `name` beside the running executable, passing `arguments` on.
    /// Returns only when the helper cannot be started, with the exit status to end with.
    public static func exec(_ name: String, arguments: [String]) -> ExitCode {
        let directory = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
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
