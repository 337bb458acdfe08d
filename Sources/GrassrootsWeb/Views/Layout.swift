import GrassrootsCore

/// The page frame: header with navigation and language switch, the style sheet and the page script (both served
/// by this app, see `StaticAssets`). The title is text; the body is markup made by the page.
enum Layout {
    static func page(title: String, context: AppContext, body: HTML) -> HTML {
        let lang = context.language
        var nav = HTML(), tabs = HTML()
        if let session = context.session {
            let role = session.account.role
            // Each role sees the places it can use: a resident on a phone gets four links, not thirteen.
            let links: [(String, String, String, Bool)] = [
                ("/", "首页", "Home", true),
                ("/units", "辖区", "Territory", role.readsRegistry), ("/search", "查找", "Search", role.readsRegistry),
                ("/directives", "任务", "Directives", role.reportsFieldWork || role == .auditor), ("/inbox", "提醒", "Inbox", role.reportsFieldWork || role == .auditor),
                ("/requests", "诉求", "Requests", role == .resident || role.reportsFieldWork || role == .auditor),
                ("/council", "议事", "Council", role.takesPartInCouncil || role == .auditor), ("/notices", "通知", "Notices", true),
                ("/participation", "双报到", "Participation", role.keepsCouncil || role == .auditor),
                ("/me", "我的报到", "Me", [.partyMember, .unitLiaison, .resident].contains(role)),
                ("/supplies", "物资", "Supplies", [.partyMember, .resident].contains(role)),
                ("/summons", "吹哨", "Summons", role.raisesSummons || role == .departmentOfficer || role == .auditor),
                ("/evaluations", "考评", "Evaluation", role.raisesSummons || role == .departmentOfficer || role == .auditor),
                ("/access", "准入", "Access list", role.raisesSummons || role == .departmentOfficer || role == .auditor),
                ("/emergency", "应急", "Emergency", role.readsRegistry), ("/cadres", "干部", "Cadres", role.readsCadres), ("/checkup", "体检", "Check-up", role.readsCheckup), ("/audit", "审计日志", "Audit log", role.readsAudit),
            ]
            let items = links.filter(\.3).map { link -> HTML in "<a href=\"\(url: link.0)\">\(context.t(link.1, link.2))</a>" }.joined()
            let who: HTML = """
                <span class="who">\(session.account.displayName)（\(session.account.role.label.text(lang))）</span>\
                <form method="post" action="/logout" class="inline">\(HTML.csrfField(context))\
                <button type="submit" class="link">\(context.t("退出", "Sign out"))</button></form>
                """
            // A desk gets every link in the header; a phone gets its role's few destinations in a bar under the thumb
            // and the rest behind 菜单, so the header stays one line.
            nav = """
                <nav class="hide-phone">\(items)\(who)</nav>\
                <details class="menu show-phone"><summary>\(context.t("菜单", "Menu"))</summary><nav>\(items)\(who)</nav></details>
                """
            tabs = "<nav class=\"tabs show-phone\" id=\"tabs\">" + Self.tabs(for: role).map { link -> HTML in
                "<a href=\"\(url: link.0)\">\(context.t(link.1, link.2))</a>"
            }.joined() + "</nav>"
        }
        return """
            <!doctype html><html lang="\(token: lang.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(context.t("基层治理", "Grassroots"))</title>
            <link rel="stylesheet" href="\(url: StaticAssets.style.path)"><link rel="manifest" href="/manifest.webmanifest">\
            <link rel="icon" href="\(url: OfflineApp.icon.path)"><meta name="theme-color" content="#b71c1c">\(StaticAssets.page.script)</head>
            <body><header><a class="brand" href="/">\(context.t("基层治理平台", "Grassroots"))</a>\(nav)
            <a class="lang" href="/lang/\(lang == .zh ? "en" : "zh")">\(lang == .zh ? "English" : "中文")</a></header>
            \(tabs)<main><h1>\(title)</h1>\(context.flash.html { flash -> HTML in
                "<p class=\"notice\" id=\"flash\" role=\"status\">✓ \(flash.text.text(lang))\(flash.undo.html { " <a href=\"\(url: $0.path)\" id=\"undo\">\($0.label.text(lang))</a>" as HTML })</p>"
            })\(ReportOutbox.status(context))\(body)</main></body></html>
            """
    }

