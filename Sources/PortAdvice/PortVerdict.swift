import PortRegistry

/// Whether a port is a good choice for a new program, with every reason found, each labelled with its source
/// and date. `PortVerdict.judge` makes it; `check`, the site's port pages and `suggest` all show this one value.
public struct PortVerdict: Sendable, Hashable {
    /// How strongly a reason, or the whole verdict, speaks against the port.
    public enum Level: Int, Sendable, Hashable, Comparable, CaseIterable {
        /// Nothing against it.
        case good = 0
        /// Usable, but something else may want it: say so in its documentation, make it configurable.
        case warnings = 1
        /// Pick another: it is refused, taken, or handed out by the system.
        case avoid = 2

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

        /// `good`, `usable with warnings`, `avoid`.
        public var title: String {
            switch self {
            case .good: "good"
            case .warnings: "usable with warnings"
            case .avoid: "avoid"
            }
        }

        /// `good`, `warnings`, `avoid`: the name `--json` gives.
        public var name: String {
            switch self {
            case .good: "good"
            case .warnings: "warnings"
            case .avoid: "avoid"
            }
        }
    }

    /// One thing known about the port that bears on the choice.
    public struct Reason: Sendable, Hashable {
        /// What the reason is about.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// Port 0: not a port a program can listen on.
            case portZero = "port-zero"
            /// RFC 6335's range the port is in (System, User, Dynamic).
            case range
            /// IANA's registry: assigned, reserved or unassigned.
            case iana
            /// A product known to use the port (curated knowledge).
            case knownUse = "known-use"
            /// Browsers refuse to fetch from it.
            case browserBlocked = "browser-blocked"
            /// Historical trojan lists name it.
            case malware
            /// An operating system's default ephemeral range holds it.
            case ephemeral
            /// An operating system may reserve it (Windows' excluded port ranges).
            case excluded
            /// A developer tool moves on to it when its default port is busy (its default window).
            case toolWindow = "tool-window"
            /// This machine's ephemeral range, read now.
            case localEphemeral = "local-ephemeral"
            /// This machine's `ip_local_reserved_ports`, read now.
            case localReserved = "local-reserved"
            /// Something listens on it on this machine now.
            case boundHere = "bound-here"
        }

        /// What a reason says, as data: a message key and its named values, so a page can say it in its own
        /// language. `text` is the same message in English.
        public struct Message: Sendable, Hashable {
            /// One named value of a message.
            public struct Value: Sendable, Hashable {
                /// The placeholder's name: `label`, `service`, `description`, `product`, `purpose`, `note`,
                /// `start`, `end`, `range`.
                public var name: String
                /// The value itself.
                public var value: String
                /// Whether the value is English text from the registry or the knowledge (a description, a product,
                /// a purpose), not a number, a label or a key: a page in another language marks it as English.
                public var isEnglish: Bool

                public init(_ name: String, _ value: String, isEnglish: Bool = false) {
                    self.name = name
                    self.value = value
                    self.isEnglish = isEnglish
                }
            }

            /// Which message: `port-zero`, `range`, `iana.assigned`, `iana.assigned-described`, `iana.reserved`,
            /// `iana.unassigned`, `known-use`, `known-use-span`, `browser-blocked`, `browser-blocked-noted`,
            /// `malware`, `ephemeral`, `excluded`, `excluded-noted`; `local` for this machine's reasons, said
            /// only in English.
            public var key: String
            /// The message's named values, in the order the English text uses them.
            public var values: [Value]

            public init(_ key: String, _ values: [Value] = []) {
                self.key = key
                self.values = values
            }

            /// The value named `name`, if the message has one.
            public subscript(name: String) -> String? { values.first { $0.name == name }?.value }
        }

        public var kind: Kind
        /// How strongly it speaks against the port.
        public var level: Level
        /// The reason in plain English (what `check` prints).
        public var text: String
        /// The reason as a message key and values, for pages in any language.
        public var message: Message
        /// Where it comes from: a document's title, the registry, or a file of this machine.
        public var source: String
        /// The document's address, when it has one.
        public var url: String?
        /// The source's date: the registry's, the day a document was read, or the moment the machine was read.
        public var date: String?
        /// Whether the reason comes from this machine (not shown on the site).
        public var isLocal: Bool { kind == .localEphemeral || kind == .localReserved || kind == .boundHere }

        public init(
            kind: Kind,
            level: Level,
            text: String,
            message: Message = Message("local"),
            source: String,
            url: String? = nil,
            date: String? = nil
        ) {
            self.kind = kind
            self.level = level
            self.text = text
            self.message = message
            self.source = source
            self.url = url
            self.date = date
        }
    }

    /// The port judged.
    public var port: UInt16
    /// The protocol the port is wanted for.
    public var transport: TransportProtocol
    /// The strongest level among the reasons; `.good` when none speaks against the port.
    public var level: Level
    /// Every reason, the strongest first, then in the order they were found.
    public var reasons: [Reason]
    /// Whether the machine was read (`check`) or not (the site).
    public var includesMachine: Bool
}
