/// A strict pull parser for the subset of XML that IANA's registries use: elements, attributes, character and
/// entity references, comments, CDATA, processing instructions and an optional DOCTYPE without an internal subset.
///
/// It checks well-formedness as it goes (names, quoting, nesting, the single root, the end of the input), so a
/// truncated or damaged file is an error with the line it was found on, never a partial registry.
struct XMLScanner {
    /// One step through the document.
    enum Event {
        /// An element opens. A self-closing tag is followed at once by its `.end`.
        case start(name: String, attributes: [(name: String, value: String)])
        /// An element closes. Its name is the one `.start` gave: the scanner checks that they match.
        case end
        /// Character data between tags, still raw: `text(_:)` decodes it.
        case text(Range<Int>)
        /// A CDATA section's content, taken literally.
        case cdata(Range<Int>)
    }

    /// What was wrong, and the byte offset where it was found.
    struct Failure: Error {
        var offset: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private var position = 0
    /// The names of the open elements, as byte ranges of the input: closing tags compare bytes, not strings.
    private var openElements: [Range<Int>] = []
    private var pendingEnd = false
    private var sawRoot = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// How deep the scanner is: the number of elements open.
    var depth: Int { openElements.count }

    /// The byte offset the scanner has reached.
    var offset: Int { position }

    /// The 1-based line of a byte offset, for error messages.
    func line(at offset: Int) -> Int {
        var line = 1
        for byte in bytes[..<min(offset, bytes.count)] where byte == 0x0A { line += 1 }
        return line
    }

