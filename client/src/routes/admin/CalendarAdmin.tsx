import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Alert, App, Button, Space, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DayKind } from "../../gql/graphql";
import { QueryState } from "../../components/QueryState";
import { userErrorMessage } from "../../lib/errors";
import { StatusMark } from "../../features/admin/StatusMark";
import { formatDateTime } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ClearDayForm, DayForm, NoticeForm, REFETCH, useRecomputedNote } from "./CalendarForms";

const AdminCalendarDocument = graphql(`
  query AdminCalendar {
    calendarYears {
      year
      provisional
      source
      loadedAt
    }
    calendarPackage {
      source
      years
    }
  }
`);

const AdminCalendarYearDocument = graphql(`
  query AdminCalendarYear($year: Int!) {
    workCalendar(year: $year) {
      year
      loaded
      provisional
      source
      days {
        date
        kind
        name
        reason
      }
    }
  }
`);

const LoadCalendarYearFromPackageDocument = graphql(`
  mutation LoadCalendarYearFromPackage($year: Int!) {
    loadCalendarYearFromPackage(year: $year) {
      calendarYear {
        year
      }
      recomputedCases
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

function YearDays({ year }: { year: number }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(AdminCalendarYearDocument, { variables: { year } });
  const [editing, setEditing] = useState(false);
  const [clearing, setClearing] = useState<string>();
  const calendar = data?.workCalendar;
  if (!calendar) return <QueryState loading={loading} error={error} />;
  type Day = (typeof calendar.days)[number];
  return (
    <section aria-labelledby="calendar-days-title">
      <Typography.Title level={3} className="section-title" id="calendar-days-title">
        {t("adminScreens.calendar.daysOf", { year })}
      </Typography.Title>
      {calendar.provisional ? (
        <Alert type="warning" showIcon title={t("adminScreens.calendar.provisionalCannotEdit")} description={t("adminScreens.calendar.provisionalHelp")} />
      ) : (
        <Space className="toolbar">
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t("adminScreens.calendar.setDay")}
          </Button>
        </Space>
      )}
      <Table<Day>
        size="small"
        rowKey="date"
        pagination={false}
        dataSource={calendar.days}
        locale={{ emptyText: <Typography.Text>{t("adminScreens.calendar.noDays")}</Typography.Text> }}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("adminScreens.calendar.date"), dataIndex: "date" },
          { title: t("adminScreens.calendar.kind"), dataIndex: "kind", render: (k: DayKind) => t(`adminScreens.calendar.kinds.${k}`) },
          { title: t("adminScreens.calendar.name"), dataIndex: "name" },
          { title: t("adminScreens.calendar.reason"), dataIndex: "reason", render: (r: string | null) => r ?? "—" },
          ...(calendar.provisional
            ? []
            : [
                {
                  title: t("common.actions"),
                  key: "actions",
                  render: (_: unknown, d: Day) => (
                    <Button size="small" onClick={() => setClearing(d.date)}>
                      {t("adminScreens.calendar.clearDay", { date: d.date })}
                    </Button>
                  ),
                },
              ]),
        ]}
      />
      <DayForm open={editing} onClose={() => setEditing(false)} year={year} />
      <ClearDayForm date={clearing} onClose={() => setClearing(undefined)} />
    </section>
  );
}

/** 工作日历 (C5): which years are official or provisional; load a year from the package or the notice; change single days. */
export function CalendarAdmin() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(AdminCalendarDocument);
  const [load, { loading: loadingPackage }] = useMutation(LoadCalendarYearFromPackageDocument, { refetchQueries: REFETCH });
  const run = useRunMutation();
  const note = useRecomputedNote();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number>();
  const [packageYear, setPackageYear] = useState<number>();
  const [notice, setNotice] = useState(false);

  if (!data) return <QueryState loading={loading} error={error} />;
  const years = data.calendarYears;
  type Year = (typeof years)[number];
  const official = new Set(years.filter((y) => !y.provisional).map((y) => y.year));
  const loadable = data.calendarPackage.years.filter((y) => !official.has(y)).reverse();
  const firstProvisional = years.find((y) => y.provisional)?.year ?? new Date().getFullYear() + 1;
  const shown = selected ?? firstProvisional;

  const loadPackage = async () => {
    if (!packageYear) return;
    const result = await run(() => load({ variables: { year: packageYear } }));
    const payload = result?.data?.loadCalendarYearFromPackage;
    if (!payload) return;
    if (payload.userErrors.length) {
      void message.error(payload.userErrors.map((e) => userErrorMessage(e)).join("；"));
      return;
    }
    note(t("adminScreens.calendar.loaded", { year: packageYear }), payload.recomputedCases);
    setSelected(packageYear);
    setPackageYear(undefined);
  };

  const pkg = data.calendarPackage;
  return (
    <>
      <Space className="toolbar" wrap align="end">
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setNotice(true)}>
          {t("adminScreens.calendar.loadNotice")}
        </Button>
        <div className="filter-field">
          <label htmlFor="calendar-package-year">{t("adminScreens.calendar.packageYear")}</label>
          <select
            id="calendar-package-year"
            className="native-select"
            value={packageYear ?? ""}
            onChange={(e) => setPackageYear(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">—</option>
            {loadable.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <Button onClick={loadPackage} loading={loadingPackage} disabled={!packageYear}>
          {t("adminScreens.calendar.loadFromPackage")}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">
        {t("adminScreens.calendar.packageHelp", { source: pkg.source, first: pkg.years[0], last: pkg.years[pkg.years.length - 1] })}
      </Typography.Paragraph>
      <Table<Year>
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={years}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("adminScreens.calendar.year"), dataIndex: "year" },
          {
            title: t("adminScreens.calendar.status"),
            dataIndex: "provisional",
            render: (p: boolean) => (p ? <StatusMark tone="warn">{t("adminScreens.calendar.provisional")}</StatusMark> : <StatusMark tone="ok">{t("adminScreens.calendar.official")}</StatusMark>),
          },
          { title: t("adminScreens.calendar.source"), dataIndex: "source" },
          { title: t("adminScreens.calendar.loadedAt"), dataIndex: "loadedAt", render: formatDateTime },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, y) => (
              <Button size="small" type={y.year === shown ? "primary" : "default"} aria-pressed={y.year === shown} onClick={() => setSelected(y.year)}>
                {t("adminScreens.calendar.view", { year: y.year })}
              </Button>
            ),
          },
        ]}
      />
      <YearDays key={shown} year={shown} />
      <NoticeForm open={notice} onClose={() => setNotice(false)} year={firstProvisional} />
    </>
  );
}
