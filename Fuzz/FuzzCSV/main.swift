import PortRegistry

/// libFuzzer entry point: the CSV decoder must return a document or throw `RegistryError`, and what it
/// writes must be stable: CSV written from a decoded document decodes and writes back to the same text.
/// (Entries need not compare equal: a text item holding `][` reads back as two items, in IANA's CSV as in ours.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? RegistryCSV.decode(bytes, source: "fuzz") else { return 0 }
    let written = RegistryCSV.encode(document)
    guard let again = try? RegistryCSV.decode(Array(written.utf8), source: "fuzz-roundtrip") else {
        fatalError("CSV written from a decoded document does not decode:\n\(written)")
    }
    precondition(again.entries.count == document.entries.count, "CSV round trip lost entries:\n\(written)")
    precondition(RegistryCSV.encode(again) == written, "CSV written from a decoded document is not stable:\n\(written)")
    return 0
}
