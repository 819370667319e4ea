import Foundation
import PortRegistry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the network stack about a port the way a program would: can a connection be made to it, can it be
/// bound. `portatlas wait` repeats these until they succeed.
public enum PortProbe {
    /// One address a host name resolved to, and whether a connection to it succeeded.
    public struct Attempt: Sendable, Hashable {
        /// The address, as people write it.
        public var address: String
        /// Whether the connection (TCP) was accepted.
        public var connected: Bool
        /// Why it failed, in the system's words.
        public var error: String?
    }

    /// Why a bind failed.
    public struct BindFailure: Sendable, Hashable {
        /// The address tried: `0.0.0.0` or `::`.
        public var address: String
        /// The system's words (`Address already in use`).
        public var error: String
    }

    /// Tries a TCP connection to `port` on every address `host` resolves to (IPv4 and IPv6), each waiting at
    /// most `timeout` seconds. `localhost` always includes both loopback addresses, 127.0.0.1 and ::1 (RFC 6761
    /// §6.3), whatever `/etc/hosts` lists: a server may listen on either.
    /// - Returns: one attempt an address; none when the name does not resolve.
    public static func connect(host: String, port: UInt16, timeout: Double = 1) -> [Attempt] {
        var targets = addresses(of: host)
        if host.lowercased() == "localhost" {
            for loopback in addresses(of: "127.0.0.1") + addresses(of: "::1") where !targets.contains(where: { $0.text == loopback.text }) {
                targets.append(loopback)
            }
        }
        return targets.map { address in
            let family = Int32(address.family)
            #if canImport(Glibc)
            let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let descriptor = socket(family, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else { return Attempt(address: address.text, connected: false, error: String(cString: strerror(errno))) }
            defer { close(descriptor) }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            var storage = address.storage(port: port)
            let started = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(descriptor, $0, address.length) }
            }
            if started == 0 { return Attempt(address: address.text, connected: true) }
            guard errno == EINPROGRESS else { return Attempt(address: address.text, connected: false, error: String(cString: strerror(errno))) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            guard poll(&poller, 1, Int32(timeout * 1000)) == 1 else {
                return Attempt(address: address.text, connected: false, error: "no answer within \(timeout) s")
            }
            var failure: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &size)
            return Attempt(address: address.text, connected: failure == 0, error: failure == 0 ? nil : String(cString: strerror(failure)))
        }
    }

    /// Tries to bind `port` on every address, IPv4 (`0.0.0.0`) and IPv6 (`::`, IPv6 only), without
    /// `SO_REUSEADDR`, the way a server that sets no options would; closes the sockets at once.
    /// - Returns: the binds that failed; empty when the port is free (an absent IPv6 stack is not a failure).
    public static func bindFailures(port: UInt16, transport: TransportProtocol) -> [BindFailure] {
        var failures: [BindFailure] = []
        for (family, text) in [(AF_INET, "0.0.0.0"), (AF_INET6, "::")] {
            #if canImport(Glibc)
            let type = Int32(transport == .udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue)
            #else
            let type = transport == .udp ? SOCK_DGRAM : SOCK_STREAM
            #endif
            let descriptor = socket(family, type, 0)
            guard descriptor >= 0 else {
                if errno == EAFNOSUPPORT { continue }
                failures.append(BindFailure(address: text, error: String(cString: strerror(errno))))
                continue
            }
            defer { close(descriptor) }
            let result: Int32
            if family == AF_INET6 {
                var on: Int32 = 1
                setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                address.sin6_port = port.bigEndian
                result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
                }
            } else {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = port.bigEndian
                result = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            }
            // EADDRNOTAVAIL for `::` means the machine has no IPv6 address: nothing to hold the port there.
            if result != 0, !(family == AF_INET6 && errno == EADDRNOTAVAIL) {
                failures.append(BindFailure(address: text, error: String(cString: strerror(errno))))
            }
        }
        return failures
    }

    /// How many TCP sockets on this machine are in TIME_WAIT with `port` as their local port, from
    /// `/proc/net/tcp` and `tcp6`; `nil` where the tables cannot be read (not Linux).
    public static func timeWaitCount(port: UInt16, procRoot: String = "/proc") -> Int? {
        #if os(Linux)
        var count = 0
        var read = false
        for table in ["tcp", "tcp6"] {
            guard let text = ListenerScanner.readSmallFile("\(procRoot)/net/\(table)") else { continue }
            read = true
            count += ProcNetTable.count(in: text, localPort: port, state: ProcNetTable.tcpTimeWait)
        }
        return read ? count : nil
        #else
        return nil
        #endif
    }

    /// An address `getaddrinfo` gave.
    struct ResolvedAddress {
        var family: Int32
        var bytes: [UInt8]
        var text: String

        var length: socklen_t { socklen_t(family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size) }

        func storage(port: UInt16) -> sockaddr_storage {
            var storage = sockaddr_storage()
            withUnsafeMutablePointer(to: &storage) { pointer in
                if family == AF_INET6 {
                    pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                        address.pointee.sin6_family = sa_family_t(AF_INET6)
                        address.pointee.sin6_port = port.bigEndian
                        withUnsafeMutableBytes(of: &address.pointee.sin6_addr) { $0.copyBytes(from: bytes) }
                    }
                } else {
                    pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                        address.pointee.sin_family = sa_family_t(AF_INET)
                        address.pointee.sin_port = port.bigEndian
                        withUnsafeMutableBytes(of: &address.pointee.sin_addr) { $0.copyBytes(from: bytes) }
                    }
                }
            }
            return storage
        }
    }

    /// Every address `host` resolves to, IPv4 and IPv6, each once, in the resolver's order.
    static func addresses(of host: String) -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var found: [ResolvedAddress] = []
        var node = list
        while let info = node?.pointee {
            defer { node = info.ai_next }
            guard let address = info.ai_addr else { continue }
            var bytes: [UInt8]
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if info.ai_family == AF_INET6 {
                var raw = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                bytes = withUnsafeBytes(of: &raw) { Array($0) }
                inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
            } else if info.ai_family == AF_INET {
                var raw = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                bytes = withUnsafeBytes(of: &raw) { Array($0) }
                inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
            } else {
                continue
            }
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !found.contains(where: { $0.text == text }) { found.append(ResolvedAddress(family: info.ai_family, bytes: bytes, text: text)) }
        }
        return found
    }
}

/// `connect(2)`, named apart from `PortProbe.connect`.
private func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}
