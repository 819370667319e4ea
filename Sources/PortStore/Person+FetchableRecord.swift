import GRDB
import PortRegistry

extension Person: FetchableRecord {
    public init(row: Row) {
        self.init(id: row["id"], name: row["name"], organization: row["organization"], uri: row["uri"], updated: row["updated"])
    }
}
