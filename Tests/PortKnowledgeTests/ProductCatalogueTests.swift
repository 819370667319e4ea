import Foundation
import PortKnowledge
import PortRegistry
import PortTestSupport
import Testing

@Suite("The product catalogue")
struct ProductCatalogueTests {
    @Test("a catalogue entry reads with its slug, aliases, field and homepage")
    func parses() throws {
        let products = try ProductCatalogue.products(
            in: """
                # comment
                product: Jupyter Server
                slug: jupyter-server
                aliases: Jupyter, JupyterLab , Jupyter Notebook
                field: ai-and-data
                homepage: https://jupyter.org/

                product: Kubernetes
                slug: kubernetes
                aliases: k8s
                field: containers-and-cloud
                """,
            file: "p.txt"
        )
        #expect(products.map(\.slug) == ["jupyter-server", "kubernetes"])
        #expect(products[0].aliases == ["Jupyter", "JupyterLab", "Jupyter Notebook"])
        #expect(products[0].field == .aiAndData)
        #expect(products[0].homepage == "https://jupyter.org/")
        #expect(products[1].isNamed("K8S") && products[1].isNamed("kubernetes") && !products[1].isNamed("k3s"))
    }

    @Test("a bad slug, field or homepage, a missing key or an unknown one is refused with its line and value")
    func refusesBadEntries() {
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "p",
                line: 2,
                key: "slug",
                value: "Jupyter",
                reason: "use lowercase letters, digits and single hyphens"
            )
        ) {
            try ProductCatalogue.products(in: "product: J\nslug: Jupyter\nfield: development\n", file: "p")
        }
        #expect(throws: KnowledgeError.missingKey(file: "p", line: 1, key: "field")) {
            try ProductCatalogue.products(in: "product: J\nslug: j\n", file: "p")
        }
        #expect(throws: KnowledgeError.self) { try ProductCatalogue.products(in: "product: J\nslug: j\nfield: toys\n", file: "p") }
        #expect(throws: KnowledgeError.self) {
            try ProductCatalogue.products(in: "product: J\nslug: j\nfield: games\nhomepage: ftp://x\n", file: "p")
        }
        #expect(throws: KnowledgeError.unknownKey(file: "p", line: 4, key: "port", keys: ProductCatalogue.keys)) {
            try ProductCatalogue.products(in: "product: J\nslug: j\nfield: games\nport: 1\n", file: "p")
        }
    }

    @Test("a product or a slug catalogued twice is refused")
    func refusesDuplicates() throws {
        let origin = Origin(file: "p", line: 1, isBundled: false)
        let one = Product(name: "A", slug: "a", field: .games, origin: origin)
        #expect(throws: KnowledgeError.self) {
            try KnowledgeBase(facts: [], products: [one, Product(name: "A", slug: "b", field: .games, origin: origin)])
        }
        #expect(throws: KnowledgeError.self) {
            try KnowledgeBase(facts: [], products: [one, Product(name: "B", slug: "a", field: .games, origin: origin)])
        }
    }
}

