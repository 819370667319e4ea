/// Reads IANA's XML rendering of the Service Name and Transport Protocol Port Number Registry.
public enum RegistryXMLDecoder {
    /// The `id` IANA gives this registry's root element.
    public static let registryID = "service-names-port-numbers"

    /// Decodes a whole registry file.
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - source: how to name the file in error messages.
    /// - Throws: `RegistryError.malformedXML` with the line for damaged or truncated XML,
    ///   `.invalidRecord` for a record with an impossible value, `.unrecognizedFormat` for another document.
    public static func decode(_ bytes: [UInt8], source: String) throws(RegistryError) -> RegistryDocument {
        var reader = Reader(scanner: XMLScanner(bytes: bytes), source: source)
        do {
            return try reader.document()
        } catch let failure as XMLScanner.Failure {
            throw .malformedXML(source: source, line: reader.scanner.line(at: failure.offset), reason: failure.reason)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .malformedXML(source: source, line: 0, reason: "\(error)")
        }
    }
}

extension RegistryXMLDecoder {
    /// A recursive-descent walk over the scanner's events.
    fileprivate struct Reader {
        var scanner: XMLScanner
        let source: String

        mutating func document() throws -> RegistryDocument {
            var event = try scanner.next()
            while case .text = event { event = try scanner.next() }
            guard case .start(let rootName, let rootAttributes) = event, rootName == "registry",
                rootAttributes.first(where: { $0.name == "id" })?.value == RegistryXMLDecoder.registryID
            else { throw RegistryError.unrecognizedFormat(source: source) }

            var document = RegistryDocument()
            var sawTitle = false
            children: while let event = try scanner.next() {
                switch event {
                case .start(let name, let attributes):
                    switch name {
                    case "title":
                        document.metadata.title = try mixedText()
                        sawTitle = true
                    case "category": document.metadata.category = try mixedText()
                    case "updated": document.metadata.updated = try mixedText()
                    case "expert": document.metadata.experts = try mixedText()
                    case "xref": document.metadata.references.append(try reference(attributes))
                    case "note":
                        let title = attributes.first(where: { $0.name == "title" })?.value
                        document.metadata.notes.append(.init(title: title, text: try mixedText()))
                    case "footnote":
                        let anchor = attributes.first(where: { $0.name == "anchor" })?.value ?? ""
                        document.metadata.footnotes.append(.init(anchor: anchor, text: try mixedText()))
                    case "record": document.entries.append(try record(attributes))
                    case "people": document.people = try people()
                    default: try skipElement()
                    }
                case .end:
                    break children
                case .text, .cdata:
                    continue
                }
            }
            // The root is closed; the scanner still checks that nothing but space and comments follows.
            if try scanner.next() != nil {
                throw XMLScanner.Failure(offset: scanner.offset, reason: "content after the root element")
            }
            guard sawTitle else { throw RegistryError.unrecognizedFormat(source: source) }
            return document
        }

        /// The text of the element just opened, through its end, with inline references in brackets.
        mutating func mixedText() throws -> String {
            var text = ""
            var paragraphs = 0
            while let event = try scanner.next() {
                switch event {
                case .text(let range): text += try scanner.text(range)
                case .cdata(let range): text += scanner.literal(range)
                case .start(let name, let attributes):
                    switch name {
                    case "xref": text += try reference(attributes).bracketed
                    case "br":
                        try skipElement()
                        text += "\n"
                    case "paragraph":
                        let paragraph = try mixedText()
                        if paragraphs > 0 || !text.trimmingWhitespace().isEmpty { text += "\n\n" }
                        text += paragraph
                        paragraphs += 1
                    default: text += try mixedText()
                    }
                case .end:
                    return String(text.trimmingWhitespace())
                }
            }
            throw XMLScanner.Failure(offset: scanner.offset, reason: "the file ends inside an element")
        }

        mutating func reference(_ attributes: [(name: String, value: String)]) throws -> Reference {
            var type: String?
            var target: String?
            var section: String?
            for attribute in attributes {
                switch attribute.name {
                case "type": type = attribute.value
                case "data": target = attribute.value
                case "section": section = attribute.value
                default: continue
                }
            }
            let text = try mixedText()
            let kind = type.flatMap(Reference.Kind.init(rawValue:)) ?? .text
            return Reference(kind: kind, target: target, text: text.isEmpty ? nil : text, section: section)
        }

        mutating func record(_ attributes: [(name: String, value: String)]) throws -> RegistryEntry {
            let recordOffset = scanner.offset
            var entry = RegistryEntry()
            for attribute in attributes {
                switch attribute.name {
                case "date": entry.registrationDate = attribute.value
                case "updated": entry.modificationDate = attribute.value
                default: continue
                }
            }
            var sawDescription = false
            while let event = try scanner.next() {
                switch event {
                case .start(let name, let attributes):
                    let fieldOffset = scanner.offset
                    switch name {
                    case "name": entry.serviceName = try mixedText().nonEmpty
                    case "protocol":
                        let text = try mixedText()
                        guard let transport = TransportProtocol(name: text) else {
                            throw invalid(at: fieldOffset, "unknown transport protocol '\(text)'")
                        }
                        entry.transport = transport
                    case "number":
                        let text = try mixedText()
                        do {
                            entry.ports = try PortSpan(parsing: text)
                        } catch {
                            throw invalid(at: fieldOffset, error.description)
                        }
                    case "description":
                        entry.description = try mixedText()
                        sawDescription = true
                    case "assignee":
                        entry.assignees += try assignees()
                    case "xref":
                        let reference = try reference(attributes)
                        if reference.kind == .person, let id = reference.target {
                            entry.contacts.append(id)
                        } else {
                            entry.references.append(reference)
                        }
                    case "sc":
                        let text = try mixedText()
                        guard let code = UInt32(text) else { throw invalid(at: fieldOffset, "service code '\(text)' is not a number") }
                        entry.serviceCode = code
                    case "note": entry.notes = try mixedText().nonEmpty
                    case "unauthorized": entry.unauthorizedUse = try mixedText().nonEmpty
                    default: try skipElement()
                    }
                case .end:
                    guard sawDescription || entry.serviceName != nil else {
                        throw invalid(at: recordOffset, "a record with neither a name nor a description")
                    }
                    // IANA's CSV names the contact as assignee when no assignee is on record; so do we.
                    if entry.assignees.isEmpty { entry.assignees = entry.contacts }
                    return entry
                case .text, .cdata:
                    continue
                }
            }
            throw XMLScanner.Failure(offset: scanner.offset, reason: "the file ends inside a record")
        }

        mutating func assignees() throws -> [String] {
            var ids: [String] = []
            while let event = try scanner.next() {
                switch event {
                case .start(let name, let attributes):
                    if name == "xref" {
                        let reference = try reference(attributes)
                        if let id = reference.target ?? reference.text { ids.append(id) }
                    } else {
                        try skipElement()
                    }
                case .end: return ids
                case .text, .cdata: continue
                }
            }
            throw XMLScanner.Failure(offset: scanner.offset, reason: "the file ends inside an assignee")
        }

        mutating func people() throws -> [Person] {
            var people: [Person] = []
            while let event = try scanner.next() {
                switch event {
                case .start(let name, let attributes):
                    guard name == "person" else {
                        try skipElement()
                        continue
                    }
                    var person = Person(id: attributes.first(where: { $0.name == "id" })?.value ?? "")
                    while let inner = try scanner.next() {
                        if case .end = inner { break }
                        guard case .start(let field, _) = inner else { continue }
                        let value = try mixedText().nonEmpty
                        switch field {
                        case "name": person.name = value
                        case "org": person.organization = value
                        case "uri": person.uri = value
                        case "updated": person.updated = value
                        default: continue
                        }
                    }
                    people.append(person)
                case .end: return people
                case .text, .cdata: continue
                }
            }
            throw XMLScanner.Failure(offset: scanner.offset, reason: "the file ends inside the people table")
        }

        mutating func skipElement() throws {
            var depth = 1
            while depth > 0 {
                guard let event = try scanner.next() else {
                    throw XMLScanner.Failure(offset: scanner.offset, reason: "the file ends inside an element")
                }
                switch event {
                case .start: depth += 1
                case .end: depth -= 1
                case .text, .cdata: continue
                }
            }
        }

        func invalid(at offset: Int, _ reason: String) -> RegistryError {
            .invalidRecord(source: source, line: scanner.line(at: offset), reason: reason)
        }
    }
}

extension String {
    /// The string, or `nil` when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
