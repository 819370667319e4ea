/// A CLDR plural category: which form of a counted word a number takes in a language.
///
/// Every counted string on the site goes through here: the strings files hold one form per category
/// (`answer.count[one]`, `answer.count[few]`, …) and `Language.callAsFunction(_:count:_:)` picks it.
/// The rules are CLDR's (https://cldr.unicode.org/index/cldr-spec/plural-rules) for whole numbers and
/// fractions alike.
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// The category of a whole number in the language with `code`: CLDR's rules for English and Ukrainian;
    /// a language without rules here takes English's.
    public init(_ count: Int, language code: String) {
        switch code {
        case "uk":
            // one: n % 10 = 1 and n % 100 != 11; few: n % 10 = 2..4 and n % 100 != 12..14; many: the rest.
            let n = count.magnitude
            let last = n % 10
            let lastTwo = n % 100
            if last == 1 && lastTwo != 11 {
                self = .one
            } else if (2...4).contains(last) && !(12...14).contains(lastTwo) {
                self = .few
            } else {
                self = .many
            }
        default:
            // English: one for 1 (i = 1 and v = 0), other for the rest.
            self = count == 1 ? .one : .other
        }
    }

    /// The category of a number that may have a fraction: a whole number as above, a fraction `other` (CLDR:
    /// English's `one` needs no visible fraction digits; Ukrainian's `one`, `few` and `many` all need v = 0).
    public init(_ value: Double, language code: String) {
        if value.rounded() == value, let whole = Int(exactly: value) {
            self.init(whole, language: code)
        } else {
            self = .other
        }
    }

    /// The categories a language's strings must give a counted string: what its rules can answer for whole
    /// numbers, and `other` (fractions, and the fallback).
    public static func needed(language code: String) -> Set<PluralCategory> {
        switch code {
        case "uk": [.one, .few, .many, .other]
        default: [.one, .other]
        }
    }
}