    /// The four or five places each role goes most, for the phone's tab bar.
    static func tabs(for role: Role) -> [(String, String, String)] {
        switch role {
        case .gridWorker: [("/today", "今日", "Today"), ("/directives", "任务", "Work"), ("/requests", "诉求", "Requests"), ("/inbox", "提醒", "Inbox"), ("/search", "查找", "Search")]
        case .communityStaff, .streetAdmin, .cityAdmin:
            [("/", "首页", "Home"), ("/directives", "任务", "Work"), ("/requests", "诉求", "Requests"), ("/summons", "吹哨", "Summons"), ("/inbox", "提醒", "Inbox")]
        case .resident: [("/", "首页", "Home"), ("/requests", "诉求", "Requests"), ("/council", "议事", "Council"), ("/notices", "通知", "Notices"), ("/me", "我的", "Me")]
        case .partyMember, .unitLiaison: [("/", "首页", "Home"), ("/me", "我的报到", "Me"), ("/council", "议事", "Council"), ("/notices", "通知", "Notices")]
        case .departmentOfficer: [("/", "首页", "Home"), ("/summons", "吹哨", "Summons"), ("/evaluations", "考评", "Evaluation"), ("/access", "准入", "Access list")]
        case .auditor: [("/", "首页", "Home"), ("/directives", "任务", "Directives"), ("/audit", "审计", "Audit"), ("/checkup", "体检", "Check-up")]
        }
    }

