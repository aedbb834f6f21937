import * as React from "react";

export interface CardProps {
    title: string;
    markup: string;
}

export function Card(props: CardProps): React.ReactElement {
    const html = { __html: props.markup };
    return (
        <div className="card">
            <h2>{props.title}</h2>
            <div dangerouslySetInnerHTML={html} />{/* // want "DOM010@dangerouslySetInnerHTML" */}
        </div>
    );
}

export function track(title: string): void {
    navigator.sendBeacon("https://stats.contoso.com/t", title); // want "NET005@navigator.sendBeacon"
}
