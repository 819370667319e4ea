import PortWeb

extension RequestError {
    /// What is wrong, in the page's language: the same message as `description` in English.
    func explanation(in language: Language) -> String {
        let q = Self.quoted
        return switch self {
        case .malformedQueryString: language("request.malformedQueryString")
        case .malformedPath: language("request.malformedPath")
        case .missingParameter(let name): language("request.missingParameter", ["name": name])
        case .parameterTooLong(let name, let limit): language("request.parameterTooLong", ["name": name, "limit": String(limit)])
        case .invalidParameter("page", let value, _): language("request.invalidPage", ["value": q(value)])
        case .invalidParameter("protocol", let value, _): language("request.invalidProtocol", ["value": q(value)])
        case .invalidParameter(let name, let value, let expected):
            language("request.invalidParameter", ["name": name, "value": q(value), "expected": expected])
        case .notAServiceName(let text): language("request.notAServiceName", ["value": q(text)])
        case .bodyTooLarge(let limit): language("request.bodyTooLarge", ["limit": String(limit)])
        case .invalidField(_, let value, _): language("request.invalidHelpful", ["value": q(value)])
        case .fieldTooLong(_, let limit): language("request.commentTooLong", ["limit": String(limit)])
        }
    }
}
