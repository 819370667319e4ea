import PortRegistry

/// libFuzzer entry point: the XML decoder must return a document or throw `RegistryError`, never crash,
/// hang or read out of bounds, whatever the bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegistryXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let document = try? RegistryXMLDecoder.decode(bytes, source: "fuzz") {
        // What decodes must also survive the CSV round trip.
        _ = try? RegistryCSV.decode(Array(RegistryCSV.encode(document).utf8), source: "fuzz-roundtrip")
    }
    return 0
}
