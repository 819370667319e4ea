import PortRegistry
import PortStore

/// Where an answer came from: a version of IANA's registry in the store, or, before any import, the
/// system's services database. Every answer names it.
public enum AnswerSource: Sendable, Hashable {
    case registry(RegistryVersion)
    case systemServices(files: [String])

    /// The registry's date, when the answer came from the registry.
    public var updated: String? {
        if case .registry(let version) = self { return version.updated }
        return nil
    }

    /// One line that says where the answer came from.
    public var summary: String {
        switch self {
        case .registry(let version):
            "IANA's Service Name and Transport Protocol Port Number Registry of \(version.updated ?? "unknown date"), imported from \(version.source)"
        case .systemServices(let files):
            files.isEmpty
                ? "no registry imported and no system services database found"
                : "the system's services database (\(files.joined(separator: ", "))), not IANA's registry"
        }
    }

    /// What to say of a port or name the source does not list: never a guess.
    public var notListed: String {
        switch self {
        case .registry(let version): "not listed in the registry of \(version.updated ?? "unknown date")"
        case .systemServices: "not listed in the system's services database"
        }
    }

    /// A hint to show with fallback answers.
    public var hint: String? {
        switch self {
        case .registry: nil
        case .systemServices: "run `portatlas update` to download IANA's registry, or `portatlas update --from FILE` to import a copy"
        }
    }

    /// The source as JSON: `kind`, `updated`, `source`, and for the registry its version, format and fingerprint.
    public var json: JSONValue {
        switch self {
        case .registry(let version):
            .object([
                ("kind", .string("iana")),
                ("updated", .string(version.updated)),
                ("source", .string(version.source)),
                ("version", .number(version.id)),
                ("format", .string(version.format.rawValue)),
                ("sha256", .string(version.sha256)),
                ("importedAt", .string(version.importedAt)),
            ])
        case .systemServices(let files):
            .object([
                ("kind", .string("system-services")),
                ("updated", .null),
                ("source", .string(files.joined(separator: ", "))),
            ])
        }
    }
}
