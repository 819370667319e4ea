import Foundation

/// A language the site speaks: its code (`en`, `uk`) and its interface strings.
///
/// Each language is one strings file, `Strings/<code>.txt`: `key = value` lines, `#` comments, `{name}`
/// placeholders. English is the reference: every other file must have every English key (the tests check),
/// so adding a language is adding one file.
public struct Language: Sendable, Hashable {
    public let code: String
    let strings: [String: String]

    public init(code: String, strings: [String: String]) {
        self.code = code
        self.strings = strings
    }

    /// The language's own name for itself ("Українська").
    public var name: String { strings["language.name"] ?? code }

    /// The string for `key` with `{placeholders}` filled in; the key itself when a translation is missing.
    public func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        var text = strings[key] ?? key
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// The keys this language defines.
    public var keys: Set<String> { Set(strings.keys) }

    /// Parses a strings file.
    /// - Throws: `WebError.malformedStrings` naming the file and line.
    public static func parse(code: String, text: String) throws(WebError) -> Language {
        var strings: [String: String] = [:]
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw .malformedStrings(file: "\(code).txt", line: number)
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw .malformedStrings(file: "\(code).txt", line: number) }
            strings[key] = value.replacingOccurrences(of: "\\n", with: "\n")
        }
        return Language(code: code, strings: strings)
    }
}

/// The languages the site speaks, English first.
public struct Languages: Sendable {
    public let all: [Language]

    public init(_ all: [Language]) {
        self.all = all.sorted { ($0.code == "en" ? 0 : 1, $0.code) < ($1.code == "en" ? 0 : 1, $1.code) }
    }

    /// English, the default and the reference.
    public var english: Language { all.first { $0.code == "en" } ?? all[0] }

    /// The language with this code, if the site speaks it.
    public func language(code: String) -> Language? { all.first { $0.code == code } }

    /// The best language for an `Accept-Language` header (RFC 9110 §12.5.4: weighted ranges, primary subtags).
    public func negotiate(_ header: String?) -> Language {
        guard let header else { return english }
        var best: (quality: Double, language: Language)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first?.lowercased(), !range.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let primary = String(range.split(separator: "-").first ?? "")
            guard quality > 0, let language = language(code: primary) else { continue }
            if best == nil || quality > best!.quality { best = (quality, language) }
        }
        return best?.language ?? english
    }

    /// Loads every `*.txt` strings file in `folder`.
    /// - Throws: `WebError` when the folder has no English file or a file does not parse.
    public static func load(folder: String) throws(WebError) -> Languages {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        var languages: [Language] = []
        for name in names {
            guard let text = try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8) else {
                throw .missingResource("\(folder)/\(name)")
            }
            languages.append(try Language.parse(code: String(name.dropLast(4)), text: text))
        }
        guard languages.contains(where: { $0.code == "en" }) else { throw .missingResource("\(folder)/en.txt") }
        return Languages(languages)
    }
}

/// What can go wrong setting up the site.
public enum WebError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedStrings(file: String, line: Int)
    case missingResource(String)

    public var description: String {
        switch self {
        case .malformedStrings(let file, let line): "\(file):\(line): not a 'key = value' line"
        case .missingResource(let path): "\(path): the site's resource is missing"
        }
    }
}
