import PortRegistry

/// Reads process knowledge: `processes/*.txt` in a knowledge folder, in the knowledge files' syntax.
///
/// ```
/// product: CUPS
/// os: linux
/// executable: cupsd
/// unit: cups.service
/// ports: 631
/// free: Stop the CUPS scheduler, or make it listen elsewhere with the Listen directive in cupsd.conf.
/// run: sudo systemctl stop cups
/// source: CUPS documentation, "cupsd.conf"
/// url: https://www.cups.org/doc/man-cupsd.conf.html
/// retrieved: 2026-12-02
/// ```
///
/// `product` (a product of the catalogue), `source`, `url` and `retrieved` are required, and a block needs at
/// least one of `executable`, `command` or `unit` (how to recognise the process) or `free`/`run` (how to free
/// the port). `os` is `linux`, `macos` or `windows`; `executable`, `command`, `unit` and `run` may repeat;
/// `ports` is a port, a range, or several separated by commas. That the product is catalogued is checked when
/// the knowledge is put together (`KnowledgeBase.init`), where the catalogue is known.
public enum ProcessFile {
    /// Every key the format has, in the order a block is best written.
    public static let keys = [
        "product", "os", "executable", "command", "unit", "ports", "free", "run", "note", "source", "url", "retrieved",
    ]
    private static let repeatable: Set<String> = ["executable", "command", "unit", "run"]
    private static let required = ["product", "source", "url", "retrieved"]
    /// The suffixes of systemd's unit types.
    static let unitSuffixes = [
        ".service", ".socket", ".scope", ".slice", ".target", ".mount", ".automount", ".swap", ".timer", ".path", ".device",
    ]

    /// The process facts in `text`, in file order.
    /// - Parameters:
    ///   - file: the name used in error messages and in each fact's `origin`.
    ///   - isBundled: whether the file ships with portatlas.
    /// - Throws: `KnowledgeError` naming the file, the line and the bad value.
    public static func facts(in text: String, file: String, isBundled: Bool = false) throws(KnowledgeError) -> [ProcessFact] {
        var facts: [ProcessFact] = []
        try KnowledgeFile.forEachBlock(in: text, file: file, keys: keys, repeatable: repeatable) { (fields, line) throws(KnowledgeError) in
            facts.append(try fact(from: fields, file: file, line: line, isBundled: isBundled))
        }
        return facts
    }

    private static func fact(
        from fields: [KnowledgeFile.Field],
        file: String,
        line: Int,
        isBundled: Bool
    ) throws(KnowledgeError) -> ProcessFact {
        func value(_ key: String) -> String? { fields.first { $0.key == key }?.value }
        func values(_ key: String) -> [KnowledgeFile.Field] { fields.filter { $0.key == key } }
        func invalid(_ field: KnowledgeFile.Field, _ reason: String) -> KnowledgeError {
            .invalidValue(file: file, line: field.line, key: field.key, value: field.value, reason: reason)
        }
        for field in fields where field.value.isEmpty { throw invalid(field, "it is empty") }
        for key in required where value(key) == nil { throw .missingKey(file: file, line: line, key: key) }
        guard fields.contains(where: { ["executable", "command", "unit", "free", "run"].contains($0.key) }) else {
            throw .missingKey(file: file, line: line, key: "executable, command, unit or free")
        }

        var system: OperatingSystem?
        if let field = values("os").first {
            guard let parsed = OperatingSystem(rawValue: field.value) else {
                throw invalid(field, "use one of \(OperatingSystem.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            system = parsed
        }
        for field in values("executable") where field.value.contains("/") || field.value.contains("\\") {
            throw invalid(field, "give the executable's name without its folder")
        }
        for field in values("unit") {
            guard !field.value.contains(" "), unitSuffixes.contains(where: { field.value.hasSuffix($0) && field.value.count > $0.count }) else {
                throw invalid(field, "give a systemd unit's full name, such as cups.service")
            }
        }
        var ports: [PortSpan] = []
        if let field = values("ports").first {
            for part in field.value.split(whereSeparator: { $0 == "," || $0 == " " }) {
                guard let span = try? PortSpan(parsing: part) else {
                    throw invalid(field, "give ports 0–65535 or ranges such as 5173-5180, separated by commas")
                }
                ports.append(span)
            }
        }
        let url = values("url").first
        if let url, !(url.value.hasPrefix("https://") || url.value.hasPrefix("http://")) || url.value.contains(" ") {
            throw invalid(url, "give the document's http(s) address")
        }
        if let retrieved = values("retrieved").first, !KnowledgeFile.isCalendarDate(retrieved.value) {
            throw invalid(retrieved, "give the day the source was read, YYYY-MM-DD")
        }
        return ProcessFact(
            product: value("product") ?? "",
            system: system,
            executables: values("executable").map(\.value),
            commands: values("command").map { $0.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) },
            units: values("unit").map(\.value),
            ports: ports,
            free: value("free"),
            run: values("run").map(\.value),
            note: value("note"),
            source: Citation(title: value("source") ?? "", url: url?.value ?? "", retrieved: value("retrieved") ?? ""),
            origin: Origin(file: file, line: line, isBundled: isBundled)
        )
    }
}
