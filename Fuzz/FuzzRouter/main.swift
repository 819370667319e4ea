import Dispatch
import HTTPTypes

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRouter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var status: HTTPResponse.Status?
    Task {
        status = await harness.respond(to: input)
        done.signal()
    }
    done.wait()
    if let status { precondition(status.code < 500, "the server answered \(status) to \(input)") }
    return 0
}
