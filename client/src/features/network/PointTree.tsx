import { useCallback, useEffect, useState } from "react";
import { Alert, Spin, Tree } from "antd";
import type { TreeDataNode } from "antd";
import { useApolloClient } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { PointLevel, PointTreeNodesQuery } from "../../gql/graphql";
import { describeError } from "../../lib/errors";

const PointTreeNodesDocument = graphql(`
  query PointTreeNodes($first: Int!, $after: String, $parentCode: String, $level: PointLevel) {
    servicePoints(first: $first, after: $after, parentCode: $parentCode, level: $level) {
      nodes {
        id
        code
        name
        level
        childCount
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export interface PointNode extends TreeDataNode {
  key: string;
  level: PointLevel;
  name: string;
  children?: PointNode[];
}

const PAGE = 100;

function replaceChildren(nodes: PointNode[], key: string, children: PointNode[]): PointNode[] {
  return nodes.map((n) =>
    n.key === key ? { ...n, children } : n.children ? { ...n, children: replaceChildren(n.children, key, children) } : n,
  );
}

/** The 291-point tree, city → townships → villages; each level is fetched when opened. */
export function PointTree({ onSelect }: { onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [tree, setTree] = useState<PointNode[] | undefined>();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();

  const fetchAll = useCallback(
    async (variables: { parentCode?: string; level?: PointLevel }): Promise<PointNode[]> => {
      const nodes: PointNode[] = [];
      // `after` is left out, not sent as null, on the first page.
      let after: string | undefined;
      do {
        const result: { data?: PointTreeNodesQuery } = await client.query({
          query: PointTreeNodesDocument,
          variables: { ...variables, first: PAGE, after },
        });
        const data = result.data;
        if (!data) break;
        for (const p of data.servicePoints.nodes) {
          nodes.push({
            key: p.code,
            name: p.name,
            level: p.level,
            title: `${p.name}（${t(`enums.PointLevel.${p.level}`)}${p.childCount ? ` · ${p.childCount}` : ""}）`,
            isLeaf: p.childCount === 0,
          });
        }
        const { hasNextPage, endCursor } = data.servicePoints.pageInfo;
        after = hasNextPage && endCursor ? endCursor : undefined;
      } while (after);
      return nodes;
    },
    [client, t],
  );

  useEffect(() => {
    let live = true;
    const loadRoots = async () => {
      const roots = await fetchAll({ level: "CITY" });
      // The city's townships are shown open, so fetch them with the root.
      return Promise.all(roots.map(async (r) => ({ ...r, children: await fetchAll({ parentCode: r.key }) })));
    };
    loadRoots().then(
      (roots) => {
        if (!live) return;
        setTree(roots);
        setExpanded(roots.map((r) => r.key));
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [fetchAll]);

  const loadData = async (node: { key: React.Key; children?: unknown[] }) => {
    if (node.children) return;
    try {
      const children = await fetchAll({ parentCode: String(node.key) });
      setTree((current) => (current ? replaceChildren(current, String(node.key), children) : current));
    } catch (e) {
      setError(e);
    }
  };

  if (error) return <Alert type="error" showIcon role="alert" title={describeError(error, t)} />;
  if (!tree) return <Spin description={t("common.loading")} />;
  return (
    <Tree<PointNode>
      aria-label={t("network.treeLabel")}
      treeData={tree}
      loadData={loadData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
      showLine
      height={560}
    />
  );
}
