import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import GrassrootsCore
import Testing

/// CAP 1.2: the spec's own Appendix A examples and a Chinese drill read as expected, broken documents name every bad
/// field at once, hostile XML is refused, and what the writer produces reads back unchanged.
@Suite struct CAPTests {
    // MARK: - Documents (Appendix A of OASIS CAP 1.2, transcribed; spacing inside the spec's XML declaration kept)

    static let homelandSecurity = """
        <?xml version = "1.0" encoding = "UTF-8"?>
        <alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>43b080713727</identifier>
          <sender>hsas@dhs.gov</sender>
          <sent>2003-04-02T14:39:01-05:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <category>Security</category>
            <event>Homeland Security Advisory System Update</event>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Likely</certainty>
            <senderName>U.S. Government, Department of Homeland Security</senderName>
            <headline>Homeland Security Sets Code ORANGE</headline>
            <description>The Department of Homeland Security has elevated the Homeland Security Advisory System threat level to ORANGE / High in response to intelligence which may indicate a heightened threat of terrorism.</description>
            <instruction> A High Condition is declared when there is a high risk of terrorist attacks. In addition to the Protective Measures taken in the previous Threat Condition, Federal departments and agencies should consider agency-specific Protective Measures in accordance with their existing plans.</instruction>
            <web>http://www.dhs.gov/dhspublic/display?theme=29</web>
            <parameter>
              <valueName>HSAS</valueName>
              <value>ORANGE</value>
            </parameter>
            <resource>
              <resourceDesc>Image file (GIF)</resourceDesc>
              <mimeType>image/gif</mimeType>
              <uri>http://www.dhs.gov/dhspublic/getAdvisoryImage</uri>
            </resource>
            <area>
              <areaDesc>U.S. nationwide and interests worldwide</areaDesc>
            </area>
          </info>
        </alert>
        """

    static let thunderstorm = """
        <?xml version = "1.0" encoding = "UTF-8"?>
        <alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>KSTO1055887203</identifier>
          <sender>KSTO@NWS.NOAA.GOV</sender>
          <sent>2003-06-17T14:57:00-07:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <category>Met</category>
            <event>SEVERE THUNDERSTORM</event>
            <responseType>Shelter</responseType>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Observed</certainty>
            <eventCode>
              <valueName>SAME</valueName>
              <value>SVR</value>
            </eventCode>
            <expires>2003-06-17T16:00:00-07:00</expires>
            <senderName>NATIONAL WEATHER SERVICE SACRAMENTO CA</senderName>
            <headline>SEVERE THUNDERSTORM WARNING</headline>
            <description> AT 254 PM PDT...NATIONAL WEATHER SERVICE DOPPLER RADAR INDICATED A SEVERE THUNDERSTORM OVER SOUTH CENTRAL ALPINE COUNTY...OR ABOUT 18 MILES SOUTHEAST OF KIRKWOOD...MOVING SOUTHWEST AT 5 MPH. HAIL...INTENSE RAIN AND STRONG DAMAGING WINDS ARE LIKELY WITH THIS STORM.</description>
            <instruction>TAKE COVER IN A SUBSTANTIAL SHELTER UNTIL THE STORM PASSES.</instruction>
            <contact>BARUFFALDI/JUSKIE</contact>
            <area>
              <areaDesc>EXTREME NORTH CENTRAL TUOLUMNE COUNTY IN CALIFORNIA, EXTREME NORTHEASTERN CALAVERAS COUNTY IN CALIFORNIA, SOUTHWESTERN ALPINE COUNTY IN CALIFORNIA</areaDesc>
              <polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>
              <geocode>
                <valueName>SAME</valueName>
                <value>006109</value>
              </geocode>
              <geocode>
                <valueName>SAME</valueName>
                <value>006009</value>
              </geocode>
              <geocode>
                <valueName>SAME</valueName>
                <value>006003</value>
              </geocode>
            </area>
          </info>
        </alert>
        """

