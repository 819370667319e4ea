import Foundation
import PortTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real listening process: a small Python program, run under the name and with the arguments a test
/// chooses, that binds a socket, prints its port and waits until its input closes.
final class ListeningProcess {
    /// The Python interpreter the listeners run on; a real file, so that it can be copied under another name.
    static let python = ["/usr/bin/python3.11", "/usr/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The listener: `-proto tcp|udp -host-ip ADDRESS -host-port PORT`, docker-proxy's own flags; others ignored.
    static let script = """
        import socket, sys
        flags = dict(zip(sys.argv[1::2], sys.argv[2::2]))
        host, port = flags.get("-host-ip", "127.0.0.1"), int(flags.get("-host-port", "0"))
        udp = flags.get("-proto", "tcp") == "udp"
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        s = socket.socket(family, socket.SOCK_DGRAM if udp else socket.SOCK_STREAM)
        s.bind((host, port))
        if not udp:
            s.listen(8)
        print(s.getsockname()[1], flush=True)
        sys.stdin.read()
        """

    let process = Process()
    let input = Pipe()
    let port: UInt16

    /// Starts `executable` with `arguments` (and the script's path first, unless `script` is false: the
    /// executable is then the script itself) and waits for its port.
    init(executable: String, arguments: [String], prefix: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: prefix.first ?? executable)
        process.arguments = Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [executable]) + arguments
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        port = try #require(UInt16(String(decoding: line, as: UTF8.self)), "the listener printed no port")
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// A folder holding the script as `listener.py`, as `docker-proxy` (run directly by its `#!` line) and the
    /// interpreter copied as `ControlCenter`, all readable by every user.
    static func folder() throws -> URL {
        let python = try #require(python, "no /usr/bin/python3 on this machine: these tests need one to run real listeners")
        let folder = try TestData.temporaryFolder()
        chmod(folder.path, 0o755)
        try script.write(to: folder.appendingPathComponent("listener.py"), atomically: true, encoding: .utf8)
        try ("#!\(python)\n" + script).write(to: folder.appendingPathComponent("docker-proxy"), atomically: true, encoding: .utf8)
        chmod(folder.appendingPathComponent("docker-proxy").path, 0o755)
        chmod(folder.appendingPathComponent("listener.py").path, 0o644)
        try FileManager.default.copyItem(atPath: python, toPath: folder.appendingPathComponent("ControlCenter").path)
        return folder
    }
}

@Suite("why, check and wait", .serialized)
struct WhyCheckWaitTests {
    static let fixtureKnowledge = TestData.fixture("knowledge-processes").path

    func listeners(_ result: CLI.Result) throws -> [[String: Any]] {
        try #require(try result.json()["listeners"] as? [[String: Any]])
    }

    @Test("why: a listener on 0.0.0.0 is reachable from the network and its connected client is never a holder")
    func clientIsNoHolder() throws {
        let folder = try ListeningProcess.folder()
        let python = try #require(ListeningProcess.python)
        let server = try ListeningProcess(
            executable: folder.appendingPathComponent("listener.py").path,
            arguments: ["-host-ip", "0.0.0.0"],
            prefix: [python]
        )
        // A client in this process, connected to it: an ESTABLISHED socket on the port, not a listener.
        let client = try BoundSocket.connect(to: "127.0.0.1", port: server.port)
        defer { close(client) }

        let cli = try CLI()
        let result = try cli.run("why", String(server.port), "--json", "--knowledge", Self.fixtureKnowledge)
        #expect(result.status == 0, "\(result.stderr)")
        let found = try listeners(result)
        #expect(found.count == 1)
        let listener = try #require(found.first)
        let processes = try #require(listener["processes"] as? [[String: Any]])
        #expect(processes.map { $0["pid"] as? Int } == [Int(server.process.processIdentifier)])
        #expect(!processes.contains { $0["pid"] as? Int == Int(getpid()) })
        #expect((listener["exposure"] as? [String: Any])?["kind"] as? String == "all-interfaces")
        #expect(listener["product"] is NSNull)
        #expect(listener["stop"] as? [String] == ["kill \(server.process.processIdentifier)"])

        let text = try cli.run("why", String(server.port), "--knowledge", Self.fixtureKnowledge)
        #expect(text.stdout.contains("exposure  reachable from the network: bound to every address"))
        #expect(text.stdout.contains("to free   stop the process: `kill \(server.process.processIdentifier)`"))
    }

