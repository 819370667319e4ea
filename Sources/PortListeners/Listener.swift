import PortRegistry

/// A socket on this machine that accepts traffic: a listening TCP socket or a bound UDP socket.
public struct Listener: Sendable, Hashable {
    /// The transport: `.tcp` or `.udp`.
    public var transport: TransportProtocol
    /// The local address as people write it: `127.0.0.1`, `0.0.0.0`, `::1`, `::`.
    public var address: String
    /// The local port.
    public var port: UInt16
    /// Whether the socket is IPv6 (an IPv6 socket bound to `::` usually takes IPv4 too).
    public var isIPv6: Bool
    /// The kernel's socket inode, which ties the socket to the processes holding it.
    public var inode: UInt64
    /// The numeric id of the socket's owner.
    public var uid: UInt32
    /// The owner's user name, when the system knows it.
    public var user: String?
    /// The processes holding the socket; empty when none could be seen (see `ownerHidden`).
    public var processes: [Process]
    /// True when the processes holding the socket could not be seen: they belong to another user and
    /// this one may not look into them. They are not absent, only hidden.
    public var ownerHidden: Bool

    /// A process that holds a socket.
    public struct Process: Sendable, Hashable {
        public var pid: Int32
        /// The process's command name.
        public var command: String
        /// Its full command line, when readable.
        public var commandLine: String?
        /// When it started, seconds since 1970, when known.
        public var startedAt: Int64?
        /// The program file it runs (`/proc/PID/exe`), when readable.
        public var executable: String?
        /// Its command line, one argument an element, when readable.
        public var arguments: [String]
        /// The systemd unit it runs in, from `/proc/PID/cgroup`.
        public var unit: String?
        /// Whether that unit is a user's own service (`systemctl --user`), not the system's.
        public var isUserUnit: Bool
        /// The container it runs in, from `/proc/PID/cgroup`.
        public var container: Container?

        public init(
            pid: Int32,
            command: String,
            commandLine: String? = nil,
            startedAt: Int64? = nil,
            executable: String? = nil,
            arguments: [String] = [],
            unit: String? = nil,
            isUserUnit: Bool = false,
            container: Container? = nil
        ) {
            self.pid = pid
            self.command = command
            self.commandLine = commandLine
            self.startedAt = startedAt
            self.executable = executable
            self.arguments = arguments
            self.unit = unit
            self.isUserUnit = isUserUnit
            self.container = container
        }

        /// The names the process goes by: its executable's file name, then its command name, each once.
        public var names: [String] {
            var names: [String] = []
            if let executable {
                var name = executable.split(separator: "/").last.map(String.init) ?? executable
                if name.hasSuffix(" (deleted)") { name.removeLast(10) }
                names.append(name)
            }
            if !names.contains(command) { names.append(command) }
            return names
        }
    }

    /// What the socket's address lets reach it.
    public var exposure: Exposure { Exposure(address: address) }

    public init(
        transport: TransportProtocol,
        address: String,
        port: UInt16,
        isIPv6: Bool,
        inode: UInt64,
        uid: UInt32,
        user: String? = nil,
        processes: [Process] = [],
        ownerHidden: Bool = false
    ) {
        self.transport = transport
        self.address = address
        self.port = port
        self.isIPv6 = isIPv6
        self.inode = inode
        self.uid = uid
        self.user = user
        self.processes = processes
        self.ownerHidden = ownerHidden
    }

    /// `127.0.0.1:5432` or `[::1]:5432`.
    public var endpoint: String { isIPv6 ? "[\(address)]:\(port)" : "\(address):\(port)" }
}
