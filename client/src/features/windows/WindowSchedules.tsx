import { SimpleTable } from "../../components/SimpleTable";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { weekdayName } from "../../lib/format";

export const WindowSchedulesFragment = graphql(`
  fragment WindowSchedules_schedule on WindowSchedule {
    id
    weekday
    startTime
    endTime
    note
    active
  }
`);

/** The published weekly hours (定期办公时间) of a PERIODIC window. */
export function WindowSchedules(props: { schedules: FragmentType<typeof WindowSchedulesFragment>[] }) {
  const { t } = useTranslation();
  const schedules = getFragmentData(WindowSchedulesFragment, props.schedules)
    .filter((s) => s.active)
    .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
  if (!schedules.length) return <p>{t("window.noSchedule")}</p>;
  return (
    <SimpleTable
      rows={schedules}
      rowKey={(s) => s.id}
      columns={[
        { key: "weekday", title: t("schedule.weekday"), render: (s) => weekdayName(s.weekday, t) },
        { key: "hours", title: t("schedule.hours"), render: (s) => `${s.startTime}–${s.endTime}` },
        { key: "note", title: t("schedule.note"), render: (s) => s.note ?? "—" },
      ]}
    />
  );
}