    @Test("why: TCP and UDP on ::1 are loopback only, each with this process as its holder")
    func loopbackIPv6() throws {
        let tcp = try BoundSocket(tcp: true, address: "::1")
        let udp = try BoundSocket(tcp: false, address: "::1")
        let cli = try CLI()
        for socket in [tcp, udp] {
            let result = try cli.run("why", String(socket.port), "--json")
            #expect(result.status == 0)
            let listener = try #require(try listeners(result).first { $0["protocol"] as? String == (socket.isTCP ? "tcp" : "udp") })
            #expect(listener["address"] as? String == "::1")
            #expect(listener["ipv6"] as? Bool == true)
            #expect((listener["exposure"] as? [String: Any])?["kind"] as? String == "loopback")
            let processes = try #require(listener["processes"] as? [[String: Any]])
            #expect(processes.first?["pid"] as? Int == Int(getpid()))
            #expect((processes.first?["arguments"] as? [String])?.isEmpty == false)
        }
        let text = try cli.run("why", String(udp.port))
        #expect(text.stdout.contains("UDP [::1]:\(udp.port) (IPv6)"))
        #expect(text.stdout.contains("exposure  loopback only"))
    }

    @Test("why: a copy of a program named ControlCenter is the AirPlay Receiver, with the cited way to free the port")
    func controlCenter() throws {
        let folder = try ListeningProcess.folder()
        let server = try ListeningProcess(
            executable: folder.appendingPathComponent("listener.py").path,
            arguments: ["-host-ip", "127.0.0.1"],
            prefix: [folder.appendingPathComponent("ControlCenter").path]
        )
        let cli = try CLI()
        let result = try cli.run("why", String(server.port), "--json", "--knowledge", Self.fixtureKnowledge)
        let listener = try #require(try listeners(result).first)
        let product = try #require(listener["product"] as? [String: Any])
        #expect(product["name"] as? String == "macOS AirPlay Receiver")
        #expect(product["slug"] as? String == "macos-airplay-receiver")
        #expect(product["evidence"] as? [String] == ["executable"])
        #expect((product["source"] as? [String: Any])?["url"] as? String == "https://fixture.example/airplay")
        let free = try #require(listener["free"] as? [[String: Any]])
        #expect(free.first?["text"] as? String == "Turn off the receiver in the test fixture's settings.")
        #expect(free.first?["run"] as? [String] == ["fixture-stop airplay"])
        let processes = try #require(listener["processes"] as? [[String: Any]])
        #expect((processes.first?["executable"] as? String)?.hasSuffix("/ControlCenter") == true)

        let text = try cli.run("why", String(server.port), "--knowledge", Self.fixtureKnowledge)
        #expect(text.stdout.contains("product   macOS AirPlay Receiver (recognised by its executable) [1]"))
        #expect(text.stdout.contains("to free   Turn off the receiver in the test fixture's settings. [1]"))
        #expect(text.stdout.contains("[1] Test fixture, \"AirPlay\", https://fixture.example/airplay (read 2026-12-02)"))
        // Without the fixture, nothing recognises it: the bundled signatures for ControlCenter are macOS's.
        let bare = try cli.run("why", String(server.port), "--json")
        #expect(try listeners(bare).first?["product"] is NSNull)
    }

    @Test("why: docker-proxy, run with its real arguments, names the container address and port it forwards to")
    func dockerProxy() throws {
        let folder = try ListeningProcess.folder()
        let port = try BoundSocket.freePort(address: "127.0.0.1")
        let proxy = try ListeningProcess(
            executable: folder.appendingPathComponent("docker-proxy").path,
            arguments: ["-proto", "tcp", "-host-ip", "127.0.0.1", "-host-port", String(port), "-container-ip", "172.17.0.2", "-container-port", "80"]
        )
        #expect(proxy.port == port)
        let cli = try CLI()
        let result = try cli.run("why", String(port), "--json", "--knowledge", Self.fixtureKnowledge)
        let listener = try #require(try listeners(result).first)
        #expect((listener["product"] as? [String: Any])?["name"] as? String == "Docker Engine")
        let forwarding = try #require(listener["dockerProxy"] as? [String: Any])
        #expect(forwarding["containerAddress"] as? String == "172.17.0.2")
        #expect(forwarding["containerPort"] as? Int == 80)
        #expect(forwarding["hostPort"] as? Int == Int(port))
        #expect(forwarding["protocol"] as? String == "tcp")
        let text = try cli.run("why", String(port), "--knowledge", Self.fixtureKnowledge)
        #expect(text.stdout.contains("forwards  to container address 172.17.0.2:80/tcp"))
        #expect(text.stdout.contains("Published ports bypass the host's firewall rules (fixture)."))
    }

