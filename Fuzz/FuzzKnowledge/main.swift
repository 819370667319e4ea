import PortKnowledge

/// libFuzzer entry point: the knowledge file parser must return facts or throw `KnowledgeError`, never crash
/// or hang, whatever the bytes (a user's knowledge folder is anyone's text).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnowledgeFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let facts = try? KnowledgeFile.facts(in: text, file: "fuzz.txt") else { return 0 }
    // Every fact that parses names its document and a span of real ports, and the base takes them or
    // refuses a duplicate, nothing else.
    for fact in facts {
        precondition(!fact.product.isEmpty && !fact.purpose.isEmpty && !fact.source.url.isEmpty)
        precondition(fact.ports.start <= fact.ports.end)
    }
    if let base = try? KnowledgeBase(facts: facts) {
        precondition(base.facts.count == facts.count)
        for fact in base.facts { _ = base.facts(overlapping: fact.ports) }
    }
    return 0
}
