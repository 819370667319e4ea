import Foundation
import PortRegistry
import PortTestSupport
import Testing

@Suite("IANA's four formats out")
struct RegistryExportTests {
    static func smallXML() throws -> RegistryDocument {
        try RegistryXMLDecoder.decode(try TestData.fixtureBytes("registry-small.xml"), source: "registry-small.xml")
    }

    @Test("the CSV fixture, read and written, comes back byte for byte, rows ended by CRLF")
    func csvBytes() throws {
        let bytes = try TestData.fixtureBytes("registry-small.csv")
        let written = RegistryExportFormat.csv.encode(try RegistryCSV.decode(bytes, source: "registry-small.csv"))
        #expect(Array(written.utf8) == bytes)
        #expect(written.hasPrefix(RegistryCSV.columns.joined(separator: ",") + "\r\n"))
    }

    @Test("a single port written as a range stays written so, and equals the single port")
    func spanSpelling() throws {
        let span = try PortSpan(parsing: "4748-4748")
        #expect(span.description == "4748-4748")
        #expect(span == PortSpan(port: 4748))
        #expect(Set([span, PortSpan(port: 4748)]).count == 1)
        #expect(try PortSpan(parsing: "4748").description == "4748")
    }

    @Test("plain text follows IANA's layout: header block, one line per record, the contact table")
    func text() throws {
        let document = try Self.smallXML()
        let text = RegistryExportFormat.txt.encode(document)
        #expect(text.hasPrefix("Internet Assigned Numbers Authority\n\nService Name and Transport Protocol Port Number Registry\n\nLast Updated\n"))
        #expect(text.contains("\nPlain text\nService Name Port Number Transport Protocol Description Assignee Contact Registration Date"))
        #expect(text.contains("\ntcpmux 1 tcp TCP Port Service Multiplexer [Mark_Lottor] [Mark_Lottor]\n"))
        #expect(text.contains("\n\nContact Information\n\nID Name Organization Contact URI Last Updated\n"))
        let person = try #require(document.people.first)
        #expect(text.contains("\n[\(person.id)] \(person.name ?? "")"))
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("tcpmux ") }.count == 1)
    }

    @Test("HTML has IANA's tables, links people to their rows, and escapes what the registry says")
    func html() throws {
        var document = try Self.smallXML()
        document.entries[0].description = "<script>alert(1)</script> & \"quotes\""
        let html = RegistryExportFormat.html.encode(document)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<table id=\"table-service-names-port-numbers\">"))
        #expect(html.contains("<table id=\"table-people\">"))
        #expect(html.contains("[<a href=\"#Mark_Lottor\">Mark_Lottor</a>]"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(!html.contains("<script>"))
        #expect(html.components(separatedBy: "<tr><td").count - 1 == document.entries.count + document.people.count)
    }

    @Test("XML written from the fixture reads back to the same document")
    func xmlRoundTrip() throws {
        let document = try Self.smallXML()
        let back = try RegistryXMLDecoder.decode(Array(RegistryExportFormat.xml.encode(document).utf8), source: "written")
        #expect(back.entries == document.entries)
        #expect(back.people == document.people)
    }
}

@Suite("What changed between two versions")
struct RegistryChangesTests {
    static let skytaleTCP = RegistryEntry(
        serviceName: "fox-skytale",
        ports: PortSpan(port: 4319),
        transport: .tcp,
        description: "Fox SkyTale",
        assignees: ["Fox_Crypto_BV"],
        contacts: ["Mark_Revier"],
        registrationDate: "2022-01-20"
    )

    @Test("an unchanged registry has no changes")
    func same() throws {
        #expect(RegistryChanges(from: [Self.skytaleTCP], to: [Self.skytaleTCP]).isEmpty)
    }

    @Test("a new name on the same port, protocol and date is a rename, with the columns that changed")
    func rename() throws {
        var renamed = Self.skytaleTCP
        renamed.serviceName = "skytale"
        renamed.assignees = ["Sentyron_B.V."]
        let changes = RegistryChanges(from: [Self.skytaleTCP], to: [renamed])
        #expect(changes.changes.map(\.kind) == [.renamed])
        #expect(changes.changes.first?.fields == [.serviceName, .assignees])
        #expect(changes.changes.first?.identity == .named("skytale", .tcp))
    }

    @Test("a new name with nothing in common with the old is a removal and an addition")
    func notARename() throws {
        let other = RegistryEntry(serviceName: "other", ports: PortSpan(port: 4319), transport: .tcp, description: "Other", contacts: ["Someone"])
        let changes = RegistryChanges(from: [Self.skytaleTCP], to: [other])
        #expect(Set(changes.changes.map(\.kind)) == [.added, .removed])
    }

    @Test("a name whose port becomes Reserved is released; an Unassigned range split is removed and added")
    func releaseAndSplit() throws {
        let reserved = RegistryEntry(ports: PortSpan(port: 4319), transport: .tcp, description: "Reserved")
        let wide = RegistryEntry(ports: try PortSpan(start: 4320, end: 4330), transport: .tcp, description: "Unassigned")
        let narrow = RegistryEntry(ports: try PortSpan(start: 4321, end: 4330), transport: .tcp, description: "Unassigned")
        let new = RegistryEntry(serviceName: "new-one", ports: PortSpan(port: 4320), transport: .tcp, description: "New")
        let changes = RegistryChanges(from: [Self.skytaleTCP, wide], to: [reserved, new, narrow])
        #expect(changes.changes(.released).map { $0.old?.serviceName } == ["fox-skytale"])
        #expect(changes.changes(.removed).map(\.old) == [wide])
        #expect(Set(changes.changes(.added).compactMap(\.new)) == [new, narrow])
        #expect(changes.changes.map { $0.ports?.start } == [4319, 4320, 4320, 4321])
    }

    @Test("names compare case-insensitively; a changed column is named with its old and new values")
    func changedColumns() throws {
        var upper = Self.skytaleTCP
        upper.serviceName = "Fox-SkyTale"
        upper.references = [Reference(kind: .rfc, target: "rfc9999")]
        let changes = RegistryChanges(from: [Self.skytaleTCP], to: [upper])
        let change = try #require(changes.changes.first)
        #expect(change.kind == .changed)
        #expect(change.fields == [.serviceName, .references])
        #expect(RegistryChanges.Field.references.value(in: upper) == "[RFC9999]")
        #expect(RegistryChanges.Field.references.title == "Reference")
    }
}
