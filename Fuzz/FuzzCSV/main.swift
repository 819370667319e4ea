import PortRegistry

/// libFuzzer entry point: the CSV decoder must return a document or throw `RegistryError`, and what it
/// decodes must read back unchanged from the CSV it writes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? RegistryCSV.decode(bytes, source: "fuzz") else { return 0 }
    let written = RegistryCSV.encode(document)
    guard let again = try? RegistryCSV.decode(Array(written.utf8), source: "fuzz-roundtrip") else {
        fatalError("CSV written from a decoded document does not decode:\n\(written)")
    }
    precondition(again.entries == document.entries, "CSV round trip changed the entries:\n\(written)")
    return 0
}
