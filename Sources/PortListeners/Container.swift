/// A container a process runs in, as its control group names it.
public struct Container: Sendable, Hashable {
    /// The engine: `docker`, `podman`, `containerd` or `crio`.
    public var runtime: String
    /// The container's id, as long as the cgroup gives it.
    public var id: String

    public init(runtime: String, id: String) {
        self.runtime = runtime
        self.id = id
    }

    /// The id as the engines' tools print it: its first 12 characters.
    public var shortID: String { String(id.prefix(12)) }
}

/// Reads `/proc/PID/cgroup`: which systemd unit, or which container, a process runs in.
public enum ControlGroup {
    /// The systemd service the cgroup paths name (their last `*.service` component), if any.
    ///
    /// `0::/system.slice/cups.service` is `cups.service`; a user's own services are found under
    /// `user@1000.service/app.slice/…`, so the last one wins. Session scopes name no service.
    public static func unit(in text: String) -> String? {
        var unit: String?
        for path in paths(in: text) {
            for component in path.split(separator: "/") where component.hasSuffix(".service") {
                unit = String(component)
            }
        }
        // A process right under a user's service manager runs in no service of its own.
        return unit?.hasPrefix("user@") == true ? nil : unit
    }

    /// Whether the unit `unit(in:)` finds is a user's own service (`systemctl --user`): one under `user@UID.service`.
    public static func isUserUnit(in text: String) -> Bool {
        guard unit(in: text) != nil else { return false }
        return paths(in: text).contains { $0.split(separator: "/").contains { $0.hasPrefix("user@") && $0.hasSuffix(".service") } }
    }

    /// The container the cgroup paths name: `docker-<id>.scope` or `/docker/<id>` (Docker), `libpod-<id>.scope`
    /// (Podman), `cri-containerd-<id>.scope` (containerd), `crio-<id>.scope` (CRI-O).
    public static func container(in text: String) -> Container? {
        let scopes = [("docker-", "docker"), ("libpod-", "podman"), ("cri-containerd-", "containerd"), ("crio-", "crio")]
        for path in paths(in: text) {
            let components = path.split(separator: "/").map(String.init)
            for (index, component) in components.enumerated() {
                for (prefix, runtime) in scopes where component.hasPrefix(prefix) && component.hasSuffix(".scope") {
                    let id = String(component.dropFirst(prefix.count).dropLast(6))
                    if isContainerID(id) { return Container(runtime: runtime, id: id) }
                }
                if component == "docker", index + 1 < components.count, isContainerID(components[index + 1]) {
                    return Container(runtime: "docker", id: components[index + 1])
                }
            }
        }
        return nil
    }

    /// The paths of each line, `hierarchy:controllers:path`.
    static func paths(in text: String) -> [Substring] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            return parts.count == 3 ? parts[2] : nil
        }
    }

    /// 64 lowercase hex digits, as engines name containers.
    static func isContainerID(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
