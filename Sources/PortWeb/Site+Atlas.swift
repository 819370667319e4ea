import PortRegistry
import PortReport

/// The atlas: every port as one picture, 256 ports to a row, 256 rows, drawn as inline SVG with no script.
///
/// Cells of one kind that stand side by side in a row are one stroke (`M x y.5 h w`, a line one unit thick
/// covers the cells exactly), so the whole map is a few paths, one per kind; the unassigned cells are the
/// background, tinted per RFC 6335 range. A known unofficial use is a dot, a shape as well as a colour. The
/// picture's links (a row to its records, a port to its page) are for the pointer: they are out of the tab
/// order and hidden from screen readers, who get the same links as text beside the picture (a table of the
/// rows, the port page's neighbours table).
extension Site {
    /// Ports in one row of the atlas.
    public static let atlasWidth = 256

    /// The atlas page: the picture, its legend with counts per range, and every row as a table of links.
    public func atlasPage(_ atlas: PortAtlas, registry: AnswerSource?, language: Language) -> String {
        let frame = Frame(
            title: language("atlas.title") + " — portatlas",
            description: language("atlas.description"),
            path: "/atlas",
            registry: registry
        )
        return document(frame, language: language) { html in
            html.element("h1", text: language("atlas.title"))
            html.element("p", ["class": "lead"], text: language("atlas.lead"))
            html.element("figure", ["class": "atlas-figure"]) { html in
                atlasPicture(atlas, rows: 0...255, language: language, into: &html)
                html.element("figcaption", text: language("atlas.caption"))
            }
            atlasLegend(atlas, language: language, into: &html)
            html.element("p", text: language("atlas.nameOnly", ["count": String(atlas.nameOnly)]))
            html.element("h2", ["id": "rows"], text: language("atlas.rows"))
            html.element("details", ["class": "atlas-rows"]) { html in
                html.element("summary", text: language("atlas.rows.summary"))
                atlasRowTable(atlas, rows: 0...255, language: language, into: &html)
            }
        }
    }

    /// The part of the atlas a range covers, for its range page: the picture of its rows and their table.
    func atlasPart(_ atlas: PortAtlas, range: PortRange, language: Language, into html: inout HTML) {
        let rows = Int(range.start) / Self.atlasWidth...Int(range.end) / Self.atlasWidth
        html.element("h2", ["id": "atlas"], text: language("atlas.title"))
        html.element("figure", ["class": "atlas-figure"]) { html in
            atlasPicture(atlas, rows: rows, language: language, into: &html)
            html.element("figcaption") { html in
                html.add(language("atlas.part", ["start": String(range.start), "end": String(range.end)]) + " ")
                html.element("a", ["href": "/\(language.code)/atlas"], text: language("atlas.whole"))
            }
        }
        atlasKey(language: language, range: range, into: &html)
        html.element("details", ["class": "atlas-rows"]) { html in
            html.element("summary", text: language("atlas.rows.summary"))
            atlasRowTable(atlas, rows: rows, language: language, into: &html)
        }
    }

    /// The picture of `rows` of the atlas, each row a link to its records.
    func atlasPicture(_ atlas: PortAtlas, rows: ClosedRange<Int>, language: Language, into html: inout HTML) {
        let width = Self.atlasWidth
        let margin = 30
        html.open(
            "svg",
            [
                "class": "atlas", "viewBox": "-\(margin) \(rows.lowerBound) \(width + margin) \(rows.count)",
                "aria-hidden": "true",
            ]
        )
        // The unassigned background, tinted per range.
        for range in PortRange.allCases {
            let first = max(Int(range.start) / width, rows.lowerBound)
            let last = min(Int(range.end) / width, rows.upperBound)
            guard first <= last else { continue }
            html.open("rect", ["class": "u-\(range.rawValue)", "y": String(first), "width": String(width), "height": String(last - first + 1)])
            html.close("rect")
        }
        let paths = Self.runs(columns: width, rows: rows) { atlas.kind(of: UInt16($1 * width + $0)) }
        for kind in PortAtlas.Kind.allCases where kind != .unassigned {
            guard let d = paths[kind] else { continue }
            html.open("path", ["class": "k-\(kind.name)", "d": d])
            html.close("path")
        }
        // The ranges' edges, and labels: a range's name where it begins, the first port of every 16th row.
        var edges = ""
        for range in PortRange.allCases {
            let row = Int(range.start) / width
            guard rows.contains(row) else { continue }
            if row > rows.lowerBound { edges += "M-\(margin) \(row)h\(width + margin)" }
            // Centred on the range's first rows: the System Ports are four rows, the User Ports start below them.
            html.open("text", ["class": "rn", "x": "-1", "y": "\(row + 1).7"])
            html.add(language("range.\(range.rawValue).title"))
            html.close("text")
        }
        for row in rows where row % 16 == 0 && !PortRange.allCases.contains(where: { Int($0.start) / width == row }) {
            html.open("text", ["x": "-1", "y": String(row) + ".2"])
            html.add(String(row * width))
            html.close("text")
        }
        if !edges.isEmpty {
            html.open("path", ["class": "edge", "d": edges])
            html.close("path")
        }
        Self.marks(columns: width, rows: rows, isMarked: { atlas.hasUnofficialUse(UInt16($1 * width + $0)) }, into: &html)
        for row in rows {
            let start = row * width
            html.open("a", ["href": "/\(language.code)/ports/\(start)-\(start + width - 1)", "tabindex": "-1"])
            html.open("rect", ["y": String(row), "width": String(width), "height": "1"])
            html.element("title", text: "\(start)–\(start + width - 1)")
            html.close("rect")
            html.close("a")
        }
        html.close("svg")
    }

