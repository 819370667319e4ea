import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real socket, bound on loopback by the test itself, closed when released.
public final class BoundSocket {
    public let descriptor: Int32
    public let port: UInt16
    /// Whether it is a TCP socket (listening) rather than UDP (bound).
    public let isTCP: Bool
    /// Whether it is bound on an IPv6 address.
    public let isIPv6: Bool

    /// Binds (and for TCP, listens) on `address` (`127.0.0.1` or `::1`) at `port`, or at a port the kernel
    /// picks when it is 0.
    public init(tcp: Bool, address: String, port wanted: UInt16 = 0) throws {
        let ipv6 = address.contains(":")
        isTCP = tcp
        isIPv6 = ipv6
        #if canImport(Glibc)
        let type = Int32(tcp ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue)
        #else
        let type = tcp ? SOCK_STREAM : SOCK_DGRAM
        #endif
        let descriptor = socket(ipv6 ? AF_INET6 : AF_INET, type, 0)
        self.descriptor = descriptor
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var bound: Int32
        if ipv6 {
            var address6 = sockaddr_in6()
            address6.sin6_family = sa_family_t(AF_INET6)
            address6.sin6_port = wanted.bigEndian
            inet_pton(AF_INET6, address, &address6.sin6_addr)
            bound = withUnsafePointer(to: &address6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var address4 = sockaddr_in()
            address4.sin_family = sa_family_t(AF_INET)
            address4.sin_port = wanted.bigEndian
            inet_pton(AF_INET, address, &address4.sin_addr)
            bound = withUnsafePointer(to: &address4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard bound == 0, !tcp || listen(descriptor, 8) == 0 else {
            close(descriptor)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let networkPort = withUnsafePointer(to: &storage) { pointer -> UInt16 in
            ipv6
                ? pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port }
                : pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }
        }
        port = UInt16(bigEndian: networkPort)
    }

    deinit { close(descriptor) }

    /// A TCP port free on `address` a moment ago: bound by the kernel's choice, then closed.
    public static func freePort(address: String) throws -> UInt16 {
        try BoundSocket(tcp: true, address: address).port
    }

    /// A TCP client connected to `address`:`port`; the caller closes the descriptor.
    public static func connect(to address: String, port: UInt16) throws -> Int32 {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = port.bigEndian
        inet_pton(AF_INET, address, &target.sin_addr)
        let result = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                #if canImport(Glibc)
                Glibc.connect(descriptor, pointer, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                Darwin.connect(descriptor, pointer, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
        guard descriptor >= 0, result == 0 else {
            close(descriptor)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        return descriptor
    }
}
