import PortRegistry
import Testing

@Suite("Ports, ranges and queries")
struct PortQueryTests {
    @Test(
        "ports, ranges and names parse",
        arguments: [
            ("3331", PortQuery.port(3331)),
            (" 0 ", .port(0)),
            ("65535", .port(65535)),
            ("3360-3375", .span(try! PortSpan(start: 3360, end: 3375))),
            ("MySQL", .service("MySQL")),
            ("3Com-nsd", .service("3Com-nsd")),
            ("914c/g", .service("914c/g")),
            ("abc/xyz", .service("abc/xyz")),
        ]
    )
    func parses(text: String, expected: PortQuery) throws {
        #expect(try PortQuery(parsing: text) == expected)
    }

    @Test("bad input is named in the error")
    func rejectsBadInput() {
        #expect(throws: RegistryError.portOutOfRange("70000")) { try PortQuery(parsing: "70000") }
        #expect(throws: RegistryError.malformedPort("-1")) { try PortQuery(parsing: "-1") }
        #expect(throws: RegistryError.malformedPort("3331-")) { try PortQuery(parsing: "3331-") }
        #expect(throws: RegistryError.emptyQuery) { try PortQuery(parsing: "") }
        #expect(throws: RegistryError.emptyQuery) { try PortQuery(parsing: "   ") }
        #expect(throws: RegistryError.invertedSpan("3375-3360")) { try PortQuery(parsing: "3375-3360") }
        #expect(throws: RegistryError.malformedQuery("<script>")) { try PortQuery(parsing: "<script>") }
        #expect(throws: RegistryError.malformedQuery("a b")) { try PortQuery(parsing: "a b") }
        #expect(throws: RegistryError.portOutOfRange("99999999999")) { try PortQuery(parsing: "99999999999") }
    }

    @Test("error messages name the value")
    func messagesNameTheValue() {
        #expect(RegistryError.portOutOfRange("70000").description.contains("'70000'"))
        #expect(RegistryError.malformedPort("3331-").description.contains("'3331-'"))
    }

    @Test("every port 0–65535 falls in exactly the range RFC 6335 gives it")
    func rangesCoverEveryPort() {
        var counts: [PortRange: Int] = [:]
        for port in 0...65535 {
            let range = PortRange(containing: UInt16(port))
            #expect(range.start <= UInt16(port) && UInt16(port) <= range.end)
            counts[range, default: 0] += 1
        }
        #expect(counts == [.system: 1024, .user: 48128, .dynamic: 16384])
        #expect(PortRange(containing: 1023) == .system)
        #expect(PortRange(containing: 1024) == .user)
        #expect(PortRange(containing: 49151) == .user)
        #expect(PortRange(containing: 49152) == .dynamic)
        #expect(PortRange.dynamic.assignmentPolicy.contains("Never assigned"))
    }

    @Test("spans know what they contain and overlap")
    func spans() throws {
        let span = try PortSpan(parsing: "3367-3371")
        #expect(span.count == 5)
        #expect(span.contains(3368))
        #expect(!span.contains(3372))
        #expect(span.overlaps(try PortSpan(parsing: "3360-3367")))
        #expect(!span.overlaps(PortSpan(port: 3366)))
        #expect(span.description == "3367-3371")
    }

    @Test("a single port: a number 0–65535; a range or 70000 is refused, naming the value")
    func singlePort() throws {
        #expect(try PortSpan.port(parsing: " 5432 ") == 5432)
        #expect(try PortSpan.port(parsing: "0") == 0)
        #expect(throws: RegistryError.malformedPort("3367-3371")) { try PortSpan.port(parsing: "3367-3371") }
        #expect(throws: RegistryError.self) { try PortSpan.port(parsing: "70000") }
        #expect(throws: RegistryError.malformedPort("http")) { try PortSpan.port(parsing: "http") }
    }
}

@Suite("De-assigned entries")
struct DeassignmentTests {
    static func entry(_ notes: String?) -> RegistryEntry {
        RegistryEntry(ports: PortSpan(port: 2), transport: .tcp, description: "Reserved", notes: notes)
    }

    @Test("IANA's note gives the date and, when it names one, the service that held the port")
    func readsTheNote() {
        let compressnet = Self.entry("De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]").deassignment
        #expect(compressnet == RegistryEntry.Deassignment(date: "2025-02-13", previousService: "compressnet"))
        let surfpass = Self.entry("Historic usage was surfpass. De-Assigned on 2022-01-10").deassignment
        #expect(surfpass == RegistryEntry.Deassignment(date: "2022-01-10", previousService: "surfpass"))
        #expect(Self.entry("De-Assigned on 2019-10-30").deassignment == RegistryEntry.Deassignment(date: "2019-10-30", previousService: nil))
        #expect(Self.entry("Assigned to the IESG").deassignment == nil)
        #expect(Self.entry(nil).deassignment == nil)
    }

    @Test("reserved and unassigned entries say what their status means; assigned ones need no word")
    func statusExplained() {
        #expect(Self.entry(nil).statusExplanation?.hasPrefix("Reserved:") == true)
        #expect(RegistryEntry(ports: PortSpan(port: 4), description: "Unassigned").statusExplanation?.hasPrefix("Unassigned:") == true)
        #expect(RegistryEntry(serviceName: "x", ports: PortSpan(port: 5), description: "X").statusExplanation == nil)
    }
}
