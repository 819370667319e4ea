import PortRegistry

extension ServicesAudit {
    /// `file`, `lines`, `matching`, `findings` [{`kind`, `service`, `port`, `protocol`, `text`, `registry` […]}],
    /// `missing` [{`service`, `ports`, `protocol`, `description`}].
    public func json(file: String) -> JSONValue {
        .object([
            ("file", .string(file)),
            ("lines", .number(lineCount)),
            ("matching", .number(matching)),
            (
                "findings",
                .array(
                    findings.map { finding in
                        .object([
                            ("kind", .string(finding.kind.rawValue)),
                            ("service", .string(finding.line.serviceName)),
                            ("port", .number(finding.line.ports?.start)),
                            ("protocol", .string(finding.line.transport?.rawValue)),
                            ("text", .string(finding.text)),
                            ("registry", .array(finding.registry.map(\.placeJSON))),
                        ])
                    }
                )
            ),
            ("missing", .array(missing.map(\.placeJSON))),
        ])
    }

    /// The findings grouped by kind, then the System-port assignments the file lacks.
    public func text(file: String, style: TextStyle) -> String {
        var lines = ["\(file.terminalSafeLine): \(lineCount) services read, \(matching) match the registry"]
        for kind in Finding.Kind.allCases {
            let found = findings.filter { $0.kind == kind }
            guard !found.isEmpty else { continue }
            lines.append(style.bold("\(kind.rawValue) (\(found.count))"))
            lines += found.map { "  \($0.text.terminalSafeLine)" }
        }
        if !missing.isEmpty {
            lines.append(style.bold("missing (\(missing.count) System-port assignments the file does not list)"))
            lines += missing.map { "  \(($0.serviceName ?? "").terminalSafeLine) \($0.placeLabel)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
