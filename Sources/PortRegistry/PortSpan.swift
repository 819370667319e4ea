/// A port number or an inclusive run of port numbers, as the registry writes them: `80` or `3367-3371`.
///
/// Two spans are equal when they hold the same ports; how one was written (`4748-4748`, which IANA writes for
/// six records) is kept apart, in `isWrittenAsRange`, so that an export gives back IANA's bytes.
public struct PortSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first port of the span.
    public let start: UInt16
    /// The last port of the span; equal to `start` for a single port.
    public let end: UInt16
    /// Whether a single port was written as a range, `4748-4748`; `description` writes it back so.
    public let isWrittenAsRange: Bool

    /// The highest port number there is.
    public static let maximumPort = 65535

    /// A span from `start` through `end`.
    /// - Throws: `RegistryError.invertedSpan` when `end` is below `start`.
    public init(start: UInt16, end: UInt16) throws(RegistryError) {
        try self.init(start: start, end: end, writtenAsRange: false)
    }

    /// A span from `start` through `end`, remembering whether a single port was written as a range.
    /// - Throws: `RegistryError.invertedSpan` when `end` is below `start`.
    public init(start: UInt16, end: UInt16, writtenAsRange: Bool) throws(RegistryError) {
        guard start <= end else { throw .invertedSpan("\(start)-\(end)") }
        self.start = start
        self.end = end
        self.isWrittenAsRange = writtenAsRange && start == end
    }

    /// The span that holds the one port `port`.
    public init(port: UInt16) {
        start = port
        end = port
        isWrittenAsRange = false
    }

    /// Parses one decimal port 0–65535, as the commands that act on a single port take it.
    /// - Throws: `RegistryError.malformedPort` naming `text` (a range too), or `.portOutOfRange`.
    public static func port(parsing text: some StringProtocol) throws(RegistryError) -> UInt16 {
        let span = try PortSpan(parsing: text)
        guard span.start == span.end else { throw .malformedPort(String(text)) }
        return span.start
    }

    /// Parses `N` or `A-B`, each a decimal port 0–65535, with `A <= B`.
    /// - Throws: `RegistryError.malformedPort` naming `text`, or `.portOutOfRange`, or `.invertedSpan`.
    public init(parsing text: some StringProtocol) throws(RegistryError) {
        let trimmed = text.trimmingWhitespace()
        let parts = trimmed.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first else { throw .malformedPort(String(text)) }
        let start = try Self.port(first, whole: text)
        if parts.count == 2 {
            let end = try Self.port(parts[1], whole: text)
            try self.init(start: start, end: end, writtenAsRange: true)
        } else {
            self.init(port: start)
        }
    }

    /// How many ports the span covers.
    public var count: Int { Int(end) - Int(start) + 1 }

    /// Whether the span holds `port`.
    public func contains(_ port: UInt16) -> Bool { start <= port && port <= end }

    /// Whether the two spans share at least one port.
    public func overlaps(_ other: PortSpan) -> Bool { start <= other.end && other.start <= end }

    /// `80` or `3367-3371`, as the registry writes it.
    public var description: String { start == end && !isWrittenAsRange ? "\(start)" : "\(start)-\(end)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.start == rhs.start && lhs.end == rhs.end }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    private static func port(_ digits: some StringProtocol, whole: some StringProtocol) throws(RegistryError) -> UInt16 {
        guard !digits.isEmpty, digits.utf8.count <= 12, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .malformedPort(String(whole))
        }
        guard let value = Int(digits), value <= maximumPort else { throw .portOutOfRange(String(whole)) }
        return UInt16(value)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> Substring {
        let base = Substring(self)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
        guard let first = base.utf8.firstIndex(where: { !isSpace($0) }),
            let last = base.utf8.lastIndex(where: { !isSpace($0) })
        else { return Substring() }
        // Both bounds sit next to ASCII bytes or the ends, so they fall on scalar boundaries.
        return base[first..<base.utf8.index(after: last)]
    }
}