    static let css = """
        *{box-sizing:border-box}[hidden]{display:none!important}body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;\
        color:#222;background:#f6f6f4;font-size:15px;line-height:1.5}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:.6em;padding:.5em 1em;background:#b71c1c;color:#fff}
        header a,header button.link{color:#fff;text-decoration:none;margin-right:.8em}.brand{font-weight:bold;font-size:1.1em}
        nav{display:flex;flex-wrap:wrap;align-items:center;flex:1}.who{opacity:.85;margin-right:.5em;font-size:.9em}.lang{margin-left:auto}
        main{max-width:1100px;margin:0 auto;padding:1em}h1{font-size:1.35em;margin:.3em 0 .6em}h2{font-size:1.1em;margin-top:1.4em}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.4em .5em;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:middle}
        th{background:#fafafa;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .crumbs{font-size:.9em;margin-bottom:.6em}.crumbs a{color:#b71c1c}.card{background:#fff;padding:1em;border-radius:6px;margin:.8em 0;box-shadow:0 1px 2px #0001}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.6em}.stat{background:#fff;padding:.7em;border-radius:6px}
        .stat b{display:block;font-size:1.5em}.stat b small{display:block;font-size:.55em;font-weight:normal}.gap b{color:#c62828}.field{display:block;margin:.5em 0}.field span{display:block;font-size:.9em;color:#555}
        input,select,textarea{font:inherit;padding:.45em;border:1px solid #bbb;border-radius:4px;width:100%;max-width:420px}
        .invalid input,.invalid select{border-color:#c62828;background:#fff5f5}.msg{display:block;color:#c62828;font-style:normal;font-size:.9em}
        button,.button{font:inherit;background:#b71c1c;color:#fff;border:0;border-radius:4px;padding:.5em 1.1em;cursor:pointer;text-decoration:none;display:inline-block}
        button.link{background:none;padding:0}form.inline{display:inline}.error-box{background:#fff3f3;border-left:4px solid #c62828;padding:1em}
        .notice{background:#f1f8e9;border-left:4px solid #2e7d32;padding:.6em 1em}.nodata{color:#888;font-size:.9em}.muted{color:#777}
        .tag{display:inline-block;background:#eee;border-radius:3px;padding:0 .4em;margin:0 .2em .2em 0;font-size:.85em}
        .checks label{display:inline-block;margin-right:1em}.checks input{width:auto}
        .org{border-left:3px solid #b71c1c;padding-left:.6em;margin:.3em 0}.missing{border-left-color:#c62828;color:#c62828}
        textarea{max-width:640px}button.secondary,.button.secondary{background:#777}.button.small,button.small{font-size:.8em;padding:.2em .6em}button.link.dark{color:#b71c1c}
        .overdue{color:#c62828;font-weight:bold}.message-status{font-weight:600}.message-status[data-status=delivered]{color:#2e7d32}.message-status[data-status=failed],.message-error{color:#c62828}.flag{color:#c62828;font-weight:600}.legend{font-size:.85em}.swatch{display:inline-block;margin-right:.8em;white-space:nowrap}#checkup-children td:first-child{min-width:8em}tr.stalled td{background:#fff3e0}tr.stalled td:first-child{border-left:4px solid #e65100}
        tr.flash td{background:#e8f5e9;transition:background .5s}tr.short td:first-child{border-left:3px solid #c62828}.live{font-size:.7em;color:#888;margin-left:.6em}.live.on{color:#2e7d32}.live.on:before{content:"● "}
        ul.photos{list-style:none;padding:0;margin:.4em 0;display:flex;flex-wrap:wrap;gap:.5em}ul.photos li{display:flex;flex-direction:column;gap:.2em;align-items:center}ul.photos img{width:96px;height:96px;object-fit:cover;border-radius:4px;background:#eee}ul.photos form.photo-remove{display:flex;flex-direction:column;gap:.2em;width:96px}ul.photos form.photo-remove input{width:96px;font-size:.8em}
        ul.work{list-style:none;padding:0;margin:0}ul.work li{background:#fff;padding:.55em .7em;border-bottom:1px solid #eee;display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
        ul.work li.done,ul.work li.refused,ul.work li.not_applicable{opacity:.6}ul.work li.unread{font-weight:600}ul.work a{flex:1;min-width:8em}
        fieldset.outcomes{border:1px solid #ddd;border-radius:4px}fieldset.outcomes label,td.choices label{display:inline-block;margin:.3em .8em .3em 0;white-space:nowrap}
        fieldset.outcomes input,td.choices input{width:auto}.chart{background:#fff;max-width:700px}
        .show-phone{display:none}details.menu summary{cursor:pointer;list-style:none}details.menu[open] nav{display:flex;flex-direction:column;gap:.2em;padding:.4em 0}
        nav.tabs{position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #ddd;z-index:10;justify-content:space-around}
        nav.tabs a{flex:1;text-align:center;padding:.7em .2em;min-height:44px;color:#b71c1c;text-decoration:none;font-size:.95em}
        .builder-grid{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:1em;align-items:start}#builder-rows{list-style:none;padding:0;margin:0}
        .builder.js .builder-row:not([data-type=choice]) .builder-options,.builder.js .builder-row:not([data-type=number]) .builder-range{display:none}
        .builder-range{display:flex;gap:.6em}#builder-rows{counter-reset:row}.builder-row{counter-increment:row}.builder-tools{display:flex;gap:.3em;justify-content:flex-end}.builder-tools:before{content:counter(row) ".";font-weight:bold;margin-right:auto}.builder-tools button{padding:.2em .7em}
        .phone-preview{position:sticky;top:.6em;border:8px solid #333;border-radius:18px;padding:.6em;background:#fafafa;max-height:80vh;overflow:auto}
        .phone-preview fieldset{border:0;padding:0;margin:0}
        @media (min-width:601px){.builder-row{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr) minmax(0,1fr);gap:0 .8em;align-items:end}
        .builder-tools,.builder-options,.builder-range{grid-column:1/-1}}
        @media (max-width:600px){.builder-grid{grid-template-columns:1fr}.phone-preview{position:static}html{scroll-padding-bottom:4.5em}td,th{padding:.35em .3em;font-size:.92em}.hide-phone{display:none}main{padding:.6em .6em 4.5em}
        .show-phone{display:block}nav.tabs.show-phone{display:flex}header{flex-wrap:nowrap}
        button,.button,input[type=submit]{min-height:44px}ul.work li{min-height:44px}fieldset.outcomes label,td.choices label{padding:.5em .2em;min-height:44px}
        input:not([type=checkbox]):not([type=radio]),select{min-height:44px}}
        @media print{header,form,.button{display:none}body{background:#fff}}
        .badge.level{color:#fff;padding:0 .4em;border-radius:3px}.badge.drill{color:#fff;background:#555;padding:0 .4em}
        .level-IV{background:#1d5fbf}.level-III{background:#c9a000}.level-II{background:#e07000}.level-I{background:#c81e1e}
        svg.chart.narrow{max-width:470px}.scroll-x{overflow-x:auto}.full-row{flex-basis:100%}input.auto-width{width:auto}input.short{width:5em}input.w7{width:7em}input.w8{width:8em}input.medium{width:9em}.grid.two{grid-template-columns:1fr 1fr}
        .indent-0{padding-left:6px}.indent-1{padding-left:24px}.indent-2{padding-left:42px}.indent-3{padding-left:60px}.indent-4{padding-left:78px}
        .indent-5{padding-left:96px}.indent-6{padding-left:114px}.indent-7{padding-left:132px}.indent-8{padding-left:150px}
        """
}
