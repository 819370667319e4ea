import PortRegistry

/// Reads the knowledge file format: entries of `key: value` lines, separated by blank lines.
///
/// ```
/// # Lines starting with '#' are comments.
/// ports: 3331
/// protocol: tcp
/// product: Oracle Key Manager
/// purpose: OKM CA service (certificate authority)
/// cluster: Oracle Key Manager
/// pattern: Manager to KMA
/// pattern: Agent to KMA
/// source: Oracle Key Manager 3 Security Guide, "TCP/IP Connections and the KMA"
/// url: https://docs.oracle.com/…
/// retrieved: 2026-11-22
/// ```
///
/// A line that starts with a space continues the value above it. `kind` is `use` (the default),
/// `browser-blocked`, `malware`, `ephemeral` (a system's default range for outgoing connections) or `excluded`
/// (ports a system may reserve for itself) or `window` (the ports a developer tool moves on to when its default
/// is busy); `protocol` is one or more of tcp, udp, sctp, dccp, or absent when the
/// source names none; `service` names the IANA services the product speaks there (one or more), when it
/// speaks the registered protocol (so the use is no collision); `pattern` may repeat. Every entry needs `ports`, `product`, `purpose`, `source`, `url`
/// and `retrieved`: a fact without a document behind it does not belong in these files.
public enum KnowledgeFile {
    /// Every key the format has, in the order an entry is best written.
    public static let keys = [
        "kind", "ports", "protocol", "product", "purpose", "cluster", "service", "pattern", "note", "source", "url", "retrieved",
    ]
    private static let required = ["ports", "product", "purpose", "source", "url", "retrieved"]

    /// The facts in `text`, in file order.
    /// - Parameters:
    ///   - file: the name used in error messages and in each fact's `origin`.
    ///   - isBundled: whether the file ships with portatlas.
    /// - Throws: `KnowledgeError` naming the file, the line and the bad value.
    public static func facts(in text: String, file: String, isBundled: Bool = false) throws(KnowledgeError) -> [KnowledgeFact] {
        var facts: [KnowledgeFact] = []
        try forEachBlock(in: text, file: file, keys: keys, repeatable: ["pattern"]) { (fields, line) throws(KnowledgeError) in
            facts.append(try fact(from: fields, file: file, line: line, isBundled: isBundled))
        }
        return facts
    }

    /// One `key: value` line of a block, with the line it is on.
    typealias Field = (key: String, value: String, line: Int)

    /// Calls `body` with each block of `text` (its fields and its first line), in file order: the syntax that
    /// knowledge files and the product catalogue share.
    /// - Parameters:
    ///   - keys: the keys a block may have; any other is an error.
    ///   - repeatable: the keys that may appear more than once in a block.
    static func forEachBlock(
        in text: String,
        file: String,
        keys: [String],
        repeatable: Set<String> = [],
        _ body: ([Field], Int) throws(KnowledgeError) -> Void
    ) throws(KnowledgeError) {
        var fields: [Field] = []
        var entryLine = 0

        func finishEntry() throws(KnowledgeError) {
            defer { fields.removeAll(keepingCapacity: true) }
            guard !fields.isEmpty else { return }
            try body(fields, entryLine)
        }

        // Lines are cut on bytes: every byte the format looks at (newline, '#', ':', space, tab) is ASCII, so
        // each cut falls on a character boundary, and no grapheme breaking is paid for 60 KB of text.
        let bytes = text.utf8
        var number = 0
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            number += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[bytes.index(before: contentEnd)] == 0x0D { contentEnd = bytes.index(before: contentEnd) }
            let line = Substring(text[lineStart..<contentEnd])
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
            let lineBytes = line.utf8
            guard let first = lineBytes.first, !lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
                try finishEntry()
                continue
            }
            if first == 0x23 { continue }  // '#'
            if first == 0x20 || first == 0x09 {
                guard !fields.isEmpty else { throw .malformedLine(file: file, line: number, text: String(line)) }
                fields[fields.count - 1].value += " " + line.trimmingWhitespace()
                continue
            }
            guard let colon = lineBytes.firstIndex(of: 0x3A) else {
                throw .malformedLine(file: file, line: number, text: String(line))
            }
            let key = line[..<colon].trimmingWhitespace().lowercased()
            guard keys.contains(key) else { throw .unknownKey(file: file, line: number, key: key, keys: keys) }
            if !repeatable.contains(key), fields.contains(where: { $0.key == key }) {
                throw .repeatedKey(file: file, line: number, key: key)
            }
            if fields.isEmpty { entryLine = number }
            fields.append((key, String(line[lineBytes.index(after: colon)...].trimmingWhitespace()), number))
        }
        try finishEntry()
    }

    private static func fact(
        from fields: [Field],
        file: String,
        line: Int,
        isBundled: Bool
    ) throws(KnowledgeError) -> KnowledgeFact {
        func value(_ key: String) -> (String, Int)? {
            fields.first { $0.key == key }.map { ($0.value, $0.line) }
        }
        for key in required {
            guard let (text, _) = value(key) else { throw .missingKey(file: file, line: line, key: key) }
            guard !text.isEmpty else {
                throw .invalidValue(file: file, line: line, key: key, value: text, reason: "it is empty")
            }
        }
        func invalid(_ key: String, _ reason: String) -> KnowledgeError {
            let (text, at) = value(key) ?? ("", line)
            return .invalidValue(file: file, line: at, key: key, value: text, reason: reason)
        }

        var kind = KnowledgeFact.Kind.use
        if let (text, _) = value("kind") {
            guard let parsed = KnowledgeFact.Kind(rawValue: text) else {
                throw invalid("kind", "use one of \(KnowledgeFact.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = parsed
        }
        let ports: PortSpan
        do {
            ports = try PortSpan(parsing: value("ports")?.0 ?? "")
        } catch {
            throw invalid("ports", "give a port 0–65535 or a range such as 3331-3336")
        }
        var transports: [TransportProtocol] = []
        if let (text, _) = value("protocol") {
            for name in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "+" || $0 == "/" }) {
                guard let transport = TransportProtocol(name: name) else {
                    throw invalid("protocol", "use tcp, udp, sctp or dccp, or leave the key out")
                }
                if !transports.contains(transport) { transports.append(transport) }
            }
            transports.sort()
        }
        let url = value("url")?.0 ?? ""
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), !url.contains(" ") else {
            throw invalid("url", "give the document's http(s) address")
        }
        let retrieved = value("retrieved")?.0 ?? ""
        guard isCalendarDate(retrieved) else { throw invalid("retrieved", "give the day the source was read, YYYY-MM-DD") }

        return KnowledgeFact(
            kind: kind,
            ports: ports,
            transports: transports,
            product: value("product")?.0 ?? "",
            purpose: value("purpose")?.0 ?? "",
            cluster: value("cluster")?.0,
            services: (value("service")?.0 ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init),
            patterns: fields.filter { $0.key == "pattern" }.map(\.value),
            note: value("note")?.0,
            source: Citation(title: value("source")?.0 ?? "", url: url, retrieved: retrieved),
            origin: Origin(file: file, line: line, isBundled: isBundled)
        )
    }

    /// `YYYY-MM-DD` with a month 01–12 and a day that month can have.
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
