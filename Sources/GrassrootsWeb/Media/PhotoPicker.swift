import GrassrootsCore
import GrassrootsStore

/// Photos on a report form: picked on the phone, resized there (long side 1600 px, JPEG) so a 12-MP photo sends in
/// seconds on a slow line, shown as thumbnails, uploaded just before the report is sent and named in it. With no
/// network the report and its photos go to the outbox together (IndexedDB keeps the pictures), and the outbox
/// uploads them before it sends the report.
enum PhotoPicker {
    /// The picker, in a form; its script is `script`. Photos already uploaded for a form shown again with its errors
    /// stay with it (`kept`), so the worker does not pick them twice.
    static func field(_ context: AppContext, kept: [String] = []) -> HTML {
        let ids = kept.compactMap { Int($0) }
        return """
        <div class="field photo-picker"><label>\(context.t("照片（最多 \(PhotoStore.perRecord) 张，可不拍）", "Photos (up to \(PhotoStore.perRecord), optional)"))
        <input type="file" class="photo-input" accept="image/jpeg,image/png,image/webp" multiple data-max="\(PhotoStore.perRecord)"></label>
        \(ids.map { "<input type=\"hidden\" name=\"photo\" value=\"\($0)\">" as HTML }.joined())\
        <ul class="photos photo-previews"></ul><p class="muted photo-said" role="status">\(ids.isEmpty ? "" : context.t("已上传 \(ids.count) 张照片，随本次提交", "\(ids.count) photo(s) uploaded, sent with this form"))</p></div>
        """
    }

    /// A record's photos as thumbnails, each opening the photo; field staff also get a way to remove one, with a
    /// reason, coming back to `back` (the record's page).
    static func gallery(_ photos: [Photo], _ context: AppContext, back: String) -> HTML {
        guard !photos.isEmpty else { return "" }
        let removes = context.session?.account.role.reportsFieldWork == true
        return "<ul class=\"photos gallery\">" + photos.enumerated().map { i, p -> HTML in
            let remove: HTML = removes ? """
                <form method="post" action="/photos/\(p.id)/remove" class="inline photo-remove" data-confirm="\(context.t("移除这张照片？", "Remove this photo?"))">\(HTML.csrfField(context))\
                <input type="hidden" name="back" value="\(back)"><input type="text" name="reason" required maxlength="200" \
                placeholder="\(context.t("移除原因", "Why remove it"))" aria-label="\(context.t("移除原因", "Why remove it"))">\
                <button type="submit" class="small secondary">\(context.t("移除", "Remove"))</button></form>
                """ : ""
            return "<li><a href=\"/photos/\(p.id)\"><img src=\"/photos/\(p.id)\" alt=\"\(context.t("照片 \(i + 1)", "Photo \(i + 1)"))\" loading=\"lazy\"></a>\(remove)</li>"
        }.joined() + "</ul>"
    }

    static let asset = StaticAssets.Asset("photos", "js", script)

    /// The picker's script and the outbox library it sends with (field roles have that on every page already).
    static func scripts(_ context: AppContext) -> HTML {
        (context.session?.account.role.reportsFieldWork == true ? "" : ReportOutbox.store.script) + asset.script
    }

    static let script = """
        (function(){var zh=document.documentElement.lang!=='en';function t(a,b){return zh?a:b}
        function canvas(img,side){var s=Math.min(1,side/Math.max(img.width,img.height)),c=document.createElement('canvas');
        c.width=Math.max(1,Math.round(img.width*s));c.height=Math.max(1,Math.round(img.height*s));c.getContext('2d').drawImage(img,0,0,c.width,c.height);return c}
        // The photo as sent: long side 1600 px, JPEG; a file the browser cannot read goes as it is, for the server to judge.
        function resize(file){return createImageBitmap(file,{imageOrientation:'from-image'}).then(function(img){var c=canvas(img,1600);
        return new Promise(function(ok){c.toBlob(function(b){ok(b||file)},'image/jpeg',0.85)})},function(){return file})}
        document.querySelectorAll('form[data-photos]').forEach(function(form){var input=form.querySelector('.photo-input');if(!input)return;
        var max=Number(input.getAttribute('data-max'))||3,list=form.querySelector('.photo-previews'),said=form.querySelector('.photo-said'),blobs=[];
        function draw(){list.textContent='';blobs.forEach(function(b,i){var li=document.createElement('li'),img=document.createElement('img'),x=document.createElement('button');
        img.alt=t('照片 ','Photo ')+(i+1);createImageBitmap(b).then(function(bm){img.src=canvas(bm,192).toDataURL('image/jpeg',0.7)},function(){img.alt=b.name||'?'});
        x.type='button';x.className='small secondary';x.textContent=t('移除','Remove');x.addEventListener('click',function(){blobs.splice(i,1);draw()});
        li.appendChild(img);li.appendChild(x);list.appendChild(li)});
        said.textContent=blobs.length?t('已选 '+blobs.length+' 张，共 ','Chosen: '+blobs.length+', ')+Math.round(blobs.reduce(function(n,b){return n+b.size},0)/1024)+' KB':''}
        function add(files){files=Array.prototype.slice.call(files,0,Math.max(0,max-blobs.length));
        return Promise.all(files.map(resize)).then(function(r){blobs=blobs.concat(r);draw()})}
        input.addEventListener('change',function(){var over=blobs.length+input.files.length>max;add(input.files).then(function(){input.value='';
        if(over)said.textContent+=t('（最多 '+max+' 张，多选的未加入）',' (at most '+max+'; the rest were left out)')})});
        if(form.id==='assignment-form')window.PhotoPicker={add:function(b){blobs=blobs.concat(b).slice(0,max);draw()}};
        // The photos go up first; then the form is sent as the button pressed would have sent it.
        form.addEventListener('submit',function(e){if(!blobs.length)return;e.preventDefault();e.stopImmediatePropagation();var button=e.submitter;
        said.textContent=t('正在上传照片…','Uploading photos…');Outbox.upload(blobs,form.elements._csrf.value).then(function(r){
        if(r.ok)return r.json().then(function(j){j.photos.forEach(function(p){var h=document.createElement('input');h.type='hidden';h.name='photo';h.value=p.id;form.appendChild(h)});
        blobs=[];draw();form.requestSubmit(button&&button.form===form?button:undefined)});
        if(!Outbox.later(r))return Outbox.reason(r).then(function(text){said.textContent=text});
        throw new Error('later')}).catch(function(){
        if(!form.hasAttribute('data-offline')){said.textContent=t('网络不通，照片未能上传，请稍后再提交','No connection: the photos could not be sent; submit again later');return}
        // No network: the report and its photos wait in the outbox together.
        var item=Outbox.capture(new URL(form.action).pathname,new URLSearchParams(new FormData(form)).toString());item.photos=blobs;
        var fixing=(location.hash.match(/^#outbox=([0-9A-Za-z-]+)$/)||[])[1];
        (fixing?Outbox.remove(fixing):Promise.resolve()).then(function(){return Outbox.put(item)}).then(function(){
        location.href=(item.back||'/outbox')+'#a'+item.assignment})})},true)})})();
        """
}
