import Foundation
import Testing

@Suite("Help at 80 columns")
struct HelpTests {
    /// Every command a user can ask `--help` of, as they would type it.
    static let commands: [[String]] = [
        [], ["lookup"], ["search"], ["who"], ["why"], ["check"], ["wait"], ["listening"], ["registry"], ["update"], ["serve"],
        ["export-site"], ["votes"], ["check-name"], ["propose"], ["suggest"], ["lint"], ["audit-services"], ["votes", "migrate"], ["history"],
        ["diff"], ["export"],
    ]

    @Test("every command's --help fits 80 columns, and its usage names every option it lists", arguments: commands)
    func fits(command: [String]) throws {
        let result = try CLI().run(arguments: command + ["--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let wide = lines.filter { $0.count > 80 }
        #expect(wide.isEmpty, "lines over 80 columns in `portatlas \(command.joined(separator: " ")) --help`: \(wide)")

        // A usage line written by hand (to wrap it) must not fall behind the options the parser lists.
        let usage = try #require(result.stdout.range(of: "USAGE:")).upperBound
        let usageText = result.stdout[usage...].components(separatedBy: "\n\n").first ?? ""
        guard let optionsStart = result.stdout.range(of: "\nOPTIONS:\n")?.upperBound else { return }
        let listed = result.stdout[optionsStart...].split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard let first = words.first(where: { $0.hasPrefix("--") }) else { return nil }
            let name = first.trimmingCharacters(in: CharacterSet(charactersIn: ","))
            return ["--help", "--version"].contains(name) ? nil : name
        }
        for option in listed {
            #expect(usageText.contains(option), "`\(option)` is listed but missing from the usage of \(command)")
        }
    }
}
