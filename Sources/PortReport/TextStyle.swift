/// How text output looks: with ANSI colour on a terminal, plain when piped.
public struct TextStyle: Sendable {
    /// Whether to emit ANSI escape sequences.
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    /// Plain text, for pipes and files.
    public static let plain = TextStyle(colour: false)

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func accent(_ text: String) -> String { wrap(text, "36") }
    public func warning(_ text: String) -> String { wrap(text, "33") }

    private func wrap(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
