/// A request's query string decoded as browsers encode a form (`application/x-www-form-urlencoded`, as the
/// WHATWG URL standard reads it): items split on `&`, names from values on the first `=`, `+` a space,
/// `%XX` a byte, and the bytes UTF-8.
public struct FormQuery: Sendable {
    /// The items in the order they came; a name may come more than once.
    public let items: [(name: String, value: String)]

    /// Decodes `query` (the part after `?`, without it); `nil` is an empty query.
    /// - Throws: `RequestError.malformedQueryString` when the escapes decode to bytes that are not UTF-8.
    public init(_ query: String?) throws(RequestError) {
        var items: [(name: String, value: String)] = []
        for item in Substring(query ?? "").utf8.split(separator: UInt8(ascii: "&")) {
            let equals = item.firstIndex(of: UInt8(ascii: "="))
            let name = try Self.decode(item[..<(equals ?? item.endIndex)])
            let value = try equals.map { equals throws(RequestError) in try Self.decode(item[item.index(after: equals)...]) } ?? ""
            items.append((name, value))
        }
        self.items = items
    }

    /// The first value given for `name` (as `URLSearchParams.get` answers); `nil` when there is none.
    public func first(_ name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// `+` as a space (in a query, not in a path) and `%XX` as the byte XX; a `%` not followed by two hex
    /// digits stays as it is.
    /// - Throws: `RequestError.malformedQueryString`, or `.malformedPath` when `plusIsSpace` is false, when
    ///   the bytes are not UTF-8.
    public static func decode(_ bytes: Substring.UTF8View.SubSequence, plusIsSpace: Bool = true) throws(RequestError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") && plusIsSpace {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%"), let high = hex(bytes, bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex)),
                let low = hex(bytes, bytes.index(index, offsetBy: 2, limitedBy: bytes.endIndex))
            {
                out.append(high << 4 | low)
                index = bytes.index(index, offsetBy: 3)
                continue
            } else {
                out.append(byte)
            }
            index = bytes.index(after: index)
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw plusIsSpace ? .malformedQueryString : .malformedPath }
        return text
    }

    private static func hex(_ bytes: Substring.UTF8View.SubSequence, _ index: Substring.UTF8View.Index?) -> UInt8? {
        guard let index, index < bytes.endIndex else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return bytes[index] - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return bytes[index] - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return bytes[index] - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
