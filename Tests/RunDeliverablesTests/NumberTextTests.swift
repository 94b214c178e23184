@testable import RunDeliverables
import Testing

@Suite struct NumberTextTests {
    @Test func fixedPrecisionIsExactAndSigned() {
        #expect(NumberText.fixed(0.73125, places: 3) == "0.731")
        #expect(NumberText.fixed(-0.0004, places: 3) == "0.000")
        #expect(NumberText.fixed(-1.25, places: 1) == "-1.3")
        #expect(NumberText.fixed(12, places: 0) == "12")
        #expect(NumberText.fixed(.nan, places: 2) == "—" && NumberText.fixed(.infinity, places: 2) == "—")
        #expect(NumberText.fixed(1e300, places: 2) == "1e+300")
        #expect(NumberText.signed(0.0125, places: 3) == "+0.013")
        #expect(NumberText.signed(-0.004, places: 3) == "-0.004")
        #expect(NumberText.signed(0.00001, places: 3) == "0.000")
    }

    @Test func countsMoneyAndDurations() {
        #expect(NumberText.grouped(0) == "0" && NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(1234567) == "1,234,567" && NumberText.grouped(-12345) == "-12,345")
        #expect(NumberText.usd(0.15) == "$0.1500")
        #expect(NumberText.duration(milliseconds: 850) == "850 ms")
        #expect(NumberText.duration(milliseconds: 12_345) == "12.3 s")
        #expect(NumberText.duration(milliseconds: 245_000) == "4 min 05 s")
        #expect(NumberText.duration(milliseconds: 7_380_000) == "2 h 03 min")
    }
}
