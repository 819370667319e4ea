import PortRegistry

/// One port a configuration file names, and where.
public struct PortMention: Sendable, Hashable {
    public var port: UInt16
    /// The protocol the file gives, or `nil` (TCP is meant).
    public var transport: TransportProtocol?
    /// The file's path, as given.
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The key that names it: `ports`, `published`, `containerPort`, `ListenStream`, `--port`, an env variable.
    public var key: String
    /// What it belongs to: the compose service (and its image), the env variable, the unit, the Procfile process.
    public var owner: String?
    /// Whether it takes the port on the host (a published port, a nodePort, a unit's socket, a process's port),
    /// rather than inside a container or a cluster.
    public var claimsHost: Bool

    public init(port: UInt16, transport: TransportProtocol?, file: String, line: Int, key: String, owner: String?, claimsHost: Bool) {
        self.port = port
        self.transport = transport
        self.file = file
        self.line = line
        self.key = key
        self.owner = owner
        self.claimsHost = claimsHost
    }

    /// `file:line`.
    public var place: String { "\(file):\(line)" }
}

/// Finds ports in configuration files, line by line: docker-compose files, `.env` files, Kubernetes manifests,
/// systemd units and Procfiles.
///
/// A scanner, not a YAML parser: it reads the shapes people write (compose short and long `ports:` syntax,
/// `expose:`, Kubernetes' `containerPort`/`hostPort`/`nodePort`/`port`/`targetPort`, each with the `protocol:` of
/// its list item) and skips what it cannot read, such as anchors, flow sequences (`ports: ["80:80"]`),
/// variables (`${PORT}`) and named ports.
public enum ConfigScanner {
    /// The kinds of file the scanner reads.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case compose, env, kubernetes, systemd, procfile
    }

    /// The kind of file `path` is, from its name (and, for other YAML, from an `apiVersion:` line), or `nil`.
    public static func kind(path: String, text: String) -> Kind? {
        let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        if name.hasSuffix(".service") || name.hasSuffix(".socket") { return .systemd }
        if name.hasPrefix("procfile") { return .procfile }
        if name == ".env" || name.hasPrefix(".env.") || name.hasSuffix(".env") { return .env }
        guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { return nil }
        if name.hasPrefix("docker-compose") || name.hasPrefix("compose") { return .compose }
        if text.split(separator: "\n").contains(where: { $0.hasPrefix("apiVersion:") }) { return .kubernetes }
        if text.split(separator: "\n").contains(where: { $0.hasPrefix("services:") }) { return .compose }
        return nil
    }

    /// Every port `text` names, in file order.
    public static func scan(_ text: String, kind: Kind, file: String) -> [PortMention] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String(String($0).trimmingSuffix("\r")) }
        switch kind {
        case .env: return scanEnv(lines, file: file)
        case .systemd: return scanSystemd(lines, file: file)
        case .procfile: return scanProcfile(lines, file: file)
        case .compose, .kubernetes: return scanYAML(lines, kind: kind, file: file)
        }
    }

    // MARK: - .env

    static func scanEnv(_ lines: [String], file: String) -> [PortMention] {
        var found: [PortMention] = []
        for (index, raw) in lines.enumerated() {
            var line = raw.trimmed
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmed }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmed
            guard key.uppercased().contains("PORT"), let port = port(String(line[line.index(after: equals)...]).unquoted) else { continue }
            found.append(PortMention(port: port, transport: nil, file: file, line: index + 1, key: key, owner: key, claimsHost: true))
        }
        return found
    }

    // MARK: - systemd

    static func scanSystemd(_ lines: [String], file: String) -> [PortMention] {
        let unit = file.split(separator: "/").last.map(String.init)
        var found: [PortMention] = []
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmed
            for (key, transport) in [("ListenStream", TransportProtocol.tcp), ("ListenDatagram", .udp)] where line.hasPrefix(key + "=") {
                let value = String(line.dropFirst(key.count + 1)).trimmed
                guard !value.hasPrefix("/"), !value.hasPrefix("@") else { continue }
                let last = value.split(separator: ":").last.map(String.init) ?? value
                guard let port = port(last) else { continue }
                found.append(PortMention(port: port, transport: transport, file: file, line: index + 1, key: key, owner: unit, claimsHost: true))
            }
        }
        return found
    }

    // MARK: - Procfile

    static func scanProcfile(_ lines: [String], file: String) -> [PortMention] {
        var found: [PortMention] = []
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmed
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            let process = String(line[..<colon])
            let words = line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            for (position, word) in words.enumerated() {
                var value: String?
                var key = word
                if word == "-p" || word == "--port", position + 1 < words.count {
                    value = words[position + 1]
                } else if word.hasPrefix("--port=") {
                    key = "--port"
                    value = String(word.dropFirst(7))
                } else if word.hasPrefix("PORT=") {
                    key = "PORT"
                    value = String(word.dropFirst(5))
                }
                guard let value, let port = port(value.unquoted) else { continue }
                found.append(PortMention(port: port, transport: nil, file: file, line: index + 1, key: key, owner: process, claimsHost: true))
            }
        }
        return found
    }

    // MARK: - YAML (compose, Kubernetes)

    static func scanYAML(_ lines: [String], kind: Kind, file: String) -> [PortMention] {
        var found: [PortMention] = []
        var topKey = ""
        var service: String?
        var serviceIndent: Int?
        var image: String?
        var listKey: String?
        var listIndent = 0
        var itemStart = 0
        for (index, raw) in lines.enumerated() {
            let content = raw.trimmed
            if content.isEmpty || content.hasPrefix("#") { continue }
            let indent = raw.prefix { $0 == " " }.count
            let isItem = content.hasPrefix("- ")
            let body = isItem ? String(content.dropFirst(2)).trimmed : content
            if isItem { itemStart = found.count }
            if indent == 0 {
                topKey = content.hasSuffix(":") ? String(content.dropLast()) : ""
                if content == "---" { topKey = "" }
                service = nil
                listKey = nil
                continue
            }
            if kind == .compose, topKey == "services", !isItem, body.hasSuffix(":"), serviceIndent == nil || indent == serviceIndent {
                serviceIndent = indent
                service = String(body.dropLast()).unquoted
                image = nil
                listKey = nil
                continue
            }
            if listKey != nil, indent < listIndent || (indent == listIndent && !isItem) { listKey = nil }
            let owner = service.map { name in image.map { "\(name) (\($0))" } ?? name }
            if isItem, let key = listKey, !body.contains(": "), !body.hasSuffix(":") {
                // A plain list item: compose short syntax under `ports:` or `expose:`.
                found += composeShort(body.unquoted, key: key, file: file, line: index + 1, owner: owner)
                continue
            }
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon]).trimmed
            let value = String(body[body.index(after: colon)...]).trimmed
            if value.isEmpty {
                if key == "ports" || key == "expose" {
                    listKey = key
                    listIndent = indent
                }
                continue
            }
            if key == "image" { image = value.unquoted }
            if key == "protocol", let transport = TransportProtocol(name: Substring(value.unquoted.lowercased())) {
                for position in itemStart..<found.count { found[position].transport = transport }
                continue
            }
            let keys: [String: Bool] =
                kind == .compose
                ? ["published": true, "target": false]
                : ["containerPort": false, "hostPort": true, "nodePort": true, "port": false, "targetPort": false]
            if let claimsHost = keys[key], let port = port(value.unquoted) {
                found.append(PortMention(port: port, transport: nil, file: file, line: index + 1, key: key, owner: owner, claimsHost: claimsHost))
            }
        }
        return found
    }

    /// `8080:80`, `127.0.0.1:8080:80/udp`, `[::1]:8080:80`, `3000-3002:3000-3002`, `80`: the published ports
    /// claim the host; a bare container port (or `expose:`) does not.
    static func composeShort(_ text: String, key: String, file: String, line: Int, owner: String?) -> [PortMention] {
        var spec = text
        var transport: TransportProtocol?
        if let slash = spec.lastIndex(of: "/") {
            transport = TransportProtocol(name: Substring(spec[spec.index(after: slash)...].lowercased()))
            spec = String(spec[..<slash])
        }
        if spec.hasPrefix("["), let close = spec.firstIndex(of: "]") { spec = String(spec[spec.index(after: close)...]) }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var found: [PortMention] = []
        func add(_ text: String, host: Bool) {
            let bounds = text.split(separator: "-").map(String.init)
            guard let first = bounds.first.flatMap(port) else { return }
            let last = bounds.count == 2 ? port(bounds[1]) ?? first : first
            guard first <= last, last - first < 1024 else { return }
            for number in first...last {
                found.append(PortMention(port: number, transport: transport, file: file, line: line, key: key, owner: owner, claimsHost: host))
            }
        }
        if key == "ports", parts.count >= 2 { add(parts[parts.count - 2], host: true) }
        if let container = parts.last { add(container, host: false) }
        return found
    }

    /// A port number, or `nil` for anything else (a variable, a name, a number above 65535).
    static func port(_ text: String) -> UInt16? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return UInt16(text)
    }
}

extension String {
    fileprivate var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return String(text)
    }

    /// Without surrounding quotes, and without a trailing comment.
    fileprivate var unquoted: String {
        var text = self
        if let hash = text.firstRange(of: " #") { text = String(text[..<hash.lowerBound]).trimmed }
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first { text = String(text.dropFirst().dropLast()) }
        return text
    }

    fileprivate func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : Substring(self)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
