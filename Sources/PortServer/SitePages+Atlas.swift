import PortKnowledge
import PortRegistry
import PortReport
import PortStore
import PortWeb

extension SitePages {
    /// The atlas of the current registry version, made once per version (the knowledge is fixed for the
    /// server's life, so once per version is once per registry and knowledge version); `nil` before any import.
    public func atlas() throws(StoreError) -> PortAtlas? {
        guard let version = try readers.reader.currentVersion() else { return nil }
        return try loaded.derived("atlas", version: version.id) { () throws(StoreError) -> PortAtlas? in
            guard let (document, _) = try current() else { return nil }
            return PortAtlas(entries: document.entries, facts: knowledge.facts)
        }
    }

    /// The block of the atlas around `port` in `language`, rendered once per block, language and registry
    /// version and kept (1,024 blocks a language, about 7 KB each): its 64 port pages share it.
    func atlasBlock(containing port: UInt16, _ language: Language) throws(StoreError) -> AtlasBlock? {
        guard let version = try readers.reader.currentVersion(), let atlas = try atlas() else { return nil }
        let key = "\(language.code)|\(Int(port) / (Site.blockSide * Site.blockSide))"
        return loaded.block(key, version: version.id) { site.atlasBlock(atlas, containing: port, language: language) }
    }

    /// `/{lang}/atlas`: the whole port space as one picture, rendered once per registry version and kept.
    public func atlasPage(_ language: Language) throws(StoreError) -> Page {
        guard let atlas = try atlas() else { return notFound(language("footer.noRegistry"), language) }
        return try cached("\(language.code)|/atlas") { () throws(StoreError) in
            Page(body: site.atlasPage(atlas, registry: try currentSource(), language: language))
        }
    }

    /// What the home page shows of the current registry: the popular ports named, the atlas, and what the
    /// last import changed when the store holds an earlier version.
    func homeFacts() throws(StoreError) -> Site.HomeFacts {
        let reader = readers.reader
        guard let version = try reader.currentVersion() else { return Site.HomeFacts() }
        let popular = try loaded.derived("popular", version: version.id) { () throws(StoreError) -> PopularPorts? in
            guard let (document, _) = try current() else { return nil }
            return PopularPorts(entries: document.entries, knowledge: knowledge, nmapServices: nmapServices)
        }
        let changes = try loaded.derived("changes", version: version.id) { () throws(StoreError) -> Site.LatestChanges? in
            // The version imported before the current one: the last update's starting point.
            guard let older = try reader.versions().last(where: { $0.id < version.id }), let (document, _) = try current() else { return nil }
            let diff = RegistryDiff(from: try reader.allEntries(version: older.id), to: document.entries)
            return Site.LatestChanges(older: older.updated ?? "—", newer: version.updated ?? "—", diff: diff)
        }
        return Site.HomeFacts(popular: popular, atlas: try atlas(), changes: changes)
    }
}
