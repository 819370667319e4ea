#if os(macOS)
import Foundation
import PortRegistry

/// macOS has no /proc: ask `lsof` for listening TCP and bound UDP sockets, in its field output.
enum LsofListeners {
    static func scan() -> [Listener] {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/lsof")
        // +c0: the command's whole name; lsof cuts it to 9 characters by default ("ControlCe"), which no
        // process signature would match.
        process.arguments = ["+c0", "-nP", "-iTCP", "-sTCP:LISTEN", "-iUDP", "-F", "pcuPn"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return [] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Parses `lsof -F pcuPn`: `p` starts a process, `c` its command, `u` its uid, then per file `P` the
    /// protocol and `n` the address.
    static func parse(_ text: String) -> [Listener] {
        var listeners: [Listener] = []
        var process = Listener.Process(pid: 0, command: "?")
        var uid: UInt32 = 0
        var transport: TransportProtocol?
        for line in text.split(separator: "\n") {
            guard let tag = line.first else { continue }
            let value = String(line.dropFirst())
            switch tag {
            case "p": process = Listener.Process(pid: Int32(value) ?? 0, command: "?")
            case "c": process.command = value
            case "u": uid = UInt32(value) ?? 0
            case "P": transport = TransportProtocol(name: value)
            case "n":
                guard let transport, !value.contains("->"), let colon = value.lastIndex(of: ":"),
                    let port = UInt16(value[value.index(after: colon)...])
                else { continue }
                var address = String(value[..<colon])
                let isIPv6 = address.hasPrefix("[")
                address = address.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                if address == "*" { address = isIPv6 ? "::" : "0.0.0.0" }
                listeners.append(
                    Listener(
                        transport: transport,
                        address: address,
                        port: port,
                        isIPv6: isIPv6,
                        inode: 0,
                        uid: uid,
                        user: ListenerScanner.userName(uid),
                        processes: [process]
                    )
                )
            default: continue
            }
        }
        return listeners.sorted { ($0.port, $0.transport, $0.address) < ($1.port, $1.transport, $1.address) }
    }
}
#endif
