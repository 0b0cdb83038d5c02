import type { ReactNode } from "react";
import "./admin.css";

/** A small status label (正式/暂定, 在用/已停用 …) at AA contrast. */
export function StatusMark({ tone, children }: { tone: "ok" | "warn" | "bad" | "off"; children: ReactNode }) {
  return <span className={`status-mark ${tone}`}>{children}</span>;
}
