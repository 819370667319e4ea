import PortKnowledge
import PortRegistry

extension PortRange {
    /// The range as JSON: `name`, `title`, `start`, `end`, `assignment`.
    public var json: JSONValue {
        .object([
            ("name", .string(rawValue)),
            ("title", .string(title)),
            ("start", .number(start)),
            ("end", .number(end)),
            ("assignment", .string(assignmentPolicy)),
        ])
    }
}

extension Reference {
    /// The reference as JSON: `type`, `target`, `text`, `section`, `label`, `url`.
    public var json: JSONValue {
        .object([
            ("type", .string(kind.rawValue)),
            ("target", .string(target)),
            ("text", .string(text)),
            ("section", .string(section)),
            ("label", .string(label)),
            ("url", .string(url)),
        ])
    }
}

extension RegistryEntry {
    /// The entry as JSON, every column, people resolved through `people` where the table has them, and
    /// `deassigned` ({`date`, `previousService`} or `null`) as IANA's note records it.
    public func json(people: [String: Person]) -> JSONValue {
        func person(_ id: String) -> JSONValue {
            let row = people[id]
            return .object([
                ("id", .string(id)),
                ("name", .string(row?.name)),
                ("organization", .string(row?.organization)),
                ("contact", .string(row?.contactAddress)),
            ])
        }
        return .object([
            ("service", .string(serviceName)),
            ("portStart", .number(ports?.start)),
            ("portEnd", .number(ports?.end)),
            ("protocol", .string(transport?.rawValue)),
            ("status", .string(status.rawValue)),
            ("description", .string(description)),
            ("assignees", .array(assignees.map(person))),
            ("contacts", .array(contacts.map(person))),
            ("registrationDate", .string(registrationDate)),
            ("modificationDate", .string(modificationDate)),
            ("references", .array(references.map(\.json))),
            ("serviceCode", .number(serviceCode)),
            ("unauthorizedUse", .string(unauthorizedUse)),
            ("notes", .string(notes)),
            (
                "deassigned",
                deassignment.map { .object([("date", .string($0.date)), ("previousService", .string($0.previousService))]) } ?? .null
            ),
        ])
    }
}

extension LookupAnswer {
    /// The answer as JSON: `query`, `protocol`, `registry`, `range`, `listed`, `message`, `hint`, `entries`.
    public var json: JSONValue {
        .object([
            ("query", .string(query.text)),
            ("protocol", .string(transport?.rawValue)),
            ("registry", source.json),
            ("range", range?.json ?? .null),
            ("listed", .bool(isListed)),
            ("message", isListed ? .null : .string("\(query.text) is \(source.notListed)")),
            ("hint", .string(source.hint)),
            ("entries", .array(entries.map { $0.json(people: people) })),
        ])
    }
}

extension SearchAnswer {
    /// The answer as JSON: `query`, `registry`, `hint`, `products` (as `/api/v1/search` gives them), `entries`.
    public var json: JSONValue {
        .object([
            ("query", .string(text)),
            ("registry", source.json),
            ("hint", .string(source.hint)),
            (
                "products",
                .array(products.map(\.json))
            ),
            ("entries", .array(entries.map { $0.json(people: people) })),
        ])
    }
}
