import type { ReactNode } from "react";

/** A light message box (no antd) for errors, warnings and hints on the public pages. */
export function Notice({
  type,
  title,
  description,
  action,
  role,
  className,
}: {
  type: "error" | "warning" | "info" | "success";
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  role?: "alert" | "status";
  className?: string;
}) {
  return (
    <div className={`notice notice-${type} ${className ?? ""}`} role={role}>
      <div className="notice-body">
        <div className="notice-title">{title}</div>
        {description && <div className="notice-description">{description}</div>}
      </div>
      {action && <div className="notice-action">{action}</div>}
    </div>
  );
}