    /// The next event, or `nil` at a well-formed end of the document.
    mutating func next() throws(Failure) -> Event? {
        if pendingEnd {
            pendingEnd = false
            openElements.removeLast()
            return .end
        }
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                if openElements.isEmpty {
                    guard bytes[start..<position].allSatisfy(Self.isSpace) else {
                        throw Failure(offset: start, reason: "text outside the root element")
                    }
                    continue
                }
                return .text(start..<position)
            }
            guard position + 1 < bytes.count else { break }
            switch bytes[position + 1] {
            case UInt8(ascii: "/"):
                return try endTag()
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8), what: "processing instruction")
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(past: Array("-->".utf8), what: "comment")
                } else if matches("<![CDATA[") {
                    guard !openElements.isEmpty else { throw Failure(offset: position, reason: "CDATA outside the root element") }
                    let start = position + 9
                    try skip(past: Array("]]>".utf8), what: "CDATA section")
                    return .cdata(start..<(position - 3))
                } else if matches("<!DOCTYPE"), !sawRoot {
                    try skip(past: [UInt8(ascii: ">")], what: "DOCTYPE")
                } else {
                    throw Failure(offset: position, reason: "unexpected markup")
                }
            default:
                return try startTag()
            }
        }
        if let open = openElements.last {
            throw Failure(offset: bytes.count, reason: "the file ends inside <\(string(open))>: it is cut short")
        }
        guard sawRoot else { throw Failure(offset: bytes.count, reason: "no root element") }
        return nil
    }

    /// The decoded text of a `.text` range: entity and character references replaced.
    func text(_ range: Range<Int>) throws(Failure) -> String {
        var index = range.lowerBound
        guard let firstAmp = bytes[range].firstIndex(of: UInt8(ascii: "&")) else {
            return String(decoding: bytes[range], as: UTF8.self)
        }
        var out = [UInt8]()
        out.reserveCapacity(range.count)
        out.append(contentsOf: bytes[index..<firstAmp])
        index = firstAmp
        while index < range.upperBound {
            let byte = bytes[index]
            if byte != UInt8(ascii: "&") {
                out.append(byte)
                index += 1
                continue
            }
            guard let semicolon = bytes[index..<range.upperBound].firstIndex(of: UInt8(ascii: ";")),
                semicolon - index <= 12
            else { throw Failure(offset: index, reason: "an '&' that starts no entity reference") }
            let name = bytes[(index + 1)..<semicolon]
            try appendEntity(name, at: index, to: &out)
            index = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The literal text of a `.cdata` range.
    func literal(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    // MARK: - Tags

    private mutating func startTag() throws(Failure) -> Event {
        let tagStart = position
        if openElements.isEmpty, sawRoot { throw Failure(offset: position, reason: "a second root element") }
        position += 1
        let nameRange = try readName()
        let name = string(nameRange)
        var attributes: [(name: String, value: String)] = []
        while true {
            let hadSpace = skipSpace()
            guard position < bytes.count else {
                throw Failure(offset: tagStart, reason: "the file ends inside the tag <\(name)>: it is cut short")
            }
            switch bytes[position] {
            case UInt8(ascii: ">"):
                position += 1
                openElements.append(nameRange)
                sawRoot = true
                return .start(name: name, attributes: attributes)
            case UInt8(ascii: "/"):
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                    throw Failure(offset: position, reason: "a '/' inside the tag <\(name)>")
                }
                position += 2
                openElements.append(nameRange)
                sawRoot = true
                pendingEnd = true
                return .start(name: name, attributes: attributes)
            default:
                guard hadSpace else { throw Failure(offset: position, reason: "attributes of <\(name)> run together") }
                let attribute = string(try readName())
                skipSpace()
                // A file cut after an attribute's name (`<record u`) is cut short, not an attribute without a value.
                if position >= bytes.count { throw Failure(offset: tagStart, reason: "the file ends inside the tag <\(name)>: it is cut short") }
                guard bytes[position] == UInt8(ascii: "=") else {
                    throw Failure(offset: position, reason: "attribute '\(attribute)' of <\(name)> has no value")
                }
                position += 1
                skipSpace()
                if position >= bytes.count { throw Failure(offset: tagStart, reason: "the file ends inside the tag <\(name)>: it is cut short") }
                guard bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                    throw Failure(offset: position, reason: "attribute '\(attribute)' of <\(name)> is not quoted")
                }
                let quote = bytes[position]
                let valueStart = position + 1
                guard let valueEnd = bytes[valueStart...].firstIndex(of: quote) else {
                    throw Failure(offset: tagStart, reason: "the file ends inside the tag <\(name)>: it is cut short")
                }
                if bytes[valueStart..<valueEnd].contains(UInt8(ascii: "<")) {
                    throw Failure(offset: valueStart, reason: "a '<' in attribute '\(attribute)' of <\(name)>")
                }
                if attributes.contains(where: { $0.name == attribute }) {
                    throw Failure(offset: position, reason: "attribute '\(attribute)' repeated in <\(name)>")
                }
                attributes.append((attribute, try text(valueStart..<valueEnd)))
                position = valueEnd + 1
            }
        }
    }

    private mutating func endTag() throws(Failure) -> Event {
        let tagStart = position
        position += 2
        let nameRange = try readName()
        skipSpace()
        guard position < bytes.count else {
            throw Failure(offset: tagStart, reason: "the file ends inside the tag </\(string(nameRange))>: it is cut short")
        }
        guard bytes[position] == UInt8(ascii: ">") else {
            throw Failure(offset: position, reason: "unexpected character in the tag </\(string(nameRange))>")
        }
        position += 1
        guard let open = openElements.last else {
            throw Failure(offset: tagStart, reason: "</\(string(nameRange))> closes no open element")
        }
        guard bytes[open].elementsEqual(bytes[nameRange]) else {
            throw Failure(offset: tagStart, reason: "</\(string(nameRange))> where </\(string(open))> was expected")
        }
        openElements.removeLast()
        return .end
    }

    private mutating func readName() throws(Failure) -> Range<Int> {
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], first: position == start) { position += 1 }
        guard position > start else {
            if position >= bytes.count { throw Failure(offset: start, reason: "the file ends inside a tag: it is cut short") }
            throw Failure(offset: start, reason: "a tag without a valid name")
        }
        return start..<position
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    // MARK: - Bytes

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = position
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { bytes[position..<(position + count)].elementsEqual($0) }
    }

    private mutating func skip(past terminator: [UInt8], what: String) throws(Failure) {
        let start = position
        var index = position + 2
        while index + terminator.count <= bytes.count {
            if bytes[index] == terminator[0], bytes[index..<(index + terminator.count)].elementsEqual(terminator) {
                position = index + terminator.count
                return
            }
            index += 1
        }
        throw Failure(offset: start, reason: "the file ends inside a \(what): it is cut short")
    }

    private func appendEntity(_ name: ArraySlice<UInt8>, at offset: Int, to out: inout [UInt8]) throws(Failure) {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "amp": out.append(UInt8(ascii: "&"))
        case "quot": out.append(UInt8(ascii: "\""))
        case "apos": out.append(UInt8(ascii: "'"))
        case let reference where reference.hasPrefix("#"):
            let digits = reference.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else {
                throw Failure(offset: offset, reason: "'&\(reference);' is not a valid character reference")
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        case let other:
            throw Failure(offset: offset, reason: "'&\(other);' is not an entity XML defines")
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return !first
        default:
            return false
        }
    }
}
