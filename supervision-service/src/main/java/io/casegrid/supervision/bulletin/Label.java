package io.casegrid.supervision.bulletin;

/** The words of a bulletin, in Chinese and in English. */
enum Label {
  WEEKLY("每周督导汇总", "Weekly supervision summary"),
  MONTHLY("每月分析通报", "Monthly analysis bulletin"),
  PERIOD("统计期间", "Period"),
  ZONE("时区", "Time zone"),
  GENERATED("生成时间", "Generated"),
  OTHER_LANGUAGE("English", "中文"),
  OVERVIEW("总体情况", "Overview"),
  METRIC("指标", "Metric"),
  VALUE("数值", "Value"),
  RECEIVED("受理", "Received"),
  DISPATCHED("派遣", "Dispatched"),
  DUE("应结案", "Due to close"),
  CLOSED("结案", "Closed"),
  CLOSURE("结案率", "Closure rate"),
  ON_TIME("按期结案率", "On-time closure rate"),
  SIGN_ON_TIME("按时签收率", "Signed on time"),
  REWORK("返工率", "Rework rate"),
  RETURNS("退单率", "Return rate"),
  EXTENSION("延期率", "Extension rate"),
  ACCURATE_DISPATCH("准确派遣率", "Accurate dispatch rate"),
  FIRST_CONTACT("首接办结率", "First-contact resolution rate"),
  RESPONSE("响应率", "Response rate"),
  RESOLUTION("解决率", "Resolution rate"),
  SATISFACTION("满意率", "Satisfaction rate"),
  OVERDUE_NOW("当前超期", "Overdue now"),
  SIGN_P50("签收用时中位数（小时）", "Median time to sign (h)"),
  SIGN_P90("签收用时90分位（小时）", "90th percentile time to sign (h)"),
  CLOSE_P50("结案用时中位数（小时）", "Median time to close (h)"),
  CLOSE_P90("结案用时90分位（小时）", "90th percentile time to close (h)"),
  BEST_DEPARTMENTS("先进单位（综合得分最高）", "Best departments (highest composite score)"),
  WORST_DEPARTMENTS("后进单位（综合得分最低）", "Worst departments (lowest composite score)"),
  BEST_DISTRICTS("先进区县（综合得分最高）", "Best districts (highest composite score)"),
  WORST_DISTRICTS("后进区县（综合得分最低）", "Worst districts (lowest composite score)"),
  RANK("名次", "Rank"),
  DEPARTMENT("单位", "Department"),
  DISTRICT("区县", "District"),
  SCORE("综合得分", "Composite score"),
  OVERDUE("超期案件（期内到期未按期结案）", "Overdue cases (due in the period, not closed in time)"),
  CASE_NUMBER("案件编号", "Case number"),
  CATEGORY("类别", "Category"),
  DEADLINE("处置时限", "Deadline"),
  STATUS("状态", "Status"),
  HOURS_OVERDUE("超期（小时）", "Overdue by (h)"),
  OPEN("未办结", "open"),
  REPORTED_FIXED("已反馈", "reported fixed"),
  CLOSED_STATUS("已结案", "closed"),
  STEPS("问责情况", "Accountability steps taken"),
  TAKEN_AT("时间", "Taken at"),
  STEP("措施", "Step"),
  OVERDUE_CASES("期内超期案件数", "Overdue cases in its period"),
  LADDER_PERIOD("计数期起始", "Period counted from"),
  YELLOW_CARD("黄牌警告", "Yellow card"),
  ACCOUNTABILITY_NOTICE("追责通知", "Accountability notice"),
  LEADERSHIP_REPORT("报告领导", "Report to leadership"),
  NONE("无", "None"),
  MORE("另有 %d 件未列出", "%d more not listed");

  private final String zh;
  private final String en;

  Label(String zh, String en) {
    this.zh = zh;
    this.en = en;
  }

  String in(Language language) {
    return language == Language.EN ? en : zh;
  }
}
