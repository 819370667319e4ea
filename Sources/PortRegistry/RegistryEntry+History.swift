extension RegistryEntry {
    /// What IANA's note says of an entry taken back: when, and which service held the port before.
    public struct Deassignment: Sendable, Hashable {
        /// The day IANA de-assigned it, `YYYY-MM-DD`, when the note gives one.
        public var date: String?
        /// The service that held the port, when the note names it ("previously compressnet",
        /// "Historic usage was surfpass").
        public var previousService: String?

        public init(date: String?, previousService: String?) {
            self.date = date
            self.previousService = previousService
        }
    }

    /// The de-assignment IANA's note records, or `nil` when the note records none. Read from the note's
    /// words, never guessed: a note that says only "De-Assigned on 2019-10-30" gives a date and no name.
    public var deassignment: Deassignment? {
        guard let notes else { return nil }
        let lowered = notes.lowercased()
        guard lowered.contains("de-assigned") || lowered.contains("deassigned") else { return nil }
        return Deassignment(date: Self.firstDate(in: notes), previousService: Self.word(after: ["previously ", "historic usage was "], in: notes))
    }

    /// How a person should read the entry's status.
    public var statusExplanation: String? {
        switch status {
        case .assigned: nil
        case .reserved: "Reserved: IANA holds it back; it is not open for assignment."
        case .unassigned: "Unassigned: no service holds it; it is open for assignment through IANA."
        }
    }

    private static func firstDate(in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10 else { return nil }
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        for start in 0...(bytes.count - 10) {
            let candidate = bytes[start..<start + 10]
            let shape = candidate.enumerated().allSatisfy { offset, byte in
                offset == 4 || offset == 7 ? byte == 0x2D : isDigit(byte)
            }
            if shape { return String(decoding: candidate, as: UTF8.self) }
        }
        return nil
    }

    private static func word(after markers: [String], in text: String) -> String? {
        let lowered = text.lowercased()
        for marker in markers {
            guard let range = lowered.firstRange(of: marker) else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            let rest = text.dropFirst(offset)
            let word = rest.prefix { !$0.isWhitespace && $0 != "." && $0 != "," && $0 != ";" }
            if !word.isEmpty { return String(word) }
        }
        return nil
    }
}
