import Foundation
import PortRegistry
import PortReport
import PortStore
import PortWeb

extension SitePages {
    /// `/{lang}/registry/changes[/OLD..NEW]` and `/api/v1/registry/changes[/OLD..NEW]` (`language` nil): the
    /// changes between two versions, by number or date, by default the two latest imports; as `portatlas
    /// diff` shows them. An unknown version or a store with fewer than two is a 404 saying so.
    public func changes(_ range: String?, _ language: Language?) throws -> Page {
        let reader = readers.reader
        let names = try range.map(Self.versionRange)
        let old: RegistryVersion
        let new: RegistryVersion
        do {
            (old, new) = try reader.comparedVersions(old: names?.old, new: names?.new)
        } catch let error as VersionError {
            return versionProblem(error, language)
        }
        let key = "\(language?.code ?? "api")|/registry/changes/\(old.id)..\(new.id)"
        return try cached(key) { () throws(StoreError) in
            let changes = try reader.changes(from: old, to: new)
            guard let language else {
                return Page(contentType: "application/json", body: changes.json(old: old, new: new).serialized() + "\n")
            }
            let versions = try reader.versions()
            return Page(
                body: site.changesPage(changes, old: old, new: new, versions: versions, source: try currentSource(), language: language)
            )
        }
    }

    /// `/{lang}/ports/{port}/history` and `/api/v1/ports/{port}/history`: the port in every imported version,
    /// as `portatlas history PORT` shows it.
    public func portHistory(_ span: PortSpan, _ language: Language?) throws(StoreError) -> Page {
        let reader = readers.reader
        return try cached("\(language?.code ?? "api")|/ports/\(span)/history") { () throws(StoreError) in
            let steps = try reader.history(of: span)
            guard let language else {
                return Page(contentType: "application/json", body: PortHistoryJSON.json(steps, port: span).serialized() + "\n")
            }
            return Page(body: site.portHistoryPage(steps, port: span, source: try currentSource(), language: language))
        }
    }

    /// `/api/v1/registry/versions`: every imported version with the change counts since the one before, as
    /// `portatlas history --json`.
    public func versionsJSON() throws(StoreError) -> Page {
        let reader = readers.reader
        return try cached("api|/registry/versions") { () throws(StoreError) in
            let versions = try reader.versions()
            var rows: [(RegistryVersion, RegistryChanges?)] = []
            for (index, version) in versions.enumerated() {
                rows.append((version, index == 0 ? nil : try reader.changes(from: versions[index - 1], to: version)))
            }
            let body = RegistryVersionsJSON.json(rows, current: try reader.currentVersion()?.id)
            return Page(contentType: "application/json", body: body.serialized() + "\n")
        }
    }

    /// `OLD..NEW`, each a version number or date.
    static func versionRange(_ text: String) throws(RegistryError) -> (old: String, new: String) {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw .malformedQuery(text) }
        return (parts[0], parts[1])
    }

    func versionProblem(_ error: VersionError, _ language: Language?) -> Page {
        guard let language else {
            let code = if case .unknownVersion = error { "unknownVersion" } else { "tooFewVersions" }
            let body = JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(error.description))]))])
            return Page(status: 404, contentType: "application/json", body: body.serialized() + "\n")
        }
        switch error {
        case .unknownVersion(let name, _): return notFound(language("changes.unknownVersion", ["version": name]), language)
        // The registry page always links here: with fewer than two versions, a page that says so, not a 404.
        case .tooFewVersions(let count):
            return Page(body: site.changesUnavailablePage(versions: count, source: try? currentSource(), language: language))
        case .noneImported:
            return Page(body: site.changesUnavailablePage(versions: 0, source: try? currentSource(), language: language))
        }
    }
}