    /// The spec's A.3 is itself an Update: revision .2 of the event, referring to the first report .1.
    static let earthquakeUpdate = """
        <?xml version = "1.0" encoding = "UTF-8"?>
        <alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>TRI13970876.2</identifier>
          <sender>trinet@caltech.usgs.gov</sender>
          <sent>2003-06-11T20:56:00-07:00</sent>
          <status>Actual</status>
          <msgType>Update</msgType>
          <scope>Public</scope>
          <references>trinet@caltech.usgs.gov,TRI13970876.1,2003-06-11T20:30:00-07:00</references>
          <info>
            <category>Geo</category>
            <event>Earthquake</event>
            <urgency>Past</urgency>
            <severity>Minor</severity>
            <certainty>Observed</certainty>
            <senderName>Southern California Seismic Network (TriNet) operated by Caltech and USGS</senderName>
            <headline>EQ 3.4 Imperial County CA</headline>
            <description>A minor earthquake measuring 3.4 on the Richter scale occurred near Brawley, California at 8:30 PM Pacific Daylight Time on Wednesday, June 11, 2003. (This event has now been reviewed by a seismologist)</description>
            <web>http://www.trinet.org/scsn/scsn.html</web>
            <parameter><valueName>EventID</valueName><value>13970876</value></parameter>
            <parameter><valueName>Version</valueName><value>1</value></parameter>
            <parameter><valueName>Magnitude</valueName><value>3.4 Ml</value></parameter>
            <parameter><valueName>Depth</valueName><value>11.8 mi.</value></parameter>
            <parameter><valueName>Quality</valueName><value>Excellent</value></parameter>
            <area>
              <areaDesc>1 mi. WSW of Brawley, CA; 11 mi. N of El Centro, CA; 30 mi. E of OCOTILLO (quarry); 1 mi. N of the Imperial Fault</areaDesc>
              <circle>32.9525,-115.5527 0</circle>
            </area>
          </info>
        </alert>
        """

    /// The first report the update refers to (not printed in the spec; rebuilt from the update's references).
    static let earthquakeFirst = earthquakeUpdate
        .replacingOccurrences(of: "<identifier>TRI13970876.2</identifier>", with: "<identifier>TRI13970876.1</identifier>")
        .replacingOccurrences(of: "<sent>2003-06-11T20:56:00-07:00</sent>", with: "<sent>2003-06-11T20:30:00-07:00</sent>")
        .replacingOccurrences(of: "<msgType>Update</msgType>", with: "<msgType>Alert</msgType>")
        .replacingOccurrences(of: "  <references>trinet@caltech.usgs.gov,TRI13970876.1,2003-06-11T20:30:00-07:00</references>\n", with: "")

    /// A 凉山州 red rainstorm warning for 西昌市, issued as a drill, in Chinese.
    static let xichangDrill = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>51340041600000_20261129080000</identifier>
          <sender>lsz-qxt@example.cn</sender>
          <sent>2026-11-29T08:00:00+08:00</sent>
          <status>Exercise</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <note>防汛应急演练，非真实预警</note>
          <info>
            <language>zh-CN</language>
            <category>Met</category>
            <event>暴雨红色预警</event>
            <responseType>Evacuate</responseType>
            <responseType>Shelter</responseType>
            <urgency>Immediate</urgency>
            <severity>Extreme</severity>
            <certainty>Very Likely</certainty>
            <effective>2026-11-29T08:00:00+08:00</effective>
            <expires>2026-11-30T08:00:00+08:00</expires>
            <senderName>凉山州气象台</senderName>
            <headline>【演练】凉山州气象台发布暴雨红色预警</headline>
            <description>预计未来3小时西昌市城区及邛海周边降雨量将达100毫米以上，山洪、泥石流风险极高。</description>
            <instruction>请沿河、沿沟及地质灾害隐患点群众立即转移至安置点；网格员逐户通知到位。</instruction>
            <area>
              <areaDesc>西昌市城区及邛海周边</areaDesc>
              <polygon>27.80,102.15 27.80,102.40 28.00,102.40 28.00,102.15 27.80,102.15</polygon>
              <circle>27.8946,102.2644 5</circle>
              <geocode>
                <valueName>统计用区划代码</valueName>
                <value>513401001000</value>
              </geocode>
            </area>
          </info>
        </alert>
        """

    static let cancel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>51340041600000_20261129120000</identifier>
          <sender>lsz-qxt@example.cn</sender>
          <sent>2026-11-29T12:00:00+08:00</sent>
          <status>Actual</status>
          <msgType>Cancel</msgType>
          <scope>Public</scope>
          <note>降雨减弱，解除暴雨预警</note>
          <references>lsz-qxt@example.cn,51340041600000_20261129080000,2026-11-29T08:00:00+08:00
            lsz-qxt@example.cn,51340041600000_20261129100000,2026-11-29T10:00:00+08:00</references>
        </alert>
        """

