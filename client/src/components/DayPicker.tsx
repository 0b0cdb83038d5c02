import { DatePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";

const FORMAT = "YYYY-MM-DD";

interface DayPickerProps {
  id?: string;
  /** A day as YYYY-MM-DD, or empty. */
  value?: string | null;
  onChange?: (value: string) => void;
  /** The first and last day that may be picked (YYYY-MM-DD). */
  min?: string;
  max?: string;
  allowClear?: boolean;
  "aria-label"?: string;
}

/**
 * A calendar day picker that speaks the interface's language: antd's DatePicker under the
 * ConfigProvider's locale (zh_CN: 年/月, 一…日, 今天; en_US when switched) with dayjs in the same
 * locale. Its value is the API's day string, YYYY-MM-DD, in and out, so forms send it unchanged.
 */
export function DayPicker({ id, value, onChange, min, max, allowClear = false, ...rest }: DayPickerProps) {
  const parsed = value ? dayjs(value) : null;
  const disabledDate = (day: Dayjs) => (min !== undefined && day.format(FORMAT) < min) || (max !== undefined && day.format(FORMAT) > max);
  return (
    <DatePicker
      id={id}
      value={parsed?.isValid() ? parsed : null}
      format={FORMAT}
      allowClear={allowClear}
      disabledDate={min !== undefined || max !== undefined ? disabledDate : undefined}
      onChange={(day) => onChange?.(day ? day.format(FORMAT) : "")}
      aria-label={rest["aria-label"]}
    />
  );
}
