import PortKnowledge

extension StringProtocol {
    /// The text made safe to print to a terminal: control characters (an ESC that would start an escape
    /// sequence, a carriage return that would overwrite the line, C1 controls, DEL) and the bidirectional
    /// overrides that reorder what is shown are written out as `\x1B` or `\u{202E}`, so text from a registry
    /// mirror, a knowledge file or another user's process name cannot drive the terminal.
    /// Line breaks stay line breaks (registry text has them); see `terminalSafeLine` for one-line text.
    public var terminalSafe: String { escapingTerminalControls(keepingLineBreaks: true) }

    /// As `terminalSafe`, with line breaks escaped too: for text that must stay on its line, such as a
    /// process name.
    public var terminalSafeLine: String { escapingTerminalControls(keepingLineBreaks: false) }

    private func escapingTerminalControls(keepingLineBreaks: Bool) -> String {
        guard unicodeScalars.contains(where: { $0.needsTerminalEscape(keepingLineBreaks: keepingLineBreaks) }) else {
            return String(self)
        }
        var out = ""
        for scalar in unicodeScalars {
            guard scalar.needsTerminalEscape(keepingLineBreaks: keepingLineBreaks) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            if scalar.value < 0x100 {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    fileprivate func needsTerminalEscape(keepingLineBreaks: Bool) -> Bool {
        switch value {
        case 0x0A: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional embeddings, overrides and isolates: they reorder the text a terminal shows.
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

extension KnowledgeFact {
    /// The fact with every text field made safe to print (`terminalSafe`): knowledge files are the user's
    /// own or anyone's, and their text goes to the terminal.
    var terminalSafe: KnowledgeFact {
        var fact = self
        fact.product = product.terminalSafe
        fact.purpose = purpose.terminalSafe
        fact.cluster = cluster?.terminalSafe
        fact.services = services.map(\.terminalSafeLine)
        fact.patterns = patterns.map(\.terminalSafe)
        fact.note = note?.terminalSafe
        fact.source = Citation(title: source.title.terminalSafe, url: source.url.terminalSafeLine, retrieved: source.retrieved.terminalSafeLine)
        fact.origin.file = origin.file.terminalSafeLine
        return fact
    }
}
