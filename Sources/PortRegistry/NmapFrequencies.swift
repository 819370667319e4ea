/// How often nmap's scans find ports open, from its `nmap-services` file: `name port/protocol frequency`,
/// the frequency being the share of scanned hosts on which the port was found open.
public struct NmapFrequencies: Sendable, Hashable {
    /// One port's line, and its place among the ports of its protocol.
    public struct Rank: Sendable, Hashable {
        /// nmap's name for the service.
        public var service: String
        /// The share of scanned hosts with the port open (0–1).
        public var frequency: Double
        /// 1 for the protocol's most often open port; ports tied share a rank.
        public var rank: Int
        /// How many ports of the protocol nmap has a frequency for.
        public var of: Int

        public init(service: String, frequency: Double, rank: Int, of: Int) {
            self.service = service
            self.frequency = frequency
            self.rank = rank
            self.of = of
        }
    }

    public var tcp: Rank?
    public var udp: Rank?

    /// The ranks of `port` in the file's bytes. Lines that do not parse are skipped; a port the file does not
    /// list has no rank for that protocol.
    public static func ranks(of port: UInt16, in bytes: some Collection<UInt8>) -> NmapFrequencies {
        var lines: [(isTCP: Bool, frequency: Double)] = []
        var found: [Bool: (service: String, frequency: Double)] = [:]
        var line: [UInt8] = []
        func finish() {
            defer { line.removeAll(keepingCapacity: true) }
            guard let first = line.first, first != 0x23 else { return }  // '#'
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).prefix(3)
            guard fields.count == 3 else { return }
            let portField = fields[fields.startIndex + 1]
            guard let slash = portField.firstIndex(of: 0x2F) else { return }
            let proto = String(decoding: portField[(slash + 1)...], as: UTF8.self)
            guard proto == "tcp" || proto == "udp",
                let number = UInt16(String(decoding: portField[..<slash], as: UTF8.self)),
                let frequency = Double(String(decoding: fields[fields.startIndex + 2], as: UTF8.self)), frequency >= 0
            else { return }
            let isTCP = proto == "tcp"
            lines.append((isTCP, frequency))
            if number == port, found[isTCP] == nil {
                found[isTCP] = (String(decoding: fields[fields.startIndex], as: UTF8.self), frequency)
            }
        }
        for byte in bytes {
            if byte == 0x0A { finish() } else { line.append(byte) }
        }
        finish()
        func rank(_ isTCP: Bool) -> Rank? {
            guard let (service, frequency) = found[isTCP] else { return nil }
            let same = lines.filter { $0.isTCP == isTCP }
            return Rank(service: service, frequency: frequency, rank: 1 + same.filter { $0.frequency > frequency }.count, of: same.count)
        }
        return NmapFrequencies(tcp: rank(true), udp: rank(false))
    }
}
