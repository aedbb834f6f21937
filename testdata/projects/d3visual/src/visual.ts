"use strict";

import powerbi from "powerbi-visuals-api";
import { select, Selection } from "d3-selection";
import { Row, formatValue, labelOf } from "./format";
import "./../style/visual.less";

import VisualConstructorOptions = powerbi.extensibility.visual.VisualConstructorOptions;
import VisualUpdateOptions = powerbi.extensibility.visual.VisualUpdateOptions;
import IVisual = powerbi.extensibility.visual.IVisual;
import IVisualEventService = powerbi.extensibility.IVisualEventService;

type Root = Selection<HTMLDivElement, unknown, null, undefined>;

export class Visual implements IVisual {
    private root: Root;
    private events: IVisualEventService;
    private readonly cacheKey: string = "d3BarList.rows";

    constructor(options: VisualConstructorOptions) {
        this.events = options.host.eventService;
        this.root = select(options.element).append("div").classed("d3BarList", true);
    }

    public update(options: VisualUpdateOptions): void {
        this.events.renderingStarted(options);
        try {
            const rows: Row[] = Visual.rows(options);
            const items = this.root.selectAll<HTMLDivElement, Row>("div.row").data(rows).join("div");
            items.html((d: Row) => "<b>" + labelOf(d) + "</b>"); // want "DOM009@items.html"
            const key: string = this.cacheKey;
            localStorage.setItem(key, JSON.stringify(rows)); // want "STO001@localStorage"
            // pbicert-ignore DYN003: the timer string is a constant written by us
            setTimeout("console.log('drawn')", 10);
            this.enrich(rows[0]);
            this.events.renderingFinished(options);
        } catch (e) {
            this.events.renderingFailed(options, String(e));
        }
    }

    private async enrich(row: Row | undefined): Promise<void> {
        if (!row) { return; }
        const url: string = "https://api.contoso.com/enrich?q=" + encodeURIComponent(row.label);
        const response: Response = await window.fetch(url); // want "NET001@window.fetch"
        const body: { summary: string } = await response.json();
        this.root.attr("title", formatValue(body.summary));
    }

    // pbicert-ignore NET003: this line has no WebSocket
    private static rows(options: VisualUpdateOptions): Row[] {
        const categorical = options.dataViews?.[0]?.categorical;
        if (!categorical?.categories || !categorical.values) {
            return [];
        }
        const labels = categorical.categories[0].values;
        const values = categorical.values[0].values;
        return labels.map((label, i) => ({ label: String(label), value: Number(values[i]) || 0 }));
    }
}
