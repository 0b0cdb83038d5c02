import { useTranslation } from "react-i18next";

/** A light loading indicator (no antd): the public pages load it in their first download. */
export function Spinner({ label, className }: { label?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`page-spinner ${className ?? ""}`} role="status" aria-live="polite">
      <span className="spinner-ring" aria-hidden />
      <span>{label ?? t("common.loading")}</span>
    </div>
  );
}
