import PortAdvice
import PortKnowledge
import PortListeners
import PortRegistry
import PortStore

extension WhatPortIs {
    /// Composes the report for `port`.
    /// - Parameters:
    ///   - lookup: the registry (or the system's services database before any import).
    ///   - knowledge: the curated facts: in memory (`KnowledgeBase`) or from the index (`KnowledgeIndex`).
    ///   - scanner: reads this machine's listeners; `nil` leaves §6's live answer out.
    ///   - linuxLive: this machine's Linux ephemeral range, when known.
    ///   - nmapServices: nmap's services file, read for how common the port is when it is there; `nil` skips it.
    /// - Throws: `StoreError` when the store cannot be read.
    public static func compose(
        port: UInt16,
        transport: TransportProtocol? = nil,
        lookup: PortLookup,
        knowledge: any CuratedKnowledge,
        scanner: ListenerScanner? = ListenerScanner(),
        linuxLive: LocalPortRange? = LocalPortRange.linuxLive(),
        nmapServices: String? = PortPopularity.defaultFile
    ) throws(StoreError) -> WhatPortIs {
        let answer = try lookup.answer(.port(port), transport: transport)
        let near = try lookup.entries(overlapping: span(around: port, radius: clusterRadius))
        var footnotes = FootnoteList()

        // §3: uses, the one most people mean first, with collisions against the registry's assigned names at
        // the port and the product's other ports.
        let facts = knowledge.facts(at: port, transport: transport)
        let uses = ordered(facts.filter { $0.kind == .use }, knowledge: knowledge, registered: answer.entries).map { fact in
            let cited = CitedFact(fact: fact, footnote: footnotes.number(for: fact.source))
            let others = knowledge.facts(about: fact.product).filter { $0.kind == .use && !$0.ports.contains(port) }
            return CitedUse(
                cited: cited,
                collidesWith: collisions(of: fact, with: answer.entries),
                product: knowledge.product(named: fact.product),
                otherPorts: others.map { CitedFact(fact: $0, footnote: footnotes.number(for: $0.source)) }
            )
        }
        let browserBlock = facts.first { $0.kind == .browserBlocked }.map { CitedFact(fact: $0, footnote: footnotes.number(for: $0.source)) }

        // §4: neighbours and clusters.
        let window = span(around: port, radius: neighbourRadius)
        // Wide windows would name themselves on every neighbour: the neighbours show the ports' own uses.
        let nearbyFacts = knowledge.facts(overlapping: window).filter { $0.kind == .use && $0.ports.count <= wideRange }
        let neighbours = (window.start...window.end).map { neighbourPort in
            neighbour(neighbourPort, entries: near, facts: nearbyFacts, isPort: neighbourPort == port)
        }
        let registryClusters = RegistryCluster.clusters(in: near, touching: window)
        var vendorClusters: [VendorCluster] = []
        for name in uses.compactMap(\.fact.cluster) where !vendorClusters.contains(where: { $0.name == name }) {
            let members = knowledge.cluster(named: name)
            guard let first = members.map(\.ports.start).min(), let last = members.map(\.ports.end).max() else { continue }
            var numbers: [Int] = []
            for member in members {
                let number = footnotes.number(for: member.source)
                if !numbers.contains(number) { numbers.append(number) }
            }
            vendorClusters.append(VendorCluster(name: name, ports: PortSpan(unchecked: first, last), members: members, footnotes: numbers))
        }

        // §5: misuse.
        var unauthorized: [SecurityNote.UnauthorizedUse] = []
        for entry in answer.entries {
            guard let text = entry.unauthorizedUse else { continue }
            let service = entry.serviceName ?? "(\(entry.status.rawValue))"
            let transport = entry.transport?.rawValue ?? "any protocol"
            // The same note on tcp and udp is one note.
            if let index = unauthorized.firstIndex(where: { $0.service == service && $0.text == text }) {
                unauthorized[index].transport += ", \(transport)"
            } else {
                unauthorized.append(.init(service: service, transport: transport, text: text))
            }
        }
        let historical = facts.filter { $0.kind == .malware }.map { CitedFact(fact: $0, footnote: footnotes.number(for: $0.source)) }
        let security = SecurityNote(
            unauthorizedUse: unauthorized,
            historical: historical,
            advice: advice(port: port, listed: answer.isListed, uses: uses, flagged: !unauthorized.isEmpty || !historical.isEmpty)
        )

        // §6: listeners, named from the answer already in hand.
        var listenerReport: ListenerReport?
        if let scanner {
            let names = ListenerReport.serviceNames(answer.entries)
            listenerReport = ListenerReport(
                port: port,
                listeners: scanner.listeners(on: port),
                names: names.isEmpty ? [:] : [port: names],
                source: answer.source
            )
        }

        var ephemeral = [LocalPortRange.linuxDefault]
        if let linuxLive, linuxLive.start != LocalPortRange.linuxDefault.start || linuxLive.end != LocalPortRange.linuxDefault.end {
            ephemeral.append(linuxLive)
        }
        ephemeral += [.windows, .macOS]

        return WhatPortIs(
            port: port,
            registry: answer,
            range: PortRange(containing: port),
            ephemeralRanges: ephemeral.map { EphemeralRange(range: $0, containsPort: $0.contains(port)) },
            popularity: nmapServices.flatMap { PortPopularity.read(port: port, file: $0) },
            uses: uses,
            browserBlock: browserBlock,
            neighbours: neighbours,
            registryClusters: registryClusters,
            vendorClusters: vendorClusters,
            security: security,
            listeners: listenerReport,
            manualChecks: manualChecks(port),
            sources: footnotes.list,
            verdict: PortVerdict.judge(
                port: port,
                transport: transport ?? .tcp,
                registry: PortVerdict.RegistryEvidence(answer),
                facts: knowledge.facts(at: port)
            )
        )
    }

