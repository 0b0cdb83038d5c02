import type { Profile } from "./departments";

export interface MaterialTemplate {
  name: string;
  required?: false;
  description?: string;
}

/** The application form, first material of every item. */
export const FORM_NAME: Record<Profile, string> = {
  person: "申请表",
  enterprise: "申请书",
  project: "申请书",
  property: "不动产登记申请书",
};

/** Who the applicant is: always asked right after the form. */
export const IDENTITY: Record<Profile, string> = {
  person: "居民身份证",
  enterprise: "营业执照",
  project: "营业执照",
  property: "居民身份证",
};

/** Further materials drawn to complete an item's list (some only in stated situations). */
export const FILLERS: Record<Profile, MaterialTemplate[]> = {
  person: [
    { name: "居民户口簿" },
    { name: "授权委托书", required: false, description: "委托他人代为办理的提交，并附受托人居民身份证" },
    { name: "居住证", required: false, description: "申请人非本市户籍的提交" },
    { name: "监护人居民身份证", required: false, description: "申请人为未成年人或无民事行为能力人，由监护人代为申请的提交" },
  ],
  enterprise: [
    { name: "法定代表人身份证明书" },
    { name: "经办人居民身份证" },
    { name: "经营场所使用证明" },
    { name: "授权委托书", required: false, description: "委托代理人办理的提交，载明委托事项和权限" },
    { name: "前置审批文件", required: false, description: "经营范围中属于依法须经批准的项目的提交" },
  ],
  project: [
    { name: "法定代表人身份证明书" },
    { name: "项目批准、核准或者备案文件" },
    { name: "项目位置图" },
    { name: "授权委托书", required: false, description: "委托代理人办理的提交，载明委托事项和权限" },
    { name: "环境影响评价批复文件", required: false, description: "依法需要开展环境影响评价的项目提交" },
  ],
  property: [
    { name: "居民户口簿" },
    { name: "婚姻状况证明", required: false, description: "不动产为夫妻共有或涉及婚姻财产的提交" },
    { name: "授权委托书", required: false, description: "委托他人代为申请的提交，须经公证" },
    { name: "监护关系证明", required: false, description: "申请人为未成年人或无民事行为能力人的提交" },
  ],
};

export interface FeeTemplate {
  name: string;
  amountFen: number;
  unit: string;
  legalBasis: string;
}

const POLICE_FEES = "《国家发展改革委 财政部关于公安交通管理收费有关问题的通知》（发改价格〔2004〕2831号）";
const PROPERTY_FEES = "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）";
const ID_FEES = "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）";
const EXIT_FEES = "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格规〔2019〕914号）";

