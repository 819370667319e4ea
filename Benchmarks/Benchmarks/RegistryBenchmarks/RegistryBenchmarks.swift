import Benchmark
import Foundation
import PortAdvice
import PortKnowledge
import PortRegistry
import PortReport
import PortStore
import PortWeb

/// IANA's snapshots, beside the project (never committed).
let snapshots =
    ProcessInfo.processInfo.environment["PORTATLAS_IANA_DIR"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/data/iana").standardized.path

func load(_ name: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: "\(snapshots)/\(name)") else {
        fatalError("missing \(snapshots)/\(name): set PORTATLAS_IANA_DIR to the folder of IANA's snapshots")
    }
    return Array(data)
}

/// A fresh store in a temporary folder with the registry imported: its path, and the folder to remove.
func importedStore(_ xml: [UInt8]) throws -> (path: String, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portatlas-bench-\(UUID().uuidString)")
    let path = folder.appendingPathComponent("store.sqlite").path
    _ = try RegistryStore(path: path).importRegistry(
        try RegistryXMLDecoder.decode(xml, source: "bench"),
        from: .init(location: "bench", sha256: "x", format: .xml)
    )
    return (path, folder)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    let xml = load("service-names-port-numbers.xml")
    let csv = load("service-names-port-numbers-2024.csv")

    Benchmark("XML decode, 2026-08-17 registry (3.9 MB)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try RegistryXMLDecoder.decode(xml, source: "bench"))
        }
    }

    Benchmark("CSV decode, 2024 registry (1.1 MB)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try RegistryCSV.decode(csv, source: "bench"))
        }
    }

    Benchmark("SHA-256 of the XML") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(RegistryStore.ImportSource.sha256(of: xml))
        }
    }

    Benchmark("Import into a fresh store", configuration: .init(maxIterations: 5)) { benchmark in
        let document = try RegistryXMLDecoder.decode(xml, source: "bench")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portatlas-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for iteration in benchmark.scaledIterations {
            let store = try RegistryStore(path: folder.appendingPathComponent("\(iteration).sqlite").path)
            benchmark.startMeasurement()
            blackHole(try store.importRegistry(document, from: .init(location: "bench", sha256: "\(iteration)", format: .xml)))
            benchmark.stopMeasurement()
        }
    }

    Benchmark("Open the store and look up 3331", configuration: .init(maxIterations: 2000)) { benchmark in
        let (path, folder) = try importedStore(xml)
        defer { try? FileManager.default.removeItem(at: folder) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let reader = try RegistryReader.open(path: path)
            blackHole(try reader?.entries(at: 3331))
        }
    }

    // The report and its page: what `portatlas 3331` and `GET /en/ports/3331` cost before any cache.
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources").standardized.path

    Benchmark("Parse the bundled knowledge files") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try KnowledgeBase.load(.init(bundledFolder: "\(sources)/PortKnowledge/Knowledge", configFolder: nil)))
        }
    }

    Benchmark("Compose the 3331 report and render its page", configuration: .init(maxIterations: 2000)) { benchmark in
        let (path, folder) = try importedStore(xml)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lookup = PortLookup(store: try RegistryReader.open(path: path))
        let knowledge = try KnowledgeBase.load(.init(bundledFolder: "\(sources)/PortKnowledge/Knowledge", configFolder: nil))
        let resources = try SiteResources.load(folder: "\(sources)/PortWeb/Resources")
        let site = Site(languages: resources.languages)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let report = try WhatPortIs.compose(port: 3331, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil)
            blackHole(site.portPage(report, votes: VoteTally(), language: resources.languages.english))
        }
    }

    Benchmark("suggest 5 ports (explicit Unassigned rows, the verdict, no machine)", configuration: .init(maxIterations: 200)) { benchmark in
        let (path, folder) = try importedStore(xml)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reader = try RegistryReader.open(path: path)
        let knowledge = try KnowledgeBase.load(.init(bundledFolder: "\(sources)/PortKnowledge/Knowledge", configFolder: nil))
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            let lookup = PortLookup(store: reader)
            let inputs = PortSuggestion.Inputs(
                unassigned: try reader?.unassignedEntries() ?? [],
                registry: { port in PortVerdict.RegistryEvidence(try lookup.answer(.port(port))) },
                facts: knowledge.facts(overlapping: try PortSpan(start: 1024, end: 49151)),
                machine: nil
            )
            blackHole(try PortSuggestion.suggest(count: 5, seed: "app-\(iteration)", inputs: inputs))
        }
    }

    // History and diffs (issue 12): a diff of two full versions must stay under 1 s, `history PORT` fast.
    let older = load("service-names-port-numbers-2025-08-26.xml")

    Benchmark("Diff two full versions (2025-08-26 → 2026-08-17), decoded", configuration: .init(maxIterations: 20)) { benchmark in
        let old = try RegistryXMLDecoder.decode(older, source: "old").entries
        let new = try RegistryXMLDecoder.decode(xml, source: "new").entries
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(RegistryChanges(from: old, to: new))
        }
    }

    Benchmark("Diff two full versions from the store (read both, compare)", configuration: .init(maxIterations: 20)) { benchmark in
        let (path, folder) = try importedStore(older)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try RegistryStore(path: path)
        _ = try store.importRegistry(try RegistryXMLDecoder.decode(xml, source: "new"), from: .init(location: "new", sha256: "y", format: .xml))
        let reader = try store.reader()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let (old, new) = try reader.comparedVersions(old: nil, new: nil)
            blackHole(try reader.changes(from: old, to: new))
        }
    }

    Benchmark("History of port 4319 across two versions", configuration: .init(maxIterations: 2000)) { benchmark in
        let (path, folder) = try importedStore(older)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try RegistryStore(path: path)
        _ = try store.importRegistry(try RegistryXMLDecoder.decode(xml, source: "new"), from: .init(location: "new", sha256: "y", format: .xml))
        let reader = try store.reader()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try reader.history(of: PortSpan(port: 4319)))
        }
    }

    Benchmark("Export the registry as CSV, XML, HTML and text", configuration: .init(maxIterations: 20)) { benchmark in
        let document = try RegistryXMLDecoder.decode(xml, source: "bench")
        for _ in benchmark.scaledIterations {
            for format in RegistryExportFormat.allCases { blackHole(format.encode(document)) }
        }
    }
}