    /// The order uses are shown in, so that where many products use a port the one most people mean comes
    /// first: the user's own facts; then the product the registered service is named after (PostgreSQL on
    /// 5432's postgresql); then facts about this very port before ranges that take it in (a product's
    /// window, Kubernetes' NodePorts, an operating system's ephemeral range); then products the catalogue
    /// marks as widely used (Jupyter on 8888); then products that speak the protocol IANA registered there
    /// (the HTTP servers on 8080's http-alt); then by field, the operating systems' own services first (they run on every machine of that system), then
    /// development servers (the commonest reason a port is found busy), web servers, databases, brokers, AI
    /// and data tools and so on (`fieldOrder`); then by product name.
    static func ordered(_ facts: [KnowledgeFact], knowledge: any CuratedKnowledge, registered entries: [RegistryEntry]) -> [KnowledgeFact] {
        let registered = Set(entries.filter { $0.status == .assigned }.compactMap { $0.serviceName?.lowercased() })
        let registeredPlain = registered.map { $0.filter { $0.isLetter || $0.isNumber } }.filter { $0.count >= 4 }
        func key(_ fact: KnowledgeFact) -> [Int] {
            let product = knowledge.product(named: fact.product)
            let fieldRank = product.flatMap { fieldOrder.firstIndex(of: $0.field) } ?? fieldOrder.count
            let plainName = fact.product.lowercased().filter { $0.isLetter || $0.isNumber }
            let namesTheService = registeredPlain.contains { plainName.hasPrefix($0) }
            let speaksRegistered = fact.services.contains { registered.contains($0) }
            return [
                fact.origin.isBundled ? 1 : 0, namesTheService ? 0 : 1, fact.ports.start == fact.ports.end ? 0 : 1,
                product?.isWidelyUsed == true ? 0 : 1, speaksRegistered ? 0 : 1, fieldRank,
            ]
        }
        // A stable sort: facts alike by the key keep the files' order.
        return facts.enumerated().map { (key($0.element), $0.element.product.lowercased(), $0.offset, $0.element) }
            .sorted {
                if $0.0 != $1.0 { return $0.0.lexicographicallyPrecedes($1.0) }
                return ($0.1, $0.2) < ($1.1, $1.2)
            }
            .map(\.3)
    }

    /// Fields in the order their uses are shown.
    public static let fieldOrder: [Product.Field] = [
        .operatingSystems, .development, .webServers, .databases, .messaging, .aiAndData, .containersAndCloud, .observability,
        .infrastructure, .mobile, .homeAndMedia, .bigData, .games, .vpnAndRemoteAccess, .p2pAndAnonymity, .cryptocurrency, .mail,
        .industrialAndIoT, .securityTools, .enterprise, .browsers, .malware,
    ]

