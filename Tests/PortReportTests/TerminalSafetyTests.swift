import Foundation
import PortKnowledge
import PortListeners
import PortRegistry
import PortReport
import PortStore
import PortTestSupport
import Testing

@Suite("Text from outside never drives the terminal")
struct TerminalSafetyTests {
    static let escape = "\u{1B}"

    /// A registry file from a hostile mirror: an ESC sequence in a description, a note and a person's name, a
    /// backspace and a right-to-left override. CSV carries such bytes as they are.
    static let hostileCSV = """
        Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes
        evil-svc,4242,tcp,Clears \u{1B}[2J the screen\u{08}\u{08}Overwritten,[Mallory],[Mallory],2020-01-01,,,,Used by \u{1B}]0;owned\u{07} malware,Note \u{202E}desrever
        evil-svc,4243,tcp,Next door,[Mallory],[Mallory],2020-01-01,,,,,

        """

    static func hostileReport() throws -> WhatPortIs {
        let document = try RegistryCSV.decode(Array(hostileCSV.utf8), source: "hostile.csv")
        let store = try RegistryStore(path: try TestData.temporaryFolder().appendingPathComponent("hostile.sqlite").path)
        _ = try store.importRegistry(document, from: .init(location: "hostile.csv", sha256: String(repeating: "0", count: 64), format: .csv))
        let knowledge = try KnowledgeBase(
            facts: KnowledgeFile.facts(
                in: """
                    ports: 4242
                    product: Evil\u{1B}[5m Blinker
                    purpose: blinks \u{9B}31m in red
                    source: A page
                    url: https://example.org/
                    retrieved: 2026-12-02
                    """,
                file: "hostile.txt"
            )
        )
        return try WhatPortIs.compose(port: 4242, lookup: PortLookup(store: try store.reader()), knowledge: knowledge, scanner: nil, linuxLive: nil)
    }

    @Test("registry and knowledge text is shown escaped in the report, the lookup and search; JSON keeps it as it is")
    func registryText() throws {
        let report = try Self.hostileReport()
        for text in [report.text(width: 80), report.registry.text()] {
            #expect(!text.contains(Self.escape))
            #expect(!text.contains("\u{08}"))
            #expect(!text.unicodeScalars.contains("\u{202E}"))
            #expect(text.contains("Clears \\x1B[2J the screen\\x08\\x08Overwritten"))
            #expect(text.contains("\\u{202E}desrever"))
        }
        let full = report.text(width: 80)
        #expect(full.contains("Used by \\x1B]0;owned\\x07 malware"))
        #expect(full.contains("Evil\\x1B[5m Blinker"))
        #expect(full.contains("blinks \\x9B31m in red"))
        // Colour stays: only the text from outside is escaped.
        #expect(report.text(style: TextStyle(colour: true), width: 80).contains("\u{1B}[1m"))
        // JSON escapes control characters its own way and keeps the text whole.
        #expect(report.json.serialized().contains("\\u001b[2J"))
    }

    #if os(Linux)
    @Test("a process that renames itself to an escape sequence is shown escaped by who")
    func processName() throws {
        // A real process: python renames itself (prctl PR_SET_NAME) and listens on a loopback port.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        child.arguments = [
            "python3", "-c",
            """
            import ctypes, socket, sys, time
            ctypes.CDLL(None).prctl(15, b"ev\\x1b[31mil", 0, 0, 0)
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
            print(s.getsockname()[1], flush=True)
            sys.stdin.read()
            """,
        ]
        let output = Pipe()
        let input = Pipe()
        child.standardOutput = output
        child.standardInput = input
        try child.run()
        defer {
            try? input.fileHandleForWriting.close()
            child.waitUntilExit()
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(UInt16(line.trimmingCharacters(in: .whitespacesAndNewlines)))

        let listeners = ListenerScanner().listeners(on: port)
        let process = try #require(listeners.first?.processes.first)
        #expect(process.command == "ev\u{1B}[31mil")
        let report = ListenerReport(port: port, listeners: listeners, names: [:], source: .systemServices(files: []))
        let text = report.text(style: .plain)
        #expect(text.contains("ev\\x1B[31mil"))
        #expect(!text.contains(Self.escape))
    }
    #endif

    @Test("a long neighbour name or description is cut with an ellipsis and every column stays put")
    func neighbourColumns() throws {
        var report = try Self.hostileReport()
        let index = try #require(report.neighbours.firstIndex { $0.port == 4243 })
        report.neighbours[index].services = ["an-extremely-long-service-name"]
        report.neighbours[index].description = String(repeating: "A very long description. ", count: 8)
        let rows = report.text(width: 80).split(separator: "\n").filter { $0.hasPrefix("  42") || $0.hasPrefix("> 42") }
        #expect(rows.count == 11)
        #expect(rows.allSatisfy { $0.count <= 80 })
        let long = try #require(rows.first { $0.contains("4243") })
        #expect(long.contains("an-extremely-lon… A very long"))
        #expect(long.hasSuffix("…"))
        // Descriptions start in one column (marker, port in 6, name in 18), whatever the name's length.
        for row in rows where row.contains("4242") || row.contains("4243") {
            #expect(row.prefix(26).hasSuffix(" ") && row.dropFirst(26).first != " ", "description out of its column: \(row)")
        }
    }
}
