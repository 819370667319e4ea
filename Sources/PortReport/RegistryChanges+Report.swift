import Foundation
import PortRegistry
import PortStore

extension RegistryChanges {
    /// The changes as JSON: `old` and `new` (the versions), `counts` ({kind: n}), and `changes`, each with
    /// `kind`, `identity`, `old` and `new` (entries as `lookup --json` writes them, or `null`) and `fields`
    /// (`[{field, old, new}]`, the columns that differ, as IANA's CSV writes them).
    public func json(old: RegistryVersion, new: RegistryVersion) -> JSONValue {
        .object([
            ("old", old.json()),
            ("new", new.json()),
            ("counts", countsJSON),
            ("changes", .array(changes.map(\.json))),
        ])
    }

    /// `{"added": n, "removed": n, "changed": n, "renamed": n, "released": n}`.
    public var countsJSON: JSONValue { .object(counts.map { ($0.kind.rawValue, .number($0.count)) }) }

    /// The changes for people: a summary line, then one group per kind, each change on its line with the
    /// changed columns below it, old → new. Everything from the registry is made safe for a terminal.
    public func text(old: RegistryVersion, new: RegistryVersion, style: TextStyle) -> String {
        var out = style.bold("Registry \(old.id) (\(old.updated ?? "undated")) → \(new.id) (\(new.updated ?? "undated"))".terminalSafeLine) + "\n"
        out += summary + "\n"
        out += groupsText(style: style)
        return out
    }

    /// `3 added, 1 removed, 12 changed, 1 renamed, 1 released`, or `no changes`.
    public var summary: String {
        guard !isEmpty else { return "no changes" }
        return counts.filter { $0.count > 0 }.map { "\($0.count.grouped) \($0.kind.rawValue)" }.joined(separator: ", ")
    }

    /// The groups alone, each under its heading.
    public func groupsText(style: TextStyle, indent: String = "") -> String {
        var out = ""
        for kind in [Kind.added, .renamed, .released, .changed, .removed] {
            let group = changes(kind)
            guard !group.isEmpty else { continue }
            out += "\n" + indent + style.bold(kind.heading) + " (\(group.count.grouped))\n"
            for change in group { out += change.text(style: style, indent: indent + "  ") }
        }
        return out
    }
}

extension RegistryChanges.Kind {
    /// The group's heading in text output.
    public var heading: String {
        switch self {
        case .added: "Added"
        case .removed: "Removed"
        case .changed: "Changed"
        case .renamed: "Renamed"
        case .released: "Released (now Reserved or Unassigned)"
        }
    }
}

extension RegistryChanges.Change {
    /// `{kind, identity, old, new, fields: [{field, old, new}]}`.
    public var json: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("identity", .string(identity.description)),
            ("old", old?.json(people: [:]) ?? .null),
            ("new", new?.json(people: [:]) ?? .null),
            (
                "fields",
                .array(
                    fields.map { field in
                        .object([
                            ("field", .string(field.rawValue)),
                            ("old", .string(old.map { field.value(in: $0) })),
                            ("new", .string(new.map { field.value(in: $0) })),
                        ])
                    }
                )
            ),
        ])
    }

    /// One line naming the entry (`+ 700/udp epp  EPP over QUIC`), then one line per changed column.
    public func text(style: TextStyle, indent: String) -> String {
        let sign: String
        switch kind {
        case .added: sign = style.accent("+")
        case .removed: sign = style.warning("-")
        case .changed, .renamed, .released: sign = style.dim("~")
        }
        let entry = (new ?? old)!
        var name = entry.serviceName ?? entry.description
        if kind == .renamed || kind == .released { name = "\(old?.serviceName ?? "?") → \(new?.serviceName ?? new?.description ?? "?")" }
        let place = "\(entry.ports?.description ?? "(no port)")/\(entry.transport?.rawValue ?? "-")"
        var line = "\(indent)\(sign) \(place.padding(toLength: max(place.count, 13), withPad: " ", startingAt: 0)) \(name.terminalSafeLine)"
        if kind == .added || kind == .removed, entry.serviceName != nil, !entry.description.isEmpty {
            line += style.dim("  " + entry.description.terminalSafeLine)
        }
        var out = line + "\n"
        for field in fields where field != .serviceName || kind != .renamed {
            let before = old.map { field.value(in: $0) } ?? ""
            let after = new.map { field.value(in: $0) } ?? ""
            out += "\(indent)    \(style.dim(field.title + ":")) \(Self.short(before)) → \(Self.short(after))\n"
        }
        return out
    }

    /// A column's value on one line: escaped, at most 60 characters, `(empty)` for nothing.
    private static func short(_ value: String) -> String {
        guard !value.isEmpty else { return "(empty)" }
        let line = value.terminalSafeLine
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }
}

extension PortHistoryStep {
    /// `{version, entries, changes}`: the version as `registry --json` writes it, the entries at the port,
    /// and the changes since the version before (`null` for the first).
    public var json: JSONValue {
        .object([
            ("version", version.json()),
            ("entries", .array(entries.map { $0.json(people: [:]) })),
            ("changes", changes.map { JSONValue.object([("counts", $0.countsJSON), ("changes", .array($0.changes.map(\.json)))]) } ?? .null),
        ])
    }
}

/// A port's timeline for people: each version with what it held at the port, and what changed there.
public enum PortHistoryText {
    public static func render(_ steps: [PortHistoryStep], port: PortSpan, style: TextStyle) -> String {
        var out = style.bold("Port \(port) across \(steps.count) registry version\(steps.count == 1 ? "" : "s")") + "\n"
        for step in steps {
            let version = step.version
            out += "\n" + style.bold("\(version.id)  \(version.updated ?? "undated")") + "  \(version.source.terminalSafeLine)\n"
            if let changes = step.changes, changes.isEmpty {
                out += "  " + style.dim("unchanged at \(port)") + "\n"
                continue
            }
            if let changes = step.changes {
                out += changes.groupsText(style: style, indent: "  ").drop { $0 == "\n" }
            } else if step.entries.isEmpty {
                out += "  " + style.dim("not listed") + "\n"
            } else {
                for entry in step.entries {
                    let place = "\(entry.ports?.description ?? "(no port)")/\(entry.transport?.rawValue ?? "-")"
                    out += "  \(place)  \((entry.serviceName ?? entry.description).terminalSafeLine)\n"
                }
            }
        }
        return out
    }
}

/// A port's timeline as JSON: `{port, versions: [{version, entries, changes}]}`, for `history PORT --json`
/// and `/api/v1/ports/{port}/history`.
public enum PortHistoryJSON {
    public static func json(_ steps: [PortHistoryStep], port: PortSpan) -> JSONValue {
        .object([("port", .string(port.description)), ("versions", .array(steps.map(\.json)))])
    }
}

/// The imported versions as JSON: `{current, versions: [{version, counts}]}` (`counts` `null` for the first),
/// for `history --json` and `/api/v1/registry/versions`.
public enum RegistryVersionsJSON {
    public static func json(_ rows: [(RegistryVersion, RegistryChanges?)], current: Int64?) -> JSONValue {
        .object([
            ("current", .number(current)),
            ("versions", .array(rows.map { version, changes in .object([("version", version.json()), ("counts", changes?.countsJSON ?? .null)]) })),
        ])
    }
}