    static func span(around port: UInt16, radius: UInt16) -> PortSpan {
        let start = port >= radius ? port - radius : 0
        let end = port <= UInt16.max - radius ? port + radius : UInt16.max
        return PortSpan(unchecked: start, end)
    }

    /// The registry's assigned names at the fact's port and protocols, less the service the fact speaks.
    static func collisions(of fact: KnowledgeFact, with entries: [RegistryEntry]) -> [String] {
        // A wide window (an ephemeral range, Kubernetes' NodePorts) is where a system may pick a port, not a
        // claim on each one: it collides with nothing.
        guard fact.ports.count <= wideRange else { return [] }
        var names: [String] = []
        let product = fact.product.lowercased().filter { $0.isLetter || $0.isNumber }
        for entry in entries where entry.status == .assigned {
            guard let name = entry.serviceName, entry.ports.map({ fact.ports.overlaps($0) }) ?? false else { continue }
            if let transport = entry.transport, !fact.transports.isEmpty, !fact.transports.contains(transport) { continue }
            let plain = name.lowercased().filter { $0.isLetter || $0.isNumber }
            // The use speaks the registered service, or the registered name is the product's own.
            if fact.services.contains(name.lowercased()) || (plain.count >= 4 && product.contains(plain)) { continue }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    static func neighbour(_ port: UInt16, entries: [RegistryEntry], facts: [KnowledgeFact], isPort: Bool) -> Neighbour {
        let covering = entries.filter { $0.ports?.contains(port) ?? false }
        var services: [String] = []
        for entry in covering {
            if let name = entry.serviceName, !services.contains(name) { services.append(name) }
        }
        let status: RegistryEntry.Status? =
            covering.contains { $0.status == .assigned }
            ? .assigned
            : covering.contains { $0.status == .reserved }
                ? .reserved
                : covering.isEmpty ? nil : .unassigned
        var uses: [String] = []
        for fact in facts where fact.ports.contains(port) && !uses.contains(fact.product) { uses.append(fact.product) }
        let description = covering.first { $0.serviceName != nil }?.description ?? covering.first?.description
        return Neighbour(port: port, services: services, description: description, status: status, uses: uses, isPort: isPort)
    }

    static func advice(port: UInt16, listed: Bool, uses: [CitedUse], flagged: Bool) -> String {
        var parts: [String] = []
        if flagged {
            parts.append("This port has a recorded history of misuse: treat traffic you cannot account for as suspect.")
        }
        if !uses.isEmpty {
            let products = uses.map(\.fact.product).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            parts.append(
                "If you see unexpected traffic on \(port) and do not run \(products.joined(separator: " or ")), find the process behind it (below) before trusting it."
            )
        } else {
            parts.append("If you see unexpected traffic on \(port), find the process behind it (below) and check that it is software you installed.")
        }
        parts.append("A registry entry says who may use a port, not who does: any program can listen on any free port.")
        return parts.joined(separator: " ")
    }

    static func manualChecks(_ port: UInt16) -> [ManualCheck] {
        [
            ManualCheck(system: "Linux", commands: ["ss -ltnup 'sport = :\(port)'", "sudo lsof -nP -i :\(port)"]),
            ManualCheck(system: "macOS", commands: ["sudo lsof -nP -i :\(port)", "netstat -anv -p tcp | grep '\\.\(port) '"]),
            ManualCheck(
                system: "Windows",
                commands: [
                    "netstat -ano | findstr :\(port)", "Get-NetTCPConnection -LocalPort \(port)", "Get-NetUDPEndpoint -LocalPort \(port)",
                ]
            ),
        ]
    }
}

/// Numbers sources in the order they are first cited; a source cited twice keeps its number.
struct FootnoteList {
    private(set) var list: [Footnote] = []

    mutating func number(for citation: Citation) -> Int {
        if let existing = list.first(where: { $0.citation.url == citation.url && $0.citation.title == citation.title }) {
            return existing.number
        }
        list.append(Footnote(number: list.count + 1, citation: citation))
        return list.count
    }
}
