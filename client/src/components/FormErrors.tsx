import { Alert } from "antd";

/** User errors that name no field of the form, shown above it. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="form-errors"
      title={messages.length === 1 ? messages[0] : <ul>{messages.map((m) => <li key={m}>{m}</li>)}</ul>}
    />
  );
}
