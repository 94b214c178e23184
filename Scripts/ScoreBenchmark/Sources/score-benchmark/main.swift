import Foundation
import LosslessJSON

let path = CommandLine.arguments[1]
let data = try Data(contentsOf: URL(fileURLWithPath: path))
let bytes = [UInt8](data)
var times: [Double] = []
for _ in 0..<15 {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let v = try JSONParser().parse(bytes)
    let t1 = DispatchTime.now().uptimeNanoseconds
    times.append(Double(t1 - t0) / 1e6)
    _ = v
}
times.sort()
print("parse median \(times[times.count/2]) ms")
var w: [Double] = []
let v = try JSONParser().parse(bytes)
for _ in 0..<9 { let t0 = DispatchTime.now().uptimeNanoseconds; _ = JSONWriter.gtmExport.bytes(of: v); w.append(Double(DispatchTime.now().uptimeNanoseconds - t0)/1e6) }
w.sort(); print("write median \(w[4]) ms")
