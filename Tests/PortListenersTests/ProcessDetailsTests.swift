import PortListeners
import PortRegistry
import PortTestSupport
import Testing

@Suite("Process details")
struct ProcessDetailsTests {
    @Test("cgroup paths name the systemd unit: a system service, a user's service, none for a session")
    func units() {
        #expect(ControlGroup.unit(in: "0::/system.slice/cups.service\n") == "cups.service")
        #expect(!ControlGroup.isUserUnit(in: "0::/system.slice/cups.service\n"))
        let user = "0::/user.slice/user-1000.slice/user@1000.service/app.slice/jupyter.service\n"
        #expect(ControlGroup.unit(in: user) == "jupyter.service")
        #expect(ControlGroup.isUserUnit(in: user))
        #expect(ControlGroup.unit(in: "0::/user.slice/user-1000.slice/session-3.scope\n") == nil)
        #expect(ControlGroup.unit(in: "0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-x.scope\n") == nil)
        #expect(ControlGroup.unit(in: "12:pids:/system.slice/ssh.service\n11:memory:/system.slice/ssh.service\n") == "ssh.service")
    }

    @Test("cgroup paths name the container: Docker (v2 and v1), Podman, containerd; not a service")
    func containers() {
        let id = String(repeating: "0123456789abcdef", count: 4)
        #expect(ControlGroup.container(in: "0::/system.slice/docker-\(id).scope\n") == Container(runtime: "docker", id: id))
        #expect(ControlGroup.container(in: "12:pids:/docker/\(id)\n") == Container(runtime: "docker", id: id))
        #expect(ControlGroup.container(in: "0::/machine.slice/libpod-\(id).scope/container\n")?.runtime == "podman")
        #expect(ControlGroup.container(in: "0::/kubepods.slice/kubepods-pod1.slice/cri-containerd-\(id).scope\n")?.runtime == "containerd")
        #expect(ControlGroup.container(in: "0::/system.slice/docker.service\n") == nil)
        #expect(ControlGroup.container(in: "0::/system.slice/docker-short.scope\n") == nil)
        #expect(Container(runtime: "docker", id: id).shortID == "0123456789ab")
    }

    @Test("docker-proxy's arguments, as Docker gives them, say where the port is forwarded")
    func dockerProxy() throws {
        let proxy = try #require(
            DockerProxy(arguments: [
                "/usr/bin/docker-proxy", "-proto", "tcp", "-host-ip", "0.0.0.0", "-host-port", "8080", "-container-ip", "172.17.0.2",
                "-container-port", "80", "-use-listen-fd",
            ])
        )
        #expect(proxy.transport == "tcp" && proxy.hostAddress == "0.0.0.0" && proxy.hostPort == 8080)
        #expect(proxy.target == "172.17.0.2:80/tcp")
        let six = try #require(
            DockerProxy(arguments: [
                "docker-proxy", "--proto=udp", "-host-ip=::", "-host-port=53", "-container-ip", "fd00::2", "-container-port", "53",
            ])
        )
        #expect(six.target == "[fd00::2]:53/udp")
        #expect(DockerProxy(arguments: ["docker-proxy", "-proto", "tcp", "-host-port", "8080"]) == nil)
        #expect(
            DockerProxy(arguments: ["docker-proxy", "-host-ip", "0.0.0.0", "-host-port", "99999", "-container-ip", "x", "-container-port", "1"])
                == nil
        )
    }

    @Test("exposure is read from the bound address")
    func exposure() {
        #expect(Exposure(address: "127.0.0.1") == .loopback)
        #expect(Exposure(address: "127.0.0.53") == .loopback)
        #expect(Exposure(address: "::1") == .loopback)
        #expect(Exposure(address: "::ffff:127.0.0.1") == .loopback)
        #expect(Exposure(address: "0.0.0.0") == .allInterfaces)
        #expect(Exposure(address: "::") == .allInterfaces)
        #expect(Exposure(address: "192.168.1.20") == .address("192.168.1.20"))
        #expect(Exposure(address: "192.168.1.20").isReachableFromNetwork && !Exposure.loopback.isReachableFromNetwork)
    }

    @Test("a process's names: its executable's file name (deleted or not), then its command name")
    func names() {
        let process = Listener.Process(pid: 1, command: "docker-proxy", executable: "/usr/bin/python3.11 (deleted)")
        #expect(process.names == ["python3.11", "docker-proxy"])
        #expect(Listener.Process(pid: 1, command: "cupsd", executable: "/usr/sbin/cupsd").names == ["cupsd"])
    }

    #if os(Linux)
    @Test("the scanner reads a real process's executable, arguments and start; probes connect and bind for real")
    func liveProcess() throws {
        let socket = try BoundSocket(tcp: true, address: "127.0.0.1")
        let listener = try #require(ListenerScanner().listeners(on: socket.port).first)
        let process = try #require(listener.processes.first)
        #expect(process.executable?.hasPrefix("/") == true)
        #expect(process.arguments.first == CommandLine.arguments.first)
        #expect(process.startedAt != nil)
        #expect(PortProbe.connect(host: "127.0.0.1", port: socket.port).map(\.connected) == [true])
        #expect(PortProbe.bindFailures(port: socket.port, transport: .tcp).map(\.address) == ["0.0.0.0"])
        #expect(PortProbe.connect(host: "localhost", port: socket.port).contains { $0.address == "::1" && !$0.connected })
        #expect(PortProbe.connect(host: "no-such-host.invalid", port: socket.port).isEmpty)
    }
    #endif
}