@Suite("Every bundled fact and product")
struct BundledKnowledgeTests {
    static let base = Result { try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil)) }

    @Test("every fact has its fields, an http(s) URL, a day read, and a product the catalogue knows")
    func factsAreComplete() throws {
        let base = try Self.base.get()
        #expect(base.facts.count >= 236)
        for fact in base.facts {
            #expect(!fact.product.isEmpty && !fact.purpose.isEmpty && !fact.source.title.isEmpty)
            #expect(fact.source.url.hasPrefix("https://") || fact.source.url.hasPrefix("http://"), "\(fact.origin): \(fact.source.url)")
            #expect(fact.source.retrieved >= "2026-01-01" && fact.source.retrieved <= "2026-12-31", "\(fact.origin)")
            #expect(base.product(named: fact.product) != nil, "\(fact.origin): '\(fact.product)' is not in the product catalogue")
        }
    }

    @Test("every catalogued product has facts or process knowledge, and a slug of its own")
    func productsAreUseful() throws {
        let base = try Self.base.get()
        // Process knowledge (`processes/*.txt`) is knowledge too: a daemon `why` recognises may have no port fact.
        let named = Set(base.facts.map(\.product) + base.processes.map(\.product))
        for product in base.products where !named.contains(product.name) {
            Issue.record("\(product.origin): '\(product.name)' has no facts and no process knowledge")
        }
        // Aliases may be shared ("Matrix" names two homeservers, and search lists both); slugs may not.
        #expect(Set(base.products.map(\.slug)).count == base.products.count)
    }

    @Test("the indexed lookups give what a scan of every fact gives: by port and span, by product, by cluster")
    func indexedLookupsMatchAScan() throws {
        let base = try Self.base.get()
        #expect(base.facts.contains { $0.ports.start != $0.ports.end }, "the bundled knowledge should have ranges to check")
        var ports: [UInt16] = [0, 1, 80, 443, 3000, 5000, 8080, 8786, 8990, 49152, 65535]
        // Both ends of every range, and of every fifth fact, and the port past each.
        let sampled = base.facts.enumerated().filter { $0.offset.isMultiple(of: 5) || $0.element.ports.start != $0.element.ports.end }
        ports += sampled.flatMap { [$0.element.ports.start, $0.element.ports.end, $0.element.ports.end &+ 1] }
        for port in Set(ports) {
            for transport in [nil, TransportProtocol.tcp, .udp] {
                let scanned = base.facts.filter { $0.ports.contains(port) && $0.concerns(transport) }
                #expect(base.facts(at: port, transport: transport) == scanned, "port \(port) \(transport?.rawValue ?? "any")")
            }
        }
        for span in [try PortSpan(start: 1024, end: 49151), try PortSpan(start: 8000, end: 8999), try PortSpan(start: 0, end: 65535)] {
            #expect(base.facts(overlapping: span, transport: nil) == base.facts.filter { $0.ports.overlaps(span) })
        }
        for name in Set(base.facts.map(\.product)).prefix(50) {
            #expect(base.facts(about: name) == base.facts.filter { $0.product == name })
        }
        for cluster in Set(base.facts.compactMap(\.cluster)) {
            #expect(base.cluster(named: cluster) == base.facts.filter { $0.cluster == cluster })
        }
        #expect(base.cluster(named: "no such cluster").isEmpty && base.facts(about: "no such product").isEmpty)
    }
}

@Suite("Finding products")
struct ProductSearchTests {
    static func base() throws -> KnowledgeBase {
        let origin = Origin(file: "t", line: 1, isBundled: true)
        func fact(_ port: UInt16, _ product: String, _ purpose: String) -> KnowledgeFact {
            KnowledgeFact(
                kind: .use,
                ports: PortSpan(port: port),
                transports: [.tcp],
                product: product,
                purpose: purpose,
                source: Citation(title: "doc", url: "https://example.org/", retrieved: "2026-12-02"),
                origin: origin
            )
        }
        return try KnowledgeBase(
            facts: [
                fact(8888, "Jupyter Server", "web UI and REST API of notebooks"), fact(6443, "Kubernetes", "API server"),
                fact(9200, "Elasticsearch", "REST API"), fact(9300, "Elasticsearch", "transport between nodes"),
                fact(3000, "Our dashboard", "team dashboard"),
            ],
            products: [
                Product(name: "Jupyter Server", slug: "jupyter-server", aliases: ["Jupyter", "JupyterLab"], field: .aiAndData, origin: origin),
                Product(name: "Kubernetes", slug: "kubernetes", aliases: ["k8s"], field: .containersAndCloud, origin: origin),
                Product(name: "Elasticsearch", slug: "elasticsearch", aliases: ["ES", "Elastic search"], field: .databases, origin: origin),
            ]
        )
    }

    @Test("by name, alias or slug, whole or as a prefix, then by the words of purposes; every port of the product comes along")
    func finds() throws {
        let base = try Self.base()
        #expect(base.products(matching: "jupyter").map(\.product.slug) == ["jupyter-server"])
        #expect(base.products(matching: "jupyter").first?.score == 3)
        #expect(base.products(matching: "K8S").map(\.product.name) == ["Kubernetes"])
        #expect(base.products(matching: "es").first?.product.name == "Elasticsearch")
        #expect(base.products(matching: "es").first?.facts.map(\.ports.start) == [9200, 9300])
        #expect(base.products(matching: "kube").first?.score == 2)
        #expect(base.products(matching: "notebooks").map(\.product.name) == ["Jupyter Server"])
        #expect(base.products(matching: "our dash").map(\.product.name) == ["Our dashboard"])
        #expect(base.products(matching: "nothing like it").isEmpty)
        #expect(base.products(matching: "  ").isEmpty)
    }
}
