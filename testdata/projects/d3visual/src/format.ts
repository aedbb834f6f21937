// Number formatting helpers (no findings expected here).
export interface Row {
    label: string;
    value: number;
}

export function formatValue(value: unknown, digits: number = 0): string {
    const n: number = Number(value);
    return isFinite(n) ? n.toFixed(digits) : String(value);
}

export function labelOf(row: Row): string {
    return `${row.label}: ${formatValue(row.value)}`;
}
