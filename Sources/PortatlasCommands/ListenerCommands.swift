import ArgumentParser
import PortListeners
import PortRegistry
import PortReport
import PortStore

struct WhoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who",
        abstract: "What is listening on a port on this machine: protocol, address, process, pid, user, since when.",
        discussion: """
            Reads the kernel's socket tables (/proc on Linux, lsof on macOS). Sockets held by another user's \
            processes are listed with their owner's name and marked as not visible: run as root to see the process. \
            Exits 0 when something listens, 1 when nothing does.
            """
    )

    @Argument(help: ArgumentHelp("The port, 0–65535.", valueName: "port"))
    var port: String

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let status = Self.perform(port, storePath: options.storePath, console: options.console)
        if status != .success { throw status }
    }

    /// Scans, prints and returns the exit status. `portatlas who N` comes here straight, without the
    /// argument parser, when its arguments are plain (see `FastPath`).
    static func perform(_ port: String, storePath: String, console: Console) -> ExitCode {
        do {
            let number = try PortSpan.port(parsing: port)
            let report = try ListenerReport(port: number, lookup: PortLookup(store: try RegistryReader.open(path: storePath)))
            console.print(json: report.json, text: report.text(style: console.style))
            return report.listeners.isEmpty ? ExitStatus.nothingFound : .success
        } catch {
            return console.fail(error)
        }
    }
}

struct ListeningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listening",
        abstract: "Every listening TCP socket and bound UDP socket on this machine, each with its registry name."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = options.console
        try console.reporting {
            let report = try ListenerReport(port: nil, lookup: PortLookup(store: try RegistryReader.open(path: options.storePath)))
            console.print(json: report.json, text: report.text(style: console.style))
        }
    }
}
