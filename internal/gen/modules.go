package gen

import "strings"

// Default visual module, ES2022 class form (era 5). {{CLASS}} and {{NAME}}
// are replaced. It follows the certification requirements: rendering events
// in update, textContent only, no network, no storage.
const visualModuleES2022 = `class {{CLASS}} {
    constructor(options) {
        this.target = options.element;
        this.host = options.host;
        this.events = options.host.eventService;
        this.selectionManager = options.host.createSelectionManager();
        this.root = document.createElement("div");
        this.root.className = "{{NAME}}";
        this.target.appendChild(this.root);
    }
    update(options) {
        this.events.renderingStarted(options);
        try {
            const dataView = options.dataViews && options.dataViews[0];
            const rows = {{CLASS}}.rows(dataView);
            this.root.textContent = "";
            const max = rows.reduce((m, r) => Math.max(m, r.value), 0) || 1;
            for (const row of rows) {
                const item = document.createElement("div");
                item.className = "{{NAME}}-row";
                item.style.width = Math.round(100 * row.value / max) + "%";
                item.textContent = row.label + ": " + row.value;
                item.addEventListener("click", () => this.selectionManager.select(row.identity));
                this.root.appendChild(item);
            }
            this.events.renderingFinished(options);
        } catch (e) {
            this.events.renderingFailed(options, String(e));
        }
    }
    static rows(dataView) {
        const categorical = dataView && dataView.categorical;
        if (!categorical || !categorical.categories || !categorical.values) {
            return [];
        }
        const category = categorical.categories[0];
        const values = categorical.values[0];
        return category.values.map((label, i) => ({
            label: String(label),
            value: Number(values.values[i]) || 0,
            identity: category.identity ? category.identity[i] : null
        }));
    }
    getFormattingModel() {
        return { cards: [] };
    }
    destroy() {
        this.root.remove();
    }
}`

// Same module as it comes out of terser (one line).
const visualModuleES2022Min = `class {{CLASS}}{constructor(e){this.target=e.element,this.host=e.host,this.events=e.host.eventService,this.selectionManager=e.host.createSelectionManager(),this.root=document.createElement("div"),this.root.className="{{NAME}}",this.target.appendChild(this.root)}update(e){this.events.renderingStarted(e);try{const t=e.dataViews&&e.dataViews[0],n={{CLASS}}.rows(t);this.root.textContent="";const o=n.reduce(((e,t)=>Math.max(e,t.value)),0)||1;for(const e of n){const t=document.createElement("div");t.className="{{NAME}}-row",t.style.width=Math.round(100*e.value/o)+"%",t.textContent=e.label+": "+e.value,t.addEventListener("click",(()=>this.selectionManager.select(e.identity))),this.root.appendChild(t)}this.events.renderingFinished(e)}catch(t){this.events.renderingFailed(e,String(t))}}static rows(e){const t=e&&e.categorical;if(!t||!t.categories||!t.values)return[];const n=t.categories[0],o=t.values[0];return n.values.map(((e,t)=>({label:String(e),value:Number(o.values[t])||0,identity:n.identity?n.identity[t]:null})))}getFormattingModel(){return{cards:[]}}destroy(){this.root.remove()}}`

// Default visual module for the older eras (TypeScript compiled to ES5).
const visualModuleES5 = `var {{CLASS}} = /** @class */ (function () {
    function {{CLASS}}(options) {
        this.target = options.element;
        this.host = options.host;
        this.events = options.host.eventService;
        this.root = document.createElement("div");
        this.root.className = "{{NAME}}";
        this.target.appendChild(this.root);
    }
    {{CLASS}}.prototype.update = function (options) {
        this.events.renderingStarted(options);
        try {
            var dataView = options.dataViews && options.dataViews[0];
            var categorical = dataView && dataView.categorical;
            this.root.textContent = "";
            if (categorical && categorical.categories && categorical.values) {
                var labels = categorical.categories[0].values;
                var values = categorical.values[0].values;
                for (var i = 0; i < labels.length; i++) {
                    var item = document.createElement("div");
                    item.className = "{{NAME}}-row";
                    item.textContent = String(labels[i]) + ": " + String(values[i]);
                    this.root.appendChild(item);
                }
            }
            this.events.renderingFinished(options);
        }
        catch (e) {
            this.events.renderingFailed(options, String(e));
        }
    };
    {{CLASS}}.prototype.enumerateObjectInstances = function (options) {
        return [];
    };
    return {{CLASS}};
}());`

