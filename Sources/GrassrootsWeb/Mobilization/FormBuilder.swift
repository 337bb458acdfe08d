import Foundation
import GrassrootsCore

/// A directive's or a plan's form built field by field: each field a row (label, type, required, a choice's options,
/// a number's range) beside a preview of the phone form it makes. Rows are repeated inputs of the same names, so the
/// browser sends them in the order shown. The builder's own buttons (a row more, text imported, the screening form)
/// submit the page, which comes back changed and unsaved; the page script does the same steps without the round trip.
enum FormBuilder {
    /// One field as typed, kept as text so a refused form comes back exactly as it was sent.
    struct Row: Equatable {
        var key = "", label = "", type = FieldType.text.rawValue, required = "", options = "", minimum = "", maximum = ""

        var isBlank: Bool { [label, options, minimum, maximum].allSatisfy { $0.trimmed.isEmpty } }
    }

    /// The input names of a row's parts, each sent once per row.
    static let names = (key: "field_key", label: "field_label", type: "field_type", required: "field_required",
                        options: "field_options", minimum: "field_min", maximum: "field_max")

    static func rows(_ schema: FormSchema) -> [Row] {
        schema.fields.map { f in
            Row(key: f.key, label: f.label, type: f.type.rawValue, required: f.required ? "1" : "", options: f.options.joined(separator: "、"),
                minimum: f.minimum.map(FormField.number) ?? "", maximum: f.maximum.map(FormField.number) ?? "")
        }
    }

    /// The rows a submitted form carries, blank ones left out.
    static func rows(_ form: Form) -> [Row] {
        let labels = form.all(names.label)
        func part(_ name: String, _ i: Int) -> String { let values = form.all(name); return i < values.count ? values[i] : "" }
        return labels.indices.map { i in
            Row(key: part(names.key, i), label: labels[i], type: part(names.type, i), required: part(names.required, i),
                options: part(names.options, i), minimum: part(names.minimum, i), maximum: part(names.maximum, i))
        }.filter { !$0.isBlank }
    }

    /// The rows after the builder's button pressed on `form`, if one was, and the message of a step that failed
    /// (text that does not parse leaves the rows as they were). `template` is what "start from the screening form" fills in.
    static func step(_ form: Form, template: FormSchema, _ context: AppContext) -> (rows: [Row], errors: [String: String])? {
        guard let step = form["builder"] else { return nil }
        var rows = rows(form)
        switch step {
        case "add": rows.append(Row())
        case "screening": rows = Self.rows(template)
        case "import":
            do { rows = Self.rows(try FormSchema.parse(lines: form["form_lines"] ?? "")) } catch {
                return (rows, ["form_lines": FormErrors.messages(error, context)?.values.joined(separator: "；") ?? "\(error)"])
            }
        default: break
        }
        return (rows, [:])
    }

    /// The checked form: keys kept where a row had one (a draft's fields keep theirs), new rows given the next free `fN`.
    static func schema(_ rows: [Row]) throws -> FormSchema {
        var v = Validator(), used = Set(rows.map(\.key).filter { !$0.isEmpty }), next = 1
        let fields = rows.enumerated().compactMap { i, row -> FormField? in
            let line = i + 1
            guard let type = FieldType.parse(row.type) else {
                v.fail("form", Bilingual("第\(line)项：类型“\(row.type)”无效", "Field \(line): type “\(row.type)” is invalid")); return nil
            }
            var key = row.key
            if key.isEmpty {
                while used.contains("f\(next)") { next += 1 }
                key = "f\(next)"; used.insert(key)
            }
            func bound(_ text: String) -> Double? {
                guard !text.trimmed.isEmpty else { return nil }
                guard let value = Double(text.trimmed), value.isFinite else {
                    v.fail("form", Bilingual("第\(line)项：范围“\(text)”应为数字", "Field \(line): the range “\(text)” must be a number")); return nil
                }
                return value
            }
            let isNumber = type == .number
            return FormField(key: key, label: row.label.trimmed, type: type, required: row.required == "1",
                             options: type == .choice ? FormSchema.options(row.options) : [],
                             minimum: isNumber ? bound(row.minimum) : nil, maximum: isNumber ? bound(row.maximum) : nil)
        }
        try v.finish()
        return try FormSchema(fields: fields)
    }

    /// The builder: the rows, a blank one to copy, the builder's buttons, the text import and the phone preview.
    static func editor(_ rows: [Row], template: String, errors: [String: String], _ context: AppContext) -> HTML {
        let preview = (try? schema(rows.filter { !$0.isBlank })).map { FormView.fields($0, values: [:], errors: [:], context: context) }
        return """
            <fieldset class="builder\(if: errors["form"] != nil, " invalid")" id="form-builder" data-yes="\(context.t("是", "Yes"))" data-no="\(context.t("否", "No"))">\
            <legend>\(context.t("到户填写的表单", "The form asked at each target"))</legend>\(HTML.message(errors["form"]))
            <div class="builder-grid"><div><ol id="builder-rows">\(rows.map { row($0, context) }.joined())</ol>
            <template id="builder-row">\(row(Row(), context))</template>
            <p><button type="submit" name="builder" value="add" formnovalidate class="secondary">\(context.t("添加一项", "Add a field"))</button>
            <button type="submit" name="builder" value="screening" formnovalidate class="secondary">\(context.t(
                "填入\(template)", "Fill in the \(template)"))</button></p>
            <details\(if: errors["form_lines"] != nil, " open")><summary>\(context.t("从文本导入（每行一项：名称 | 类型 | 必填 | 选项或范围）", "Import text (a field a line: label | type | required | options or range)"))</summary>
            \(HTML.textarea("form_lines", label: context.t("导入后替换上面的字段", "Replaces the fields above"), value: nil, errors: errors, rows: 4,
                            hint: context.t("例：在家人数 | 数字 | 必填 | 0~50；外出情况 | 选择 | 选填 | 未外出/省内/省外", "e.g. People at home | number | required | 0~50")))
            <button type="submit" name="builder" value="import" formnovalidate class="secondary">\(context.t("导入", "Import"))</button></details></div>
            <aside class="phone-preview" id="form-preview" aria-live="polite"><p class="muted">\(context.t("手机上看到的表单", "The form on a phone"))</p>
            <fieldset disabled><fieldset class="outcomes">\(FormView.outcomeChoices(selected: nil, name: "preview_outcome", context: context))</fieldset><div id="preview-fields">\
            \(preview ?? "<p class=\"muted\">\(context.t("修正上面的错误后显示", "Shown once the fields are corrected"))</p>")</div></fieldset></aside></div>
            </fieldset>\(StaticAssets.formBuilder.script)
            """
    }

