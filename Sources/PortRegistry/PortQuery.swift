/// What a user asks about: one port, a range of ports, or a service name.
public enum PortQuery: Sendable, Hashable {
    case port(UInt16)
    case span(PortSpan)
    case service(String)

    /// Parses a query: `3331`, `3360-3375`, or a service name such as `mysql` or `914c/g`.
    ///
    /// Anything that starts with a digit or a minus sign must be a port or a range, so `70000`, `-1` and `3331-`
    /// are errors rather than names.
    /// - Throws: `RegistryError.emptyQuery`, `.malformedPort`, `.portOutOfRange`, `.invertedSpan`, `.malformedQuery`.
    public init(parsing text: String) throws(RegistryError) {
        let trimmed = String(text.trimmingWhitespace())
        guard let first = trimmed.unicodeScalars.first else { throw .emptyQuery }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        // A name may start with a digit (3Com-nsd, 914c/g), but then it holds a letter or a mark.
        if first == "-" || trimmed.unicodeScalars.allSatisfy({ isDigit($0) || $0 == "-" }) {
            let span = try PortSpan(parsing: trimmed)
            self = span.start == span.end ? .port(span.start) : .span(span)
        } else {
            try self.init(name: trimmed, original: text)
        }
    }

    private init(name: String, original: String) throws(RegistryError) {
        // Registry names hold letters, digits and a few marks (`-`, `_`, `.`, `/`, `+`, `*`); anything else,
        // or a name far longer than any assigned, is not a name.
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./+*".unicodeScalars.contains($0)
        }
        guard allowed, name.utf8.count <= 63 else { throw .malformedQuery(original) }
        self = .service(name)
    }

    /// The query as the user would write it.
    public var text: String {
        switch self {
        case .port(let port): "\(port)"
        case .span(let span): span.description
        case .service(let name): name
        }
    }
}
