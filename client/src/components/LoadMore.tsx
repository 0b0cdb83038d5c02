import { useState } from "react";
import { useTranslation } from "react-i18next";

interface LoadMoreProps {
  shown: number;
  /** How many in all; a long history leaves it out (counting it would read every row). */
  total?: number;
  hasNextPage: boolean;
  /** Fetches the page after the current end cursor. */
  onLoadMore: () => Promise<unknown>;
}

/** "Load more" under a paged table: old PCs on slow lines fetch one page at a time. */
export function LoadMore({ shown, total, hasNextPage, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  const load = async () => {
    setLoading(true);
    try {
      await onLoadMore();
    } finally {
      setLoading(false);
    }
  };
  return (
    <div className="load-more">
      <span role="status">{total === undefined ? t("workspace.shown", { shown }) : t("common.shownOfTotal", { shown, total })}</span>
      {hasNextPage && (
        <button type="button" className="button" onClick={load} disabled={loading} aria-busy={loading}>
          {loading && <span className="spinner-ring small" aria-hidden />}
          {t("common.loadMore")}
        </button>
      )}
    </div>
  );
}
