/** Strings of issue 9 §3 (paper for the citizen) and the supplement defects, under `paper.` in both locales. */
export const paperZhCN = {
  receipt: "办件登记回执",
  handover: "办件移交清单",
  printReceipt: "打印回执",
  printReceiptOf: "打印办件 {{number}} 的登记回执（PDF，新窗口打开）",
  handovers: {
    title: "移交清单",
    help: "打印本网点某一天移交（上报材料或回传结果）的全部办件清单，交接双方签字后各执一份。",
    day: "移交日期",
    print: "打印移交清单",
    printOf: "打印 {{day}} 的移交清单（PDF，新窗口打开）",
  },
  letter: {
    print: "打印",
    printOf: "打印授权委托书 {{number}}（PDF，新窗口打开）",
  },
  collection: {
    title: "领取办理结果",
    place: "领取地点",
    agent: "（村代办员）",
    address: "地址",
    phone: "电话",
    hours: "办公时间",
    workingDays: "法定工作日 {{hours}}",
    ready: "办理结果已送达该网点，可凭回执和身份证件领取。",
    onTheWay: "办理结果正在送回该网点，送达后即可领取。",
  },
  defects: {
    label: "已交材料存在的问题（每行一条，可选）",
    help: "例如：身份证复印件不清晰。每条 2 至 200 字，最多 20 条，与缺少的材料一并写入告知书。",
    tooShort: "每条问题至少 2 个字",
    tooLong: "每条问题不超过 200 字",
    tooMany: "最多 20 条",
    records: "已交材料需更正的问题",
  },
};
