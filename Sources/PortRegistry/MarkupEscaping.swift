/// Escaping for XML and HTML text and attribute values: `&`, `<`, `>`, `"` and `'` become references.
/// One escaper for the registry's XML and the site's HTML, so both escape the same five characters.
public enum MarkupEscaping {
    /// Appends `content` to `out`, escaped. Works on UTF-8 bytes: every byte it replaces is ASCII, so the
    /// rest is copied whole.
    public static func escape(_ content: some StringProtocol, into out: inout String) {
        let bytes = content.utf8
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            let replacement: String? =
                switch bytes[index] {
                case 0x26: "&amp;"
                case 0x3C: "&lt;"
                case 0x3E: "&gt;"
                case 0x22: "&quot;"
                case 0x27: "&#39;"
                default: nil
                }
            if let replacement {
                out += content[start..<index]
                out += replacement
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        out += content[start..<bytes.endIndex]
    }

    /// `content`, escaped.
    public static func escaped(_ content: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(content.utf8.count)
        escape(content, into: &out)
        return out
    }
}
