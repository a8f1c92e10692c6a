"""Small plan documents written for the import tests: one per layout that real 實施方案 use.

Each is made up for the tests (no public document is copied), in the conventions of
mainland municipal and district plans: simplified script and full-width punctuation unless
the layout is about something else."""

from __future__ import annotations

# Units in brackets after each task, 「，」 between groups, a collective holding 「、」,
# explicit roles (牽頭/配合), 「等」 ending a list, 「A負責」, phases and safeguards.
BRACKETS = """\
某市数字政府建设实施方案
某市人民政府办公室
2023年1月10日
为加快数字政府建设，制定本方案。
一、重点任务
（一）夯实数字基础
1.建设政务云平台。统一建设全市政务云，2023年底前完成一期建设。（责任单位：市数据局、市财政局，各县、市、区人民政府）
2.完善电子政务外网。到2025年，实现外网全覆盖。（责任单位：市数据局）
（二）提升服务效能
3.推进一网通办。优化办事流程。（牵头单位：市政务服务中心；配合单位：市数据局、市市场监管局）
4.推进一网统管。建设城市运行管理平台。（市城管局牵头，市公安局、市应急局配合）
5.深化公共数据开放。（市数据局、市发展改革委等按职责分工负责）
6.建设城市大脑。由市公安局牵头建设视频资源平台。（市大数据中心负责）
二、实施步骤
（一）启动阶段（2023年1月—2023年6月底）：主要任务是制定方案。成立工作专班，印发实施方案。
（二）推进阶段（2023年7月—2024年12月底）：主要任务是全面建设。建成政务云平台，建设城市大脑。
三、保障措施
（一）加强组织领导。成立领导小组，统筹推进。（责任单位：市政府办公室）
（二）强化资金保障。（责任单位：市财政局）
"""

# Labels without brackets, running into each other and into a deadline; numbering that
# restarts in each section; circled sub-items.
RUN_ON = """\
某区2019年优化营商环境工作方案
一、重点工作
（一）政务服务
1.推行容缺受理。牵头单位：区政务服务局 责任单位：各街道办事处
2.压缩审批时限。牵头单位：区发改局配合单位：区住建局、区自然资源局完成时限：2019年12月底
（二）市场监管
1.推进双随机一公开。牵头单位：区市场监管局 配合单位：区司法局 完成时限：2019年9月30日前
2.建立信用档案。牵头单位：区发改局
①建立企业信用档案；
②建立个人信用档案。
"""

# The lead convention and a clause adding units to every task; numbering continuous
# across sections; sub-items without numbers; bare unit lists; a bracket inside a unit.
CLAUSES = """\
某市智慧城市建设三年行动计划（2021—2023年）
各项任务中列第一位的为牵头单位，其他为配合单位。以下各项任务各县市区均需配合落实，不再列出。
一、智慧交通
1.建设智能信号系统。（市公安局、市交通运输局）
2.推广智慧停车。（市城管局）
二、智慧民生
3.建设智慧医院。（市卫健委、市医保局）
建设互联网医院平台。（市卫健委）
建设电子健康档案。（市卫健委、市大数据中心）
4.发展智慧教育。（市教育局（市教育考试院）、市财政局）
"""

# Brackets that do not match or never close, a skipped number, 「等」.
BROKEN = """\
关于印发某县数字乡村发展行动方案的通知
1.建设益农信息社。（责任单位：县农业农村局、县商务局)
2.发展农村电商。(责任单位：县商务局，县邮政公司、县供销社等
4.提升网络覆盖。（责任单位：县工信局）
"""

# A task-division table flattened to text (cells split by tabs).
TABLE_TEXT = (
    "某市2022年数字经济重点任务分工表\n"
    "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
    "1\t建设工业互联网平台\t市经信局\t市科技局、市财政局\t2022年12月底\n"
    "2\t培育数字经济企业\t市发改委\t市经信局\t2022年6月30日前\n"
    "3\t推进企业上云\t市经信局\t各县市区人民政府\t长期坚持\n"
)

# Markdown, with headings and a table.
MARKDOWN = """\
# 某市数据要素市场化配置改革工作方案

## 一、重点任务

### （一）完善制度

1. 制定公共数据管理办法。2022年上半年前出台。（责任单位：市司法局、市数据局）
2. 建立数据分类分级制度。（责任单位：市数据局）

## 二、任务分工

| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时间 |
|---|---|---|---|---|
| 1 | 建设数据交易平台 | 市金融办 | 市数据局 | 2022年第三季度 |
"""

# A traditional-script plan (to be saved as Big5).
TRADITIONAL = """\
某市智慧社區建設實施方案
一、主要任務
1.建設社區服務平臺。（責任單位：市民政局、市數據局）
2.推進網格化管理。（牽頭單位：市委政法委；配合單位：市民政局）
"""

# A page as saved from a government website: navigation, breadcrumbs, footer around it.
HTML = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某市政府门户网站</title>
<script>var x = "（责任单位：脚本单位）";</script></head>
<body>
<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 规划计划</div>
<div class="article-content">
<h1>某市新型智慧城市建设实施方案</h1>
<p>一、重点任务</p>
<p>1.建设城市感知网络。（责任单位：市住建局、市数据局）</p>
<p>2.建设应急指挥平台。<br>（责任单位：市应急管理局）</p>
<table>
<tr><td>序号</td><td>任务</td><td>责任单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>建设智慧工地</td><td>市住建局</td><td>2024年底前</td></tr>
</table>
</div>
<div class="footer">主办：某市人民政府办公室 网站标识码：1234 （责任单位：页脚单位）</div>
<div>扫一扫在手机上查看当前页面</div>
</body></html>
"""

# Each task's fields on lines of their own (a leader's name among them), a list that ends a
# group with 「等」, units that lead 「分別」, a remark in brackets after the list.
FIELD_LINES = """\
某市2023年政府工作报告重点工作责任分解
一、主要预期目标
1.地区生产总值增长6%。
牵头负责领导：张三。
牵头责任单位：市发改委。
协同责任单位：市经信局、市商务局等，各县（市、区）政府（管委会）。
2.城乡居民收入稳步增长。
责任单位：市人社局、市农业农村局分别牵头
3.固定资产投资增长8%。
责任单位：市发改委、市财政局、市自然资源局（除标注“分别牵头”外，列第一位为牵头单位，下同）
"""

# Remarks inside the unit clause: roles with 按職責分工負責, and units added to every task
# from here on (「不再做分工，下同」).
REMARKS = """\
某省现代物流体系建设实施方案
一、完善物流网络
（一）建设物流枢纽。推进国家物流枢纽建设。〔责任单位：省发展改革委、省交通运输厅按职责分工负责。具体任务均涉及各市（州）人民政府，不再做分工，下同。〕
（二）发展冷链物流。完善冷链设施。（省商务厅、省农业农村厅牵头，省财政厅及省市场监管局按职责分工负责）
"""
