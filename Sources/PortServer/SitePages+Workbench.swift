import PortAdvice
import PortKnowledge
import PortRegistry
import PortReport
import PortStore
import PortWeb

extension SitePages {
    /// `/{lang}/check-name?name=` and `/api/v1/check-name?name=`: the form, and the check when a name is given.
    /// Not cached: names are endless.
    public func checkName(_ name: String?, _ language: Language?) throws(StoreError) -> Page {
        let lookup = self.lookup
        let check = try name.map { (name: String) throws(StoreError) in
            ServiceName.Check(name: name, holders: try lookup.answer(.service(name)).entries)
        }
        guard let language else { return Page(contentType: "application/json", body: (check?.json ?? .null).serialized() + "\n") }
        return Page(body: site.nameCheckPage(check, registry: try currentSource(), language: language))
    }

    /// `/api/v1/suggest`: the machine-independent part of `portatlas suggest` (no listeners, no local ephemeral
    /// range), from the same verdict.
    /// - Throws: `SuggestionError.noRegistry` before any import; `SuggestionError.badCount`.
    public func suggestJSON(count: Int, seed: String, transport: TransportProtocol) throws -> Page {
        let reader = readers.reader
        guard try reader.currentVersion() != nil else { throw SuggestionError.noRegistry }
        let lookup = self.lookup
        let inputs = PortSuggestion.Inputs(
            unassigned: try reader.unassignedEntries(),
            registry: { port in PortVerdict.RegistryEvidence(try lookup.answer(.port(port))) },
            facts: knowledge.facts(overlapping: try PortSpan(start: PortRange.user.start, end: PortRange.user.end)),
            machine: nil
        )
        let suggestions = try PortSuggestion.suggest(count: count, seed: seed, transport: transport, inputs: inputs)
        let body = JSONValue.object([
            ("seed", .string(seed)), ("protocol", .string(transport.rawValue)), ("suggestions", .array(suggestions.map(\.json))),
        ])
        return Page(contentType: "application/json", body: body.serialized() + "\n")
    }
}
