import PortRegistry

/// libFuzzer entry point: a query (`3331`, `3360-3375`, `3360-3375/udp`, a service name) parses or throws
/// `RegistryError`, never crashes; what parses reads back as the same query.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // The site's paths and the CLI write a protocol after a slash; names may hold slashes too (914c/g).
    let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    if parts.count == 2 { _ = TransportProtocol(name: parts[1]) }
    for candidate in [text, String(parts[0])] {
        guard let query = try? PortQuery(parsing: candidate) else { continue }
        let again = try? PortQuery(parsing: query.text)
        precondition(again == query, "\(query) reads back as \(String(describing: again))")
        if case .span(let span) = query { precondition(span.start < span.end) }
    }
    if let span = try? PortSpan(parsing: text) { precondition(span.start <= span.end) }
    return 0
}
