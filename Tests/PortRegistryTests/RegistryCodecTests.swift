import Foundation
import PortRegistry
import PortTestSupport
import Testing

@Suite("IANA's XML and CSV")
struct RegistryCodecTests {
    func smallXML() throws -> RegistryDocument {
        try RegistryXMLDecoder.decode(try TestData.fixtureBytes("registry-small.xml"), source: "registry-small.xml")
    }

    @Test("the XML header, records, footnotes and people table are read whole")
    func readsXML() throws {
        let document = try smallXML()
        #expect(document.metadata.title == RegistryMetadata.registryTitle)
        #expect(document.metadata.updated == "2026-01-15")
        #expect(document.metadata.experts == "TCP/UDP: Joe Touch\nSCTP: Michael Tuexen")
        #expect(document.metadata.notes.count == 2)
        #expect(document.metadata.notes[0].text.contains("see [RFC6335]. Dynamic Ports are not assigned."))
        #expect(document.metadata.notes[1].title == "Request an Assignment")
        #expect(document.metadata.footnotes.first?.anchor == "1")
        #expect(document.entries.count == 20)
        #expect(document.people.map(\.id) == ["Alexander_Turenko", "Mark_Lottor", "Tarantool"])
        #expect(document.people[0].contactAddress == "mailto:alexander.turenko@tarantool.org")
        #expect(document.people[0].uri == "mailto:alexander.turenko&tarantool.org")
    }

    @Test("every column of a record survives")
    func recordColumns() throws {
        let entries = try smallXML().entries
        let tarantool = try #require(entries.first { $0.serviceName == "tarantool" && $0.transport == .udp })
        #expect(tarantool.ports == PortSpan(port: 3301))
        #expect(tarantool.assignees == ["Tarantool"])
        #expect(tarantool.contacts == ["Alexander_Turenko"])
        #expect(tarantool.unauthorizedUse == "Known Unauthorized Use on port 3301")

        let discard = try #require(entries.first { $0.serviceName == "discard" })
        #expect(discard.transport == .dccp)
        #expect(discard.serviceCode == 1_145_656_131)
        #expect(discard.references == [Reference(kind: .rfc, target: "rfc4340")])
        #expect(discard.references.first?.url == "https://www.rfc-editor.org/rfc/rfc4340")

        let satvid = try #require(entries.first { $0.serviceName == "satvid-datalnk" })
        #expect(satvid.ports == (try PortSpan(start: 3367, end: 3371)))
        #expect(satvid.transport == nil)

        let argus = try #require(entries.first { $0.serviceName == "argus" })
        #expect(argus.ports == nil)
        #expect(argus.registrationDate == "2007-06")
        #expect(argus.notes == "Defined TXT keys:   url=<Object URL>\n  type=<Comma-separated list, \"quoted\">")

        let reserved = entries[2]
        #expect(reserved.status == .reserved)
        #expect(reserved.notes == "De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]")
        #expect(entries[3].status == .unassigned)
        #expect(tarantool.status == .assigned)

        let exp1 = try #require(entries.first { $0.serviceName == "exp1" })
        #expect(exp1.references.map(\.bracketed) == ["[1]", "[RFC4727]", "[RFC6335]"])
        #expect(exp1.assignees == ["IESG"])
        #expect(exp1.contacts == ["IETF_Chair"])

        let snif = try #require(entries.first { $0.serviceName == "snif" })
        #expect(snif.references == [Reference(kind: .draft, target: "draft-zubov-snif-05", text: "draft-zubov-snif-05, Section 4.3", section: "4.3")])
        #expect(snif.modificationDate == "2026-07-22")
    }

    @Test("with no assignee on record, the contact stands as assignee, as in IANA's CSV")
    func contactStandsAsAssignee() throws {
        let tcpmux = try #require(try smallXML().entries.first { $0.serviceName == "tcpmux" })
        #expect(tcpmux.assignees == ["Mark_Lottor"])
        #expect(tcpmux.contacts == ["Mark_Lottor"])
    }

    @Test("XML and CSV of the same registry give the same entries")
    func xmlAndCSVAgree() throws {
        let xml = try smallXML()
        let csv = try RegistryCSV.decode(try TestData.fixtureBytes("registry-small.csv"), source: "registry-small.csv")
        #expect(csv.entries.count == xml.entries.count)
        for (fromCSV, fromXML) in zip(csv.entries, xml.entries) {
            #expect(fromCSV == fromXML)
        }
    }

    @Test("CSV written from a document reads back to the same entries")
    func csvRoundTrip() throws {
        let xml = try smallXML()
        let written = RegistryCSV.encode(xml)
        let read = try RegistryCSV.decode(Array(written.utf8), source: "written")
        #expect(read.entries == xml.entries)
        #expect(written == String(decoding: try TestData.fixtureBytes("registry-small.csv"), as: UTF8.self))
    }

