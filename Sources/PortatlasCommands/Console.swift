import Foundation
import PortReport

/// Where a command's output goes: text or JSON on stdout, messages on stderr, and the exit status that
/// scripts can trust.
public struct Console: Sendable {
    public let json: Bool
    public let style: TextStyle
    public let isTerminal: Bool

    public init(json: Bool, colour: GlobalOptions.ColourChoice) {
        self.json = json
        isTerminal = isatty(STDERR_FILENO) == 1
        let wantsColour =
            switch colour {
            case .always: true
            case .never: false
            case .auto: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            }
        style = TextStyle(colour: wantsColour)
    }

    /// Columns to wrap text to: the terminal's width on a terminal (at most 100), else 80.
    public var width: Int {
        guard style.colour || isatty(STDOUT_FILENO) == 1 else { return 80 }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return min(Int(size.ws_col), 100)
    }

    /// Prints an answer: its JSON with `--json`, else its text.
    public func print(json value: @autoclosure () -> JSONValue, text: @autoclosure () -> String) {
        if json {
            write(value().serialized(indent: 2) + "\n", to: FileHandle.standardOutput)
        } else {
            write(text(), to: FileHandle.standardOutput)
        }
    }

    /// A message for the person at the terminal, on stderr, kept out of JSON output.
    public func note(_ text: String) {
        write(text + "\n", to: FileHandle.standardError)
    }

    /// A progress line that rewrites itself on a terminal and stays silent elsewhere.
    public func progress(_ text: String) {
        guard isTerminal else { return }
        write("\r\u{1B}[2K" + text, to: FileHandle.standardError)
    }

    /// Ends a progress line.
    public func endProgress() {
        guard isTerminal else { return }
        write("\r\u{1B}[2K", to: FileHandle.standardError)
    }

    private func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
