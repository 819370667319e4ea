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
        Self.fill(template(key), values)
    }

    /// The form of the counted string `key` that `count` takes in this language (`key[one]`, `key[few]`, …, by
    /// CLDR's plural rules: `PluralCategory`), with `{count}` and the other placeholders filled in.
    public func callAsFunction(_ key: String, count: Int, _ values: KeyValuePairs<String, String> = [:]) -> String {
        Self.fill(Self.fill(template(key, count: count), ["count": String(count)]), values)
    }

    /// The unfilled string for `key`, in the form `count` takes when it is given; the key itself when missing.
    public func template(_ key: String, count: Int? = nil) -> String {
        guard let count else { return strings[key] ?? key }
        let category = PluralCategory(count, language: code)
        return strings["\(key)[\(category.rawValue)]"] ?? strings["\(key)[other]"] ?? key
    }

    /// `template` with each `{name}` given in `values` replaced, in one pass: a value that holds a placeholder's
    /// name (text from a request) stays as it is.
    static func fill(_ template: String, _ values: KeyValuePairs<String, String>) -> String {
        guard !values.isEmpty else { return template }
        var text = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            text += rest[..<open]
            if let value = values.first(where: { $0.key == name })?.value {
                text += value
            } else {
                text += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }

    /// The keys this language defines, a counted string's forms each a key of its own (`answer.count[few]`).
    public var keys: Set<String> { Set(strings.keys) }

    /// Whether this language has a string for `key` (without making the set of every key).
    public func has(_ key: String) -> Bool { strings[key] != nil }

    /// The strings this language defines: the keys with a counted string's forms taken as one (`answer.count`).
    public var messages: Set<String> { Set(strings.keys.map { Self.split($0).message }) }

    /// The plural forms this language gives the counted string `message`; empty for a string that is not counted.
    public func pluralForms(of message: String) -> Set<PluralCategory> {
        Set(
            strings.keys.compactMap { key in
                let (base, form) = Self.split(key)
                return base == message ? form : nil
            }
        )
    }

    /// `answer.count[few]` as (`answer.count`, `.few`); a key without a form as itself and `nil`.
    static func split(_ key: String) -> (message: String, form: PluralCategory?) {
        guard key.hasSuffix("]"), let open = key.lastIndex(of: "["),
            let form = PluralCategory(rawValue: String(key[key.index(after: open)..<key.index(before: key.endIndex)]))
        else { return (key, nil) }
        return (String(key[..<open]), form)
    }

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
