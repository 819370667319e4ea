import Foundation
import PortRegistry

/// Waits until a port is ready: until something listens on it, or until it can be bound again.
public struct PortWait: Sendable {
    /// What to wait for.
    public enum Condition: String, Sendable, Hashable {
        /// A connection succeeds (TCP), or a socket is bound on the port here (UDP).
        case listening
        /// A bind succeeds.
        case free
    }

    /// One look at the port.
    public struct Observation: Sendable, Hashable {
        /// Whether the condition holds.
        public var isMet: Bool
        /// The connection attempts made (`listening`, TCP).
        public var attempts: [PortProbe.Attempt]
        /// The binds that failed (`free`).
        public var bindFailures: [PortProbe.BindFailure]
        /// TCP sockets in TIME_WAIT on the port, when the socket table can be read (`free`, TCP).
        public var timeWait: Int?
        /// The listeners on the port here (`free`, and `listening` over UDP).
        public var listeners: [Listener]
        /// Why the condition does not hold yet, in plain words; `nil` once it does.
        public var waitingFor: String?
    }

    /// What a wait ended with.
    public struct Outcome: Sendable {
        /// Whether the condition held before the timeout.
        public var isMet: Bool
        /// How long the wait took, in seconds.
        public var elapsed: Double
        /// How many times the port was looked at.
        public var checks: Int
        /// The last look.
        public var last: Observation
    }

    public var port: UInt16
    public var condition: Condition
    public var transport: TransportProtocol
    /// The host to connect to (`listening`); `localhost` by default.
    public var host: String
    /// The longest wait, in seconds.
    public var timeout: Double
    /// The pause between looks, in seconds.
    public var interval: Double
    let scanner: ListenerScanner

    public init(
        port: UInt16,
        condition: Condition,
        transport: TransportProtocol = .tcp,
        host: String = "localhost",
        timeout: Double = 30,
        interval: Double = 0.25,
        scanner: ListenerScanner = ListenerScanner()
    ) {
        self.port = port
        self.condition = condition
        self.transport = transport
        self.host = host
        self.timeout = timeout
        self.interval = interval
        self.scanner = scanner
    }

    /// Looks at the port once.
    public func observe() -> Observation {
        switch (condition, transport) {
        case (.listening, .udp):
            // UDP has no handshake: a bound socket here is what "listening" can mean.
            let listeners = scanner.listeners(on: port).filter { $0.transport == .udp }
            return Observation(
                isMet: !listeners.isEmpty,
                attempts: [],
                bindFailures: [],
                timeWait: nil,
                listeners: listeners,
                waitingFor: listeners.isEmpty ? "no UDP socket is bound to port \(port) here" : nil
            )
        case (.listening, _):
            let attempts = PortProbe.connect(host: host, port: port, timeout: min(1, max(interval, 0.2)))
            let met = attempts.contains { $0.connected }
            let tried = attempts.map { "\($0.address) (\($0.error ?? "refused"))" }.joined(separator: ", ")
            return Observation(
                isMet: met,
                attempts: attempts,
                bindFailures: [],
                timeWait: nil,
                listeners: [],
                waitingFor: met ? nil : attempts.isEmpty ? "\(host) does not resolve" : "no connection to port \(port) on \(tried)"
            )
        case (.free, _):
            let failures = PortProbe.bindFailures(port: port, transport: transport)
            guard !failures.isEmpty else {
                return Observation(isMet: true, attempts: [], bindFailures: [], timeWait: nil, listeners: [], waitingFor: nil)
            }
            let listeners = scanner.listeners(on: port).filter { $0.transport == transport }
            let timeWait = transport == .tcp ? PortProbe.timeWaitCount(port: port) : nil
            let reason: String
            if let holder = listeners.first {
                let who = holder.processes.first.map { "\($0.command) (pid \($0.pid))" } ?? "a process of \(holder.user ?? "uid \(holder.uid)")"
                reason = "\(who) listens on \(holder.endpoint)"
            } else if let timeWait, timeWait > 0 {
                reason =
                    "\(timeWait) connection\(timeWait == 1 ? "" : "s") in TIME_WAIT still hold\(timeWait == 1 ? "s" : "") port \(port): the kernel keeps a closed connection about a minute; a server that sets SO_REUSEADDR can bind now"
            } else {
                reason = "binding \(failures.map { "\($0.address) fails: \($0.error)" }.joined(separator: "; "))"
            }
            return Observation(isMet: false, attempts: [], bindFailures: failures, timeWait: timeWait, listeners: listeners, waitingFor: reason)
        }
    }

    /// Looks at the port until the condition holds or `timeout` passes, calling `progress` after each look
    /// that finds it not yet met.
    public func run(progress: (Observation, Double) -> Void = { _, _ in }) -> Outcome {
        let start = Date()
        var checks = 0
        while true {
            let observation = observe()
            checks += 1
            let elapsed = Date().timeIntervalSince(start)
            if observation.isMet || elapsed >= timeout {
                return Outcome(isMet: observation.isMet, elapsed: elapsed, checks: checks, last: observation)
            }
            progress(observation, elapsed)
            Thread.sleep(forTimeInterval: min(interval, max(0, timeout - elapsed)))
        }
    }
}
