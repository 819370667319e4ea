import Foundation
import Logging
import PortStore
import ServiceLifecycle

/// Runs the vote store's connections and, every `interval`, `SitePages.checkVotes()`: pages whose tallies
/// another replica changed are dropped, and a database that went away (or came back) is noticed within a
/// second, so `/healthz` and the vote form say so. Expired client keys are deleted every minute.
public struct VoteWatcher: Service {
    let pages: SitePages
    let logger: Logger
    let interval: Duration

    public init(pages: SitePages, logger: Logger, interval: Duration = .seconds(1)) {
        self.pages = pages
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            let votes = pages.votes
            group.addTask { await votes.run() }
            // Until the server shuts down; then the store's connections close.
            await cancelWhenGracefulShutdown { await watch() }
            group.cancelAll()
        }
    }

    func watch() async {
        var wasAvailable: Bool?
        var lastSweep = ContinuousClock.now
        while !Task.isCancelled {
            await pages.checkVotes()
            let available = pages.votesAvailable
            if available != wasAvailable {
                if available {
                    logger.info("votes available", metadata: ["votes": "\(pages.votes.description)"])
                } else {
                    logger.warning("votes unavailable: voting is paused", metadata: ["votes": "\(pages.votes.description)"])
                }
                wasAvailable = available
            }
            if available, ContinuousClock.now - lastSweep > .seconds(60) {
                lastSweep = .now
                _ = try? await pages.votes.forgetExpiredClientKeys(now: Date())
            }
            try? await Task.sleep(for: interval)
        }
    }
}
