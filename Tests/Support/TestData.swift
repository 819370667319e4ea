import Foundation

/// Where the tests find their data: the small fixtures in this repository, and the real IANA snapshots
/// that live beside the project in `../shared/data/iana/` and are never committed.
public enum TestData {
    /// The repository's root, found from this file's place in it.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture file from `Tests/Fixtures`.
    public static func fixture(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name)")
    }

    /// The knowledge files that ship with portatlas, read from the source tree so the tests check what is
    /// committed; `PORTATLAS_KNOWLEDGE_DIR` overrides it, as it does for the binary.
    public static let knowledgeFolder =
        ProcessInfo.processInfo.environment["PORTATLAS_KNOWLEDGE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        ?? repositoryRoot.appendingPathComponent("Sources/PortKnowledge/Knowledge").path

    /// The web site's strings and assets, from the source tree.
    public static let webResources = repositoryRoot.appendingPathComponent("Sources/PortWeb/Resources").path

    /// The bytes of a fixture file.
    public static func fixtureBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixture(name)))
    }

    /// The folder of real registry snapshots: `$PORTATLAS_IANA_DIR`, else `../shared/data/iana/`.
    public static let snapshotFolder =
        ProcessInfo.processInfo.environment["PORTATLAS_IANA_DIR"].map { URL(fileURLWithPath: $0) }
        ?? repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/iana")

    /// The 2026-08-17 XML snapshot.
    public static let currentXML = "service-names-port-numbers.xml"
    /// The 2025-08-26 XML snapshot.
    public static let olderXML = "service-names-port-numbers-2025-08-26.xml"
    /// The mid-2024 CSV snapshot.
    public static let csv2024 = "service-names-port-numbers-2024.csv"

    /// Whether CI is running: there, tests that need the snapshots must run and fail if they are missing.
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether tests on the real snapshots should run: the snapshots are present, or CI demands them.
    public static let snapshotsEnabled: Bool = {
        let present = FileManager.default.fileExists(atPath: snapshotFolder.appendingPathComponent(currentXML).path)
        if !present && !isCI {
            FileHandle.standardError.write(
                Data("note: skipping the tests on IANA's real registry: \(snapshotFolder.path) is absent (under CI=true they run, and fail)\n".utf8)
            )
        }
        return present || isCI
    }()

    /// The reason shown for skipped snapshot tests.
    public static let snapshotsComment: String = "needs IANA's snapshots in ../shared/data/iana/ (required under CI=true)"

    /// The bytes of a real snapshot.
    public static func snapshotBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: snapshotFolder.appendingPathComponent(name)))
    }

    /// A fresh, empty folder for one test's files.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("portatlas-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