    /// The kinds as the legend lists them: the assignments, strongest first, then Reserved, then nothing.
    static let legendOrder: [PortAtlas.Kind] = [.both, .tcp, .udp, .other, .reserved, .unassigned]

    /// The legend: a swatch and a name per kind, with how many ports of each every range holds.
    func atlasLegend(_ atlas: PortAtlas, language: Language, into html: inout HTML) {
        let ranges = PortRange.allCases
        let counts = ranges.map { atlas.counts(in: $0.start...$0.end) }
        html.element("table", ["class": "legend"]) { html in
            html.element("caption", text: language("atlas.legend"))
            html.element("thead") { html in
                html.element("tr") { html in
                    html.element("th", ["scope": "col"], text: language("atlas.legend.kind"))
                    for range in ranges {
                        html.element("th", ["scope": "col", "class": "n"]) { html in
                            html.add(language("range.\(range.rawValue).title") + " ")
                            html.element("span", ["class": "span"], text: "\(range.start)–\(range.end)")
                        }
                    }
                }
            }
            html.element("tbody") { html in
                for kind in Self.legendOrder {
                    html.element("tr") { html in
                        html.element("th", ["scope": "row"]) { html in
                            if kind == .unassigned {
                                for range in ranges { Self.swatch("u-\(range.rawValue)", into: &html) }
                            } else {
                                Self.swatch("k-\(kind.name)", into: &html)
                            }
                            html.add(" " + language("atlas.kind.\(kind.name)"))
                        }
                        for count in counts { html.element("td", ["class": "n"], text: String(count[kind])) }
                    }
                }
                html.element("tr") { html in
                    html.element("th", ["scope": "row"]) { html in
                        Self.swatch(nil, into: &html)
                        html.add(" " + language("atlas.kind.unofficial"))
                    }
                    for count in counts { html.element("td", ["class": "n"], text: String(count.unofficial)) }
                }
            }
        }
    }

    /// A compact key without counts, for the smaller maps: the kinds shown (all when `kinds` is `nil`), the
    /// range's tint, and the dot when `dots` is true.
    func atlasKey(language: Language, range: PortRange?, kinds: Set<PortAtlas.Kind>? = nil, dots: Bool = true, into html: inout HTML) {
        html.element("ul", ["class": "atlas-key"]) { html in
            for kind in Self.legendOrder where kinds?.contains(kind) ?? true {
                html.element("li") { html in
                    if kind == .unassigned {
                        for other in PortRange.allCases where range == nil || other == range { Self.swatch("u-\(other.rawValue)", into: &html) }
                    } else {
                        Self.swatch("k-\(kind.name)", into: &html)
                    }
                    html.add(" " + language("atlas.kind.\(kind.name)"))
                }
            }
            if dots {
                html.element("li") { html in
                    Self.swatch(nil, into: &html)
                    html.add(" " + language("atlas.kind.unofficial"))
                }
            }
        }
    }

    /// A square of a kind's colour, or (`nil`) the dot that marks an unofficial use: a span the stylesheet
    /// paints, a tenth of the bytes of an SVG.
    static func swatch(_ kind: String?, into html: inout HTML) {
        html.open("span", ["class": "swatch " + (kind ?? "dot"), "aria-hidden": "true"])
        html.close("span")
    }

