import PortRegistry

/// A curated, cited statement about the program behind a listening socket: how to recognise it (its
/// executable, words of its command line, its systemd unit) and how to free the port it holds.
///
/// Process facts come from `processes/*.txt` in a knowledge folder (see `ProcessFile`). Each names a product of
/// the catalogue and the one document that says what the block says.
public struct ProcessFact: Sendable, Hashable {
    /// The product, exactly as the catalogue names it.
    public var product: String
    /// The operating system the block is about; `nil` for any.
    public var system: OperatingSystem?
    /// Executable names that identify the product (the basename of `/proc/PID/exe`, or `comm`; lsof's name on
    /// macOS; `System` for Windows' PID 4). Any one of them is enough.
    public var executables: [String]
    /// Command lines that identify the product, each a list of words that must appear in this order. Any one
    /// of them is enough.
    public var commands: [[String]]
    /// systemd units that identify the product. Any one of them is enough.
    public var units: [String]
    /// The ports the block applies to; empty for any port.
    public var ports: [PortSpan]
    /// How to free the port, in the knowledge's own words.
    public var free: String?
    /// Commands that free (or move) the port.
    public var run: [String]
    /// Anything else worth saying (exposure, firewalls).
    public var note: String?
    /// The document the block comes from.
    public var source: Citation
    /// Which file, and where in it, the block was read from.
    public var origin: Origin

    public init(
        product: String,
        system: OperatingSystem? = nil,
        executables: [String] = [],
        commands: [[String]] = [],
        units: [String] = [],
        ports: [PortSpan] = [],
        free: String? = nil,
        run: [String] = [],
        note: String? = nil,
        source: Citation,
        origin: Origin
    ) {
        self.product = product
        self.system = system
        self.executables = executables
        self.commands = commands
        self.units = units
        self.ports = ports
        self.free = free
        self.run = run
        self.note = note
        self.source = source
        self.origin = origin
    }

    /// Whether the block says how to recognise a process (it has an executable, a command or a unit).
    public var isSignature: Bool { !executables.isEmpty || !commands.isEmpty || !units.isEmpty }

    /// Whether the block says how to free the port.
    public var freesPort: Bool { free != nil || !run.isEmpty }

    /// Whether the block applies on `port` (a block without `ports` applies on every port).
    public func applies(on port: UInt16) -> Bool {
        ports.isEmpty || ports.contains { $0.contains(port) }
    }

    /// Whether the block applies on `system` (a block without `os` applies on every system).
    public func applies(on system: OperatingSystem) -> Bool {
        self.system == nil || self.system == system
    }
}

/// The operating systems process knowledge distinguishes.
public enum OperatingSystem: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case linux
    case macos
    case windows

    /// The system this program was built for.
    public static var current: OperatingSystem {
        #if os(macOS)
        .macos
        #elseif os(Windows)
        .windows
        #else
        .linux
        #endif
    }

    /// The system's name for people: Linux, macOS, Windows.
    public var description: String {
        switch self {
        case .linux: "Linux"
        case .macos: "macOS"
        case .windows: "Windows"
        }
    }
}