    @Test("why as another user: the listener is there, its process hidden, and the report says to use sudo")
    func anotherUsersProcess() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            Issue.record("this test runs portatlas as `nobody` with setpriv, which needs root and util-linux's setpriv")
            return
        }
        let tcp = try BoundSocket(tcp: true, address: "127.0.0.1")
        let cli = try CLI()
        let arguments = [
            "--reuid=nobody", "--regid=nogroup", "--clear-groups", CLI.binary.path, "why", String(tcp.port), "--db", "/nonexistent/portatlas.sqlite",
        ]
        let result = try cli.run(executable: "/usr/bin/setpriv", arguments: arguments + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let listener = try #require(try listeners(result).first)
        #expect(listener["ownerHidden"] as? Bool == true)
        #expect(listener["user"] as? String == "root")
        #expect((listener["processes"] as? [Any])?.isEmpty == true)
        #expect(listener["hint"] as? String == "run `sudo portatlas why \(tcp.port)` to see the process")
        let text = try cli.run(executable: "/usr/bin/setpriv", arguments: arguments)
        #expect(text.stdout.contains("not visible: it belongs to root, and this user may not look into other users' processes."))
        #expect(text.stdout.contains("Run `sudo portatlas why \(tcp.port)` to see it. Something IS listening here."))
        #expect(!text.stdout.contains("Nothing listens"))
    }

    @Test("why on a port nothing listens on exits 1 and says so")
    func nothingListens() throws {
        let port = try BoundSocket.freePort(address: "127.0.0.1")
        let result = try CLI().run("why", String(port))
        #expect(result.status == 1)
        #expect(result.stdout.contains("Nothing listens on port \(port) here (TCP or UDP, IPv4 or IPv6)."))
    }

    @Test(
        "check: a port bound here is to avoid (2); 6000 is browser-blocked (2); 50000 warns of other systems' ranges; JSON lists each reason's source"
    )
    func check() throws {
        let cli = try CLI.withSmallRegistry()
        let bound = try BoundSocket(tcp: true, address: "127.0.0.1")
        let here = try cli.run("check", String(bound.port), "--json")
        #expect(here.status == 2)
        let json = try here.json()
        #expect(json["verdict"] as? String == "avoid")
        let reasons = try #require(json["reasons"] as? [[String: Any]])
        #expect(reasons.contains { $0["kind"] as? String == "bound-here" && $0["level"] as? String == "avoid" })
        #expect(reasons.allSatisfy { $0["source"] is String && $0["date"] is String })

        let blocked = try cli.run("check", "6000", "--json")
        #expect(blocked.status == 2)
        let blockedReasons = try #require(try blocked.json()["reasons"] as? [[String: Any]])
        #expect(blockedReasons.first?["kind"] as? String == "browser-blocked")
        #expect(blockedReasons.first?["url"] as? String == "https://fetch.spec.whatwg.org/#port-blocking")

        let high = try cli.run("check", "50000", "--json")
        let highReasons = try #require(try high.json()["reasons"] as? [[String: Any]])
        let kinds = Set(highReasons.compactMap { $0["kind"] as? String })
        #expect(kinds.isSuperset(of: ["range", "iana", "ephemeral", "excluded", "local-ephemeral", "bound-here"]))
        #expect(highReasons.contains { ($0["text"] as? String)?.contains("netsh interface ipv4 show excludedportrange protocol=tcp") == true })
        #expect(high.status == 2, "50000 is in this machine's ephemeral range (32768–60999 by default)")

        let text = try cli.run("check", "6000")
        #expect(text.stdout.hasPrefix("6000/tcp: avoid\n"))
        #expect(text.stdout.contains("— Fetch Living Standard, \"Port blocking\", 2026-12-02 <https://fetch.spec.whatwg.org/#port-blocking>"))
    }

    @Test("wait --listening: succeeds once a listener appears on ::1 (localhost means both loopbacks); times out with 75")
    func waitListening() throws {
        let port = try BoundSocket.freePort(address: "::1")
        let cli = try CLI()
        let timedOut = try cli.run("wait", String(port), "--listening", "--timeout", "300ms", "--json")
        #expect(timedOut.status == 75)
        let json = try timedOut.json()
        #expect(json["ready"] as? Bool == false)
        let attempts = try #require(json["attempts"] as? [[String: Any]])
        #expect(Set(attempts.compactMap { $0["address"] as? String }).isSuperset(of: ["127.0.0.1", "::1"]))

        let waiting = try cli.start("wait", String(port), "--listening", "--timeout", "20s", "--json")
        Thread.sleep(forTimeInterval: 0.6)
        let listener = try BoundSocket(tcp: true, address: "::1", port: port)
        let result = waiting.finish()
        #expect(result.status == 0, "\(result.stdout)")
        let ready = try result.json()
        #expect(ready["ready"] as? Bool == true)
        #expect((ready["attempts"] as? [[String: Any]])?.contains { $0["address"] as? String == "::1" && $0["connected"] as? Bool == true } == true)
        #expect((ready["checks"] as? Int ?? 0) > 1)
        _ = listener
    }

    @Test("wait --listening --udp: a bound UDP socket is what listening means")
    func waitUDP() throws {
        let udp = try BoundSocket(tcp: false, address: "127.0.0.1")
        let result = try CLI().run("wait", String(udp.port), "--listening", "--udp", "--timeout", "5s")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("\(udp.port)/udp is listening"))
    }

    @Test("wait --free: succeeds once the listener goes away; names the holder while it waits")
    func waitFree() throws {
        var listener: BoundSocket? = try BoundSocket(tcp: true, address: "127.0.0.1")
        let port = try #require(listener?.port)
        let cli = try CLI()
        let held = try cli.run("wait", String(port), "--free", "--timeout", "300ms", "--json")
        #expect(held.status == 75)
        #expect((try held.json()["waitingFor"] as? String)?.contains("listens on 127.0.0.1:\(port)") == true)

        let waiting = try cli.start("wait", String(port), "--free", "--timeout", "20s")
        Thread.sleep(forTimeInterval: 0.6)
        listener = nil
        let result = waiting.finish()
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("\(port)/tcp is free: it can be bound"))
    }

    @Test("wait --free: a port held only by TIME_WAIT connections says so")
    func timeWait() throws {
        let port: UInt16
        do {
            let listener = try BoundSocket(tcp: true, address: "127.0.0.1")
            port = listener.port
            let client = try BoundSocket.connect(to: "127.0.0.1", port: port)
            let accepted = accept(listener.descriptor, nil, nil)
            #expect(accepted >= 0)
            // The side that closes first keeps the connection in TIME_WAIT: here the server's, on `port`.
            close(accepted)
            Thread.sleep(forTimeInterval: 0.1)
            close(client)
        }
        let result = try CLI().run("wait", String(port), "--free", "--timeout", "300ms", "--json")
        #expect(result.status == 75)
        let json = try result.json()
        #expect((json["timeWait"] as? Int ?? 0) >= 1)
        #expect((json["waitingFor"] as? String)?.contains("in TIME_WAIT still hold") == true)
    }

    @Test("wait and check refuse what they cannot do: no condition, two, --host with --free, a bad duration")
    func usage() throws {
        let cli = try CLI()
        for arguments in [
            ["wait", "80"], ["wait", "80", "--listening", "--free"], ["wait", "80", "--free", "--host", "h"],
            ["wait", "80", "--free", "--timeout", "soon"],
        ] {
            let result = try cli.run(arguments: arguments + ["--db", cli.database])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        #expect(try cli.run("check", "70000").status == 64)
    }
}

extension CLI {
    /// A run of the binary that the test lets go on while it changes the machine.
    struct Running {
        let process: Process
        let out: Pipe
        let err: Pipe

        /// Waits for the run to end and reads what it printed.
        func finish() -> Result {
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus,
                stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self)
            )
        }
    }

    /// Starts the binary with `arguments` and this CLI's store, without waiting for it.
    func start(_ arguments: String...) throws -> Running {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + ["--db", database]
        let running = Running(process: process, out: Pipe(), err: Pipe())
        process.standardOutput = running.out
        process.standardError = running.err
        try process.run()
        return running
    }

    /// Runs another program (`setpriv`, to run portatlas as another user) and reads what it prints.
    func run(executable: String, arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let running = Running(process: process, out: Pipe(), err: Pipe())
        process.standardOutput = running.out
        process.standardError = running.err
        try process.run()
        return running.finish()
    }
}
