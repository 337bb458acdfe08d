import Crypto
import Foundation
import Hummingbird

/// The style sheet and the page scripts, served by this app (pages load nothing from outside, and the
/// Content-Security-Policy admits no inline script or style) under URLs that carry a hash of their content: a
/// browser keeps each for a year, and a release that changes one changes its URL.
enum StaticAssets {
    struct Asset: Sendable {
        let path: String
        let contentType: String
        let body: String

        init(_ name: String, _ ext: String, _ body: String) {
            let digest = SHA256.hash(data: Data(body.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
            path = "/static/\(name)-\(digest).\(ext)"
            contentType = ["css": "text/css; charset=utf-8", "svg": "image/svg+xml"][ext] ?? "text/javascript; charset=utf-8"
            self.body = body
        }

        /// The tag that loads a script; `defer`, so it runs once the page it belongs to is parsed.
        var script: HTML { "<script src=\"\(url: path)\" defer></script>" }
    }

    static let style = Asset("app", "css", Layout.css)
    /// On every page: a form with `data-confirm` asks first; `data-print` prints, `data-back` goes back,
    /// `data-check` ticks every input its selector names; the offline app's service worker is registered.
    static let page = Asset("page", "js", """
        document.addEventListener('submit',function(e){var m=e.target.getAttribute('data-confirm');if(m&&!confirm(m))e.preventDefault()},true);
        document.addEventListener('click',function(e){var t=e.target.closest&&e.target.closest('[data-print],[data-back],[data-check]');if(!t)return;e.preventDefault();
        if(t.hasAttribute('data-check'))document.querySelectorAll(t.getAttribute('data-check')).forEach(function(i){i.checked=true});
        else if(t.hasAttribute('data-print'))print();else history.back()});
        if('serviceWorker' in navigator)navigator.serviceWorker.register('/sw.js').catch(function(){});
        """)
    static let live = Asset("live", "js", DashboardRoutes.liveScript)
    static let formBuilder = Asset("form-builder", "js", FormBuilder.script)
    /// An incident's live table polls the incident's JSON named by the table's `data-poll`.
    static let incident = Asset("incident", "js", """
        (function(){var t=document.getElementById('incident-items');if(!t)return;var url=t.getAttribute('data-poll');
        setInterval(function(){fetch(url,{credentials:'same-origin'}).then(function(r){return r.ok?r.json():null}).then(function(j){if(!j)return;
        j.items.forEach(function(i){var row=document.getElementById('item-'+i.kind+'-'+i.id);if(row)row.querySelector('.reached').textContent=i.reached+'/'+i.total})})},5000)})();
        """)
    /// The activation form's capacity estimate follows the units ticked (and the rate typed): the form's
    /// `data-estimate` answers with the estimate's card for them, which replaces the one shown.
    static let estimate = Asset("estimate", "js", """
        (function(){var f=document.getElementById('activate-form');if(!f)return;var url=f.getAttribute('data-estimate'),n=0;
        function update(){var q=new URLSearchParams();f.querySelectorAll('input[name=unit_ids]:checked').forEach(function(i){q.append('unit_ids',i.value)});
        var r=f.querySelector('input[name=per_worker_hour]');if(r&&r.value)q.append('per_worker_hour',r.value);var mine=++n;
        fetch(url+'?'+q.toString(),{credentials:'same-origin'}).then(function(x){return x.ok?x.text():null}).then(function(html){
        var card=document.getElementById('estimate');if(html&&card&&mine===n)card.outerHTML=html})}
        f.addEventListener('change',function(e){if(e.target.name==='unit_ids'||e.target.name==='per_worker_hour')update()})})();
        """)
    /// The worklist's search: keeps the households whose compound, building or room hold every word typed, and the
    /// buildings that still have one.
    static let worklist = Asset("worklist", "js", """
        (function(){var box=document.getElementById('work-search');if(!box)return;box.addEventListener('input',function(){
        var words=box.value.trim().toLowerCase().split(/\\s+/).filter(function(w){return w});
        document.querySelectorAll('section.work-group').forEach(function(g){var any=false;g.querySelectorAll('li[data-search]').forEach(function(li){
        var text=li.getAttribute('data-search').toLowerCase(),hit=words.every(function(w){return text.indexOf(w)>=0});li.hidden=!hit;any=any||hit});
        g.hidden=!any})})})();
        """)
    /// A chosen GeoJSON file fills the boundary form's text box.
    static let boundary = Asset("boundary", "js", """
        document.getElementById('geojson-file').addEventListener('change',function(e){var f=e.target.files[0];if(!f)return;
        f.text().then(function(t){document.querySelector('#boundary-form textarea[name=geojson]').value=t})});
        """)

    static let all: [String: Asset] = Dictionary(uniqueKeysWithValues: [style, page, live, ReportOutbox.store, ReportOutbox.script, PhotoPicker.asset, formBuilder, incident, estimate, worklist, boundary, OfflineApp.icon].map { ($0.path, $0) })

    /// The asset at `path`, cached for good: its URL changes when it does.
    static func response(_ path: String) throws -> Response {
        guard let asset = all[path] else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                        body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }
}

/// The headers that limit what a page can do if markup ever slips through: scripts and styles only from this origin
/// (no inline ones), no plugins, forms and the base URL kept here, no framing; no type sniffing; no referrer
/// beyond this site. A response that sets its own policy (a CAP download's `sandbox`) keeps it.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.policy }
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}
