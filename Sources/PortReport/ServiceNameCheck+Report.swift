import PortRegistry

extension RegistryEntry {
    /// `name port/protocol`, or the description for a row without a name.
    var placeJSON: JSONValue {
        .object([
            ("service", .string(serviceName)),
            ("ports", .string(ports?.description)),
            ("protocol", .string(transport?.rawValue)),
            ("description", .string(description)),
        ])
    }

    var placeLabel: String { "\(ports?.description ?? "no port")/\(transport?.rawValue ?? "-")" }
}

extension ServiceName.Check {
    /// `name`, `verdict` (`free`, `taken`, `invalid`), `exitStatus`, `violations` [{`rule`, `text`}],
    /// `holders` [{`service`, `ports`, `protocol`, `description`}].
    public var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("verdict", .string(outcome.rawValue)),
            ("exitStatus", .number(exitStatus)),
            ("violations", .array(violations.map { .object([("rule", .string($0.rawValue)), ("text", .string($0.rule))]) })),
            ("holders", .array(holders.map(\.placeJSON))),
        ])
    }

    /// One verdict line, then the broken rules or the entries that hold the name.
    public func text(style: TextStyle) -> String {
        let shown = name.terminalSafeLine
        var lines: [String]
        switch outcome {
        case .free: lines = [style.bold("\(shown): valid and free") + " (RFC 6335 §5.1; no registered entry holds it)"]
        case .taken: lines = [style.bold("\(shown): taken") + " (names compare case-insensitively)"]
        case .invalid: lines = [style.bold("\(shown): invalid") + " (RFC 6335 §5.1)"]
        }
        lines += violations.map { "  breaks: \($0.rule)" }
        lines += holders.map { entry in
            let description = entry.description.isEmpty ? "" : " — \(entry.description.terminalSafeLine)"
            return "  held by \((entry.serviceName ?? "").terminalSafeLine) on \(entry.placeLabel)\(description)"
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ServiceName.Historical {
    /// `name`, `violations` [rule], `entries` [{`service`, `ports`, `protocol`, `description`}].
    public var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("violations", .array(violations.map { .string($0.rawValue) })),
            ("entries", .array(entries.map(\.placeJSON))),
        ])
    }

    /// `name  ports  breaks: rule, rule`.
    public var line: String {
        let places = entries.map(\.placeLabel).joined(separator: " ")
        return "\(name.terminalSafeLine)  \(places)  breaks: \(violations.map(\.rawValue).joined(separator: ", "))"
    }
}
