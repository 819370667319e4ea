/// The file formats IANA publishes the registry in that portatlas reads.
public enum RegistryFormat: String, Sendable, CaseIterable {
    case xml, csv

    /// Tells the format from the file's first bytes; `nil` when it is neither.
    public init?(detecting bytes: [UInt8]) {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        if bytes[start...].starts(with: Array("<".utf8)) {
            self = .xml
        } else if bytes[start...].starts(with: Array("Service Name,Port Number".utf8)) {
            self = .csv
        } else {
            return nil
        }
    }

    /// Decodes a registry file, telling its format from its content.
    /// - Throws: `RegistryError.unrecognizedFormat` for anything else, or the format's own decoding errors.
    public static func decode(_ bytes: [UInt8], source: String) throws(RegistryError) -> (RegistryDocument, RegistryFormat) {
        switch RegistryFormat(detecting: bytes) {
        case .xml: (try RegistryXMLDecoder.decode(bytes, source: source), .xml)
        case .csv: (try RegistryCSV.decode(bytes, source: source), .csv)
        case nil: throw .unrecognizedFormat(source: source)
        }
    }
}