    @Test("bracketed items split where they are balanced, and stay whole where not (a fuzzer's find)")
    func bracketedItems() throws {
        let cases: [(String, [String])] = [
            ("[1][RFC4727][RFC6335]", ["1", "RFC4727", "RFC6335"]),
            ("[draft-x, Section 4.3]", ["draft-x, Section 4.3"]),
            ("[a [nested] item]", ["a [nested] item"]),
            ("YICTP is a protocol.]", ["YICTP is a protocol.]"]),
            ("[YICTP is a protocol.]]", ["YICTP is a protocol.]"]),
            ("x[A]", ["x[A]"]),
            ("[unclosed", ["[unclosed"]),
            ("", []),
        ]
        for (field, items) in cases {
            let header = RegistryCSV.columns.joined(separator: ",")
            let csv = "\(header)\na,1,tcp,d,,,,,\"\(field)\",,,\n"
            let entry = try #require(try RegistryCSV.decode(Array(csv.utf8), source: "t").entries.first)
            #expect(entry.references.map(\.label) == items, "field \(field)")
            let written = RegistryCSV.encode(RegistryDocument(entries: [entry]))
            #expect(try RegistryCSV.decode(Array(written.utf8), source: "w").entries == [entry], "field \(field)")
        }
    }

    @Test("line breaks in quoted fields read as \\n, whether \\r\\n, \\r or \\r\\r\\n (a fuzzer's find)")
    func lineBreaks() throws {
        let header = RegistryCSV.columns.joined(separator: ",")
        let csv = "\(header)\r\na,1,tcp,\"one\r\ntwo\rthree\r\r\nfour\",,,,,,,,\r\n"
        let entry = try #require(try RegistryCSV.decode(Array(csv.utf8), source: "t").entries.first)
        #expect(entry.description == "one\ntwo\nthree\n\nfour")
        let written = RegistryCSV.encode(RegistryDocument(entries: [entry]))
        #expect(try RegistryCSV.decode(Array(written.utf8), source: "w").entries == [entry])
    }

    @Test("a comma, quote or bracket followed by a combining mark is still one to the CSV (a fuzzer's find)")
    func combiningMarks() throws {
        let entry = RegistryEntry(
            serviceName: "a",
            ports: PortSpan(port: 1),
            transport: .tcp,
            description: "x,\u{07AC}y \"\u{0301}q\"",
            assignees: ["A\u{0301}"],
            references: [Reference(kind: .text, text: "[\u{0301}odd")]
        )
        let written = RegistryCSV.encode(RegistryDocument(entries: [entry]))
        let read = try RegistryCSV.decode(Array(written.utf8), source: "w")
        #expect(read.entries.count == 1)
        #expect(read.entries.first?.description == entry.description)
        #expect(RegistryCSV.encode(read) == written)
    }

