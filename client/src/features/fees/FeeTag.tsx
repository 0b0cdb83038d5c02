import type { ReactNode } from "react";

export type Tone = "green" | "orange" | "red" | "blue" | "purple" | "default";

/** A status word with a colour that keeps WCAG AA contrast (antd's tag colours do not). */
export function FeeTag({ tone = "default", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`fee-tag fee-tag-${tone}`}>{children}</span>;
}
