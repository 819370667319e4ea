import Foundation
import PortListeners
import PortRegistry
import PortTestSupport
import Testing

@Suite("Reading the kernel's socket tables")
struct ProcNetTableTests {
    // Lines in the layout of Linux's /proc/net/tcp and tcp6 (header, then one socket a line).
    let tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:0CF3 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41234 1 0000000000000000 100 0 0 10 0
           1: 00000000:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 2211 1 0000000000000000 100 0 0 10 0
           2: 0100007F:0CF3 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  1000        0 55555 1 0000000000000000 20 4 30 10 -1
        """
    let tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000001000000:1538 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 2212 1 0000000000000000 100 0 0 10 0
           1: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1999 1 0000000000000000 100 0 0 10 0
           2: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1998 1 0000000000000000 100 0 0 10 0
        """
    let udp = """
           sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
          123: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 3333 2 0000000000000000 0
          124: 0F02000A:A1B2 08080808:0035 01 00000000:00000000 00:00000000 00000000  1000        0 4444 2 0000000000000000 0
        """

    @Test("TCP sockets in LISTEN are read with address, port, uid and inode; others are not")
    func tcpListeners() {
        let listeners = ProcNetTable.listeners(in: tcp, transport: .tcp, isIPv6: false)
        #expect(listeners.map(\.endpoint) == ["127.0.0.1:3315", "0.0.0.0:5432"])
        #expect(listeners.map(\.uid) == [1000, 106])
        #expect(listeners.map(\.inode) == [41234, 2211])
    }

    @Test("IPv6 addresses are written as RFC 5952 says, IPv4-mapped ones too")
    func ipv6Listeners() {
        let listeners = ProcNetTable.listeners(in: tcp6, transport: .tcp, isIPv6: true)
        #expect(listeners.map(\.endpoint) == ["[::1]:5432", "[::]:22", "[::ffff:127.0.0.1]:80"])
    }

    @Test("bound UDP sockets count, connected ones do not")
    func udpListeners() {
        let listeners = ProcNetTable.listeners(in: udp, transport: .udp, isIPv6: false)
        #expect(listeners.map(\.endpoint) == ["127.0.0.53:53"])
    }
}

#if os(Linux)
@Suite("Finding this process's own sockets")
struct ListenerScannerTests {
    let me = getpid()

    @Test("a TCP socket on 127.0.0.1 is found, with this process, its pid and its user")
    func tcp4() throws {
        let socket = try BoundSocket(tcp: true, address: "127.0.0.1")
        let found = ListenerScanner().listeners(on: socket.port)
        let mine = try #require(found.first { $0.transport == .tcp && $0.address == "127.0.0.1" })
        #expect(mine.processes.map(\.pid) == [me])
        #expect(mine.ownerHidden == false)
        #expect(mine.uid == getuid())
        #expect(mine.user != nil)
        let process = try #require(mine.processes.first)
        #expect(process.startedAt.map { $0 <= Int64(Date().timeIntervalSince1970) } == true)
        #expect(!process.command.isEmpty)
    }

    @Test("TCP on ::1 and UDP on 127.0.0.1 and ::1 are found too, through netlink and through /proc/net", arguments: [true, false])
    func otherFamilies(usesNetlink: Bool) throws {
        let tcp6 = try BoundSocket(tcp: true, address: "::1")
        let udp4 = try BoundSocket(tcp: false, address: "127.0.0.1")
        let udp6 = try BoundSocket(tcp: false, address: "::1")
        let scanner = ListenerScanner(usesNetlink: usesNetlink)
        #expect(scanner.listeners(on: tcp6.port).contains { $0.endpoint == "[::1]:\(tcp6.port)" && $0.processes.map(\.pid) == [me] })
        #expect(scanner.listeners(on: udp4.port).contains { $0.transport == .udp && $0.address == "127.0.0.1" && $0.processes.map(\.pid) == [me] })
        #expect(scanner.listeners(on: udp6.port).contains { $0.transport == .udp && $0.address == "::1" })
        #expect(scanner.listeners().contains { $0.port == tcp6.port })
    }

    @Test("netlink and /proc/net list the same sockets, with the same inodes and owners")
    func netlinkAgreesWithProc() throws {
        let sockets = try [BoundSocket(tcp: true, address: "127.0.0.1"), BoundSocket(tcp: false, address: "::1")]
        for socket in sockets {
            // Only this socket: tests running beside this one bind and close other sockets, perhaps on the
            // same port number with the other transport, between the two scans.
            let isThisSocket = { (listener: Listener) in
                listener.transport == (socket.isTCP ? .tcp : .udp) && listener.isIPv6 == socket.isIPv6
            }
            let fast = ListenerScanner(usesNetlink: true).listeners(on: socket.port).filter(isThisSocket)
            let slow = ListenerScanner(usesNetlink: false).listeners(on: socket.port).filter(isThisSocket)
            #expect(!fast.isEmpty)
            #expect(fast == slow)
        }
    }

    @Test(
        "200 sockets of each kind are all found, through netlink and through /proc/net (tables longer than one read)",
        arguments: [true, false]
    )
    func manySockets(usesNetlink: Bool) throws {
        // /proc/net/tcp hands out about a page a read: 200 sockets are some 30 KB, several reads.
        let sockets =
            try (0..<100).flatMap { _ in
                try [BoundSocket(tcp: true, address: "127.0.0.1"), BoundSocket(tcp: false, address: "::1")]
            }
            + (0..<100).flatMap { _ in
                try [BoundSocket(tcp: true, address: "::1"), BoundSocket(tcp: false, address: "127.0.0.1")]
            }
        let found = ListenerScanner(usesNetlink: usesNetlink).listeners()
        let mine = Set(found.filter { $0.processes.contains { $0.pid == me } }.map { "\($0.transport) \($0.endpoint)" })
        let bound = sockets.map { socket -> String in
            "\(socket.isTCP ? "tcp" : "udp") \(socket.isIPv6 ? "[::1]" : "127.0.0.1"):\(socket.port)"
        }
        #expect(bound.count == 400)
        let missing = bound.filter { !mine.contains($0) }
        #expect(missing.isEmpty, "not found: \(missing.prefix(5))")
    }

    @Test("a closed socket is gone")
    func closed() throws {
        var socket: BoundSocket? = try BoundSocket(tcp: true, address: "127.0.0.1")
        let port = socket!.port
        #expect(!ListenerScanner().listeners(on: port).isEmpty)
        socket = nil
        #expect(ListenerScanner().listeners(on: port).allSatisfy { $0.processes.allSatisfy { $0.pid != me } })
    }

    @Test("the live ephemeral range is read from /proc")
    func ephemeralRange() throws {
        let range = try #require(LocalPortRange.linuxLive())
        #expect(range.start <= range.end)
        #expect(range.start >= 1)
    }
}
#endif
