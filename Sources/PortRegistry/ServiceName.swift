/// RFC 6335 §5.1's rules for service names, as pure checks: what a new name must be, and how names compare.
///
/// A valid name is 1–15 characters of US-ASCII letters, digits and hyphens, holds at least one letter, does
/// not begin or end with a hyphen and has no two hyphens in a row. Names compare case-insensitively. Names
/// registered before RFC 6335 may break these rules ("914c/g", "sql*net"): they are reported, never rejected.
public enum ServiceName {
    /// The longest name RFC 6335 allows.
    public static let maximumLength = 15

    /// One rule of RFC 6335 §5.1 that a name breaks.
    public enum Violation: String, Sendable, Hashable, CaseIterable {
        case empty
        case tooLong = "too-long"
        case invalidCharacter = "invalid-character"
        case noLetter = "no-letter"
        case leadingHyphen = "leading-hyphen"
        case trailingHyphen = "trailing-hyphen"
        case doubleHyphen = "double-hyphen"

        /// The rule, as RFC 6335 §5.1 states it.
        public var rule: String {
            switch self {
            case .empty: "a service name has at least 1 character"
            case .tooLong: "a service name has at most 15 characters"
            case .invalidCharacter: "a service name holds only US-ASCII letters (A–Z, a–z), digits (0–9) and hyphens"
            case .noLetter: "a service name holds at least one letter"
            case .leadingHyphen: "a service name does not begin with a hyphen"
            case .trailingHyphen: "a service name does not end with a hyphen"
            case .doubleHyphen: "a service name has no two hyphens in a row"
            }
        }
    }

    /// Every rule `name` breaks, in the order RFC 6335 lists them; empty for a valid name.
    public static func violations(of name: String) -> [Violation] {
        guard !name.isEmpty else { return [.empty] }
        let scalars = Array(name.unicodeScalars)
        var found: [Violation] = []
        if scalars.count > maximumLength { found.append(.tooLong) }
        if !scalars.allSatisfy({ isLetter($0) || isDigit($0) || $0 == "-" }) { found.append(.invalidCharacter) }
        if !scalars.contains(where: isLetter) { found.append(.noLetter) }
        if scalars.first == "-" { found.append(.leadingHyphen) }
        if scalars.count > 1, scalars.last == "-" { found.append(.trailingHyphen) }
        if name.contains("--") { found.append(.doubleHyphen) }
        return found
    }

    /// Whether `name` follows every rule of RFC 6335 §5.1.
    public static func isValid(_ name: String) -> Bool { violations(of: name).isEmpty }

    /// The form two names are compared in: ASCII lower case (RFC 6335 §5.1: case-insensitive).
    public static func comparisonKey(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { isUpper($0) ? Unicode.Scalar(UInt8($0.value + 32)) : $0 }))
    }

    /// Whether two names are the same name (compared case-insensitively).
    public static func same(_ a: String, _ b: String) -> Bool { comparisonKey(a) == comparisonKey(b) }

    /// A registered name that breaks a rule: kept as registered, reported with the rules it breaks.
    public struct Historical: Sendable, Hashable {
        /// The name as the registry spells it.
        public var name: String
        /// The rules it breaks.
        public var violations: [Violation]
        /// Its entries in the registry.
        public var entries: [RegistryEntry]

        public init(name: String, violations: [Violation], entries: [RegistryEntry]) {
            self.name = name
            self.violations = violations
            self.entries = entries
        }
    }

    /// The names in `entries` that break RFC 6335 §5.1, each once (compared case-insensitively), in registry order.
    public static func historical(in entries: [RegistryEntry]) -> [Historical] {
        var order: [String] = []
        var byKey: [String: Historical] = [:]
        for entry in entries {
            guard let name = entry.serviceName else { continue }
            let key = comparisonKey(name)
            if byKey[key] != nil {
                byKey[key]?.entries.append(entry)
                continue
            }
            let broken = violations(of: name)
            guard !broken.isEmpty else { continue }
            order.append(key)
            byKey[key] = Historical(name: name, violations: broken, entries: [entry])
        }
        return order.compactMap { byKey[$0] }
    }

    private static func isUpper(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x41 && scalar.value <= 0x5A }
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { isUpper(scalar) || (scalar.value >= 0x61 && scalar.value <= 0x7A) }
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
}

extension ServiceName {
    /// What `check-name` answers: whether a name may be registered, and if not, why.
    public struct Check: Sendable, Hashable {
        /// Free, taken or invalid.
        public enum Outcome: String, Sendable, Hashable {
            /// Valid, and no entry holds it: exit 0.
            case free
            /// Valid, but registered already (compared case-insensitively): exit 1.
            case taken
            /// It breaks a rule of RFC 6335 §5.1: exit 2.
            case invalid
        }

        /// The name as asked.
        public var name: String
        /// The rules it breaks.
        public var violations: [Violation]
        /// The registry's entries that hold the name, compared case-insensitively.
        public var holders: [RegistryEntry]

        /// Checks `name` against the rules and against `holders`, the entries the registry gives for it.
        public init(name: String, holders: [RegistryEntry]) {
            self.name = name
            violations = ServiceName.violations(of: name)
            self.holders = holders.filter { $0.serviceName.map { ServiceName.same($0, name) } ?? false }
        }

        /// An invalid name is reported as such even when a historical entry holds it.
        public var outcome: Outcome { !violations.isEmpty ? .invalid : holders.isEmpty ? .free : .taken }

        /// 0 free, 1 taken, 2 invalid.
        public var exitStatus: Int32 {
            switch outcome {
            case .free: 0
            case .taken: 1
            case .invalid: 2
            }
        }
    }
}
