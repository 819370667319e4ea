/// One record of the Service Name and Transport Protocol Port Number Registry: every column IANA publishes.
public struct RegistryEntry: Sendable, Hashable {
    /// Whether a record assigns something, or marks ports as Reserved or Unassigned.
    public enum Status: String, Sendable, Hashable {
        case assigned, reserved, unassigned
    }

    /// The service name (RFC 6335 §5.1); absent on Reserved and Unassigned rows and on some old assignments.
    public var serviceName: String?
    /// The port or range; absent on name-only entries (service names registered for DNS SRV use).
    public var ports: PortSpan?
    /// The transport protocol; absent on entries that name no protocol, such as `3367-3371`.
    public var transport: TransportProtocol?
    /// IANA's description of the entry.
    public var description: String
    /// Person ids of the assignees. IANA's CSV repeats the contact here when no assignee is on record,
    /// and both codecs follow that rule, so XML and CSV of one registry give the same entries.
    public var assignees: [String]
    /// Person ids of the contacts.
    public var contacts: [String]
    /// The registration date: `YYYY-MM-DD`, or `YYYY-MM` where IANA recorded only the month.
    public var registrationDate: String?
    /// The modification date, in the same form as `registrationDate`.
    public var modificationDate: String?
    /// RFCs, drafts, web addresses, free text and footnote references.
    public var references: [Reference]
    /// The DCCP service code (RFC 4340 §19.8).
    public var serviceCode: UInt32?
    /// IANA's "Unauthorized Use Reported" text.
    public var unauthorizedUse: String?
    /// IANA's assignment notes.
    public var notes: String?

    public init(
        serviceName: String? = nil,
        ports: PortSpan? = nil,
        transport: TransportProtocol? = nil,
        description: String = "",
        assignees: [String] = [],
        contacts: [String] = [],
        registrationDate: String? = nil,
        modificationDate: String? = nil,
        references: [Reference] = [],
        serviceCode: UInt32? = nil,
        unauthorizedUse: String? = nil,
        notes: String? = nil
    ) {
        self.serviceName = serviceName
        self.ports = ports
        self.transport = transport
        self.description = description
        self.assignees = assignees
        self.contacts = contacts
        self.registrationDate = registrationDate
        self.modificationDate = modificationDate
        self.references = references
        self.serviceCode = serviceCode
        self.unauthorizedUse = unauthorizedUse
        self.notes = notes
    }

    /// Reserved and Unassigned rows carry no service name and say so in their description.
    public var status: Status {
        guard serviceName == nil else { return .assigned }
        switch description.lowercased() {
        case "unassigned": return .unassigned
        case "reserved": return .reserved
        default: return .assigned
        }
    }

    /// What identifies an entry across registry versions: its name, ports and protocol.
    public var key: Key { Key(serviceName: serviceName, ports: ports, transport: transport) }

    /// The identity of an entry across registry versions.
    public struct Key: Sendable, Hashable, CustomStringConvertible {
        public var serviceName: String?
        public var ports: PortSpan?
        public var transport: TransportProtocol?

        public var description: String {
            let name = serviceName ?? "(no name)"
            let port = ports?.description ?? "(no port)"
            return "\(name) \(port)/\(transport?.rawValue ?? "-")"
        }
    }
}