    /// One field's row. Every part is always sent (hidden parts too), so the parts of one row stay aligned.
    static func row(_ row: Row, _ context: AppContext) -> HTML {
        let types = FieldType.allCases.map { ($0.rawValue, $0.label.text(context.language)) }
        return """
            <li class="builder-row card" data-type="\(token: row.type)"><input type="hidden" name="\(names.key)" value="\(row.key)">
            <div class="builder-tools" hidden><button type="button" class="secondary" data-move="up" aria-label="\(context.t("上移", "Move up"))">↑</button>\
            <button type="button" class="secondary" data-move="down" aria-label="\(context.t("下移", "Move down"))">↓</button>\
            <button type="button" class="secondary" data-remove>\(context.t("删除", "Remove"))</button></div>
            \(HTML.field(names.label, label: context.t("名称", "Label"), value: row.label, errors: [:], attributes: " maxlength=\"50\""))
            \(HTML.select(names.type, label: context.t("类型", "Type"), options: types, selected: row.type, errors: [:]))
            \(HTML.select(names.required, label: context.t("是否必填", "Required"), options: [("", context.t("选填", "Optional")), ("1", context.t("必填", "Required"))],
                          selected: row.required, errors: [:]))
            <div class="builder-options">\(HTML.field(names.options, label: context.t("选项（用、或 / 分隔）", "Options (separated by / or 、)"), value: row.options, errors: [:]))</div>
            <div class="builder-range">\(HTML.field(names.minimum, label: context.t("最小值", "Least"), value: row.minimum, errors: [:], type: "number",
                                                   attributes: " step=\"any\"")) \(HTML.field(names.maximum, label: context.t("最大值", "Greatest"),
                                                   value: row.maximum, errors: [:], type: "number", attributes: " step=\"any\""))</div></li>
            """
    }

    /// The builder's script: rows added, moved and removed in place, each type showing only its own parts, and the
    /// preview redrawn from the rows on every keystroke (built with DOM calls, so no text typed becomes markup).
    static let script = """
        (function(){var b=document.getElementById('form-builder');if(!b)return;b.classList.add('js');var list=document.getElementById('builder-rows'),
        tpl=document.getElementById('builder-row'),out=document.getElementById('preview-fields');
        function tools(){list.querySelectorAll('.builder-tools').forEach(function(t){t.hidden=false})}
        function val(r,n){var e=r.querySelector('[name='+n+']');return e?e.value.trim():''}
        function input(type,attrs){var i=document.createElement('input');i.type=type;for(var k in attrs)i.setAttribute(k,attrs[k]);return i}
        function select(opts){var s=document.createElement('select');opts.forEach(function(o){var e=document.createElement('option');e.textContent=o;s.appendChild(e)});return s}
        function draw(){out.textContent='';list.querySelectorAll('.builder-row').forEach(function(r){var type=val(r,'field_type');r.setAttribute('data-type',type);
        var label=val(r,'field_label');if(!label)return;var l=document.createElement('label');l.className='field';var s=document.createElement('span');
        s.textContent=label+(type==='temperature'?' ℃':'')+(val(r,'field_required')==='1'?' *':'');l.appendChild(s);var el;
        if(type==='number'){el=input('number',{step:'any'});if(val(r,'field_min'))el.min=val(r,'field_min');if(val(r,'field_max'))el.max=val(r,'field_max')}
        else if(type==='temperature')el=input('number',{step:'0.1',min:'34',max:'43'});else if(type==='date')el=input('date',{});
        else if(type==='yesno')el=select(['—',b.getAttribute('data-yes'),b.getAttribute('data-no')]);
        else if(type==='choice')el=select(['—'].concat(val(r,'field_options').split(/[\\/、,，]/).map(function(o){return o.trim()}).filter(function(o){return o})));
        else el=input('text',{});l.appendChild(el);out.appendChild(l)})}
        b.addEventListener('click',function(e){var t=e.target.closest('button');if(!t||!b.contains(t))return;var r=t.closest('.builder-row');
        if(t.name==='builder'&&t.value==='add'){e.preventDefault();list.appendChild(tpl.content.cloneNode(true));tools();list.lastElementChild.querySelector('input[name=field_label]').focus()}
        else if(t.hasAttribute('data-remove')&&r){r.remove()}else if(t.getAttribute('data-move')==='up'&&r&&r.previousElementSibling){list.insertBefore(r,r.previousElementSibling)}
        else if(t.getAttribute('data-move')==='down'&&r&&r.nextElementSibling){list.insertBefore(r.nextElementSibling,r)}else return;draw()});
        b.addEventListener('input',draw);b.addEventListener('change',draw);tools();draw()})();
        """
}
