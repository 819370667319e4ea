import Foundation
import PortRegistry

/// How common a port is, from nmap's scan data when Debian's `nmap-common` (or nmap) has installed it: read
/// at run time, never shipped.
public struct PortPopularity: Sendable, Hashable {
    /// Where nmap keeps its services file.
    public static let defaultFile = "/usr/share/nmap/nmap-services"

    /// The file the figures come from.
    public var source: String
    public var frequencies: NmapFrequencies

    /// The figures for `port`, or `nil` when the file is not installed.
    public static func read(port: UInt16, file: String = defaultFile) -> PortPopularity? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return PortPopularity(source: file, frequencies: NmapFrequencies.ranks(of: port, in: data))
    }

    /// What to do to get the figures.
    public static let hint = "install nmap's data (Debian: apt install nmap-common) to see how often nmap's scans find this port open"

    /// The figures as JSON: `source`, `tcp` and `udp` as {`service`, `frequency`, `rank`, `of`} or `null`.
    public var json: JSONValue {
        func rank(_ rank: NmapFrequencies.Rank?) -> JSONValue {
            guard let rank else { return .null }
            return .object([
                ("service", .string(rank.service)), ("frequency", .fraction(rank.frequency)), ("rank", .number(rank.rank)),
                ("of", .number(rank.of)),
            ])
        }
        return .object([("source", .string(source)), ("tcp", rank(frequencies.tcp)), ("udp", rank(frequencies.udp))])
    }

    /// A frequency as a percentage people read: one decimal from 1%, four below it (0.0076).
    public static func percent(_ frequency: Double) -> String {
        let percent = frequency * 100
        return percent >= 1 ? String(format: "%.1f", percent) : String(format: "%.4f", percent)
    }

    /// "open on 0.0076% of hosts nmap scanned, rank 1,234 of 8,345 TCP ports (nmap's name: mcs-messaging)".
    public static func sentence(_ rank: NmapFrequencies.Rank, transport: String) -> String {
        "open on \(percent(rank.frequency))% of hosts nmap scanned, rank \(rank.rank.grouped) of \(rank.of.grouped) \(transport) ports (nmap's name: \(rank.service))"
    }
}
