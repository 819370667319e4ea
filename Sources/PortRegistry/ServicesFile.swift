/// Reads a system services database (`/etc/services`, nmap's `nmap-services`, Wireshark's `services`):
/// `name port/protocol [aliases…] [# comment]`, one service per line.
public enum ServicesFile {
    /// The entries the file lists, in file order. Lines that do not parse are skipped: these files are
    /// a fallback, not an authority.
    public static func decode(_ text: String) -> [RegistryEntry] {
        var entries: [RegistryEntry] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let (body, comment) = split(line)
            let words = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2 else { continue }
            let portAndProtocol = words[1].split(separator: "/")
            guard portAndProtocol.count == 2, let port = UInt16(portAndProtocol[0]) else { continue }
            // nmap-services gives an open-frequency figure where /etc/services lists aliases.
            let aliases = words.dropFirst(2).filter { !$0.contains(".") || Double($0) == nil }
            var description = comment.map { String($0.trimmingWhitespace()) } ?? ""
            if description.isEmpty, !aliases.isEmpty { description = "also known as " + aliases.joined(separator: ", ") }
            entries.append(
                RegistryEntry(
                    serviceName: String(words[0]),
                    ports: PortSpan(port: port),
                    transport: TransportProtocol(name: portAndProtocol[1]),
                    description: description
                )
            )
        }
        return entries
    }

    private static func split(_ line: Substring) -> (Substring, Substring?) {
        guard let hash = line.firstIndex(of: "#") else { return (line, nil) }
        return (line[..<hash], line[line.index(after: hash)...])
    }
}
