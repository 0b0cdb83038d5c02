/** Sample fee tickets (tests and sample rendering); the payer's name has a character outside the BMP. */
import type { FeeTicketData } from "./fee-ticket";

export const SAMPLE_TICKET: FeeTicketData = {
  ticketNumber: "鄂财通(2026)0100000042",
  series: "鄂财通(2026)01",
  paymentNumber: "JK20261126C50000007",
  paidAt: new Date("2026-11-26T02:05:00Z"), // 10:05 China time
  amountFen: 123450,
  lines: [
    {
      itemName: "不动产首次登记（住宅）",
      standardName: "不动产登记费",
      standardFen: 8000,
      standardVersion: 2,
      unit: "每件",
      quantity: 1,
      amountFen: 8000,
      reductionFen: 0,
      legalBasis: "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
    },
    {
      itemName: "不动产首次登记（住宅）",
      standardName: "证书工本费",
      standardFen: 115450,
      standardVersion: 1,
      unit: "每本",
      quantity: 1,
      amountFen: 115450,
      reductionFen: 0,
      legalBasis: "鄂价费规〔2017〕9号",
    },
  ],
  payerName: "𠮷堃",
  payerIdNumber: "42108119900307123X",
  caseNumber: "42108120261126000001",
  queryCode: "K7Q2MX",
  statusUrl: "http://127.0.0.1:4000/status?number=42108120261126000001&code=K7Q2MX",
  centreName: "石首市行政服务中心",
  departmentName: "石首市自然资源和规划局",
  windowName: "财务收费窗口（C50）",
  method: "CARD",
  reference: "POS-884213",
  account: "石首市财政局非税收入汇缴结算户 1805 0101 0400 0123 456",
  takenByName: "财务收费员",
};

/** The same payment with a reduction (减免) on its first line. */
export const REDUCED_TICKET: FeeTicketData = {
  ...SAMPLE_TICKET,
  ticketNumber: "鄂财通(2026)0100000043",
  amountFen: 10005,
  lines: [
    { ...SAMPLE_TICKET.lines[0], standardFen: 10005, amountFen: 20010, quantity: 2, reductionFen: 10005, reductionBasis: "对小微企业免收不动产登记费（财税〔2019〕45号）" },
  ],
  method: "CASH",
  reference: null,
};
