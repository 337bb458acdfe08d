import Foundation
import Hummingbird

/// The installable field app: a web app manifest (opens on 今日, full screen, the app's colours) and a service
/// worker that keeps the pages a field worker needs when the signal drops. Pages come from the network while there
/// is one (so they are always fresh) and each one opened is kept; without a network the kept copy is shown, and a
/// page never opened says so. Hashed static assets are kept the first time they load. Signing in or out forgets
/// every kept page, so one account's households never show under another's. A page showing a one-time message
/// (`X-Grassroots-Once`, set by `FlashMiddleware`) is not kept, so "已提交" is not said again offline. A report form's
/// post that gets no answer is kept in the phone's outbox (`ReportOutbox`), which the worker also sends from.
enum OfflineApp {
    static let icon = StaticAssets.Asset("icon", "svg", """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="18" fill="#b71c1c"/>\
        <path d="M48 16 20 40h8v36h16V56h8v20h16V40h8z" fill="#fff"/></svg>
        """)

    /// Marks a page that must not be kept (it shows a message meant once).
    static let onceHeader = "X-Grassroots-Once"

    static let manifest = """
        {"name":"基层治理平台","short_name":"基层治理","lang":"zh-CN","start_url":"/today","scope":"/","display":"standalone",\
        "background_color":"#f6f6f4","theme_color":"#b71c1c","icons":[{"src":"\(icon.path)","sizes":"any","type":"image/svg+xml"}]}
        """

    /// The pages kept for offline use: a worker's home, today's list, the inbox, worklists, whole-building entry,
    /// report forms and household cards. Nothing else is kept on the device.
    static let kept = [#"^/$"#, #"^/today$"#, #"^/inbox$"#, #"^/directives/\d+/work$"#, #"^/directives/\d+/units/\d+/bulk$"#,
                       #"^/assignments/\d+$"#, #"^/households/\d+$"#, #"^/outbox$"#]

    static let serviceWorker = """
        importScripts('\(ReportOutbox.store.path)');
        var PAGES='grassroots-pages-v1',STATIC='grassroots-static-v1',REPORT=/^\\/assignments\\/\\d+$/,KEEP=[\(kept.map { "/\($0.replacingOccurrences(of: "/", with: "\\/"))/" }.joined(separator: ","))];
        self.addEventListener('install',function(){self.skipWaiting()});
        self.addEventListener('activate',function(e){e.waitUntil(caches.keys().then(function(ks){return Promise.all(ks.filter(function(k){
        return k!==PAGES&&k!==STATIC}).map(function(k){return caches.delete(k)}))}).then(function(){return self.clients.claim()}))});
        function notice(status,title,body){return new Response('<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">'+
        '<link rel="stylesheet" href="\(StaticAssets.style.path)"><title>'+title+'</title><main><h1>'+title+'</h1>'+body+
        '<p><a class="button" href="/today">今日待办 Today</a> <a class="button secondary" href="/outbox">待发送 Outbox</a></p></main>',
        {status:status,headers:{'Content-Type':'text/html; charset=utf-8'}})}
        function offline(){return notice(503,'当前离线','<p>这一页没有保存在本机，联网后再试。打开过的今日待办、作业清单、填报页和住户页可以离线查看。</p>'+
        '<p>Offline: this page is not kept on this device. Today, worklists, report forms and household pages opened before can be read offline.</p>')}
        function later(ms){return new Promise(function(_,no){setTimeout(function(){no(new Error('no answer'))},ms)})}
        // A report that gets no answer in 15 s is kept: if it did arrive, its key makes the later send a replay.
        function report(r,path){return r.clone().text().then(function(body){return Promise.race([fetch(r),later(15000)]).catch(function(){
        var item=Outbox.capture(path,body);return Outbox.put(item).then(function(){if(self.registration.sync)self.registration.sync.register('outbox').catch(function(){});
        return caches.open(PAGES).then(function(c){return item.back?c.match(item.back):null})}).then(function(kept){
        return kept?Response.redirect(item.back+'#a'+item.assignment,303):notice(202,'已保存在本机','<p>没有网络：这条反馈保存在本机，联网后自动发送。</p>'+
        '<p>No network: this report is kept on this phone and sent when the connection returns.</p>')})})})}
        self.addEventListener('sync',function(e){if(e.tag==='outbox')e.waitUntil(Outbox.flush())});
        self.addEventListener('message',function(e){if(e.data==='flush')e.waitUntil(Outbox.flush().catch(function(){}))});
        self.addEventListener('fetch',function(e){var r=e.request,u=new URL(r.url);if(u.origin!==location.origin)return;
        if(r.method==='POST'&&(u.pathname==='/login'||u.pathname==='/logout')){e.respondWith(caches.delete(PAGES).then(function(){return fetch(r)}));return}
        if(r.method==='POST'&&REPORT.test(u.pathname)){e.respondWith(report(r,u.pathname));return}
        if(r.method!=='GET')return;
        if(u.pathname.indexOf('/static/')===0){e.respondWith(caches.open(STATIC).then(function(c){return c.match(r).then(function(hit){
        return hit||fetch(r).then(function(res){if(res.ok)c.put(r,res.clone());return res})})}));return}
        if(r.mode!=='navigate')return;
        if(!KEEP.some(function(p){return p.test(u.pathname)})){e.respondWith(fetch(r).catch(offline));return}
        var key=u.pathname+u.search;
        e.respondWith(fetch(r).then(function(res){if(!res.ok||res.redirected||res.headers.get('X-Grassroots-Once'))return res;var copy=res.clone();
        return caches.open(PAGES).then(function(c){return c.put(key,copy)}).then(function(){return res},function(){return res})})
        .catch(function(){return caches.open(PAGES).then(function(c){return c.match(key)}).then(function(hit){return hit||offline()})}))});
        """

    static func register(_ router: Routes) {
        router.get("/manifest.webmanifest", .anyone(.nothing)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/manifest+json", .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: manifest)))
        }
        // At the root, so that it may serve every page; revalidated on each load, so a release reaches phones at once.
        router.get("/sw.js", .anyone(.nothing)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: ByteBuffer(string: serviceWorker)))
        }
    }
}
