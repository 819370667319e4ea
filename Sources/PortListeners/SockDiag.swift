#if os(Linux)
import Glibc
import PortRegistry

/// Asks the Linux kernel for listening sockets through the sock_diag netlink interface, as `ss` does.
///
/// The kernel filters by socket state and sends fixed-size binary records, which costs a fraction of
/// formatting and parsing the text of `/proc/net/{tcp,tcp6,udp,udp6}` on a busy machine. Where netlink is
/// refused (a sandbox, an old kernel), `listeners()` returns `nil` and the caller reads `/proc`.
enum SockDiag {
    private static let sockDiagByFamily: UInt16 = 20
    private static let requestFlags: UInt16 = 0x1 | 0x300  // NLM_F_REQUEST | NLM_F_DUMP
    private static let messageDone: UInt16 = 3
    private static let messageError: UInt16 = 2
    private static let tcpListen: UInt32 = 10
    private static let udpUnconnected: UInt32 = 7  // TCP_CLOSE: a bound socket with no peer
    private static let headerSize = 16
    private static let requestSize = 56  // struct inet_diag_req_v2
    private static let messageSize = 72  // struct inet_diag_msg

    /// Every listening TCP socket and bound UDP socket, or `nil` when the kernel will not say.
    static func listeners() -> [Listener]? {
        let descriptor = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 4)  // NETLINK_SOCK_DIAG
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var found: [Listener] = []
        var sequence: UInt32 = 1
        for (family, transport) in [(AF_INET, TransportProtocol.tcp), (AF_INET6, .tcp), (AF_INET, .udp), (AF_INET6, .udp)] {
            guard let sockets = dump(descriptor, family: UInt8(family), transport: transport, sequence: sequence) else { return nil }
            found += sockets
            sequence += 1
        }
        return found
    }

    private static func dump(_ descriptor: Int32, family: UInt8, transport: TransportProtocol, sequence: UInt32) -> [Listener]? {
        var request = [UInt8](repeating: 0, count: headerSize + requestSize)
        store(UInt32(request.count), at: 0, in: &request)
        store16(sockDiagByFamily, at: 4, in: &request)
        store16(requestFlags, at: 6, in: &request)
        store(sequence, at: 8, in: &request)
        request[headerSize] = family
        request[headerSize + 1] = UInt8(transport == .tcp ? IPPROTO_TCP : IPPROTO_UDP)
        store(1 << (transport == .tcp ? tcpListen : udpUnconnected), at: headerSize + 4, in: &request)
        // struct sockaddr_nl, which Glibc's Swift module does not export: family, padding, pid 0 (the kernel), groups.
        var kernel = [UInt8](repeating: 0, count: 12)
        store16(UInt16(AF_NETLINK), at: 0, in: &kernel)
        let sent = request.withUnsafeBytes { bytes in
            kernel.withUnsafeBytes { address in
                sendto(
                    descriptor,
                    bytes.baseAddress,
                    bytes.count,
                    0,
                    address.baseAddress?.assumingMemoryBound(to: sockaddr.self),
                    socklen_t(address.count)
                )
            }
        }
        guard sent == request.count else { return nil }

        var listeners: [Listener] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            var offset = 0
            while offset + headerSize <= count {
                let length = Int(load(buffer, offset))
                let type = load16(buffer, offset + 4)
                guard length >= headerSize, offset + length <= count else { return nil }
                if type == messageDone { return listeners }
                if type == messageError { return nil }
                if type == sockDiagByFamily, length >= headerSize + messageSize,
                    let listener = listener(buffer, at: offset + headerSize, transport: transport)
                {
                    listeners.append(listener)
                }
                offset += (length + 3) & ~3
            }
        }
    }

    /// One `inet_diag_msg`: family, state, timer, retransmits, then the socket id (ports and addresses in
    /// network order), expiry, queues, uid and inode.
    private static func listener(_ bytes: [UInt8], at start: Int, transport: TransportProtocol) -> Listener? {
        let isIPv6 = Int32(bytes[start]) == AF_INET6
        let port = UInt16(bytes[start + 4]) << 8 | UInt16(bytes[start + 5])
        let remotePort = UInt16(bytes[start + 6]) << 8 | UInt16(bytes[start + 7])
        guard port != 0, transport == .tcp || remotePort == 0 else { return nil }
        let source = Array(bytes[(start + 8)..<(start + 8 + (isIPv6 ? 16 : 4))])
        let address = isIPv6 ? ProcNetTable.ipv6(source) : source.map { String($0) }.joined(separator: ".")
        let uid = load(bytes, start + 64)
        let inode = load(bytes, start + 68)
        return Listener(transport: transport, address: address, port: port, isIPv6: isIPv6, inode: UInt64(inode), uid: uid)
    }

    private static func store(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value) { for (index, byte) in $0.enumerated() { bytes[offset + index] = byte } }
    }

    private static func store16(_ value: UInt16, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value) { for (index, byte) in $0.enumerated() { bytes[offset + index] = byte } }
    }

    /// A 32-bit field in the machine's byte order, as netlink headers and diag records carry them.
    private static func load(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    }

    private static func load16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt16.self) }
    }
}
#endif