const visualModuleES5Min = `var {{CLASS}}=function(){function e(e){this.target=e.element,this.host=e.host,this.events=e.host.eventService,this.root=document.createElement("div"),this.root.className="{{NAME}}",this.target.appendChild(this.root)}return e.prototype.update=function(e){this.events.renderingStarted(e);try{var t=e.dataViews&&e.dataViews[0],n=t&&t.categorical;if(this.root.textContent="",n&&n.categories&&n.values)for(var o=n.categories[0].values,r=n.values[0].values,i=0;i<o.length;i++){var a=document.createElement("div");a.className="{{NAME}}-row",a.textContent=String(o[i])+": "+String(r[i]),this.root.appendChild(a)}this.events.renderingFinished(e)}catch(t){this.events.renderingFailed(e,String(t))}},e.prototype.enumerateObjectInstances=function(e){return[]},e}();`

// The WithFindings visual: the clean visual plus everything certification
// forbids, each used with data (not constants).
const findingsVisualModule = `class Visual{constructor(e){this.target=e.element,this.host=e.host,this.events=e.host.eventService,this.root=document.createElement("div"),this.root.className="exampleVisual",this.target.appendChild(this.root),this.cacheKey="exampleVisual.lastRows"}load(e){return fetch("https://api.contoso.com/enrich?q="+encodeURIComponent(e)).then((e=>e.json()))}compile(e){return new Function("row","return "+e)}remember(e){localStorage.setItem(this.cacheKey,JSON.stringify(e))}update(e){this.events.renderingStarted(e);try{const t=e.dataViews&&e.dataViews[0],n=t&&t.categorical,o=n?n.categories[0].values.map(((e,t)=>({label:String(e),value:Number(n.values[0].values[t])||0}))):[],r=this.compile(t&&t.metadata&&t.metadata.objects&&t.metadata.objects.general&&t.metadata.objects.general.formula||"row.value");this.root.innerHTML=o.map((e=>"<div class=\"row\">"+e.label+": "+r(e)+"</div>")).join(""),this.remember(o),o.length&&this.load(o[0].label).then((e=>{this.root.title=String(e&&e.summary)})),this.events.renderingFinished(e)}catch(t){this.events.renderingFailed(e,String(t))}}getFormattingModel(){return{cards:[]}}destroy(){this.root.remove()}}`

func defaultCSS(name string) string {
	return strings.NewReplacer("{{NAME}}", name).Replace(`.{{NAME}}{font-family:"Segoe UI",wf_segoe-ui_normal,helvetica,arial,sans-serif;font-size:12px;overflow:hidden;height:100%}.{{NAME}}-row{background:#118dff;color:#fff;margin:2px 0;padding:2px 4px;white-space:nowrap;text-overflow:ellipsis;overflow:hidden}.{{NAME}}-row:focus{outline:2px solid #252423}`)
}

// defaultCapabilities returns a realistic capabilities object with the
// given privileges JSON (nil: no privileges key).
func defaultCapabilities(privileges string) string {
	var sb strings.Builder
	sb.WriteString(`{"dataRoles":[{"displayName":"Category","name":"category","kind":"Grouping"},{"displayName":"Value","name":"measure","kind":"Measure"}],` +
		`"objects":{"dataPoint":{"properties":{"defaultColor":{"type":{"fill":{"solid":{"color":true}}}},"showAllDataPoints":{"type":{"bool":true}},"fontSize":{"type":{"formatting":{"fontSize":true}}}}},` +
		`"general":{"properties":{"formula":{"type":{"text":true}}}}},` +
		`"dataViewMappings":[{"conditions":[{"category":{"max":1},"measure":{"max":1}}],"categorical":{"categories":{"for":{"in":"category"},"dataReductionAlgorithm":{"top":{"count":1000}}},"values":{"select":[{"bind":{"to":"measure"}}]}}}],` +
		`"supportsHighlight":true,"supportsKeyboardFocus":true,"supportsMultiVisualSelection":true,"supportsLandingPage":false`)
	if privileges != "" {
		sb.WriteString(`,"privileges":`)
		sb.WriteString(privileges)
	}
	sb.WriteString(`}`)
	return sb.String()
}