    /// Every row of `rows` as a table: its ports (a link to their records) and what they hold.
    func atlasRowTable(_ atlas: PortAtlas, rows: ClosedRange<Int>, language: Language, into html: inout HTML) {
        // On a phone the table may be wider than the column: a labelled region the keyboard can scroll.
        html.element("div", ["class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": language("atlas.rows.caption")]) { html in
            atlasRowTableBody(atlas, rows: rows, language: language, into: &html)
        }
    }

    private func atlasRowTableBody(_ atlas: PortAtlas, rows: ClosedRange<Int>, language: Language, into html: inout HTML) {
        let width = Self.atlasWidth
        html.element("table", ["class": "atlas-table"]) { html in
            html.element("caption", text: language("atlas.rows.caption"))
            html.element("thead") { html in
                html.element("tr") { html in
                    html.element("th", ["scope": "col"], text: language("atlas.rows.ports"))
                    for key in ["atlas.rows.assigned", "atlas.rows.reserved", "atlas.rows.unassigned", "atlas.rows.unofficial"] {
                        html.element("th", ["scope": "col", "class": "n"], text: language(key))
                    }
                }
            }
            html.element("tbody") { html in
                for row in rows {
                    let start = row * width
                    let end = start + width - 1
                    let counts = atlas.counts(in: UInt16(start)...UInt16(end))
                    html.element("tr", ["id": "row-\(row)"]) { html in
                        html.element("th", ["scope": "row"]) { html in
                            html.element("a", ["href": "/\(language.code)/ports/\(start)-\(end)"], text: "\(start)–\(end)")
                        }
                        for count in [counts.assigned, counts[.reserved], counts[.unassigned], counts.unofficial] {
                            html.element("td", ["class": "n"], text: String(count))
                        }
                    }
                }
            }
        }
    }

    /// How many ports a side of the port page's block has: 8, so the block is 64 ports, a quarter of an
    /// atlas row. Each cell is a link, and links are what cost bytes: a block of 256 added 29 KB of HTML to
    /// every port page (2.1 KB gzip), a block of 64 adds a quarter of that, which matters to the page cache
    /// and to an export of 131,072 pages.
    public static let blockSide = 8

    /// The block of ports around `port` (`blockSide` squared, aligned), `blockSide` to a row, each cell a
    /// link to its port's page: the part of a port page's map that its 64 ports share. The server renders it
    /// once per block and language and keeps it, since every port of the block shows the same cells.
    public func atlasBlock(_ atlas: PortAtlas, containing port: UInt16, language: Language) -> AtlasBlock {
        let side = Self.blockSide
        let size = side * side
        let first = Int(port) / size * size
        var html = HTML()
        for line in 0..<side {
            html.open("text", ["x": "-.15", "y": "\(line).5"])
            html.add(String(first + line * side))
            html.close("text")
        }
        for cell in 0..<size {
            let number = first + cell
            let kind = atlas.kind(of: UInt16(number))
            let name = kind == .unassigned ? "u-\(PortRange(containing: UInt16(number)).rawValue)" : "k-\(kind.name)"
            html.open("a", ["href": "/\(language.code)/ports/\(number)", "tabindex": "-1"])
            html.open("rect", ["class": name, "x": String(cell % side), "y": String(cell / side), "width": ".94", "height": ".94"])
            html.element("title", text: String(number))
            html.close("rect")
            html.close("a")
        }
        Self.marks(
            columns: side,
            rows: 0...side - 1,
            isMarked: { atlas.hasUnofficialUse(UInt16(first + $1 * side + $0)) },
            offset: 0.47,
            into: &html
        )
        let ports = UInt16(first)...UInt16(first + size - 1)
        return AtlasBlock(
            first: first,
            cells: html,
            kinds: Set(ports.map { atlas.kind(of: $0) }),
            hasDots: ports.contains { atlas.hasUnofficialUse($0) }
        )
    }

    /// A port page's neighbourhood on the map: `block`'s cells with `port` outlined, a key of the kinds the
    /// block holds, and links to the block's records and its row of the whole atlas.
    func atlasNeighbourhood(_ block: AtlasBlock, port: UInt16, language: Language, into html: inout HTML) {
        let side = Self.blockSide
        let first = block.first
        let last = first + side * side - 1
        html.element("figure", ["class": "atlas-block"]) { html in
            html.open("svg", ["class": "atlas block", "viewBox": "-2.2 0 \(Double(side) + 2.2) \(side)", "aria-hidden": "true"])
            html.append(block.cells)
            let cell = Int(port) - first
            // A dark outline in a white halo: seen on the darkest cell and the palest.
            for name in ["halo", "here"] {
                html.open("rect", ["class": name, "x": "\(cell % side)", "y": "\(cell / side)", "width": ".94", "height": ".94"])
                html.close("rect")
            }
            html.close("svg")
            atlasKey(language: language, range: PortRange(containing: port), kinds: block.kinds, dots: block.hasDots, into: &html)
            html.element("figcaption") { html in
                html.add(language("atlas.block.caption", ["port": String(port), "start": String(first), "end": String(last)]) + " ")
                html.element("a", ["href": "/\(language.code)/ports/\(first)-\(last)"], text: language("atlas.block.records"))
                html.add(" · ")
                html.element("a", ["href": "/\(language.code)/atlas#row-\(first / Self.atlasWidth)"], text: language("atlas.whole"))
            }
        }
    }