    // MARK: - Helpers

    static func parse(_ xml: String) throws -> CAPAlert { try CAPParser.parse(Data(xml.utf8)) }

    /// The validation error a document raises, or nil (recorded as a test issue) when it is accepted.
    static func failure(_ xml: String) -> ValidationError? {
        do { _ = try parse(xml); Issue.record("expected the document to be refused"); return nil } catch let error as ValidationError { return error } catch {
            Issue.record("unexpected \(error)"); return nil
        }
    }

    static func fieldsOf(_ xml: String) -> Set<String> { Set(failure(xml)?.errors.map(\.field) ?? []) }

    /// The Xichang drill with one text swapped, to make each broken variant.
    static func drill(_ from: String, _ to: String) -> String {
        precondition(xichangDrill.contains(from), "fixture lacks \(from)")
        return xichangDrill.replacingOccurrences(of: from, with: to)
    }

    // MARK: - Reading

    @Test func readsHomelandSecurityAdvisory() throws {
        let alert = try Self.parse(Self.homelandSecurity)
        #expect(alert.identifier == "43b080713727" && alert.sender == "hsas@dhs.gov")
        #expect(alert.sent == Date(timeIntervalSince1970: 1_049_312_341))  // 2003-04-02T19:39:01Z
        #expect(alert.status == .actual && alert.msgType == .alert && alert.scope == .public && !alert.isExercise)
        let info = try #require(alert.infos.first)
        #expect(info.language == "en-US" && info.categories == [.security] && info.certainty == .likely && info.severity == .severe)
        #expect(info.parameters == [CAPValuePair(valueName: "HSAS", value: "ORANGE")])
        #expect(info.resources == [CAPResource(resourceDesc: "Image file (GIF)", mimeType: "image/gif", uri: "http://www.dhs.gov/dhspublic/getAdvisoryImage")])
        #expect(info.instruction?.hasPrefix(" A High Condition") == true)  // free text is kept as written
        #expect(info.areas.map(\.areaDesc) == ["U.S. nationwide and interests worldwide"] && !info.areas[0].contains(latitude: 38.9, longitude: -77))
    }

    @Test func readsThunderstormPolygonAsLonLat() throws {
        let alert = try Self.parse(Self.thunderstorm)
        let info = try #require(alert.infos.first), area = try #require(info.areas.first)
        #expect(info.responseTypes == ["Shelter"] && info.eventCodes == [CAPValuePair(valueName: "SAME", value: "SVR")])
        #expect(info.expires == CAPDateTime.parse("2003-06-17T23:00:00+00:00"))
        #expect(area.polygons.first?.rings.first?.first == [-120.14, 38.47] && area.polygons[0].rings[0].count == 5)
        #expect(alert.geocodes(named: "SAME") == ["006109", "006009", "006003"] && alert.geocodes(named: "FIPS").isEmpty)
        #expect(area.contains(latitude: 38.48, longitude: -119.9))
        #expect(!area.contains(latitude: 38.3, longitude: -120.1) && !area.contains(latitude: 38.48, longitude: 119.9))
    }

