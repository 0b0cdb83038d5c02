import type { Translation } from "./zh-CN";

export const paperEnUS: Translation["paper"] = {
  receipt: "Registration receipt",
  handover: "Hand-over list",
  printReceipt: "Print receipt",
  printReceiptOf: "Print the registration receipt of case {{number}} (PDF, opens in a new tab)",
  handovers: {
    title: "Hand-over lists",
    help: "Print every case this point passed on (materials up, results back) on a day; both sides sign and keep a copy.",
    day: "Day of hand-over",
    print: "Print hand-over list",
    printOf: "Print the hand-over list of {{day}} (PDF, opens in a new tab)",
  },
  letter: {
    print: "Print",
    printOf: "Print authorization letter {{number}} (PDF, opens in a new tab)",
  },
  collection: {
    title: "Collecting the result",
    place: "Where",
    agent: " (village agent)",
    address: "Address",
    phone: "Phone",
    hours: "Hours",
    workingDays: "Working days {{hours}}",
    ready: "The result has arrived there; bring the receipt and your ID card to collect it.",
    onTheWay: "The result is on its way there; you can collect it once it arrives.",
  },
  defects: {
    label: "Problems with materials handed in (one per line, optional)",
    help: "E.g. the ID card copy is unreadable. 2–200 characters each, at most 20; listed on the notice with the missing materials.",
    tooShort: "At least 2 characters per problem",
    tooLong: "At most 200 characters per problem",
    tooMany: "At most 20 problems",
    records: "Problems with materials handed in",
  },
};
