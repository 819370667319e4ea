import PortKnowledge
import PortListeners
import PortRegistry

extension WhyReport {
    /// The report for a person: each listener as a small block, then the port's context and the sources.
    public func text(style: TextStyle) -> String {
        var lines: [String] = []
        var sources: [Citation] = []
        func cite(_ citation: Citation) -> String {
            if let index = sources.firstIndex(of: citation) { return "[\(index + 1)]" }
            sources.append(citation)
            return "[\(sources.count)]"
        }
        lines.append(style.bold("Port \(port) on this machine"))
        if holders.isEmpty {
            lines.append("Nothing listens on port \(port) here (TCP or UDP, IPv4 or IPv6).")
        }
        for holder in holders {
            let listener = holder.listener
            lines.append("")
            lines.append(style.bold("\(listener.transport.rawValue.uppercased()) \(listener.endpoint)") + " (\(listener.isIPv6 ? "IPv6" : "IPv4"))")
            let user = listener.user?.terminalSafeLine ?? "uid \(listener.uid)"
            if let process = holder.process {
                let since = process.startedAt.map { ", since \(ListenerReport.timestamp($0))" } ?? ""
                let others = listener.processes.dropFirst().map { String($0.pid) }
                let shared = others.isEmpty ? "" : " (shared with pid \(others.joined(separator: ", ")))"
                lines.append("  process   \(style.bold(process.command.terminalSafeLine)), pid \(process.pid), user \(user)\(since)\(shared)")
                if let executable = process.executable { lines.append("  program   \(executable.terminalSafeLine)") }
                if !process.arguments.isEmpty { lines.append("  command   \(process.arguments.joined(separator: " ").terminalSafeLine)") }
                if let unit = process.unit { lines.append("  unit      \(unit.terminalSafeLine)\(process.isUserUnit ? " (a user service)" : "")") }
                if let container = process.container { lines.append("  container \(container.runtime) \(container.shortID)") }
                if let identification = holder.identification {
                    let signature = identification.signature
                    let by = identification.evidence.joined(separator: " and ")
                    lines.append("  product   \(style.bold(signature.product.terminalSafeLine)) (recognised by its \(by)) \(cite(signature.source))")
                } else {
                    lines.append("  product   not recognised: no process signature in the knowledge matches it")
                }
                if let proxy = holder.dockerProxy {
                    lines.append("  forwards  to container address \(proxy.target.terminalSafeLine) (Docker publishes the port with docker-proxy)")
                }
            } else if isRoot {
                lines.append(
                    "  process   not visible: the socket belongs to \(user), but its process is outside this PID namespace (another container?)"
                )
            } else {
                lines.append("  process   not visible: it belongs to \(user), and this user may not look into other users' processes.")
                lines.append("            Run `sudo portatlas why \(port)` to see it. Something IS listening here.")
            }
            lines.append("  exposure  \(listener.exposure.summary)")
            if !holder.waysToFree.isEmpty {
                for way in holder.waysToFree {
                    let text = way.free.map { "\($0.terminalSafeLine) " } ?? ""
                    lines.append("  to free   \(text)\(cite(way.source))")
                    for command in way.run { lines.append("            $ \(command.terminalSafeLine)") }
                    if let note = way.note { lines.append("            \(note.terminalSafeLine)") }
                }
            }
            if holder.process != nil {
                let label = holder.waysToFree.isEmpty ? "  to free   stop the process:" : "  or        stop the process:"
                lines.append(label + " " + holder.plainWays.map { "`\($0.terminalSafeLine)`" }.joined(separator: " or "))
            }
        }
        lines.append("")
        let registered = services.sorted { $0.key < $1.key }.map { "\(port)/\($0.key.rawValue) \($0.value.terminalSafeLine)" }
        lines.append(
            "Registered  "
                + (registered.isEmpty
                    ? source.notListed : registered.joined(separator: ", ") + " (\(source.updated.map { "registry of \($0)" } ?? "system services"))")
        )
        if !knownUses.isEmpty {
            let uses = knownUses.map { "\($0.product.terminalSafeLine) \(cite($0.source))" }
            lines.append("Known uses  " + uses.joined(separator: ", ") + " (all: `portatlas \(port)`)")
        }
        if !sources.isEmpty {
            lines.append("")
            lines.append(style.bold("Sources"))
            for (index, citation) in sources.enumerated() {
                lines.append("[\(index + 1)] \(citation.title.terminalSafeLine), \(citation.url.terminalSafeLine) (read \(citation.retrieved))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
