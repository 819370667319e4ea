import ArgumentParser
import Foundation
import PortStore

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
    public init() {}

    @Option(name: .long, help: ArgumentHelp("The store's SQLite file (default: $XDG_DATA_HOME/portatlas/portatlas.sqlite).", valueName: "path"))
    public var db: String?

    @Flag(name: .long, help: "Print JSON on stdout (errors too, as {\"error\": …}).")
    public var json = false

    @Option(name: .long, help: ArgumentHelp("Colour on a terminal; NO_COLOR is honoured.", valueName: "when"))
    public var color: ColourChoice = .auto

    public enum ColourChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    /// The store's path: `--db`, else the default in the user's data folder.
    public var storePath: String { db ?? RegistryStore.defaultPath() }

    /// Where output goes, styled for it.
    public var console: Console { Console(json: json, colour: color) }
}