    @Test func readsEarthquakeUpdateAndItsReference() throws {
        let first = try Self.parse(Self.earthquakeFirst), update = try Self.parse(Self.earthquakeUpdate)
        #expect(first.msgType == .alert && first.references.isEmpty && update.msgType == .update)
        let reference = try #require(update.references.first)
        #expect(update.references.count == 1)
        #expect(reference == CAPReference(sender: "trinet@caltech.usgs.gov", identifier: "TRI13970876.1", sent: "2003-06-11T20:30:00-07:00"))
        #expect(reference.sender == first.sender && reference.identifier == first.identifier && CAPDateTime.parse(reference.sent) == first.sent)
        let info = try #require(update.infos.first)
        #expect(info.parameters.map(\.valueName) == ["EventID", "Version", "Magnitude", "Depth", "Quality"] && info.urgency == .past)
        let area = try #require(info.areas.first)
        #expect(area.circles == [CAPCircle(latitude: 32.9525, longitude: -115.5527, radiusKm: 0)])
        #expect(area.contains(latitude: 32.9525, longitude: -115.5527) && !area.contains(latitude: 32.96, longitude: -115.5527))
    }

    @Test func readsChineseDrill() throws {
        let alert = try Self.parse(Self.xichangDrill)
        #expect(alert.isExercise && alert.note == "防汛应急演练，非真实预警")
        #expect(alert.sent == CAPDateTime.parse("2026-11-29T00:00:00-00:00"))  // "-00:00" is UTC
        let info = try #require(alert.infos.first)
        #expect(info.language == "zh-CN" && info.event == "暴雨红色预警" && info.severity == .extreme)
        #expect(info.certainty == .likely)  // the deprecated "Very Likely"
        #expect(info.responseTypes == ["Evacuate", "Shelter"] && info.senderName == "凉山州气象台")
        #expect(alert.geocodes(named: "统计用区划代码") == ["513401001000"])
        let area = try #require(info.areas.first)
        #expect(area.contains(latitude: 27.9, longitude: 102.26))  // 西昌 city centre, in the polygon
        #expect(!area.contains(latitude: 28.1, longitude: 102.26) && !area.contains(latitude: 26.6, longitude: 101.7))  // north of it; 攀枝花
        let circle = try #require(area.circles.first)
        #expect(circle.contains(latitude: 27.93, longitude: 102.2644) && !circle.contains(latitude: 27.95, longitude: 102.2644))  // ≈3.9 km in, ≈6.1 km out
    }

    @Test func readsCancelWithSeveralReferences() throws {
        let alert = try Self.parse(Self.cancel)
        #expect(alert.msgType == .cancel && alert.infos.isEmpty)
        #expect(alert.references.map(\.identifier) == ["51340041600000_20261129080000", "51340041600000_20261129100000"])
        #expect(alert.references[0].sent == "2026-11-29T08:00:00+08:00")
        let cdata = try Self.parse(Self.drill("<headline>【演练】凉山州气象台发布暴雨红色预警</headline>", "<headline><![CDATA[<红色> & 暴雨]]></headline>"))
        #expect(cdata.infos.first?.headline == "<红色> & 暴雨")  // many feeds wrap free text in CDATA
    }

    // MARK: - Refusing

