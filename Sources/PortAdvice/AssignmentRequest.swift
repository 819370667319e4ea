import PortRegistry

/// The fields of an IANA service name and port number assignment request (RFC 6335 §8.1.1), each checked:
/// `propose` fills it in and prints it ready to paste into IANA's form. Nothing is ever submitted.
public struct AssignmentRequest: Sendable, Hashable {
    /// One field of the request, its value and what was found about it.
    public struct Field: Sendable, Hashable {
        /// The field's name on IANA's form.
        public var title: String
        /// The value to paste, or `nil` when it is missing.
        public var value: String?
        /// `good`, `warnings` (the request can go, but read this) or `avoid` (fix it first).
        public var level: PortVerdict.Level
        /// What was found, in plain words.
        public var notes: [String]

        public init(title: String, value: String?, level: PortVerdict.Level = .good, notes: [String] = []) {
            self.title = title
            self.value = value
            self.level = level
            self.notes = notes
        }
    }

    /// What a person asks for.
    public struct Draft: Sendable, Hashable {
        public var name: String
        public var transport: TransportProtocol
        /// The port asked for; `nil` with `nameOnly`.
        public var port: UInt16?
        /// A service name alone, for DNS SRV use, with no port.
        public var nameOnly: Bool
        public var assignee: String?
        public var contact: String?
        public var description: String?
        public var reference: String?
        public var serviceCode: UInt32?

        public init(
            name: String,
            transport: TransportProtocol,
            port: UInt16?,
            nameOnly: Bool,
            assignee: String? = nil,
            contact: String? = nil,
            description: String? = nil,
            reference: String? = nil,
            serviceCode: UInt32? = nil
        ) {
            self.name = name
            self.transport = transport
            self.port = port
            self.nameOnly = nameOnly
            self.assignee = assignee
            self.contact = contact
            self.description = description
            self.reference = reference
            self.serviceCode = serviceCode
        }
    }

    /// The fields in the form's order.
    public var fields: [Field]
    /// The strongest level among the fields.
    public var level: PortVerdict.Level { fields.map(\.level).max() ?? .good }

    /// Checks `draft`: the name by RFC 6335 §5.1 and against `nameCheck`'s holders, the port by `verdict` (the one
    /// `check` gives, without this machine), the System range by RFC 6335's stricter procedure, the DCCP service code.
    public init(draft: Draft, nameCheck: ServiceName.Check, verdict: PortVerdict?) {
        var fields: [Field] = []
        func required(_ title: String, _ value: String?, _ why: String) -> Field {
            guard let value, !value.allSatisfy(\.isWhitespace) else {
                return Field(title: title, value: nil, level: .avoid, notes: ["missing: \(why)"])
            }
            return Field(title: title, value: value)
        }
        fields.append(required("Assignee", draft.assignee, "the person or organisation the assignment is made to (--assignee)"))
        var contact = required("Contact", draft.contact, "the person IANA writes to about it, with an e-mail address (--contact)")
        if let value = contact.value, !value.contains("@") {
            contact.level = .warnings
            contact.notes.append("no e-mail address: IANA needs one to reach the contact")
        }
        fields.append(contact)
        fields.append(required("Description", draft.description, "what the service does, in a few words (--description)"))

        var name = Field(title: "Service Name", value: draft.name)
        switch nameCheck.outcome {
        case .invalid:
            name.level = .avoid
            name.notes = nameCheck.violations.map { "breaks RFC 6335 §5.1: \($0.rule)" }
        case .taken:
            name.level = .avoid
            name.notes = nameCheck.holders.map { entry in
                "taken: \(entry.serviceName ?? draft.name) holds \(entry.ports?.description ?? "no port")/\(entry.transport?.rawValue ?? "-")"
            }
        case .free:
            name.notes = ["valid and free"]
        }
        fields.append(name)
        fields.append(Field(title: "Transport Protocol", value: draft.transport.rawValue))

        var port: Field
        if draft.nameOnly {
            port = Field(title: "Port Number", value: "none: service name only", notes: ["a name alone, for DNS SRV records (RFC 6335 §8.1.1)"])
            if draft.port != nil { port = Field(title: "Port Number", value: nil, level: .avoid, notes: ["give --port or --name-only, not both"]) }
        } else if let number = draft.port, let verdict {
            port = Field(title: "Port Number", value: String(number))
            let range = PortRange(containing: number)
            switch range {
            case .system:
                port.level = .warnings
                port.notes.append(
                    "a System port: RFC 6335 §8.1.2 assigns these only through IETF Review or IESG Approval, and asks for a reason no User port will do"
                )
            case .dynamic:
                port.level = .avoid
                port.notes.append("in the Dynamic range \(range.start)–\(range.end): IANA never assigns these (RFC 6335 §6)")
            case .user:
                break
            }
            for reason in verdict.reasons where reason.kind == .iana && reason.level != .good {
                port.level = .avoid
                port.notes.append("taken: \(reason.text)")
            }
            for reason in verdict.reasons where reason.level != .good && reason.kind != .iana && reason.kind != .range && !reason.isLocal {
                port.level = max(port.level, .warnings)
                port.notes.append(reason.text)
            }
            if port.notes.isEmpty { port.notes = ["free in the registry"] }
        } else {
            port = Field(title: "Port Number", value: nil, level: .avoid, notes: ["missing: give --port N, or --name-only for a name without a port"])
        }
        fields.append(port)

        var reference = Field(title: "Reference", value: draft.reference)
        if draft.reference == nil {
            let system = draft.port.map { PortRange(containing: $0) == .system } ?? false
            reference.level = system ? .avoid : .warnings
            reference.notes = [
                system
                    ? "missing: a System port needs an RFC or an Internet-Draft on its way to one (--reference)"
                    : "missing: a document that specifies the protocol helps the expert review (--reference)"
            ]
        }
        fields.append(reference)

        if draft.transport == .dccp {
            var code = Field(title: "Service Code", value: draft.serviceCode.map(String.init))
            if draft.serviceCode == nil {
                code.level = .avoid
                code.notes = ["missing: a DCCP request names its service code (RFC 4340 §19.8, RFC 6335 §8.1.1) (--service-code)"]
            }
            fields.append(code)
        } else if draft.serviceCode != nil {
            fields.append(
                Field(
                    title: "Service Code",
                    value: nil,
                    level: .avoid,
                    notes: ["a service code goes with DCCP only, not \(draft.transport.rawValue)"]
                )
            )
        }
        self.fields = fields
    }

    /// The request as text to paste into IANA's form, one `Title: value` line per field.
    public var pasteable: String {
        fields.map { "\($0.title): \($0.value ?? "")" }.joined(separator: "\n") + "\n"
    }
}
