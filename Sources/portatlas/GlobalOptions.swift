import ArgumentParser
import Foundation
import PortStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store's SQLite file.", discussion: "Default: $XDG_DATA_HOME/portatlas/portatlas.sqlite.", valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Print JSON on stdout (errors too, as {\"error\": …}).")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Colour: auto, always or never.", valueName: "when"))
    var color: ColourChoice = .auto

    enum ColourChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    /// The store's path: `--db`, else the default in the user's data folder.
    var storePath: String { db ?? RegistryStore.defaultPath() }

    /// Where output goes, styled for it.
    var console: Console { Console(json: json, colour: color) }
}
