import PortKnowledge
import PortListeners
import PortRegistry

extension WhatPortIs {
    /// The report as a person reads it in a terminal, wrapped to `width` columns.
    public func text(style: TextStyle = .plain, width: Int = 80) -> String {
        let width = max(width, 60)
        var out: [String] = []
        func heading(_ title: String) {
            out.append("")
            out.append(style.bold(style.accent(title)))
        }
        func paragraph(_ text: String, indent: Int = 2, hanging: Int? = nil) {
            out += text.wrapped(width: width, indent: indent, hanging: hanging ?? indent)
        }

        let title = "What port \(port) is"
        out.append(style.bold(title))
        out.append(style.dim(String(repeating: "=", count: title.count)))

        // §1
        heading("The registry's word")
        if registry.entries.isEmpty {
            paragraph("\(port) is \(registry.source.notListed).")
        } else {
            out += EntryText.blocks(registry.entries, people: registry.people, style: style, detailUpTo: 12).map { "  " + $0 }
        }
        for use in uses where !use.collidesWith.isEmpty {
            paragraph(
                style.warning("Note:")
                    + " IANA assigns \(port) to \(use.collidesWith.joined(separator: ", ").terminalSafe); \(use.fact.product.terminalSafe) uses it without that assignment [\(use.cited.footnote)]."
            )
        }

        // §2
        heading("The range")
        paragraph("\(range.title), \(range.start)–\(range.end) (\(range.informalName)). \(range.assignmentPolicy)")
        let ephemeral = ephemeralRanges.map { item in
            "\(item.range.system) \(item.range.start)–\(item.range.end): \(item.containsPort ? style.warning("yes") : "no")"
        }
        paragraph("In an ephemeral range (ports the system picks for outgoing connections)? " + ephemeral.joined(separator: "; ") + ".")
        if ephemeralRanges.contains(where: \.containsPort) {
            paragraph("A port in an ephemeral range may be taken briefly by any outgoing connection, so a server that wants it can find it busy.")
        }
        if let popularity {
            let ranks = [("TCP", popularity.frequencies.tcp), ("UDP", popularity.frequencies.udp)].map { name, rank in
                rank.map { "\(name): " + PortPopularity.sentence($0, transport: name) } ?? "\(name): not in nmap's data"
            }
            paragraph("How common (nmap's scan data, \(popularity.source.terminalSafe)): " + ranks.joined(separator: "; ") + ".", hanging: 4)
        } else {
            paragraph(style.dim("How common: \(PortPopularity.hint)."))
        }

        // §3
        heading("What actually uses it")
        if uses.isEmpty && browserBlock == nil {
            paragraph("No curated use of \(port) is on record. Add your own with --knowledge FILE (see `portatlas lookup --help`).")
        }
        for use in uses.prefix(Self.usesShownInFull) {
            let fact = use.fact.terminalSafe
            paragraph(style.bold(fact.product) + " — \(fact.purpose) (\(fact.portsLabel)) [\(use.cited.footnote)]", hanging: 4)
            if !fact.patterns.isEmpty { paragraph("Traffic: " + fact.patterns.joined(separator: "; ") + ".", indent: 4) }
            if let note = fact.note { paragraph(note, indent: 4) }
            if !use.collidesWith.isEmpty {
                paragraph(
                    style.warning("Collides with the registry: ") + use.collidesWith.joined(separator: ", ").terminalSafe + " is assigned here.",
                    indent: 4
                )
            }
            if !use.otherPorts.isEmpty {
                var others = use.otherPorts.prefix(Self.otherPortsShown).map {
                    "\($0.fact.portsLabel) \($0.fact.purpose.terminalSafe) [\($0.footnote)]"
                }
                if use.otherPorts.count > Self.otherPortsShown {
                    others.append("\(use.otherPorts.count - Self.otherPortsShown) more (portatlas search \"\(fact.product)\")")
                }
                paragraph(style.dim("Its other ports: ") + others.joined(separator: "; ") + ".", indent: 4, hanging: 6)
            }
            if !fact.origin.isBundled { paragraph(style.dim("From your knowledge file \(fact.origin)."), indent: 4) }
        }
        if uses.count > Self.usesShownInFull {
            // The long tail, one line a field: the order above puts the uses most people mean first.
            paragraph("Also documented on \(port), by field (the README explains the order):")
            var fields: [(title: String, uses: [String])] = []
            for use in uses.dropFirst(Self.usesShownInFull) {
                let title = use.product?.field.title ?? "Your knowledge files"
                let item = "\(use.fact.product.terminalSafe) [\(use.cited.footnote)]"
                if let index = fields.firstIndex(where: { $0.title == title }) {
                    if !fields[index].uses.contains(item) { fields[index].uses.append(item) }
                } else {
                    fields.append((title, [item]))
                }
            }
            for field in fields { paragraph("\(field.title): " + field.uses.joined(separator: ", ") + ".", indent: 4, hanging: 6) }
        }
        if let block = browserBlock {
            paragraph(
                style.bold("Web browsers") + " refuse to fetch from port \(port): it is one of the Fetch Standard's bad ports [\(block.footnote)]."
            )
            if let note = block.fact.note { paragraph(note.terminalSafe, indent: 4) }
        }

        // §4
        heading("Neighbours and clusters")
        for neighbour in neighbours {
            let marker = neighbour.isPort ? style.accent(">") : " "
            let name =
                neighbour.services.isEmpty
                ? (neighbour.status.map { "(\($0.rawValue))" } ?? "(not listed)") : neighbour.services.joined(separator: ", ").terminalSafeLine
            // Fixed columns: a long name or description is cut with an ellipsis rather than push the rest.
            var line = "\(marker) \(String(neighbour.port).padding(6))\(name.truncated(to: 17).padding(18))"
            let description = neighbour.description.map { $0.split(separator: "\n").joined(separator: " ").terminalSafeLine } ?? ""
            let uses = neighbour.uses.isEmpty ? "" : " · " + neighbour.uses.joined(separator: ", ").terminalSafeLine
            line += (description + uses).truncated(to: width - 2 - 6 - 18)
            out.append(neighbour.isPort ? style.bold(line) : line)
        }
        for cluster in registryClusters {
            let basis = cluster.basis == .nameStem ? "name" : cluster.basis.rawValue
            paragraph(
                "Registry cluster (same \(basis)): \(cluster.label.terminalSafe) on \(cluster.ports.start)–\(cluster.ports.end): \(cluster.services.joined(separator: ", ").terminalSafe).",
                hanging: 4
            )
        }
        for cluster in vendorClusters {
            let members = cluster.members.map { "\($0.ports) \($0.purpose)" }.joined(separator: "; ").terminalSafe
            paragraph(
                "Vendor cluster: \(cluster.name.terminalSafe) on \(cluster.ports.start)–\(cluster.ports.end) "
                    + cluster.footnotes.map { "[\($0)]" }.joined() + ": \(members).",
                hanging: 4
            )
        }

        // §5
        heading("Security note")
        for item in security.unauthorizedUse {
            paragraph(style.warning("IANA records: ") + "\(item.text.terminalSafe) (\(item.service.terminalSafe), \(item.transport)).")
        }
        for item in security.historical {
            let fact = item.fact.terminalSafe
            paragraph("Historical list: \(fact.product) names \(fact.portsLabel): \(fact.purpose) [\(item.footnote)].")
        }
        if security.unauthorizedUse.isEmpty && security.historical.isEmpty {
            paragraph("Neither the registry nor the curated lists record misuse of \(port).")
        }
        paragraph(security.advice.terminalSafe)

        // §6
        heading("Listening here now")
        if let listeners {
            if listeners.listeners.isEmpty {
                paragraph("Nothing is listening on port \(port) on this machine.")
            } else {
                out += listeners.rows(style: style).map { "  " + $0 }
            }
        } else {
            paragraph("Not checked (--no-listeners).")
        }
        paragraph("To check by hand:")
        for check in manualChecks {
            for (index, command) in check.commands.enumerated() {
                out.append("    " + (index == 0 ? check.system : "").padding(9) + style.accent(command))
            }
        }

        // §7
        heading("Sources")
        paragraph("Registry: \(registry.source.summary.terminalSafe).", hanging: 6)
        if let hint = registry.source.hint { paragraph(style.warning("Hint: \(hint).")) }
        for footnote in sources {
            let citation = footnote.citation
            paragraph("[\(footnote.number)] \(citation.title.terminalSafe), retrieved \(citation.retrieved.terminalSafe).", hanging: 6)
            out.append("      " + style.dim(citation.url.terminalSafeLine))
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The text broken into lines of at most `width` columns at spaces: the first indented by `indent`, the
    /// rest by `hanging`. ANSI escape sequences count for no width; a word longer than a line keeps its own line.
    func wrapped(width: Int, indent: Int, hanging: Int) -> [String] {
        var prefix = String(repeating: " ", count: indent)
        var indent = indent
        var lines: [String] = []
        for paragraph in split(separator: "\n", omittingEmptySubsequences: false) {
            var line = prefix
            var lineWidth = indent
            for word in paragraph.split(separator: " ") {
                let wordWidth = word.visibleWidth
                if lineWidth > indent && lineWidth + 1 + wordWidth > width {
                    lines.append(line)
                    indent = hanging
                    prefix = String(repeating: " ", count: hanging)
                    line = prefix
                    lineWidth = indent
                }
                if lineWidth > indent {
                    line += " "
                    lineWidth += 1
                }
                line += word
                lineWidth += wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}

extension String {
    /// The text cut to at most `width` characters, its last one an ellipsis when anything was cut.
    func truncated(to width: Int) -> String {
        count <= width ? self : String(prefix(max(width - 1, 0))) + "…"
    }
}

extension StringProtocol {
    /// Columns the text takes in a terminal: characters outside ANSI escape sequences.
    var visibleWidth: Int {
        var count = 0
        var inEscape = false
        for scalar in unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }
}
