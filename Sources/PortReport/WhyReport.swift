import Foundation
import PortKnowledge
import PortListeners
import PortRegistry

/// "Why is port N busy?": each listener on the port with its process, the product that process is, how to free
/// the port (cited), and who can reach it; the registry's service and the port's best-known uses as context.
///
/// Made once by `WhyReport(port:listeners:…)` from what the scanner found; rendered as text and JSON.
public struct WhyReport: Sendable {
    /// The port asked about.
    public var port: UInt16
    /// The system the report is about (it chooses the signatures and ways to free that apply).
    public var system: OperatingSystem
    /// One holder a listening socket, TCP before UDP.
    public var holders: [Holder]
    /// The registry's service names at the port, per protocol.
    public var services: [TransportProtocol: String]
    /// The port's best-known uses (curated), for context.
    public var knownUses: [KnowledgeFact]
    /// Where the service names came from.
    public var source: AnswerSource
    /// Whether this process runs as root (so hidden processes are in another PID namespace, not another user's).
    public var isRoot: Bool

    /// How many known uses the report shows.
    public static let knownUsesShown = 5

    /// A listening socket and what holds it.
    public struct Holder: Sendable {
        public var listener: Listener
        /// The product the first holding process is, when a signature recognises it.
        public var identification: Identification?
        /// Cited ways to free the port, for that product on this system and port.
        public var waysToFree: [ProcessFact]
        /// Plain commands to stop the process when no cited way is known (or beside it): `kill PID`,
        /// `sudo systemctl stop UNIT`, `docker stop ID`.
        public var plainWays: [String]
        /// What the process forwards to, when it is Docker's `docker-proxy`.
        public var dockerProxy: DockerProxy?

        /// The process the explanation is about: the first (lowest pid) of those holding the socket.
        public var process: Listener.Process? { listener.processes.first }
    }

    /// A product recognised by one of its signatures.
    public struct Identification: Sendable, Hashable {
        /// The signature that matched; it names the product and its source.
        public var signature: ProcessFact
        /// The product as the catalogue describes it.
        public var product: Product?
        /// What matched: `executable`, `command`, `unit`.
        public var evidence: [String]
    }

    /// A report of `listeners` on `port`, explained by `knowledge`.
    /// - Parameters:
    ///   - services: the registry's names at the port.
    ///   - isRoot: whether this process runs as root.
    public init(
        port: UInt16,
        listeners: [Listener],
        knowledge: any CuratedKnowledge,
        services: [TransportProtocol: String],
        source: AnswerSource,
        system: OperatingSystem = .current,
        isRoot: Bool = geteuid() == 0
    ) {
        self.port = port
        self.system = system
        self.services = services
        self.source = source
        self.isRoot = isRoot
        let processFacts = knowledge.processFacts().filter { $0.applies(on: system) && $0.applies(on: port) }
        holders = listeners.filter { $0.port == port }.map { listener in
            Self.explain(listener, facts: processFacts, knowledge: knowledge, system: system)
        }
        knownUses = Array(
            knowledge.facts(at: port).filter { $0.kind == .use }
                .sorted {
                    (knowledge.product(named: $0.product)?.isWidelyUsed ?? false) && !(knowledge.product(named: $1.product)?.isWidelyUsed ?? false)
                }
                .prefix(Self.knownUsesShown)
        )
    }

    /// The holder of `listener`: which product its process is, and how to free the port.
    static func explain(_ listener: Listener, facts: [ProcessFact], knowledge: any CuratedKnowledge, system: OperatingSystem) -> Holder {
        guard let process = listener.processes.first else {
            return Holder(listener: listener, identification: nil, waysToFree: [], plainWays: [], dockerProxy: nil)
        }
        let identification = identify(process, among: facts, system: system).map { signature in
            var evidence: [String] = []
            if !signature.executables.isEmpty { evidence.append("executable") }
            if !signature.commands.isEmpty { evidence.append("command") }
            if !signature.units.isEmpty { evidence.append("unit") }
            return Identification(signature: signature, product: knowledge.product(named: signature.product), evidence: evidence)
        }
        let ways = identification.map { found in facts.filter { $0.product == found.signature.product && $0.freesPort } } ?? []
        let dockerProxy = process.names.contains("docker-proxy") ? DockerProxy(arguments: process.arguments) : nil
        var plain: [String] = []
        if let container = process.container {
            plain.append("\(container.runtime == "podman" ? "podman" : "docker") stop \(container.shortID)")
        } else if let unit = process.unit {
            plain.append(process.isUserUnit ? "systemctl --user stop \(unit)" : "sudo systemctl stop \(unit)")
        }
        plain.append("kill \(process.pid)")
        return Holder(listener: listener, identification: identification, waysToFree: ways, plainWays: plain, dockerProxy: dockerProxy)
    }

    /// The signature that best recognises `process`: the one with the most kinds of evidence, then one tied to
    /// ports, then the one with the longest command; the file order breaks ties.
    public static func identify(_ process: Listener.Process, among facts: [ProcessFact], system: OperatingSystem) -> ProcessFact? {
        let names = process.names
        let arguments = process.arguments.isEmpty ? [process.command] : process.arguments
        func score(_ fact: ProcessFact) -> (Int, Int, Int) {
            let kinds = [!fact.executables.isEmpty, !fact.commands.isEmpty, !fact.units.isEmpty].filter { $0 }.count
            return (kinds, fact.ports.isEmpty ? 0 : 1, fact.commands.map(\.count).max() ?? 0)
        }
        var best: ProcessFact?
        for fact in facts where fact.recognises(names: names, arguments: arguments, unit: process.unit, on: system) {
            if let current = best, score(current) >= score(fact) { continue }
            best = fact
        }
        return best
    }
}
