import Foundation
import Testing
@testable import GrassrootsCore

struct CSVTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    private func rows(_ text: String) throws -> [[String]] { try CSV.parse(text).map(\.fields) }

    // MARK: parse

    @Test("Plain records split on commas and line feeds")
    func plain() throws {
        let records = try CSV.parse("姓名,电话\n张三,13812345678\n")
        #expect(records.map(\.fields) == [["姓名", "电话"], ["张三", "13812345678"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("Quoted fields may hold commas")
    func quotedComma() throws {
        #expect(try rows("\"西昌市,凉山州\",2\n") == [["西昌市,凉山州", "2"]])
    }

    @Test("Doubled quotes inside a quoted field are one quote")
    func doubledQuotes() throws {
        #expect(try rows("\"say \"\"hi\"\"\",x\n") == [["say \"hi\"", "x"]])
        #expect(try rows("\"\"\"\"\n") == [["\""]])
    }

    @Test("Quoted fields may hold line breaks, and line numbers count them")
    func quotedNewline() throws {
        let records = try CSV.parse("\"第一行\n第二行\",b\nc,d\n")
        #expect(records.map(\.fields) == [["第一行\n第二行", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [1, 3])
    }

    @Test("CRLF line ends leave no carriage returns in fields")
    func crlf() throws {
        let records = try CSV.parse("a,b\r\nc,d\r\n")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("Blank lines are skipped but still counted")
    func blankLines() throws {
        let records = try CSV.parse("a\n\nb\n")
        #expect(records.map(\.fields) == [["a"], ["b"]])
        #expect(records.map(\.line) == [1, 3])
    }

    @Test("A last record without a line end, trailing empty fields and a quoted empty field are kept")
    func edges() throws {
        #expect(try rows("a,b") == [["a", "b"]])
        #expect(try rows("a,\n") == [["a", ""]])
        #expect(try rows(",,\n") == [["", "", ""]])
        #expect(try rows("\"\"\n") == [[""]])
        #expect(try rows("").isEmpty)
    }

    @Test("A quote in the middle of an unquoted field is literal")
    func midFieldQuote() throws {
        #expect(try rows("ab\"c,d\n") == [["ab\"c", "d"]])
    }

    @Test("An unclosed quote is an error naming the line where the record starts")
    func unclosedQuote() {
        let error = #expect(throws: FieldError.self) { try CSV.parse("a,b\n\"unclosed,c\nmore\n") }
        #expect(error?.field == "file")
        #expect(error?.message.en == "Line 2: a quoted field is not closed")
        #expect(error?.message.zh == "第2行：引号未闭合")
        #expect(throws: FieldError.self) { try CSV.parse("\"abc") }
    }

    @Test("Read in pieces cut anywhere, even inside a quoted field or an escaped quote, a file gives the same records")
    func piecesGiveTheSameRecords() throws {
        let text = "code,name\n\"a\"\"b\",\"多\n行\"\r\n\n513401001000,北城街道\n\"\"\"x\"\"\",\"\"\nlast,row"
        let whole = try CSV.parse(text)
        let bytes = Array(text.utf8)
        for size in 1...bytes.count {
            var reader = CSV.Reader(), got: [CSV.Record] = []
            for start in stride(from: 0, to: bytes.count, by: size) {
                bytes[start..<min(start + size, bytes.count)].withUnsafeBytes { reader.read($0) { got.append($0) } }
            }
            try reader.finish { got.append($0) }
            #expect(got.map(\.fields) == whole.map(\.fields), "pieces of \(size) bytes")
            #expect(got.map(\.line) == whole.map(\.line), "pieces of \(size) bytes")
        }
        #expect(whole.map(\.fields) == [["code", "name"], ["a\"b", "多\n行"], ["513401001000", "北城街道"], ["\"x\"", ""], ["last", "row"]])
        #expect(whole.map(\.line) == [1, 2, 5, 6, 7])
    }

    // MARK: decode

    @Test("UTF-8 without a BOM decodes as is")
    func utf8() throws {
        #expect(try CSV.decode(Data("姓名,电话\n".utf8)) == "姓名,电话\n")
    }

    @Test("A UTF-8 byte-order mark is stripped")
    func bomStripped() throws {
        let data = Data(Self.bom) + Data("姓名,电话\r\n张三,1\r\n".utf8)
        let text = try CSV.decode(data)
        #expect(text == "姓名,电话\r\n张三,1\r\n")
        #expect(!text.unicodeScalars.contains("\u{FEFF}"))
        #expect(try CSV.parse(text).first?.fields.first == "姓名")
    }

    @Test("GB18030 bytes (Chinese Excel's CSV) are decoded")
    func gb18030() throws {
        let data = try #require("西昌市".data(using: CSV.gb18030))
        let expectedBytes: [UInt8] = [0xCE, 0xF7, 0xB2, 0xFD, 0xCA, 0xD0]
        #expect(Array(data) == expectedBytes)
        #expect(String(data: data, encoding: .utf8) == nil)
        #expect(try CSV.decode(data) == "西昌市")
        #expect(try CSV.decode(Data(expectedBytes)) == "西昌市")
    }

    @Test("A GB18030 file parses into Chinese fields")
    func gb18030Document() throws {
        let source = "姓名,地址\r\n张三,\"西昌市长安街道,3号\"\r\n"
        let data = try #require(source.data(using: CSV.gb18030))
        #expect(String(data: data, encoding: .utf8) == nil)
        let records = try CSV.parse(try CSV.decode(data))
        #expect(records.map(\.fields) == [["姓名", "地址"], ["张三", "西昌市长安街道,3号"]])
    }

    // MARK: escape and document

    @Test("escape quotes only fields that need it")
    func escapeQuoting() {
        let cases = [
            ("plain", "plain"),
            ("西昌市", "西昌市"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\rhere", "\"cr\rhere\""),
        ]
        for (raw, escaped) in cases {
            #expect(CSV.escape(raw) == escaped, "\(raw)")
        }
    }

    @Test("escape defuses spreadsheet formulas but leaves signed numbers alone")
    func escapeFormulaGuard() {
        let cases = [
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-", "'-"),
            ("+86 13812345678", "'+86 13812345678"),
            ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
            ("-12.5", "-12.5"),
            ("+86", "+86"),
            ("-3", "-3"),
            ("a=b", "a=b"),
            ("\t=1+2", "'\t=1+2"),
            ("\r=1+2", "\"'\r=1+2\""),
            ("\r\n=cmd", "\"'\r\n=cmd\""),
        ]
        for (raw, escaped) in cases {
            #expect(CSV.escape(raw) == escaped, "\(raw)")
        }
    }

    @Test("document writes a BOM and CRLF line ends")
    func documentShape() {
        let data = CSV.document(header: ["a", "b"], rows: [["1", "2"]])
        #expect(Array(data.prefix(3)) == Self.bom)
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "a,b\r\n1,2\r\n")
    }

    @Test("parse(document()) gives back the same header and rows")
    func roundTrip() throws {
        let header = ["姓名", "身份证号", "备注"]
        let rows = [
            ["张三", "11010519491231002X", "住3单元,2楼"],
            ["李\"小\"四", "", "第一行\n第二行"],
            ["王五", "513401199001091234", "-5"],
            ["", "x", ""],
        ]
        let data = CSV.document(header: header, rows: rows)
        #expect(Array(data.prefix(3)) == Self.bom)
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let records = try CSV.parse(text)
        #expect(records.map(\.fields) == [header] + rows)
        #expect(records.map(\.line) == [1, 2, 3, 5, 6])
        // decode strips the BOM the same way.
        #expect(try CSV.parse(try CSV.decode(data)).map(\.fields) == [header] + rows)
    }

    @Test("A formula survives the round trip only as inert text")
    func roundTripFormula() throws {
        let data = CSV.document(header: ["name"], rows: [["=1+1"], ["=HYPERLINK(\"x\")"]])
        let records = try CSV.parse(try CSV.decode(data))
        #expect(records.map(\.fields) == [["name"], ["'=1+1"], ["'=HYPERLINK(\"x\")"]])
    }

    // MARK: header

    static let aliases: [String: [String]] = [
        "name": ["姓名", "名字"],
        "id_number": ["身份证号", "公民身份号码"],
        "phone": ["电话", "联系电话"],
        "note": ["备注"],
    ]

    @Test("Columns may be named in Chinese or English, in any order and case")
    func headerAliases() {
        let header = CSVHeader([" 联系电话 ", "其他", "公民身份号码", "Name"], aliases: Self.aliases)
        #expect(header.missing(["name", "id_number", "phone", "note"]) == ["note"])
        let row = ["138 1234 5678", "x", " 11010519491231002X ", "  张三 "]
        #expect(header.value("name", in: row) == "张三")
        #expect(header.value("id_number", in: row) == "11010519491231002X")
        #expect(header.value("phone", in: row) == "138 1234 5678")
        #expect(header.value("note", in: row) == nil)
    }

    @Test("Empty cells and short rows give nil")
    func headerEmptyAndShort() {
        let header = CSVHeader(["姓名", "电话", "备注"], aliases: Self.aliases)
        #expect(header.missing(["name", "phone", "note", "id_number"]) == ["id_number"])
        #expect(header.value("phone", in: ["张三", "   ", "x"]) == nil)
        #expect(header.value("note", in: ["张三"]) == nil)
        #expect(header.value("name", in: ["张三"]) == "张三")
    }

    @Test("An unrelated header lacks every required column")
    func headerMissing() {
        let header = CSVHeader(["foo", "bar"], aliases: Self.aliases)
        #expect(header.missing(["name", "phone"]) == ["name", "phone"])
        #expect(header.missing([]).isEmpty)
    }
}