/** Fee standards referenced by `$key` in the item lists. */
export const FEES: Record<string, FeeTemplate> = {
  sfz: { name: "居民身份证工本费", amountFen: 2000, unit: "每证", legalBasis: ID_FEES },
  lssfz: { name: "临时居民身份证工本费", amountFen: 1000, unit: "每证", legalBasis: ID_FEES },
  hz: { name: "普通护照工本费", amountFen: 12000, unit: "每本", legalBasis: EXIT_FEES },
  gat: { name: "往来港澳通行证工本费", amountFen: 6000, unit: "每证", legalBasis: EXIT_FEES },
  twz: { name: "往来台湾通行证工本费", amountFen: 6000, unit: "每证", legalBasis: EXIT_FEES },
  qz: { name: "签注费", amountFen: 1500, unit: "每次", legalBasis: EXIT_FEES },
  hp: { name: "机动车号牌工本费", amountFen: 10000, unit: "每副", legalBasis: POLICE_FEES },
  xsz: { name: "机动车行驶证工本费", amountFen: 1000, unit: "每证", legalBasis: POLICE_FEES },
  lsp: { name: "临时号牌工本费", amountFen: 500, unit: "每张", legalBasis: POLICE_FEES },
  jsz: { name: "机动车驾驶证工本费", amountFen: 1000, unit: "每证", legalBasis: POLICE_FEES },
  ddc: { name: "电动自行车号牌工本费", amountFen: 1000, unit: "每副", legalBasis: "《湖北省物价局 湖北省财政厅关于电动自行车号牌收费标准的通知》（鄂价费规〔2019〕24号）" },
  bdczz: { name: "不动产登记费（住宅）", amountFen: 8000, unit: "每件", legalBasis: PROPERTY_FEES },
  bdcfzz: { name: "不动产登记费（非住宅）", amountFen: 55000, unit: "每件", legalBasis: PROPERTY_FEES },
  bdcgb: { name: "不动产权证书工本费", amountFen: 1000, unit: "每本", legalBasis: PROPERTY_FEES },
  ptf: { name: "城市基础设施配套费", amountFen: 3000, unit: "每平方米", legalBasis: "《湖北省物价局 湖北省财政厅关于城市基础设施配套费征收标准的通知》（鄂价费规〔2012〕146号）" },
  jysx: { name: "房屋交易手续费", amountFen: 300, unit: "每平方米", legalBasis: "《国家计委 建设部关于规范住房交易手续费有关问题的通知》（计价格〔2002〕121号）" },
  bypf: { name: "新建房屋白蚁预防费", amountFen: 250, unit: "每平方米", legalBasis: "《湖北省物价局关于白蚁防治收费标准的通知》（鄂价房服〔2014〕28号）" },
  tdfk: { name: "土地复垦费", amountFen: 600, unit: "每平方米", legalBasis: "《湖北省土地复垦费征收使用管理办法》（鄂财综规〔2013〕9号）" },
  gdkk: { name: "耕地开垦费", amountFen: 1500, unit: "每平方米", legalBasis: "《湖北省物价局 湖北省财政厅关于耕地开垦费征收标准的通知》（鄂价费规〔2013〕53号）" },
  cyzg: { name: "从业资格证工本费", amountFen: 500, unit: "每证", legalBasis: "《湖北省物价局 湖北省财政厅关于交通运输证照工本费标准的通知》（鄂价费规〔2012〕103号）" },
  ysz: { name: "道路运输证工本费", amountFen: 500, unit: "每证", legalBasis: "《湖北省物价局 湖北省财政厅关于交通运输证照工本费标准的通知》（鄂价费规〔2012〕103号）" },
  szyf: { name: "水资源费", amountFen: 10, unit: "每立方米", legalBasis: "《湖北省物价局 湖北省财政厅 湖北省水利厅关于调整水资源费征收标准的通知》（鄂价费规〔2015〕39号）" },
  stbc: { name: "水土保持补偿费", amountFen: 130, unit: "每平方米", legalBasis: "《湖北省物价局 湖北省财政厅关于水土保持补偿费收费标准的通知》（鄂价费规〔2014〕166号）" },
  cs: { name: "河道采砂管理费", amountFen: 50, unit: "每立方米", legalBasis: "《湖北省物价局 湖北省财政厅关于河道采砂管理费标准的通知》（鄂价费规〔2012〕88号）" },
  zbhf: { name: "森林植被恢复费", amountFen: 1000, unit: "每平方米", legalBasis: "《财政部 国家林业局关于调整森林植被恢复费征收标准引导节约集约利用林地的通知》（财税〔2015〕122号）" },
  zwjy: { name: "植物检疫费", amountFen: 2000, unit: "每批", legalBasis: "《国家计委 财政部关于植物检疫收费标准的通知》（计价格〔1992〕1179号）" },
  tlj: { name: "拖拉机号牌工本费", amountFen: 3500, unit: "每副", legalBasis: "《湖北省物价局 湖北省财政厅关于农业机械监理收费标准的通知》（鄂价费规〔2012〕117号）" },
  tljjz: { name: "拖拉机驾驶证工本费", amountFen: 1000, unit: "每证", legalBasis: "《湖北省物价局 湖北省财政厅关于农业机械监理收费标准的通知》（鄂价费规〔2012〕117号）" },
  jljd: { name: "计量器具检定费", amountFen: 3000, unit: "每台件", legalBasis: "《湖北省物价局 湖北省财政厅关于计量检定收费标准的通知》（鄂价费规〔2012〕74号）" },
  dlzy: { name: "城市道路占用费", amountFen: 100, unit: "每平方米每日", legalBasis: "《湖北省城市道路占用费和挖掘修复费征收管理办法》（鄂价费规〔2011〕56号）" },
  dljw: { name: "城市道路挖掘修复费", amountFen: 28000, unit: "每平方米", legalBasis: "《湖北省城市道路占用费和挖掘修复费征收管理办法》（鄂价费规〔2011〕56号）" },
  fljc: { name: "雷电防护装置检测费", amountFen: 30000, unit: "每处", legalBasis: "《湖北省物价局关于防雷装置检测收费标准的通知》（鄂价费规〔2013〕141号）" },
  djzs: { name: "机动车登记证书工本费", amountFen: 1000, unit: "每证", legalBasis: POLICE_FEES },
  sbk: { name: "社会保障卡补换工本费", amountFen: 2000, unit: "每张", legalBasis: "《湖北省物价局 湖北省财政厅关于社会保障卡工本费标准的通知》（鄂价费规〔2014〕130号）" },
  ycdj: { name: "渔业船舶登记费", amountFen: 5000, unit: "每艘", legalBasis: "《国家计委 财政部关于渔业船舶登记收费标准的通知》（计价格〔1996〕1356号）" },
  tljjy: { name: "拖拉机和联合收割机安全技术检验费", amountFen: 3000, unit: "每台", legalBasis: "《湖北省物价局 湖北省财政厅关于农业机械监理收费标准的通知》（鄂价费规〔2012〕117号）" },
  yzbh: { name: "渔业资源增殖保护费", amountFen: 10000, unit: "每证每年", legalBasis: "《湖北省渔业资源增殖保护费征收使用办法》（鄂价费规〔2011〕94号）" },
  flsj: { name: "防雷装置设计技术评价费", amountFen: 20000, unit: "每项", legalBasis: "《湖北省物价局关于防雷装置检测收费标准的通知》（鄂价费规〔2013〕141号）" },
  ldzy: { name: "临时占用城市绿地补偿费", amountFen: 2000, unit: "每平方米", legalBasis: "《湖北省城市绿化补偿费收费标准》（鄂价费规〔2012〕162号）" },
  smbc: { name: "城市树木补偿费", amountFen: 50000, unit: "每株", legalBasis: "《湖北省城市绿化补偿费收费标准》（鄂价费规〔2012〕162号）" },
  tzjy: { name: "特种设备检验检测费", amountFen: 30000, unit: "每台", legalBasis: "《湖北省物价局 湖北省财政厅关于特种设备检验检测收费标准的通知》（鄂价费规〔2015〕82号）" },
  dbjy: { name: "电能表校验费", amountFen: 2000, unit: "每只", legalBasis: "《湖北省物价局关于供电企业服务收费标准的通知》（鄂价工服规〔2014〕16号）" },
  lsjd: { name: "临时接电费", amountFen: 10000, unit: "每千伏安", legalBasis: "《湖北省发展和改革委员会关于高可靠性供电费用收取标准的通知》（鄂发改价管〔2017〕312号）" },
  gkk: { name: "高可靠性供电费", amountFen: 20000, unit: "每千伏安", legalBasis: "《湖北省发展和改革委员会关于高可靠性供电费用收取标准的通知》（鄂发改价管〔2017〕312号）" },
};