    @Test func namesEachBrokenField() {
        #expect(Self.fieldsOf(Self.drill("  <sent>2026-11-29T08:00:00+08:00</sent>\n", "")) == ["alert.sent"])
        let badDate = Self.failure(Self.drill("<sent>2026-11-29T08:00:00+08:00</sent>", "<sent>2026-11-29 08:00</sent>"))
        #expect(badDate?.errors.map(\.field) == ["alert.sent"])
        #expect(badDate?.errors.first?.message.zh.contains("2026-11-29T08:00:00+08:00") == true)
        #expect(Self.fieldsOf(Self.drill("<sent>2026-11-29T08:00:00+08:00</sent>", "<sent>2026-11-29T00:00:00Z</sent>")) == ["alert.sent"])
        #expect(Self.fieldsOf(Self.drill("<expires>2026-11-30T08:00:00+08:00", "<expires>2026-02-30T08:00:00+08:00")) == ["info[1].expires"])
        #expect(Self.fieldsOf(Self.drill("<severity>Extreme</severity>", "<severity>Catastrophic</severity>")) == ["info[1].severity"])
        #expect(Self.fieldsOf(Self.drill("<msgType>Alert</msgType>", "<msgType>Update</msgType>")) == ["alert.references"])
        #expect(Self.fieldsOf(Self.drill("<scope>Public</scope>", "<scope>Restricted</scope>")) == ["alert.restriction"])
        #expect(Self.fieldsOf(Self.drill("<scope>Public</scope>", "<scope>Private</scope>")) == ["alert.addresses"])
        #expect(Self.fieldsOf(Self.drill("<identifier>51340041600000_", "<identifier>5134 0041600000_")) == ["alert.identifier"])
        #expect(Self.fieldsOf(Self.drill("<sender>lsz-qxt@", "<sender>lsz,qxt@")) == ["alert.sender"])
        #expect(Self.fieldsOf(Self.cancel.replacingOccurrences(of: "<references>lsz-qxt@example.cn,", with: "<references>")) == ["alert.references"])
        let polygon = "27.80,102.15 27.80,102.40 28.00,102.40 28.00,102.15 27.80,102.15"
        let field: Set = ["info[1].area[1].polygon"]
        #expect(Self.fieldsOf(Self.drill(polygon, "27.80,102.15 27.80,102.40 27.80,102.15")) == field)  // three points
        #expect(Self.fieldsOf(Self.drill(polygon, "27.80,102.15 27.80,102.40 28.00,102.40 28.00,102.15")) == field)  // not closed
        #expect(Self.fieldsOf(Self.drill(polygon, "95.0,102.15 27.80,102.40 28.00,102.40 95.0,102.15")) == field)  // latitude 95
        #expect(Self.fieldsOf(Self.drill("<circle>27.8946,102.2644 5", "<circle>95,102.2644 5")) == ["info[1].area[1].circle"])
    }

