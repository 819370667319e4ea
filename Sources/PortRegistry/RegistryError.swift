/// What can be wrong with a port, a query or a registry file. Every message names the bad value.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a port number or a range of them.
    case malformedPort(String)
    /// The port is above 65535.
    case portOutOfRange(String)
    /// The range ends before it starts.
    case invertedSpan(String)
    /// The query is empty.
    case emptyQuery
    /// The query is neither a port, a range nor a possible service name.
    case malformedQuery(String)
    /// The file is not well-formed XML, or is cut short: the source, the line, and what is wrong.
    case malformedXML(source: String, line: Int, reason: String)
    /// The CSV is cut short or malformed: the source, the line, and what is wrong.
    case malformedCSV(source: String, line: Int, reason: String)
    /// A record holds a value the registry never uses: the source, the line, and what is wrong.
    case invalidRecord(source: String, line: Int, reason: String)
    /// The file is neither IANA's XML nor its CSV for this registry.
    case unrecognizedFormat(source: String)

    public var description: String {
        switch self {
        case .malformedPort(let text):
            "'\(text)' is not a port number: give a number from 0 to 65535, or a range such as 3367-3371"
        case .portOutOfRange(let text):
            "'\(text)' is out of range: port numbers run from 0 to 65535"
        case .invertedSpan(let text):
            "'\(text)' is not a range: it ends before it starts"
        case .emptyQuery:
            "the query is empty: give a port (3331), a range (3360-3375) or a service name (mysql)"
        case .malformedQuery(let text):
            "'\(text)' is not a port, a range or a service name"
        case .malformedXML(let source, let line, let reason):
            "\(source): line \(line): not a complete registry XML file: \(reason)"
        case .malformedCSV(let source, let line, let reason):
            "\(source): line \(line): not a complete registry CSV file: \(reason)"
        case .invalidRecord(let source, let line, let reason):
            "\(source): line \(line): \(reason)"
        case .unrecognizedFormat(let source):
            "\(source): neither IANA's XML nor its CSV of the Service Name and Transport Protocol Port Number Registry"
        }
    }
}
