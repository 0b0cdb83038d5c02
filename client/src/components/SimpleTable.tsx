import type { Key, ReactNode } from "react";

export interface Column<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  align?: "left" | "right";
}

interface SimpleTableProps<T> {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => Key;
  /** Names the table for screen readers; hidden on screen. */
  caption?: string;
  empty?: string;
}

/**
 * A plain, semantic read-only table. The public and workspace pages use it instead of antd's Table,
 * which brings filters, menus and trees that a village PC should not have to download.
 */
export function SimpleTable<T>({ rows, columns, rowKey, caption, empty }: SimpleTableProps<T>) {
  return (
    <div className="simple-table-wrap">
      <table className="simple-table">
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.align === "right" ? "num" : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty !== undefined ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.align === "right" ? "num" : undefined} data-label={c.title}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