    @Test func reportsEveryProblemTogether() throws {
        let broken = Self.drill("  <sent>2026-11-29T08:00:00+08:00</sent>\n", "")
            .replacingOccurrences(of: "<msgType>Alert</msgType>", with: "<msgType>Update</msgType>")
            .replacingOccurrences(of: "<severity>Extreme</severity>", with: "<severity>Catastrophic</severity>")
            .replacingOccurrences(of: "<category>Met</category>", with: "")
            .replacingOccurrences(of: "<areaDesc>西昌市城区及邛海周边</areaDesc>", with: "")
            .replacingOccurrences(of: "27.80,102.15 27.80,102.40 28.00,102.40", with: "27.80,102.15 95,102.40 28.00,102.40")
            .replacingOccurrences(of: "</info>", with: "</info><info><event>第二条</event></info>")
        let error = try #require(Self.failure(broken))
        #expect(Set(error.errors.map(\.field)) == [
            "alert.sent", "alert.references", "info[1].severity", "info[1].category", "info[1].area[1].areaDesc", "info[1].area[1].polygon",
            "info[2].category", "info[2].urgency", "info[2].severity", "info[2].certainty",
        ])
        #expect(error.errors.allSatisfy { !$0.message.zh.isEmpty && !$0.message.en.isEmpty })
    }

    @Test func refusesUnreadableAndHostileDocuments() throws {
        let unclosed = "<?xml version=\"1.0\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n  <identifier>x</identifier>\n  <sender>y\n</alert>\n"
        let notWellFormed = try #require(Self.failure(unclosed))
        #expect(notWellFormed.errors.map(\.field) == ["xml"])
        #expect(notWellFormed.errors[0].message.en.contains("line 5") && notWellFormed.errors[0].message.zh.contains("第 5 行"))
        // Linux's XMLParser reports success for these, so the reader must notice on its own.
        #expect(Self.fieldsOf("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier>") == ["xml"])  // truncated
        #expect(Self.fieldsOf(Self.cancel + "<alert/>") == ["xml"])  // two roots
        #expect(Self.fieldsOf("just text") == ["xml"])
        let utf16 = try #require(Self.cancel.data(using: .utf16))
        #expect(throws: ValidationError.self) { try CAPParser.parse(utf16) }

        let old = try #require(Self.failure(Self.homelandSecurity.replacingOccurrences(of: "cap:1.2", with: "cap:1.1")))
        #expect(old.errors.map(\.field) == ["alert"] && old.errors[0].message.en.contains("Only CAP 1.2") && old.errors[0].message.zh.contains("只接受 CAP 1.2"))
        #expect(Self.fieldsOf("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>") == ["alert"])

        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE alert [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol2;</identifier></alert>
            """
        let doctype = try #require(Self.failure(laughs))
        #expect(doctype.errors.map(\.field) == ["xml"] && doctype.errors[0].message.en.contains("DOCTYPE"))
        #expect(Self.fieldsOf(Self.thunderstorm.replacingOccurrences(of: "<alert ", with: "<!DOCTYPE alert SYSTEM \"file:///etc/passwd\">\n<alert ")) == ["xml"])

        #expect(Self.failure("")?.errors.first?.message.en.contains("empty") == true)
        let huge = Self.xichangDrill.replacingOccurrences(of: "<note>", with: "<note>" + String(repeating: "演练", count: 200_000))
        #expect(Self.failure(huge)?.errors.first?.message.en.contains("1 MB") == true)
    }

    // MARK: - Writing

    @Test func writesWhatItReads() throws {
        for document in [Self.homelandSecurity, Self.thunderstorm, Self.earthquakeFirst, Self.earthquakeUpdate, Self.xichangDrill, Self.cancel] {
            let alert = try Self.parse(document)
            let xml = CAPWriter.xml(alert)
            #expect(try Self.parse(xml) == alert)
            #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"))
        }
        let drill = CAPWriter.xml(try Self.parse(Self.xichangDrill))
        #expect(drill.contains("<sent>2026-11-29T08:00:00+08:00</sent>") && drill.contains("<certainty>Likely</certainty>"))
        #expect(drill.contains("<polygon>27.8,102.15 27.8,102.4 28,102.4 28,102.15 27.8,102.15</polygon>"))
        // Schema order: status before msgType before scope, note before info, eventCode … parameter … area.
        let order = ["<identifier>", "<sender>", "<sent>", "<status>", "<msgType>", "<scope>", "<note>", "<info>", "<language>", "<category>", "<event>",
                     "<responseType>", "<urgency>", "<severity>", "<certainty>", "<effective>", "<expires>", "<senderName>", "<headline>", "<area>"]
        let positions = order.map { drill.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())
    }

    @Test func roundTripsABuiltAlertAndEscapesText() throws {
        let square = Polygon(rings: [[[102.0, 27.0], [102.5, 27.0], [102.5, 28.0], [102.0, 28.0], [102.0, 27.0]]])
        let alert = CAPAlert(
            identifier: "GR-2026-0001", sender: "grassroots@example.cn", sent: Date(timeIntervalSince1970: 1_795_910_400), status: .test, msgType: .update,
            source: "值班员 \"张三\" & 'Li'", scope: .restricted, restriction: "街道干部 <仅限>", codes: ["IPAWSv1.0"], note: "line1\r\nline2\ttab",
            references: [CAPReference(sender: "grassroots@example.cn", identifier: "GR-2026-0000", sent: "2026-11-29T08:00:00+08:00")], incidents: "INC-1 INC-2",
            infos: [CAPInfo(language: "zh-CN", categories: [.met, .safety], event: "寒潮", urgency: .expected, severity: .moderate, certainty: .possible,
                            audience: "居民", effective: Date(timeIntervalSince1970: 1_795_910_400), onset: Date(timeIntervalSince1970: 1_795_914_000),
                            headline: "Heavy rain <&> floods", parameters: [CAPValuePair(valueName: "a&b", value: "<x>")],
                            resources: [CAPResource(resourceDesc: "map", mimeType: "image/png", size: 1024, uri: "https://example.cn/m.png?a=1&b=2", digest: "abc")],
                            areas: [CAPArea(areaDesc: "A & B", polygons: [square], circles: [CAPCircle(latitude: -33.5, longitude: 151.25, radiusKm: 0.00001)],
                                            geocodes: [CAPValuePair(valueName: "统计用区划代码", value: "513401001000")], altitude: 100, ceiling: 2500.5)])])
        let xml = CAPWriter.xml(alert)
        #expect(xml.contains("<headline>Heavy rain &lt;&amp;&gt; floods</headline>"))
        #expect(xml.contains("<source>值班员 &quot;张三&quot; &amp; &apos;Li&apos;</source>") && xml.contains("line1&#13;\nline2"))
        #expect(xml.contains("<circle>-33.5,151.25 0.00001</circle>") && xml.contains("<altitude>100</altitude>"))
        #expect(try Self.parse(xml) == alert)
        let json = try JSONEncoder().encode(alert)
        #expect(try JSONDecoder().decode(CAPAlert.self, from: json) == alert)
        #expect(alert.reference.sent == "2026-11-29T08:00:00+08:00" && CAPWriter.escape("a\u{1}b") == "ab")
    }

    @Test func formatsAndReadsCAPDates() {
        let instant = Date(timeIntervalSince1970: 1_795_910_400)  // 2026-11-29T00:00:00Z
        #expect(CAPDateTime.format(instant) == "2026-11-29T08:00:00+08:00")
        #expect(CAPDateTime.format(instant, offsetMinutes: -420) == "2026-11-28T17:00:00-07:00")
        #expect(CAPDateTime.format(Date(timeIntervalSince1970: 1_795_910_400.9)) == "2026-11-29T08:00:00+08:00")
        for text in ["2026-11-29T08:00:00+08:00", "2026-11-29T00:00:00+00:00", "2026-11-29T00:00:00-00:00", "2026-11-28T19:00:00-05:00"] {
            #expect(CAPDateTime.parse(text) == instant, "\(text)")
        }
        #expect(CAPDateTime.parse("2024-02-29T00:00:00+00:00") != nil && CAPDateTime.parse("1969-12-31T23:59:59+00:00") == Date(timeIntervalSince1970: -1))
        for bad in ["2026-11-29T00:00:00Z", "2026-11-29 08:00", "2026-11-29T08:00:00.5+08:00", "2025-02-29T00:00:00+00:00", "2026-11-29T24:00:00+08:00", "2026-13-01T00:00:00+08:00"] {
            #expect(CAPDateTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func writesAnAtomFeedOfAlerts() throws {
        let updated = Date(timeIntervalSince1970: 1_795_910_400)
        let entries = (1...3).map { n in
            AtomEntry(id: "tag:example.cn,2026:cap-\(n)", title: "暴雨预警 <\(n)> & 转移", updated: updated, summary: "第\(n)条", link: "https://example.cn/cap/\(n).xml?a=1&b=2")
        }
        let feed = CAPWriter.atom(feedID: "tag:example.cn,2026:cap", title: "凉山州预警", selfURL: "https://example.cn/cap/feed.atom", updated: updated, entries: entries)
        final class Counter: NSObject, XMLParserDelegate {
            var entries = 0, namespace = "", selfLinks = 0, capLinks = 0
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "feed" { namespace = namespaceURI ?? "" }
                if name == "entry" { entries += 1 }
                if name == "link", attributes["rel"] == "self" { selfLinks += 1 }
                if name == "link", attributes["rel"] == "alternate", attributes["type"] == "application/cap+xml", attributes["href"]?.contains("&b=2") == true { capLinks += 1 }
            }
        }
        let counter = Counter(), parser = XMLParser(data: Data(feed.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.namespace == "http://www.w3.org/2005/Atom" && counter.entries == 3 && counter.selfLinks == 1 && counter.capLinks == 3)
        #expect(feed.contains("<updated>2026-11-29T08:00:00+08:00</updated>") && feed.contains("<author><name>凉山州预警</name></author>"))
    }
}
