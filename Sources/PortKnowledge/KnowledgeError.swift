import Foundation

/// What can be wrong with a knowledge file. Every message names the file, the line and the bad value.
public enum KnowledgeError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// A line is neither `key: value`, a continuation, a comment nor blank.
    case malformedLine(file: String, line: Int, text: String)
    /// A key the format does not have.
    case unknownKey(file: String, line: Int, key: String, keys: [String])
    /// A key that may appear once appears twice in one entry.
    case repeatedKey(file: String, line: Int, key: String)
    /// An entry lacks a required key.
    case missingKey(file: String, line: Int, key: String)
    /// A value the key cannot take.
    case invalidValue(file: String, line: Int, key: String, value: String, reason: String)
    /// Two entries say the same thing: same kind, ports, protocols and product.
    case duplicate(file: String, line: Int, first: String)
    /// Two catalogue entries name the same product, or give the same slug.
    case duplicateProduct(file: String, line: Int, value: String, first: String)
    /// A knowledge file or folder could not be read.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformedLine(let file, let line, let text):
            "\(file):\(line): '\(text)' is not a 'key: value' line"
        case .unknownKey(let file, let line, let key, let keys):
            "\(file):\(line): unknown key '\(key)' (keys: \(keys.joined(separator: ", ")))"
        case .repeatedKey(let file, let line, let key):
            "\(file):\(line): '\(key)' is given twice in one entry"
        case .missingKey(let file, let line, let key):
            "\(file):\(line): the entry has no '\(key)'"
        case .invalidValue(let file, let line, let key, let value, let reason):
            "\(file):\(line): '\(value)' is not a valid \(key): \(reason)"
        case .duplicate(let file, let line, let first):
            "\(file):\(line): the entry repeats the one at \(first)"
        case .duplicateProduct(let file, let line, let value, let first):
            "\(file):\(line): '\(value)' is already in the product catalogue, at \(first)"
        case .unreadable(let path, let reason):
            "\(path): cannot read the knowledge file: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
