import PortRegistry

/// Reads Linux's socket tables, `/proc/net/tcp`, `tcp6`, `udp` and `udp6`: one socket a line, addresses in
/// hex with each 32-bit word in the machine's byte order.
public enum ProcNetTable {
    /// TCP's LISTEN state in the `st` column.
    static let tcpListen = "0A"
    /// TCP's TIME_WAIT state in the `st` column.
    static let tcpTimeWait = "06"

    /// How many sockets of one table have `localPort` as their local port and are in `state` (hex, as the
    /// `st` column gives it).
    static func count(in text: String, localPort: UInt16, state: String) -> Int {
        var count = 0
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, fields[3] == state, let port = fields[1].split(separator: ":").last.flatMap({ UInt16($0, radix: 16) }),
                port == localPort
            else { continue }
            count += 1
        }
        return count
    }

    /// The sockets of one table that accept traffic: TCP sockets in LISTEN, UDP sockets bound to a port.
    /// Lines that do not parse are skipped.
    public static func listeners(in text: String, transport: TransportProtocol, isIPv6: Bool) -> [Listener] {
        var listeners: [Listener] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 10 else { continue }
            let local = fields[1].split(separator: ":")
            guard local.count == 2, let port = UInt16(local[1], radix: 16), port != 0,
                let address = address(hex: local[0], isIPv6: isIPv6),
                let uid = UInt32(fields[7]), let inode = UInt64(fields[9])
            else { continue }
            if transport == .tcp, fields[3] != tcpListen { continue }
            if transport == .udp, fields[2].split(separator: ":").last != "0000" { continue }
            listeners.append(Listener(transport: transport, address: address, port: port, isIPv6: isIPv6, inode: inode, uid: uid))
        }
        return listeners
    }

    /// A hex address from the table as text: four bytes for IPv4, sixteen for IPv6, each 32-bit word
    /// stored little-endian (as on the x86 and ARM machines Linux runs on).
    static func address(hex: Substring, isIPv6: Bool) -> String? {
        let digits = Array(hex.utf8)
        guard digits.count == (isIPv6 ? 32 : 8) else { return nil }
        var bytes: [UInt8] = []
        for word in stride(from: 0, to: digits.count, by: 8) {
            var wordBytes: [UInt8] = []
            for offset in stride(from: word, to: word + 8, by: 2) {
                guard let byte = UInt8(String(decoding: digits[offset..<(offset + 2)], as: UTF8.self), radix: 16) else { return nil }
                wordBytes.append(byte)
            }
            bytes += wordBytes.reversed()
        }
        return isIPv6 ? ipv6(bytes) : bytes.map { String($0) }.joined(separator: ".")
    }

    /// RFC 5952 text: lowercase hex, the longest run of two or more zero groups as `::`, and IPv4-mapped
    /// addresses as `::ffff:a.b.c.d`.
    static func ipv6(_ bytes: [UInt8]) -> String {
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return "::ffff:" + bytes[12...].map { String($0) }.joined(separator: ".")
        }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8, groups[index] == 0 { index += 1 }
            if index - start > best.length { best = (start, index - start) }
        }
        let text = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return text.joined(separator: ":") }
        let head = text[..<best.start].joined(separator: ":")
        let tail = text[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }
}
