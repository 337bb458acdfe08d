import Foundation
import GrassrootsCore
import Hummingbird

/// The outbox that never loses a field report. A report form posts as any form does; when no answer comes back
/// (no network, or none within 15 s) the service worker keeps the report in IndexedDB, under the account that made
/// it and with the idempotency key the form carries, and shows the kept worklist again. Queued reports go out in
/// the order they were made, through `POST /api/v1/submissions`, when the network returns: by background sync where
/// the browser has it, and on every field page's load and on `online`. Each send first asks `/outbox/session` who is
/// signed in and for a fresh CSRF token, and only that account's reports are sent. A report the server refuses
/// stays on the phone with the server's reason until the worker corrects it, sends it again or discards it; a sent
/// one is listed for a day. A replay (the first try did arrive) is harmless: the key makes it one report.
struct ReportOutbox {
    func register(_ router: Routes) {
        router.get("/outbox", .signedIn(\.reportsFieldWork, .ownAccount)) { _, context in
            HTML.response(Layout.page(title: context.t("待发送的反馈", "Reports waiting to be sent"), context: context, body: Self.page(context)))
        }
        // Read by the sender just before it sends: who is signed in now, and the token a write needs.
        router.get("/outbox/session", .signedIn(.ownAccount)) { _, context in
            guard let session = context.session else { throw NotSignedIn() }
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: "{\"account\":\(session.account.id),\"csrf\":\"\(session.csrfToken)\"}")))
        }
    }

    /// The list is drawn by `script` from the phone's own store; the page gives it the words it needs.
    static func page(_ context: AppContext) -> HTML {
        let outcomes = Outcome.reportable.map { o -> HTML in "<option value=\"\(o.rawValue)\">\(o.label.text(context.language))</option>" }.joined()
        return """
            <p class="muted">\(context.t("没有网络时提交的反馈保存在本机，联网后按提交顺序自动发送；被退回的写明了原因，可以改正后重发。",
                                         "Reports made without a network are kept on this phone and sent in order when it returns; a refused one says why and can be corrected and sent again."))</p>
            <p><button type="button" id="outbox-send">\(context.t("立即发送", "Send now"))</button> <span id="outbox-said" class="muted" role="status"></span></p>
            <p id="outbox-empty" class="notice">\(context.t("本机没有待发送的反馈", "Nothing is waiting on this phone"))</p>
            <datalist id="outcome-labels">\(outcomes)</datalist>
            <table id="outbox-items" hidden><thead><tr><th>\(context.t("对象", "Target"))</th><th>\(context.t("结果", "Outcome"))</th>\
            <th>\(context.t("状态", "State"))</th><th></th></tr></thead><tbody></tbody></table>
            <p id="outbox-others" class="muted" hidden></p>
            """
    }

    /// The field pages' mark: which account this page is for, and where the phone's outbox says how much waits.
    static func status(_ context: AppContext) -> HTML {
        guard let account = context.session?.account, account.role.reportsFieldWork else { return "" }
        return "<p><a id=\"outbox-status\" class=\"notice\" href=\"/outbox\" data-account=\"\(account.id)\" hidden></a></p>"
            + store.script + script.script
    }

    static let store = StaticAssets.Asset("outbox-store", "js", storeScript)
    static let script = StaticAssets.Asset("outbox", "js", pageScript)

    /// The phone's outbox, used by the pages and by the service worker (`importScripts`): IndexedDB `reports`, keyed
    /// by idempotency key, indexed by account. A change is announced on a BroadcastChannel, so every open page
    /// redraws, whoever made it.
    static let storeScript = """
        var Outbox=(function(){var NAME='grassroots-outbox',STORE='reports',DAY=864e5,opened=null,running=null,
        bus=typeof BroadcastChannel==='function'?new BroadcastChannel(NAME):null;
        function db(){return opened||(opened=new Promise(function(ok,no){var r=indexedDB.open(NAME,1);
        r.onupgradeneeded=function(){r.result.createObjectStore(STORE,{keyPath:'key'}).createIndex('account','account')};
        r.onsuccess=function(){ok(r.result)};r.onerror=function(){opened=null;no(r.error)}}))}
        function run(mode,work){return db().then(function(d){return new Promise(function(ok,no){var t=d.transaction(STORE,mode),q=work(t.objectStore(STORE));
        t.oncomplete=function(){ok(q&&q.result)};t.onerror=t.onabort=function(){no(t.error)}})})}
        function changed(x){if(bus)bus.postMessage('changed');return x}
        function items(account){return run('readonly',function(s){return account==null?s.getAll():s.index('account').getAll(String(account))})
        .then(function(l){return l.sort(function(a,b){return a.at-b.at})})}
        function get(key){return run('readonly',function(s){return s.get(key)})}
        function put(item){return run('readwrite',function(s){return s.put(item)}).then(changed)}
        function remove(key){return run('readwrite',function(s){return s.delete(key)}).then(changed)}
        function capture(path,body){var p=new URLSearchParams(body),fields=[];p.forEach(function(v,k){if(k!=='_csrf')fields.push([k,v])});
        return{key:p.get('key'),account:p.get('_account')||'',path:path,assignment:Number(path.split('/').pop()),label:p.get('_label')||'',
        back:p.get('_return')||'',outcome:p.get('outcome')||'',fields:fields,at:Date.now(),state:'queued',reason:''}}
        function payload(item){var out={key:item.key,assignment_id:item.assignment,outcome:'',answers:{},photos:(item.photoIDs||[]).slice()};
        item.fields.forEach(function(f){if(f[0]==='photo')out.photos.push(Number(f[1]));else if(f[0]==='outcome'||f[0]==='note')out[f[0]]=f[1];
        else if(f[0]!=='key'&&f[0].charAt(0)!=='_'&&f[1].trim())out.answers[f[0]]=f[1]});return out}
        // A problem answer (`{error, fields}`) as one line, each message once.
        function reason(r){return r.json().catch(function(){return{}}).then(function(p){var said=[p.error].concat((p.fields||[]).map(function(f){return f.message}));
        return said.filter(function(x,i){return x&&said.indexOf(x)===i}).join('；')||String(r.status)})}
        function refuse(item,r){return reason(r).then(function(text){item.state='refused';item.status=r.status;item.reason=text;return put(item).then(function(){return false})})}
        function upload(blobs,csrf){var body=new FormData();blobs.forEach(function(b,i){body.append('photo',b,'photo-'+(i+1)+'.jpg')});
        return fetch('/api/v1/photos',{method:'POST',credentials:'same-origin',cache:'no-store',headers:{'X-CSRF-Token':csrf},body:body})}
        function later(r){return r.status===401||r.status===408||r.status===429||r.status>=500}
        // Photos kept with a report go up first; their ids are kept on the report, so a later try does not send them twice.
        function photos(item,s){if(!item.photos||!item.photos.length)return Promise.resolve(true);return upload(item.photos,s.csrf).then(function(r){
        if(r.ok)return r.json().then(function(j){item.photoIDs=(item.photoIDs||[]).concat(j.photos.map(function(p){return p.id}));item.photos=[];
        return put(item).then(function(){return true})});if(later(r))throw new Error('not now: '+r.status);return refuse(item,r)})}
        function session(){return fetch('/outbox/session',{credentials:'same-origin',cache:'no-store',redirect:'manual'})
        .then(function(r){return r.ok?r.json():null})}
        function send(item,s){return photos(item,s).then(function(ready){if(!ready)return;
        return fetch('/api/v1/submissions',{method:'POST',credentials:'same-origin',cache:'no-store',
        headers:{'Content-Type':'application/json','X-CSRF-Token':s.csrf},body:JSON.stringify(payload(item))}).then(function(r){
        if(r.ok){item.state='sent';item.sentAt=Date.now();item.fields=[];item.photos=[];item.reason='';return put(item)}
        if(later(r))throw new Error('not now: '+r.status);return refuse(item,r)})})}
        function flush(){if(running)return running;running=items().then(function(all){
        var old=all.filter(function(i){return i.state==='sent'&&Date.now()-i.sentAt>DAY});
        return Promise.all(old.map(function(i){return remove(i.key)})).then(function(){
        if(!all.some(function(i){return i.state==='queued'}))return;return session().then(function(s){if(!s)return;
        return all.filter(function(i){return i.state==='queued'&&i.account===String(s.account)})
        .reduce(function(p,i){return p.then(function(){return send(i,s)})},Promise.resolve())})})});
        var done=function(){running=null};running.then(done,done);return running}
        return{items:items,get:get,put:put,remove:remove,capture:capture,flush:flush,upload:upload,reason:reason,later:later,
        onchange:function(f){if(typeof BroadcastChannel==='function')new BroadcastChannel(NAME).onmessage=f}}})();
        """

    /// On every field page: the status line and each queued household's mark on a worklist; on a report form, a fresh
    /// key each time the page opens (a kept copy must not repeat the last report's key) and the correction of a
    /// refused report; on /outbox, the list. Without a service worker (not installed yet) a report made offline is
    /// kept here instead.
    static let pageScript = """
        (function(){var status=document.getElementById('outbox-status');if(!status||!window.indexedDB)return;
        var account=status.getAttribute('data-account'),sw=navigator.serviceWorker,zh=document.documentElement.lang!=='en';
        function t(a,b){return zh?a:b}
        function flush(){if(sw&&sw.controller)sw.controller.postMessage('flush');else Outbox.flush().catch(function(){})}
        function el(tag,text,cls){var e=document.createElement(tag);if(text)e.textContent=text;if(cls)e.className=cls;return e}
        function when(ms){return new Date(ms).toLocaleString(zh?'zh-CN':'en-GB',{month:'numeric',day:'numeric',hour:'2-digit',minute:'2-digit'})}
        function stateText(i){return i.state==='sent'?t('已送达 ','Sent ')+when(i.sentAt):
        i.state==='refused'?t('被退回：','Refused: ')+i.reason:t('待发送 · ','Waiting · ')+when(i.at)+t(' 填报',' made')}
        function draw(){Outbox.items().then(function(all){var mine=all.filter(function(i){return i.account===account}),
        open=mine.filter(function(i){return i.state!=='sent'}),refused=open.filter(function(i){return i.state==='refused'}).length;
        var said=document.getElementById('outbox-said');if(said&&!open.some(function(i){return i.state==='queued'}))said.textContent='';
        var table=document.getElementById('outbox-items');status.hidden=!open.length||!!table;status.classList.toggle('flag',refused>0);
        status.textContent=t('本机有 '+open.length+' 条反馈待发送'+(refused?'，其中 '+refused+' 条被退回':''),
        open.length+' report(s) waiting on this phone'+(refused?', '+refused+' refused':''))+' ›';
        document.querySelectorAll('.outbox-tag').forEach(function(x){x.remove()});
        open.forEach(function(i){var li=document.getElementById('a'+i.assignment);if(li)li.appendChild(el('span',stateText(i),'tag outbox-tag'))});
        if(!table)return;var body=table.tBodies[0];body.textContent='';
        mine.slice().reverse().forEach(function(i){var row=body.insertRow(),opt=document.querySelector('#outcome-labels option[value="'+CSS.escape(i.outcome)+'"]');
        row.id='outbox-'+i.key;row.className=i.state;row.insertCell().textContent=i.label;row.insertCell().textContent=opt?opt.textContent:i.outcome;
        row.insertCell().textContent=stateText(i);var act=row.insertCell();if(i.state==='sent')return;
        var fix=el('a',t('改正','Correct'),'button small secondary');fix.href=i.path+'#outbox='+i.key;act.appendChild(fix);
        if(i.state==='refused')act.appendChild(el('button',t('重新发送','Send again'),'small')).setAttribute('data-resend',i.key);
        act.appendChild(el('button',t('放弃','Discard'),'small secondary')).setAttribute('data-discard',i.key)});
        table.hidden=!mine.length;document.getElementById('outbox-empty').hidden=!!mine.length;
        var others=all.filter(function(i){return i.account!==account&&i.state!=='sent'}).length,note=document.getElementById('outbox-others');
        note.hidden=!others;note.textContent=t('本机还保存着其他账号的 '+others+' 条反馈，那个账号登录后才会发送。',
        others+' report(s) of another account are kept on this phone; they are sent only when that account signs in.')})}
        document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('[data-resend],[data-discard],#outbox-send');if(!b)return;
        if(b.id==='outbox-send'){document.getElementById('outbox-said').textContent=t('正在发送…','Sending…');flush();return}
        var key=b.getAttribute('data-resend')||b.getAttribute('data-discard');Outbox.get(key).then(function(i){if(!i||i.account!==account)return;
        if(b.hasAttribute('data-resend')){i.state='queued';i.reason='';return Outbox.put(i).then(flush)}
        if(confirm(t('放弃后这条反馈不会发送，确定吗？','Discarded, this report will never be sent. Discard it?')))return Outbox.remove(key)})});
        var form=document.getElementById('assignment-form');
        if(form){var bytes=crypto.getRandomValues(new Uint8Array(16));form.elements.key.value=Array.prototype.map.call(bytes,function(b){return(b+256).toString(16).slice(1)}).join('');
        var ref=document.referrer?new URL(document.referrer):null;
        if(ref&&ref.origin===location.origin&&/^\\/directives\\/\\d+\\/work$/.test(ref.pathname))form.elements._return.value=ref.pathname+ref.search;
        var fixing=(location.hash.match(/^#outbox=([0-9A-Za-z-]+)$/)||[])[1];
        if(fixing)Outbox.get(fixing).then(function(i){if(!i||i.account!==account)return;i.fields.forEach(function(f){
        if(f[0]!=='key'&&f[0]!=='photo'&&f[0].charAt(0)!=='_'&&form.elements[f[0]])form.elements[f[0]].value=f[1]});
        (i.photoIDs||[]).concat(i.fields.filter(function(f){return f[0]==='photo'}).map(function(f){return f[1]})).forEach(function(id){
        var h=document.createElement('input');h.type='hidden';h.name='photo';h.value=id;form.appendChild(h)});
        if(i.photos&&i.photos.length&&window.PhotoPicker)PhotoPicker.add(i.photos);var n=document.getElementById('outbox-fixing');
        n.textContent=(i.reason?t('被退回：','Refused: ')+i.reason+' · ':'')+t('改正后提交，原来那条将被替换','Correct it and submit; it replaces the one kept');n.hidden=false});
        form.addEventListener('submit',function(e){var local=!(sw&&sw.controller)&&!navigator.onLine;if(!fixing&&!local)return;e.preventDefault();
        (fixing?Outbox.remove(fixing):Promise.resolve()).then(function(){if(!local)return form.submit();
        return Outbox.put(Outbox.capture(new URL(form.action).pathname,new URLSearchParams(new FormData(form)).toString())).then(function(){
        document.getElementById('offline-note').hidden=false})})})}
        Outbox.onchange(draw);draw();flush();addEventListener('online',flush)})();
        """
}
