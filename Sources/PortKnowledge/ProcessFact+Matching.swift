extension ProcessFact {
    /// Whether the block's signature recognises a process: every kind of evidence the block gives (executable,
    /// command, unit) must match, any one of its values being enough. A block without a signature recognises
    /// nothing; `ports` and `os` are the caller's to check (`applies(on:)`).
    /// - Parameters:
    ///   - names: the names the process goes by: the basename of its executable, its `comm`.
    ///   - arguments: its command line, one argument an element (`argv[0]` first).
    ///   - unit: its systemd unit, if it runs in one.
    ///   - system: the system it runs on (Windows compares names case-insensitively).
    public func recognises(names: [String], arguments: [String], unit: String?, on system: OperatingSystem) -> Bool {
        guard isSignature else { return false }
        if !executables.isEmpty {
            let matched = executables.contains { executable in
                names.contains { Self.isSameExecutable(executable, $0, on: system) }
            }
            guard matched else { return false }
        }
        if !commands.isEmpty {
            guard commands.contains(where: { Self.arguments(arguments, contain: $0) }) else { return false }
        }
        if !units.isEmpty {
            guard let unit, units.contains(where: { Self.unit($0, matches: unit) }) else { return false }
        }
        return true
    }

    /// Whether `name` (what the system shows) is `executable` (what the knowledge says): exactly, or ignoring
    /// case on Windows, or as Linux's `comm` shows it, cut to 15 bytes.
    static func isSameExecutable(_ executable: String, _ name: String, on system: OperatingSystem) -> Bool {
        if system == .windows {
            let wanted = executable.lowercased()
            let seen = name.lowercased()
            return seen == wanted || seen == wanted + ".exe" || seen + ".exe" == wanted
        }
        if executable == name { return true }
        return name.utf8.count == 15 && executable.utf8.count > 15 && executable.utf8.starts(with: name.utf8)
    }

    /// Whether `words` appear among `arguments` in this order, each matching one argument exactly or that
    /// argument's last path component (`node /app/node_modules/.bin/vite` contains `vite`).
    static func arguments(_ arguments: [String], contain words: [String]) -> Bool {
        var remaining = words[...]
        for argument in arguments {
            guard let word = remaining.first else { break }
            let last = argument.split(separator: "/").last.map(String.init) ?? argument
            if argument == word || last == word { remaining = remaining.dropFirst() }
        }
        return remaining.isEmpty
    }

    /// Whether `running` is the unit `wanted` names: the same unit, or an instance of a template
    /// (`getty@.service` names `getty@tty1.service`).
    static func unit(_ wanted: String, matches running: String) -> Bool {
        if wanted == running { return true }
        guard let at = wanted.firstIndex(of: "@"), wanted[wanted.index(after: at)...].hasPrefix(".") else { return false }
        let suffix = wanted[wanted.index(after: at)...]
        return running.hasPrefix(wanted[...at]) && running.hasSuffix(suffix)
    }
}
