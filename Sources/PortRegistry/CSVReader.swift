/// Splits RFC 4180 CSV into rows of fields: quoted fields may hold commas, doubled quotes and line breaks.
struct CSVReader {
    /// What was wrong, and the 1-based line where the row holding it starts.
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private var position = 0
    private(set) var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next row and the line it starts on, or `nil` at the end of the input.
    mutating func nextRow() throws(Failure) -> (fields: [String], line: Int)? {
        guard position < bytes.count else { return nil }
        let rowLine = line
        var fields: [String] = []
        while true {
            let (field, terminator) = try nextField(rowLine: rowLine)
            fields.append(field)
            switch terminator {
            case .comma: continue
            case .endOfRow, .endOfInput: return (fields, rowLine)
            }
        }
    }

    private enum Terminator { case comma, endOfRow, endOfInput }

    private mutating func nextField(rowLine: Int) throws(Failure) -> (String, Terminator) {
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            position += 1
            var value: [UInt8] = []
            while true {
                guard position < bytes.count else {
                    throw Failure(line: rowLine, reason: "a quoted field that never closes: the file is cut short")
                }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") {
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                        value.append(byte)
                        position += 1
                        continue
                    }
                    break
                }
                if byte == 0x0A { line += 1 }
                value.append(byte)
            }
            let text = String(decoding: value, as: UTF8.self).normalizingLineBreaks()
            guard let terminator = terminator() else {
                throw Failure(line: line, reason: "text after a closing quote")
            }
            return (text, terminator)
        }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: "\"") { throw Failure(line: line, reason: "a quote inside an unquoted field") }
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        return (text, terminator()!)
    }

    /// Consumes a comma or a line break after a field; `nil` when something else follows.
    private mutating func terminator() -> Terminator? {
        guard position < bytes.count else { return .endOfInput }
        switch bytes[position] {
        case UInt8(ascii: ","):
            position += 1
            return .comma
        case 0x0D:
            position += 1
            if position < bytes.count, bytes[position] == 0x0A { position += 1 }
            line += 1
            return .endOfRow
        case 0x0A:
            position += 1
            line += 1
            return .endOfRow
        default:
            return nil
        }
    }
}

extension String {
    /// The text with every line break as a plain `\n`: Windows' `\r\n` and a lone `\r` alike.
    func normalizingLineBreaks() -> String {
        guard utf8.contains(0x0D) else { return self }
        let bytes = Array(utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if byte != 0x0D {
                kept.append(byte)
            } else if index + 1 == bytes.count || bytes[index + 1] != 0x0A {
                kept.append(0x0A)
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }
}
