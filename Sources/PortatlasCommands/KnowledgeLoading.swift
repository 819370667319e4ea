import Foundation
import PortKnowledge
import PortStore

/// The curated knowledge a command answers from: the bundled files, the config folder's and `--knowledge`
/// paths, through the knowledge index in the cache folder.
/// - Throws: `KnowledgeError` for a `--knowledge` path that does not exist or a malformed file.
func loadKnowledge(extra: [String]) throws -> any CuratedKnowledge {
    // The environment once: each read of it builds a dictionary.
    let environment = ProcessInfo.processInfo.environment
    let sources = KnowledgeBase.Sources(
        bundledFolder: KnowledgeBase.bundledFolder(environment: environment),
        configFolder: KnowledgeBase.configFolder(environment: environment),
        extra: extra
    )
    return try KnowledgeIndex.load(sources, cacheFolder: KnowledgeIndex.cacheFolder(environment: environment))
}