    /// The whole atlas, small, as one link to the atlas page: 64 squares to a row, each square 16 ports,
    /// coloured when at least 4 of them are assigned or reserved, by the kind most of those share.
    func atlasThumbnail(_ atlas: PortAtlas, language: Language, into html: inout HTML) {
        html.element("a", ["class": "atlas-thumb", "href": "/\(language.code)/atlas"]) { html in
            html.open("svg", ["class": "atlas", "viewBox": "0 0 64 64", "aria-hidden": "true"])
            for range in PortRange.allCases {
                let first = Int(range.start) / 1024
                let rows = (Int(range.end) + 1) / 1024 - first
                html.open("rect", ["class": "u-\(range.rawValue)", "y": String(first), "width": "64", "height": String(rows)])
                html.close("rect")
            }
            let paths = Self.runs(columns: 64, rows: 0...63) { column, row in
                let start = (row * 64 + column) * 16
                let counts = atlas.counts(in: UInt16(start)...UInt16(start + 15))
                // Assignments are sparse past the System Ports: a square with a quarter of its ports taken
                // shows the kind most of those share, or the picture would be nearly blank.
                let taken = PortAtlas.Kind.allCases.filter { $0 != .unassigned }
                guard taken.reduce(0, { $0 + counts[$1] }) >= 4 else { return .unassigned }
                return taken.max { counts[$0] < counts[$1] } ?? .unassigned
            }
            for kind in PortAtlas.Kind.allCases where kind != .unassigned {
                guard let d = paths[kind] else { continue }
                html.open("path", ["class": "k-\(kind.name)", "d": d])
                html.close("path")
            }
            html.close("svg")
            html.element("span", text: language("home.atlas.link"))
        }
    }

    /// One path per kind drawing its cells as horizontal strokes, a run of same-kind cells in a row as one
    /// stroke; unassigned cells are left to the background.
    static func runs(columns: Int, rows: ClosedRange<Int>, kind: (_ column: Int, _ row: Int) -> PortAtlas.Kind) -> [PortAtlas.Kind: String] {
        var paths: [PortAtlas.Kind: String] = [:]
        for row in rows {
            var ends: [PortAtlas.Kind: Int] = [:]
            var column = 0
            while column < columns {
                let current = kind(column, row)
                var end = column + 1
                while end < columns, kind(end, row) == current { end += 1 }
                if current != .unassigned {
                    if let previous = ends[current] {
                        paths[current, default: ""] += "m\(column - previous) 0h\(end - column)"
                    } else {
                        paths[current, default: ""] += "M\(column) \(row).5h\(end - column)"
                    }
                    ends[current] = end
                }
                column = end
            }
        }
        return paths
    }

    /// Dots on the marked cells: a white halo under a dark dot, both round caps of zero-length strokes.
    static func marks(
        columns: Int,
        rows: ClosedRange<Int>,
        isMarked: (_ column: Int, _ row: Int) -> Bool,
        offset: Double = 0.5,
        into html: inout HTML
    ) {
        var d = ""
        let shift = offset == 0.5 ? ".5" : String(offset).dropFirst().description
        for row in rows {
            var previous: Int?
            for column in 0..<columns where isMarked(column, row) {
                if let previous {
                    d += "m\(column - previous) 0h0"
                } else {
                    d += "M\(column)\(shift) \(row)\(shift)h0"
                }
                previous = column
            }
        }
        guard !d.isEmpty else { return }
        html.open("path", ["class": "mh", "d": d])
        html.close("path")
        html.open("path", ["class": "mk", "d": d])
        html.close("path")
    }
}

/// The cells of one block of the atlas, rendered for one language: what every port page of the block shares.
public struct AtlasBlock: Sendable {
    /// The block's first port.
    public let first: Int
    /// The labels, the cells (links) and the dots, as SVG.
    let cells: HTML
    /// The kinds the block's ports have, for its key.
    let kinds: Set<PortAtlas.Kind>
    /// Whether any port of the block has a known unofficial use.
    let hasDots: Bool
}
