/** How a department's applicants are usually identified, which decides its default materials. */
export type Profile = "person" | "enterprise" | "project" | "property";

export interface DepartmentSpec {
  code: string;
  shortName: string;
  name: string;
  category: string;
  profile: Profile;
  higherAuthority: string;
}

/** The 31 departments stationed at the city centre, in window order. */
export const DEPARTMENTS: DepartmentSpec[] = [
  { code: "FGJ", shortName: "发展和改革局", name: "石首市发展和改革局", category: "投资建设", profile: "project", higherAuthority: "荆州市发展和改革委员会" },
  { code: "GAJ", shortName: "公安局", name: "石首市公安局", category: "公共安全", profile: "person", higherAuthority: "荆州市公安局" },
  { code: "MZJ", shortName: "民政局", name: "石首市民政局", category: "社会事务", profile: "person", higherAuthority: "荆州市民政局" },
  { code: "SFJ", shortName: "司法局", name: "石首市司法局", category: "社会事务", profile: "person", higherAuthority: "荆州市司法局" },
  { code: "CZJ", shortName: "财政局", name: "石首市财政局", category: "财税金融", profile: "enterprise", higherAuthority: "荆州市财政局" },
  { code: "RSJ", shortName: "人社局", name: "石首市人力资源和社会保障局", category: "社会事务", profile: "person", higherAuthority: "荆州市人力资源和社会保障局" },
  { code: "ZGJ", shortName: "自然资源和规划局", name: "石首市自然资源和规划局", category: "投资建设", profile: "project", higherAuthority: "荆州市自然资源和规划局" },
  { code: "ZJJ", shortName: "住建局", name: "石首市住房和城乡建设局", category: "投资建设", profile: "project", higherAuthority: "荆州市住房和城乡建设局" },
  { code: "JTJ", shortName: "交通运输局", name: "石首市交通运输局", category: "交通运输", profile: "enterprise", higherAuthority: "荆州市交通运输局" },
  { code: "SLJ", shortName: "水利和湖泊局", name: "石首市水利和湖泊局", category: "资源环境", profile: "project", higherAuthority: "荆州市水利和湖泊局" },
  { code: "NYJ", shortName: "农业农村局", name: "石首市农业农村局", category: "农业农村", profile: "enterprise", higherAuthority: "荆州市农业农村局" },
  { code: "SHWJ", shortName: "商务局", name: "石首市商务局", category: "市场准入", profile: "enterprise", higherAuthority: "湖北省商务厅" },
  { code: "WLJ", shortName: "文化和旅游局", name: "石首市文化和旅游局", category: "教育文化卫生", profile: "enterprise", higherAuthority: "荆州市文化和旅游局" },
  { code: "WJJ", shortName: "卫生健康局", name: "石首市卫生健康局", category: "教育文化卫生", profile: "enterprise", higherAuthority: "荆州市卫生健康委员会" },
  { code: "SJJ", shortName: "市场监督管理局", name: "石首市市场监督管理局", category: "市场准入", profile: "enterprise", higherAuthority: "荆州市市场监督管理局" },
  { code: "SWJ", shortName: "税务局", name: "国家税务总局石首市税务局", category: "财税金融", profile: "enterprise", higherAuthority: "国家税务总局荆州市税务局" },
  { code: "LYJ", shortName: "林业局", name: "石首市林业局", category: "资源环境", profile: "person", higherAuthority: "湖北省林业局" },
  { code: "STHJ", shortName: "生态环境分局", name: "荆州市生态环境局石首分局", category: "资源环境", profile: "project", higherAuthority: "荆州市生态环境局" },
  { code: "JYJ", shortName: "教育局", name: "石首市教育局", category: "教育文化卫生", profile: "person", higherAuthority: "荆州市教育局" },
  { code: "YJJ", shortName: "应急管理局", name: "石首市应急管理局", category: "公共安全", profile: "enterprise", higherAuthority: "荆州市应急管理局" },
  { code: "CGJ", shortName: "城市管理执法局", name: "石首市城市管理执法局", category: "投资建设", profile: "enterprise", higherAuthority: "荆州市城市管理执法委员会" },
  { code: "TYJ", shortName: "退役军人事务局", name: "石首市退役军人事务局", category: "社会事务", profile: "person", higherAuthority: "湖北省退役军人事务厅" },
  { code: "YBJ", shortName: "医疗保障局", name: "石首市医疗保障局", category: "社会事务", profile: "person", higherAuthority: "荆州市医疗保障局" },
  { code: "GJJ", shortName: "住房公积金中心", name: "荆州市住房公积金中心石首办事处", category: "财税金融", profile: "person", higherAuthority: "荆州市住房公积金中心" },
  { code: "BDC", shortName: "不动产登记中心", name: "石首市不动产登记中心", category: "投资建设", profile: "property", higherAuthority: "荆州市自然资源和规划局" },
  { code: "XFDD", shortName: "消防救援大队", name: "石首市消防救援大队", category: "公共安全", profile: "enterprise", higherAuthority: "荆州市消防救援支队" },
  { code: "QXJ", shortName: "气象局", name: "石首市气象局", category: "公共安全", profile: "project", higherAuthority: "荆州市气象局" },
  { code: "YCJ", shortName: "烟草专卖局", name: "石首市烟草专卖局", category: "市场准入", profile: "person", higherAuthority: "湖北省荆州市烟草专卖局" },
  { code: "CLH", shortName: "残联", name: "石首市残疾人联合会", category: "社会事务", profile: "person", higherAuthority: "湖北省残疾人联合会" },
  { code: "XFJ", shortName: "信访局", name: "石首市信访局", category: "其他", profile: "person", higherAuthority: "荆州市信访局" },
  { code: "GDGS", shortName: "供电公司", name: "国网湖北省电力有限公司石首市供电公司", category: "其他", profile: "person", higherAuthority: "国网湖北省电力有限公司荆州供电公司" },
];

/** 行政审批服务股: the one section holding a department's approval work. */
export function approvalSectionOf(spec: DepartmentSpec): string {
  return `${spec.shortName}行政审批服务股`;
}
