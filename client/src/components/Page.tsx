import type { ReactNode } from "react";
import { usePageTitle } from "../lib/usePageTitle";

interface PageProps {
  /** The page's one `<h1>`, also used for `document.title`. */
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

export function Page({ title, subtitle, actions, children }: PageProps) {
  usePageTitle(title);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{title}</h1>
          {subtitle && <p className="page-subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="page-actions no-print">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

/** A titled block inside a page, with an `<h2>`. */
export function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="page-section">
      <div className="section-header">
        <h2 className="section-title">{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

/**
 * A titled block folded away (a native `<details>`, keyboard and reader friendly): reference data that
 * sits below the work on a staff workspace. `open` sets how it starts (the public pages start open).
 */
export function FoldedSection({ title, open = false, children }: { title: string; open?: boolean; children: ReactNode }) {
  return (
    <details className="page-section folded-section" open={open || undefined}>
      <summary className="folded-summary">
        <h2 className="section-title">{title}</h2>
      </summary>
      <div className="folded-body">{children}</div>
    </details>
  );
}
