/** Personal data never reaches a log: ID numbers and phones are masked wherever text is logged. */

export const maskIdNumber = (id: string) => `${id.slice(0, 4)}${"*".repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****");

/** An 18-character resident ID number (GB 11643) or an 11-digit mobile, not inside a longer run of digits (case numbers are 20). */
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1\d{10}(?!\d)/g;

/** Masks every ID number and mobile phone in a text. */
export function maskPersonalData(text: string): string {
  return text.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, maskPhone);
}

/** SQL parameters for a log line: strings masked, the rest as they are. */
export function maskParameters(parameters: readonly unknown[] | undefined): string {
  if (!parameters?.length) return "";
  // Whole numbers are bound as BigInt on SQLite (db/typeorm-fast.ts), which JSON.stringify refuses.
  return maskPersonalData(JSON.stringify(parameters.map((p) => (p instanceof Date ? p.toISOString() : typeof p === "bigint" ? Number(p) : p))));
}

/**
 * An error as a log line without its SQL parameters or driver details: TypeORM's QueryFailedError
 * carries the statement's parameters (an applicant's ID number and phone) as properties, which
 * `console.error(error)` would print. Only the name, the database's error code, the message and
 * the stack are kept, masked.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return maskPersonalData(String(error));
  const code = (error as { driverError?: { code?: string }; code?: unknown }).driverError?.code ?? (error as { code?: unknown }).code;
  const head = `${error.name}${typeof code === "string" ? ` [${code}]` : ""}: ${error.message}`;
  const frames = (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at ")).join("\n");
  return maskPersonalData(frames ? `${head}\n${frames}` : head);
}
