import Foundation
import GrassrootsCore
import GrassrootsStore
import Hummingbird

/// 今日: what is mine to do. Every issued directive with targets still open in the viewer's part, the nearest
/// deadline first, each with how many of mine are left, how far my part has come, and a button into the worklist.
/// A grid worker's first screen and first tab.
struct TodayRoutes {
    let stores: Stores

    func register(_ router: Routes) {
        router.get("/today", .signedIn(\.reportsFieldWork, .unitInScope)) { _, context in
            HTML.response(Layout.page(title: context.t("今日待办", "Today"), context: context, body: try await list(try context.scope(), context)))
        }
    }

    /// Issued directives (newest first) with targets still open in the viewer's part, and that part's counters; the
    /// inbox's "new work for me" is those issued in the last week.
    func openWork(_ scope: Scope, issuedSince: Date = .distantPast) async throws -> [(Directive, ProgressCounts)] {
        let issued = try await stores.directives.directives(scope: scope).filter { $0.status == .issued && ($0.issuedAt ?? .distantPast) >= issuedSince }
        let counts = try await stores.progress.counts(directiveIDs: issued.map(\.id), scope: scope)
        return issued.compactMap { d in counts[d.id].flatMap { $0.pending + $0.absent > 0 ? (d, $0) : nil } }
    }

    func list(_ scope: Scope, _ context: AppContext) async throws -> HTML {
        let now = stores.context.clock()
        let open = try await openWork(scope).sorted { $0.0.deadline < $1.0.deadline }
        guard !open.isEmpty else { return "<p class=\"notice\" id=\"today-empty\">\(context.t("手头没有待办的任务", "Nothing open is yours"))</p>" }
        let noData = context.t("无数据", "no data")
        let items = open.map { d, c -> HTML in
            """
            <li class="today\(if: d.deadline < now, " late")" data-directive="\(d.id)"><div><a href="/directives/\(d.id)/work"><b>\(d.title)</b></a> \
            <span class="tag">\(d.priority.label.text(context.language))</span><br>\(Self.due(d.deadline, now: now, context))</div>
            <div><span data-open>\(context.t("待办 \(c.pending + c.absent) / \(c.total)", "\(c.pending + c.absent) of \(c.total) open"))</span> \
            \(HTML.bar(c.reachedShare, width: 90, noData: noData))</div>
            <a class="button" href="/directives/\(d.id)/work">\(context.t("去办理", "Go"))</a></li>
            """
        }.joined()
        let late = open.filter { $0.0.deadline < now }.count
        return """
            <p class="muted">\(context.t("共 \(open.count) 项任务有待办\(late > 0 ? "，其中 \(late) 项已超期" : "")；按截止时间排列。",
                                         "\(open.count) directives have open targets\(late > 0 ? ", \(late) overdue" : ""); nearest deadline first."))</p>
            <ul class="work" id="today">\(items)</ul>
            """
    }

    /// The deadline as a worker weighs it: overdue, hours left today, or the date.
    static func due(_ deadline: Date, now: Date, _ context: AppContext) -> HTML {
        let hours = Int((deadline.timeIntervalSince(now) / 3600).rounded(.down))
        if deadline < now {
            let late = max(1, Int((now.timeIntervalSince(deadline) / 3600).rounded(.up)))
            return "<small class=\"overdue\">\(context.t("已超期 \(late) 小时", "\(late) h overdue"))</small>"
        }
        if hours < 24 { return "<small class=\"flag\">\(context.t("还剩 \(hours) 小时 · \(LocalTime.format(deadline)) 截止", "\(hours) h left · due \(LocalTime.format(deadline))"))</small>" }
        return "<small class=\"muted\">\(context.t("截止 \(LocalTime.format(deadline))", "Due \(LocalTime.format(deadline))"))</small>"
    }
}
