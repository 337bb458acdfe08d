import Foundation
import GrassrootsCore
import SQLKit

/// Emergency for the demo: 北城's flood and epidemic plans, an exercise rainstorm alert received from the weather
/// service, and a drill run from it (households informed by phone and in person, about 40 an hour per worker) in 大通门 three weeks ago — reported in waves, the last buildings never, stood down after
/// three hours — so the review, the drill comparison and the check-up's drill point have something real to show.
struct DemoEmergency {
    let context: StoreContext

    func build() async throws {
        guard let street = try? await UnitStore(context).unit(code: DemoDirective.street, scope: .system),
              let community = try? await UnitStore(context).unit(code: "513401001003", scope: .system) else { return }
        let department = { (code: String) async throws -> Int in
            try await context.database.read { db in
                try await db.raw("SELECT id FROM departments WHERE code = \(bind: code)").first()!.decode(column: "id", as: Int.self)
            }
        }
        let police = try await department("GA"), emergency = try await department("YJ"), health = try await department("WJ")
        let now = context.clock(), drillAt = now.addingTimeInterval(-21 * 86400)
        let past = context.at(drillAt.addingTimeInterval(-30 * 86400))
        let flood = try await PlanStore(past).create(unitID: street.id, PlanInput(title: "北城街道防汛应急预案", eventKind: HazardKind.flood.rawValue,
            summary: "暴雨、山洪或安宁河水位超警时启动；低洼小区、地下车库和危旧房屋优先。", actions: [
                .iv: [.notice("汛期防御提示", body: "近期有强降雨，请关注天气预报，远离河道、低洼地带，地下车库车辆及时移出。")],
                .iii: [.directive("低洼小区巡查", kind: .inspection, target: .compounds, deadlineHours: 6, instructions: "检查排水沟、地下车库和危旧房屋，发现险情立即上报。"),
                       .notice("防汛预警通知", body: "请低洼小区居民做好转移准备，听从网格员安排。")],
                .ii: [.directive("防汛转移入户告知", kind: .visit, deadlineHours: 4, instructions: "逐户告知转移路线和安置点，登记需要帮助转移的老人和行动不便者。"),
                      .summons("请求公安、应急管理力量报到", departmentIDs: [police, emergency], matter: .emergency, body: "强降雨红色/橙色预警，低洼小区需组织转移。"),
                      .notice("紧急转移通知", body: "请按网格员告知的路线转移至北城小学安置点。")],
            ]), scope: .system)
        _ = try await PlanStore(past).create(unitID: street.id, PlanInput(title: "北城街道突发公共卫生事件应急预案", eventKind: HazardKind.epidemic.rawValue,
            summary: "辖区出现聚集性疫情时启动；入户排查到每一户，居家隔离人员每日健康监测，困难群众物资配送到户。", actions: [
                .iii: [.directive("入户健康排查", kind: .screening, deadlineHours: 24, instructions: "逐户测量体温，登记症状、外出史和密接史。", form: PlanAction.screeningForm),
                       .notice("健康排查通知", body: "网格员将入户开展健康排查，请配合。")],
                .ii: [.directive("入户健康排查", kind: .screening, deadlineHours: 12, instructions: "逐户测量体温，登记症状、外出史和密接史。", form: PlanAction.screeningForm),
                      .summons("请求卫健、公安力量报到", departmentIDs: [health, police], matter: .emergency, body: "出现聚集性疫情，需流调和秩序维护。")],
            ]), scope: .system)

        let cap = Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>51340141600000_\(Int(drillAt.timeIntervalSince1970))</identifier><sender>xichang.weather@sc.cma.gov.cn</sender>
              <sent>\(CAPDateTime.format(drillAt))</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>
              <info><language>zh-CN</language><category>Met</category><event>暴雨</event><urgency>Immediate</urgency><severity>Severe</severity>
                <certainty>Likely</certainty><senderName>西昌市气象台</senderName><headline>西昌市气象台发布暴雨橙色预警信号（演练）</headline>
                <description>预计未来3小时北城街道大通门一带降雨量将达50毫米以上。</description>
                <area><areaDesc>大通门社区</areaDesc><geocode><valueName>统计用区划代码</valueName><value>513401001003</value></geocode></area></info>
            </alert>
            """.utf8)
        let alert = try await AlertStore(context.at(drillAt)).receive(cap, scope: .system)
        let incident = try await IncidentStore(context.at(drillAt.addingTimeInterval(300))).activate(
            ActivationInput(planID: flood.id, level: ResponseLevel.ii.rawValue, unitIDs: [community.id], drill: true, alertID: alert.id, perWorkerHour: 40), scope: .system)
        guard let directive = incident.items.first(where: { $0.kind == .directive })?.id else { return }
        // Waves of reports; the last buildings never report, so the review has stalled compounds to show.
        let reporting = try await AssignmentStore(context).assignments(directiveID: directive, all: true, scope: .system, limit: 100_000).sorted { $0.id < $1.id }
        let waves: [(share: Double, minutes: Double)] = [(0.35, 35), (0.7, 70), (0.9, 110), (0.97, 150)]
        var start = 0
        for wave in waves {
            let end = Int(Double(reporting.count) * wave.share)
            let batch = reporting[start..<end].map { Submission(key: "demo-drill-\($0.id)", assignmentID: $0.id, outcome: $0.id % 17 == 0 ? "absent" : "done") }
            for chunk in chunked(batch, size: 1000) {
                _ = try await AssignmentStore(context.at(drillAt.addingTimeInterval(300 + wave.minutes * 60))).submit(Array(chunk), scope: .system)
            }
            start = end
        }
        _ = try await IncidentStore(context.at(drillAt.addingTimeInterval(3 * 3600 + 300))).standDown(incident.id,
            summary: "演练结束：2小时内告知九成住户；最后几栋楼无人上报，已约谈楼栋长并调整网格员排班。", scope: .system)
    }
}
