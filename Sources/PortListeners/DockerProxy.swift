/// What a `docker-proxy` process forwards: Docker starts one for each published port (unless its userland
/// proxy is turned off), as `docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2
/// -container-port 80`.
public struct DockerProxy: Sendable, Hashable {
    /// `tcp`, `udp` or `sctp`.
    public var transport: String
    public var hostAddress: String
    public var hostPort: UInt16
    public var containerAddress: String
    public var containerPort: UInt16

    /// The forwarding a `docker-proxy` command line gives; `nil` when an argument is missing or malformed.
    /// Flags are read as Go's flag package reads them: `-flag value`, `--flag value` or `-flag=value`.
    public init?(arguments: [String]) {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else { continue }
            let flag = argument.drop { $0 == "-" }
            if let equals = flag.firstIndex(of: "=") {
                values[String(flag[..<equals])] = String(flag[flag.index(after: equals)...])
            } else if index < arguments.count, !arguments[index].hasPrefix("-") {
                // A flag followed by another is a boolean one (`-use-listen-fd`).
                values[String(flag)] = arguments[index]
                index += 1
            }
        }
        guard let hostAddress = values["host-ip"], let containerAddress = values["container-ip"],
            let hostPort = values["host-port"].flatMap({ UInt16($0) }),
            let containerPort = values["container-port"].flatMap({ UInt16($0) })
        else { return nil }
        self.transport = values["proto"] ?? "tcp"
        self.hostAddress = hostAddress
        self.hostPort = hostPort
        self.containerAddress = containerAddress
        self.containerPort = containerPort
    }

    /// `172.17.0.2:80/tcp`, or `[fd00::2]:80/tcp`.
    public var target: String {
        let address = containerAddress.contains(":") ? "[\(containerAddress)]" : containerAddress
        return "\(address):\(containerPort)/\(transport)"
    }
}
