import PortAdvice
import PortRegistry

extension AssignmentRequest {
    /// `ready` (no field to fix), `verdict`, `exitStatus`, `fields` [{`title`, `value`, `level`, `notes`}], `request`
    /// (the text to paste), `submitted` (always false: portatlas never submits).
    public var json: JSONValue {
        .object([
            ("ready", .bool(level != .avoid)),
            ("verdict", .string(level.name)),
            ("exitStatus", .number(level.rawValue)),
            (
                "fields",
                .array(
                    fields.map { field in
                        .object([
                            ("title", .string(field.title)), ("value", .string(field.value)), ("level", .string(field.level.name)),
                            ("notes", .array(field.notes.map { .string($0) })),
                        ])
                    }
                )
            ),
            ("request", .string(pasteable)),
            ("submitted", .bool(false)),
        ])
    }

    /// Each field checked, then the request ready to paste (or what to fix first).
    public func text(style: TextStyle) -> String {
        let marks: [PortVerdict.Level: String] = [.good: "ok   ", .warnings: "warn ", .avoid: "FIX  "]
        var lines = [style.bold("IANA assignment request: \(level == .avoid ? "fix the fields marked FIX first" : "ready to paste")")]
        for field in fields {
            lines.append("  \(marks[field.level] ?? "")\(field.title): \((field.value ?? "(missing)").terminalSafeLine)")
            lines += field.notes.map { "         \($0.terminalSafeLine)" }
        }
        lines.append("")
        lines.append("Paste into https://www.iana.org/form/ports-services (portatlas submits nothing):")
        lines.append("")
        lines += pasteable.split(separator: "\n").map { String($0).terminalSafeLine }
        return lines.joined(separator: "\n") + "\n"
    }
}
