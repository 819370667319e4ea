import Foundation
import PortRegistry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds what is listening on this machine: every listening TCP socket and bound UDP socket, with the
/// processes holding it and their owner.
///
/// On Linux it reads `/proc/net/{tcp,tcp6,udp,udp6}` and ties sockets to processes through `/proc/<pid>/fd`;
/// on macOS it asks `lsof`. Sockets whose processes this user may not see are reported with
/// `ownerHidden`, never left out.
public struct ListenerScanner: Sendable {
    /// Where Linux's process file system is mounted.
    let procRoot: String
    /// Whether to ask the kernel over netlink (sock_diag) before reading `/proc/net`.
    let usesNetlink: Bool

    /// - Parameters:
    ///   - procRoot: where Linux's process file system is mounted.
    ///   - usesNetlink: ask the kernel through sock_diag (the fast path, as `ss` does); `false` reads the
    ///     `/proc/net` tables only. A `procRoot` other than `/proc` always reads the tables.
    public init(procRoot: String = "/proc", usesNetlink: Bool = true) {
        self.procRoot = procRoot
        self.usesNetlink = usesNetlink && procRoot == "/proc"
    }

    /// Every listener on the machine, ordered by port, protocol and address.
    public func listeners() -> [Listener] {
        #if os(Linux)
        let sockets = linuxSockets()
        return attachProcesses(to: sockets).sorted { ($0.port, $0.transport, $0.address) < ($1.port, $1.transport, $1.address) }
        #elseif os(macOS)
        return LsofListeners.scan()
        #else
        return []
        #endif
    }

    /// The listeners on one port.
    public func listeners(on port: UInt16) -> [Listener] {
        #if os(Linux)
        let sockets = linuxSockets().filter { $0.port == port }
        guard !sockets.isEmpty else { return [] }
        return attachProcesses(to: sockets).sorted { ($0.transport, $0.address) < ($1.transport, $1.address) }
        #else
        return listeners().filter { $0.port == port }
        #endif
    }

    #if os(Linux)
    private func linuxSockets() -> [Listener] {
        // The kernel's netlink answer when this is the machine's own /proc; the text tables otherwise.
        if usesNetlink, let sockets = SockDiag.listeners() { return sockets }
        return procNetSockets()
    }

    /// The sockets as `/proc/net/{tcp,tcp6,udp,udp6}` list them.
    private func procNetSockets() -> [Listener] {
        let tables: [(String, TransportProtocol, Bool)] = [
            ("tcp", .tcp, false), ("tcp6", .tcp, true), ("udp", .udp, false), ("udp6", .udp, true),
        ]
        return tables.flatMap { name, transport, isIPv6 in
            guard let text = Self.readSmallFile("\(procRoot)/net/\(name)") else { return [Listener]() }
            return ProcNetTable.listeners(in: text, transport: transport, isIPv6: isIPv6)
        }
    }

    /// Fills in owners and processes: one pass over `/proc/<pid>/fd` for all the sockets wanted.
    private func attachProcesses(to sockets: [Listener]) -> [Listener] {
        let wanted = Set(sockets.map(\.inode))
        var holders: [UInt64: [Listener.Process]] = [:]
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: procRoot))?.compactMap { Int32($0) } ?? []
        var details: [Int32: Listener.Process] = [:]
        for pid in pids {
            let fdFolder = "\(procRoot)/\(pid)/fd"
            guard let fds = try? FileManager.default.contentsOfDirectory(atPath: fdFolder) else { continue }
            for fd in fds {
                guard let target = readLink("\(fdFolder)/\(fd)"), target.hasPrefix("socket:["),
                    let inode = UInt64(target.dropFirst(8).dropLast()), wanted.contains(inode)
                else { continue }
                let process = details[pid] ?? processDetails(pid)
                details[pid] = process
                if !(holders[inode]?.contains(where: { $0.pid == pid }) ?? false) {
                    holders[inode, default: []].append(process)
                }
            }
        }
        var names: [UInt32: String?] = [:]
        return sockets.map { socket in
            var socket = socket
            socket.processes = (holders[socket.inode] ?? []).sorted { $0.pid < $1.pid }
            socket.ownerHidden = socket.processes.isEmpty
            if names[socket.uid] == nil { names[socket.uid] = Self.userName(socket.uid) }
            socket.user = names[socket.uid] ?? nil
            return socket
        }
    }

    private func processDetails(_ pid: Int32) -> Listener.Process {
        let base = "\(procRoot)/\(pid)"
        let command = Self.readSmallFile("\(base)/comm")?.trimmingCharacters(in: .newlines) ?? "?"
        let arguments =
            Self.readSmallFile("\(base)/cmdline").map { text in
                text.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
            } ?? []
        let cgroup = Self.readSmallFile("\(base)/cgroup") ?? ""
        return Listener.Process(
            pid: pid,
            command: command,
            commandLine: arguments.isEmpty ? nil : arguments.joined(separator: " "),
            startedAt: startTime(base),
            executable: readLink("\(base)/exe", capacity: 4096),
            arguments: arguments,
            unit: ControlGroup.unit(in: cgroup),
            isUserUnit: ControlGroup.isUserUnit(in: cgroup),
            container: ControlGroup.container(in: cgroup)
        )
    }

    /// A process's start, from field 22 of `/proc/<pid>/stat` (clock ticks after boot) and `btime` in `/proc/stat`.
    private func startTime(_ base: String) -> Int64? {
        guard let stat = Self.readSmallFile("\(base)/stat"),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command come state (field 3) onwards: field 22 is at index 19.
        guard fields.count > 19, let ticks = Int64(fields[19]), let boot = Self.bootTime(procRoot) else { return nil }
        let hertz = Int64(sysconf(Int32(_SC_CLK_TCK)))
        return boot + ticks / max(hertz, 1)
    }

    private static func bootTime(_ procRoot: String) -> Int64? {
        guard let stat = readSmallFile("\(procRoot)/stat") else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Int64(line.dropFirst(6))
        }
        return nil
    }

    /// A /proc file's text, read to its end with plain read(2) (Foundation's file reading cost `who` about a
    /// third of its time). These files report a size of 0, and a seq file such as `/proc/net/tcp` hands out
    /// about a page a read however large the buffer, so only a read of 0 bytes ends it.
    static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func readLink(_ path: String, capacity: Int = 64) -> String? {
        var buffer = [CChar](repeating: 0, count: capacity)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    #endif

    /// The user name for a uid, from the system's user database.
    static func userName(_ uid: UInt32) -> String? {
        var record = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &record, &buffer, buffer.count, &result) == 0, result != nil, let name = record.pw_name else { return nil }
        return String(cString: name)
    }
}
