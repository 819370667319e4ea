/// The four formats IANA publishes the registry in, each written by one encoder that the command line's
/// `export` and the site's `/registry.csv`, `.xml`, `.html` and `.txt` share, so both give the same bytes.
public enum RegistryExportFormat: String, Sendable, CaseIterable {
    case csv, xml, html, txt

    /// The whole document in this format.
    public func encode(_ document: RegistryDocument) -> String {
        switch self {
        case .csv: RegistryCSV.encode(document)
        case .xml: RegistryXMLEncoder.encode(document)
        case .html: RegistryHTMLEncoder.encode(document)
        case .txt: RegistryTextEncoder.encode(document)
        }
    }

    /// The media type a server sends the format with.
    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xml: "application/xml; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .txt: "text/plain; charset=utf-8"
        }
    }
}
