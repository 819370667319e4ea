import Foundation

extension RegistryError: LocalizedError {
    public var errorDescription: String? { description }
}
