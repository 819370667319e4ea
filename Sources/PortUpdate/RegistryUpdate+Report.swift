import PortRegistry
import PortReport
import PortStore

extension RegistryUpdate.Outcome {
    /// The version current after the update.
    public var version: RegistryVersion {
        switch self {
        case .notModified(let version): version
        case .imported(let outcome): outcome.version
        }
    }

    /// The outcome as JSON: `status` (imported, unchanged, notModified), `registry`, `previous`, `changes`.
    public var json: JSONValue {
        switch self {
        case .notModified(let version):
            return .object([("status", .string("notModified")), ("registry", version.json()), ("previous", .null), ("changes", .null)])
        case .imported(let outcome):
            let changes: JSONValue =
                outcome.changes.map { diff in
                    .object([
                        ("added", .number(diff.added.count)),
                        ("removed", .number(diff.removed.count)),
                        ("changed", .number(diff.changed.count)),
                        ("addedEntries", .array(diff.added.map { .string($0.key.description) })),
                        ("removedEntries", .array(diff.removed.map { .string($0.key.description) })),
                        ("changedEntries", .array(diff.changed.map { .string($0.new.key.description) })),
                    ])
                } ?? .null
            return .object([
                ("status", .string(outcome.alreadyImported ? "unchanged" : "imported")),
                ("registry", outcome.version.json()),
                ("previous", outcome.previous?.json() ?? .null),
                ("changes", changes),
            ])
        }
    }

    /// What the update did, for a person.
    public func text(style: TextStyle) -> String {
        switch self {
        case .notModified(let version):
            return
                "The registry of \((version.updated ?? "unknown date").terminalSafeLine) is current: \(version.source.terminalSafeLine) has not changed.\n"
        case .imported(let outcome):
            let version = outcome.version
            var lines: [String] = []
            if outcome.alreadyImported {
                lines.append("This file was imported before, as version \(version.id); it is current again.")
            } else {
                lines.append(
                    style.bold("Imported the registry of \((version.updated ?? "unknown date").terminalSafeLine)")
                        + ": \(version.entryCount.grouped) records, \(version.peopleCount.grouped) people, as version \(version.id)."
                )
            }
            lines.append(
                style.dim("From \(version.source.terminalSafeLine) (\(version.format.rawValue.uppercased()), sha256 \(version.sha256.prefix(12))…)")
            )
            if let previous = outcome.previous, let diff = outcome.changes {
                if diff.isEmpty {
                    lines.append(
                        "No entry differs from the registry of \((previous.updated ?? "unknown date").terminalSafeLine) (version \(previous.id))."
                    )
                } else {
                    lines.append(
                        "Since the registry of \((previous.updated ?? "unknown date").terminalSafeLine) (version \(previous.id)): "
                            + "\(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed."
                    )
                    lines += Self.sample("+", diff.added.map(\.key), style: style)
                    lines += Self.sample("-", diff.removed.map(\.key), style: style)
                    lines += Self.sample("~", diff.changed.map(\.new.key), style: style)
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    private static func sample(_ mark: String, _ keys: [RegistryEntry.Key], style: TextStyle) -> [String] {
        var lines = keys.prefix(8).map { "  \(mark) \(String(describing: $0).terminalSafeLine)" }
        if keys.count > 8 { lines.append(style.dim("    … and \(keys.count - 8) more (see --json)")) }
        return lines
    }
}

extension RegistryUpdate.CheckedFile {
    /// The check as JSON: `status` "valid", `source`, `format`, `sha256`, `updated`, `entries`, `people`.
    public var json: JSONValue {
        .object([
            ("status", .string("valid")),
            ("source", .string(source.location)),
            ("format", .string(source.format.rawValue)),
            ("sha256", .string(source.sha256)),
            ("updated", .string(document.effectiveUpdated)),
            ("entries", .number(document.entries.count)),
            ("people", .number(document.people.count)),
        ])
    }

    /// The check for a person.
    public func text(style: TextStyle) -> String {
        "\(source.location.terminalSafeLine): a complete registry \(source.format.rawValue.uppercased()) of \((document.effectiveUpdated ?? "unknown date").terminalSafeLine), "
            + "\(document.entries.count.grouped) records, \(document.people.count.grouped) people (sha256 \(source.sha256)). Nothing was stored.\n"
    }
}
