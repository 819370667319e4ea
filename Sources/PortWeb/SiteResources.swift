import Foundation
import PortKnowledge

/// The files the site ships: its strings per language, its stylesheet and its OpenAPI document.
public struct SiteResources: Sendable {
    public let languages: Languages
    /// `/assets/site.css`.
    public let stylesheet: String
    /// `/openapi.json`.
    public let openAPI: String
    /// `/favicon.ico`: the atlas in a 4 × 4 grid, 16 and 32 pixels (PNGs inside an ICO).
    public let favicon: [UInt8]

    /// Loads every resource from `folder` (default: the bundle beside the executable, `PORTATLAS_WEB_DIR`, or
    /// `../share/portatlas/web`). Fails loudly at start-up, never in a request.
    /// - Throws: `WebError.missingResource` naming what is missing, or `.malformedStrings`.
    public static func load(folder: String? = SiteResources.defaultFolder()) throws(WebError) -> SiteResources {
        guard let folder else { throw .missingResource("portatlas_PortWeb.resources/Resources (or $PORTATLAS_WEB_DIR)") }
        func read(_ name: String) throws(WebError) -> String {
            guard let text = try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8) else {
                throw .missingResource("\(folder)/\(name)")
            }
            return text
        }
        func bytes(_ name: String) throws(WebError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { throw .missingResource("\(folder)/\(name)") }
            return Array(data)
        }
        return SiteResources(
            languages: try Languages.load(folder: "\(folder)/Strings"),
            stylesheet: try read("Assets/site.css"),
            openAPI: try read("Assets/openapi.json"),
            favicon: try bytes("Assets/favicon.ico")
        )
    }

    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let folder = environment["PORTATLAS_WEB_DIR"], !folder.isEmpty { return folder }
        return BundledResources.folder(module: "PortWeb", path: "Resources", shared: "web")
    }
}
