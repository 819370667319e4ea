import Foundation
import PortStore

/// What readers said about the site's pages, for its owner: a tally per page and the comments left, from
/// the votes the store holds (which name no voter).
public struct VoteReport: Sendable {
    /// One page's tally.
    public struct PageTally: Sendable, Hashable {
        public var page: String
        public var port: Int?
        public var tally: VoteTally
    }

    /// The port asked about, if any.
    public var port: UInt16?
    /// The first day counted, if any.
    public var since: Date?
    /// Every vote counted, oldest first.
    public var votes: [StoredVote]

    public init(votes: [StoredVote], port: UInt16? = nil, since: Date? = nil) {
        self.votes = votes
        self.port = port
        self.since = since
    }

    /// The tallies per page, in port order.
    public var tallies: [PageTally] {
        var byPage: [String: VoteTally] = [:]
        for vote in votes {
            if vote.helpful { byPage[vote.page, default: VoteTally()].yes += 1 } else { byPage[vote.page, default: VoteTally()].no += 1 }
        }
        return byPage.map { PageTally(page: $0.key, port: Self.port(of: $0.key), tally: $0.value) }
            .sorted { ($0.port ?? Int.max, $0.page) < ($1.port ?? Int.max, $1.page) }
    }

    /// The votes that came with a comment, oldest first.
    public var comments: [StoredVote] { votes.filter { $0.comment != nil } }

    static func port(of page: String) -> Int? {
        page.hasPrefix("/ports/") ? Int(page.dropFirst("/ports/".count)) : nil
    }

    // MARK: Rendering

    /// `YYYY-MM-DD HH:MM` in UTC.
    static func minute(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// A reader's text made safe for a terminal: control characters (an escape sequence, a carriage return)
    /// are shown as `\u{1B}`, never sent raw.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    var scope: String {
        var words = [port.map { "port \($0)" } ?? "every page"]
        if let since { words.append("since \(Self.minute(since).prefix(10))") }
        return words.joined(separator: ", ")
    }

    /// The tallies and the comments, for a terminal.
    public func text(style: TextStyle) -> String {
        guard !votes.isEmpty else { return "No votes (\(scope)).\n" }
        let pages = tallies
        var out =
            style.bold("\(votes.count) vote\(votes.count == 1 ? "" : "s") on \(pages.count) page\(pages.count == 1 ? "" : "s")") + " (\(scope))\n\n"
        let width = max(4, pages.map(\.page.count).max() ?? 4)
        out += style.dim("page".padding(toLength: width, withPad: " ", startingAt: 0) + "  helpful  not helpful") + "\n"
        for page in pages {
            out += page.page.padding(toLength: width, withPad: " ", startingAt: 0)
            out += "  " + String(repeating: " ", count: max(0, 7 - String(page.tally.yes).count)) + String(page.tally.yes)
            out += "  " + String(repeating: " ", count: max(0, 11 - String(page.tally.no).count)) + String(page.tally.no) + "\n"
        }
        let comments = comments
        out += "\n" + style.bold(comments.isEmpty ? "No comments." : "Comments, oldest first:") + "\n"
        for vote in comments {
            out += "\(Self.minute(vote.date))  \(vote.page)  \(vote.language)  \(vote.helpful ? "helpful" : "not helpful")\n"
            out += "  " + Self.visible(vote.comment ?? "") + "\n"
        }
        return out
    }

    /// `{"port", "since", "votes", "tallies": [{"page", "port", "yes", "no"}], "comments": [{"date", "page",
    /// "language", "helpful", "comment"}]}`.
    public var json: JSONValue {
        .object([
            ("port", .number(port)), ("since", .string(since.map { String(Self.minute($0).prefix(10)) })),
            ("votes", .number(votes.count)),
            (
                "tallies",
                .array(
                    tallies.map {
                        .object([
                            ("page", .string($0.page)), ("port", .number($0.port)), ("yes", .number($0.tally.yes)), ("no", .number($0.tally.no)),
                        ])
                    }
                )
            ),
            ("comments", .array(comments.map(Self.json))),
        ])
    }

    static func json(_ vote: StoredVote) -> JSONValue {
        .object([
            ("date", .string(timestamp(vote.date))), ("page", .string(vote.page)), ("language", .string(vote.language)),
            ("helpful", .bool(vote.helpful)), ("comment", .string(vote.comment)),
        ])
    }

    /// Every vote as a CSV row (RFC 4180): `date,page,port,language,helpful,comment`.
    public var csv: String {
        var out = "date,page,port,language,helpful,comment\r\n"
        for vote in votes {
            let fields = [
                Self.timestamp(vote.date), vote.page, Self.port(of: vote.page).map(String.init) ?? "", vote.language,
                vote.helpful ? "yes" : "no", vote.comment ?? "",
            ]
            out += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A field quoted when it holds a comma, a quote or a line break; a leading `=`, `+`, `-` or `@` is
    /// prefixed with `'`, so a spreadsheet never runs a reader's comment as a formula.
    static func csvField(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
