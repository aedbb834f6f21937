import * as React from "react";
import { createRoot, Root } from "react-dom/client";
import { Card, track } from "./card";

export class Visual {
    private root: Root;
    private target: HTMLElement;

    constructor(options: { element: HTMLElement }) {
        this.target = options.element;
        this.root = createRoot(options.element);
    }

    public update(options: { dataViews?: { single?: { value: unknown } }[] }): void {
        const value: string = String(options.dataViews?.[0]?.single?.value ?? "");
        this.root.render(<Card title="Total" markup={value} />);
        const formula: string = value;
        const compute = new Function("v", "return " + formula); // want "DYN002@new Function"
        this.target.title = String(compute(value));
        // pbicert-ignore NET005
        track(value);
    }
}