    @Test("the format is told from the content")
    func detectsFormat() throws {
        #expect(RegistryFormat(detecting: try TestData.fixtureBytes("registry-small.xml")) == .xml)
        #expect(RegistryFormat(detecting: try TestData.fixtureBytes("registry-small.csv")) == .csv)
        #expect(RegistryFormat(detecting: Array("hello".utf8)) == nil)
        #expect(throws: RegistryError.unrecognizedFormat(source: "x.txt")) {
            try RegistryFormat.decode(Array("port,name\n".utf8), source: "x.txt")
        }
        #expect(throws: RegistryError.unrecognizedFormat(source: "other.xml")) {
            try RegistryXMLDecoder.decode(Array("<registry id=\"media-types\"><title>x</title></registry>".utf8), source: "other.xml")
        }
    }

    @Test("a truncated XML file is an error that names the file and the line", arguments: [0.2, 0.5, 0.9, 0.999])
    func truncatedXML(fraction: Double) throws {
        let bytes = try TestData.fixtureBytes("registry-small.xml")
        let cut = Array(bytes[..<Int(Double(bytes.count) * fraction)])
        let error = #expect(throws: RegistryError.self) { try RegistryXMLDecoder.decode(cut, source: "cut.xml") }
        guard case .malformedXML(let source, let line, let reason)? = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(source == "cut.xml")
        #expect(line > 1)
        #expect(reason.contains("cut short") || reason.contains("ends"))
    }

    @Test("malformed XML is an error with its line")
    func malformedXML() {
        let text = "<registry id=\"service-names-port-numbers\">\n<title>t</title>\n<record><name>a</nam></record>\n</registry>"
        #expect(throws: RegistryError.malformedXML(source: "bad.xml", line: 3, reason: "</nam> where </name> was expected")) {
            try RegistryXMLDecoder.decode(Array(text.utf8), source: "bad.xml")
        }
        let entity = "<registry id=\"service-names-port-numbers\">\n<title>t &bogus; </title></registry>"
        #expect(throws: RegistryError.malformedXML(source: "e.xml", line: 2, reason: "'&bogus;' is not an entity XML defines")) {
            try RegistryXMLDecoder.decode(Array(entity.utf8), source: "e.xml")
        }
    }

    @Test("a record with an impossible port is rejected with its line")
    func invalidRecord() {
        let text =
            "<registry id=\"service-names-port-numbers\">\n<title>t</title>\n<record>\n<name>a</name>\n<number>70000</number><description>d</description></record></registry>"
        #expect(throws: RegistryError.invalidRecord(source: "r.xml", line: 5, reason: RegistryError.portOutOfRange("70000").description)) {
            try RegistryXMLDecoder.decode(Array(text.utf8), source: "r.xml")
        }
    }

    @Test("a truncated CSV is an error that names the file and the line")
    func truncatedCSV() throws {
        let text = String(decoding: try TestData.fixtureBytes("registry-small.csv"), as: UTF8.self)
        let cutInQuotes = String(text[..<text.range(of: "(Passive Optical")!.lowerBound])
        #expect(throws: RegistryError.malformedCSV(source: "cut.csv", line: 17, reason: "a quoted field that never closes: the file is cut short")) {
            try RegistryCSV.decode(Array(cutInQuotes.utf8), source: "cut.csv")
        }
        let cutInRow = String(text[..<text.range(of: "MCS Mail Server")!.upperBound])
        #expect(throws: RegistryError.malformedCSV(source: "cut.csv", line: 14, reason: "a row of 4 fields where IANA's CSV has 12")) {
            try RegistryCSV.decode(Array(cutInRow.utf8), source: "cut.csv")
        }
    }

    @Test("system services files are read, comments and nmap frequencies aside")
    func servicesFile() {
        let text = """
            # comment line
            tcpmux\t\t1/tcp\t\t\t\t# TCP port service multiplexer
            mysql\t\t3306/tcp
            http 80/tcp www # WorldWideWeb HTTP
            unknown\t3331/udp\t0.000457\t# mcs-messaging
            broken line
            """
        let entries = ServicesFile.decode(text)
        #expect(entries.map(\.serviceName) == ["tcpmux", "mysql", "http", "unknown"])
        #expect(entries[0].description == "TCP port service multiplexer")
        #expect(entries[2].description == "WorldWideWeb HTTP")
        #expect(entries[3].transport == .udp)
        #expect(entries[3].ports == PortSpan(port: 3331))
    }

    @Test("a diff tells added, removed and changed entries")
    func diff() throws {
        var old = try smallXML().entries
        var new = old
        let removed = new.removeLast()
        new[1].description = "TCP Port Service Multiplexer (changed)"
        new.append(RegistryEntry(serviceName: "brand-new", ports: PortSpan(port: 40000), transport: .tcp, description: "New"))
        let diff = RegistryDiff(from: old, to: new)
        #expect(diff.added.map(\.serviceName) == ["brand-new"])
        #expect(diff.removed == [removed])
        #expect(diff.changed.map(\.new.description) == ["TCP Port Service Multiplexer (changed)"])
        old = new
        #expect(RegistryDiff(from: old, to: new).isEmpty)
    }
}

@Suite("Writing IANA's XML")
struct RegistryXMLEncoderTests {
    @Test("the fixture written as XML reads back as the same document")
    func roundTrip() throws {
        let document = try RegistryXMLDecoder.decode(try TestData.fixtureBytes("registry-small.xml"), source: "registry-small.xml")
        let written = RegistryXMLEncoder.encode(document)
        let again = try RegistryXMLDecoder.decode(Array(written.utf8), source: "written.xml")
        #expect(again == document)
        #expect(
            written.hasPrefix(
                "<?xml version='1.0' encoding='UTF-8'?>\n<registry xmlns=\"http://www.iana.org/assignments\" id=\"service-names-port-numbers\">"
            )
        )
    }

    @Test("text with markup characters is escaped and comes back whole")
    func escaping() throws {
        var document = RegistryDocument()
        document.metadata.title = RegistryMetadata.registryTitle
        document.entries = [RegistryEntry(serviceName: "a&b", ports: PortSpan(port: 1), transport: .tcp, description: "<x> & \"y\"")]
        let again = try RegistryXMLDecoder.decode(Array(RegistryXMLEncoder.encode(document).utf8), source: "escaped.xml")
        #expect(again.entries == document.entries)
    }
}

@Suite("Writing IANA's XML, on the real registry", .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment)))
struct RealRegistryXMLEncoderTests {
    @Test("the 2026-08-17 registry written as XML reads back as the same document")
    func roundTrip() throws {
        let document = try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.currentXML), source: TestData.currentXML)
        let again = try RegistryXMLDecoder.decode(Array(RegistryXMLEncoder.encode(document).utf8), source: "written.xml")
        #expect(again.entries.count == document.entries.count)
        #expect(again == document)
    }
}
