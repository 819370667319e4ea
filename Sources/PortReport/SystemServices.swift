import Foundation
import PortRegistry

/// The services databases a system already has, used before any registry is imported.
public struct SystemServices: Sendable {
    /// The files looked for, in order: the system's own, then nmap's and Wireshark's when installed.
    public static let defaultFiles = ["/etc/services", "/usr/share/nmap/nmap-services", "/usr/share/wireshark/services"]

    /// The files found and read.
    public let files: [String]
    /// Their entries, the system's first.
    public let entries: [RegistryEntry]

    /// Reads whichever of `files` exist.
    public init(files: [String] = SystemServices.defaultFiles) {
        var found: [String] = []
        var entries: [RegistryEntry] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            found.append(file)
            entries += ServicesFile.decode(String(decoding: data, as: UTF8.self))
        }
        self.files = found
        self.entries = entries
    }

    /// Entries that share a port with `span`, one per name, port and protocol.
    public func entries(overlapping span: PortSpan, transport: TransportProtocol?) -> [RegistryEntry] {
        unique(
            entries.filter { entry in
                guard let ports = entry.ports, ports.overlaps(span) else { return false }
                return transport == nil || entry.transport == nil || entry.transport == transport
            }
        )
    }

    /// Entries with that name, compared case-insensitively.
    public func entries(named name: String, transport: TransportProtocol?) -> [RegistryEntry] {
        let wanted = name.lowercased()
        return unique(
            entries.filter {
                $0.serviceName?.lowercased() == wanted && (transport == nil || $0.transport == nil || $0.transport == transport)
            }
        )
    }

    /// Entries whose name or description holds every word of `text`.
    public func search(_ text: String, transport: TransportProtocol?, limit: Int) -> [RegistryEntry] {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty else { return [] }
        return Array(
            unique(
                entries.filter { entry in
                    let haystack = ((entry.serviceName ?? "") + " " + entry.description).lowercased()
                    return words.allSatisfy { haystack.contains($0) } && (transport == nil || entry.transport == transport)
                }
            ).prefix(limit)
        )
    }

    private func unique(_ entries: [RegistryEntry]) -> [RegistryEntry] {
        var seen = Set<RegistryEntry.Key>()
        return entries.filter { seen.insert($0.key).inserted }
    }
}
