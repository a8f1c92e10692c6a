"""A corpus of plan documents in the shapes offices have them, each with an answer key.

Every text below is made up for the tests (no public document is copied), written in the
conventions of mainland municipal, district and county plans: a web page copied as one line
with its breadcrumb, issuing notice, leading-group list and footer; a 任务分工表 flattened to
text; a Word 分工表 with merged cells; a one-column Word table holding one item per cell; a
web page whose plan sits in one <p>, with and without <br>; a PDF with a table.  Each sample
is written in two forms, line-broken and flattened (the way text copied or archived from a
government site loses its line breaks), and both must import to the same tasks.

The answer keys (`KEYS`) were written by hand from the texts, before the importer was run on
them: per item, words only that item holds, its units in the document's order, and the unit
the document marks as lead (None where it marks none)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Key:
    phrase: str  # words that only this item's text holds
    units: tuple[str, ...]
    lead: str | None = None


@dataclass(frozen=True)
class Sample:
    name: str
    shape: str
    broken: Callable[[Path], Path]  # writes the line-broken form into a folder, returns it
    flat: Callable[[Path], Path]  # the flattened form
    key: tuple[Key, ...]
    needs_office: bool = False  # LibreOffice makes the PDF


def flatten(text: str, joiner: str = "") -> str:
    return joiner.join(line.strip() for line in text.splitlines() if line.strip()) + "\n"


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


# --- 1. A web page copied as one line: breadcrumb, notice, labels run together, annex ----

FIVE_G = """\
当前位置：首页 > 政务公开 > 政府文件
某市人民政府办公室关于印发某市加快5G网络建设和应用实施方案的通知
各县（市、区）人民政府，市政府各部门：
现将《某市加快5G网络建设和应用实施方案》印发给你们，请结合实际，认真组织实施。
某市人民政府办公室
2022年4月18日
某市加快5G网络建设和应用实施方案
为贯彻落实国家和省关于加快5G发展的决策部署，推动我市5G网络建设和融合应用，结合我市实际，制定本方案。
一、总体目标
到2024年底，全市累计建成5G基站3000个，实现城区、县城、乡镇和重点行政村5G网络全覆盖。
二、重点任务
（一）加快5G网络建设
1.科学规划基站布局。将5G基站站址纳入国土空间规划，编制全市5G基站专项规划，2022年底前完成。牵头单位：市自然资源和规划局 配合单位：市经信局、市住建局、铁塔某市分公司
2.开放公共资源。推动党政机关、事业单位、国有企业所属楼宇、杆塔等公共资源免费向5G基站建设开放。牵头单位：市机关事务服务中心 配合单位：市国资委、市城管执法局、各县（市、区）人民政府
3.降低建设成本。落实5G基站转供电改直供电政策，降低基站用电成本。牵头单位：市发展改革委配合单位：国网某市供电公司
（二）推进5G融合应用
4.发展“5G+工业互联网”。支持重点企业建设5G全连接工厂，打造一批典型应用场景。牵头单位：市经信局 配合单位：市科技局
5.推广“5G+智慧医疗”。在三级医院开展5G远程会诊、远程急救试点。牵头单位：市卫生健康委 配合单位：市医保局
6.建设“5G+智慧教育”。推动5G在课堂教学、校园安全管理中的应用。牵头单位：市教育局
7.拓展“5G+智慧交通”。在主城区开展车路协同试点，2023年6月底前建成示范路段。牵头单位：市交通运输局 配合单位：市公安局交警支队
三、保障措施
（一）加强组织领导。成立市5G网络建设工作领导小组，统筹推进全市5G建设。牵头单位：市经信局
（二）加大资金支持。统筹各级专项资金支持5G建设和应用项目。牵头单位：市财政局 配合单位：市经信局
附件：某市5G网络建设工作领导小组成员名单
组  长：王某某  市政府副市长
副组长：李某某  市政府副秘书长
张某某  市经信局局长
成  员：赵某某  市发展改革委副主任
刘某某  市自然资源和规划局副局长
领导小组办公室设在市经信局，张某某兼任办公室主任。
分享到：微信 微博 【打印本页】【关闭窗口】
主办单位：某市人民政府办公室 网站标识码：1234000001
"""

FIVE_G_KEY = (
    Key("科学规划基站布局", ("市自然资源和规划局", "市经信局", "市住建局", "铁塔某市分公司"),
        "市自然资源和规划局"),
    Key("开放公共资源", ("市机关事务服务中心", "市国资委", "市城管执法局",
                      "各县（市、区）人民政府"), "市机关事务服务中心"),
    Key("降低建设成本", ("市发展改革委", "国网某市供电公司"), "市发展改革委"),
    Key("5G全连接工厂", ("市经信局", "市科技局"), "市经信局"),
    Key("远程会诊", ("市卫生健康委", "市医保局"), "市卫生健康委"),
    Key("校园安全管理", ("市教育局",), "市教育局"),
    Key("车路协同", ("市交通运输局", "市公安局交警支队"), "市交通运输局"),
    Key("加强组织领导", ("市经信局",), "市经信局"),
    Key("加大资金支持", ("市财政局", "市经信局"), "市财政局"),
)


# --- 2. A 任务分工表 flattened to text: header glued to the first row, empty cell a space --

_DISTRICT_ROWS = (
    ("一、基础设施", None),
    ("1", ("升级电子政务外网", "完成区、镇（街道）、村（社区）三级外网改造，带宽提升至千兆。",
           "区大数据中心", "区财政局", "2023年9月底")),
    ("2", ("建设政务云灾备中心", "按照同城双活要求建设灾备中心，实现重要系统数据异地备份。",
           "区大数据中心", "区发改局、区财政局", "2023年12月底")),
    ("二、政务服务", None),
    ("3", ("深化“一件事一次办”", "新增推出20个“一件事”集成服务套餐。", "区政务服务中心",
           "区人社局、区市场监管局、区卫健局", "2023年6月底")),
    ("4", ("推行电子证照应用", "实现高频电子证照“免提交”，应用场景不少于30个。",
           "区政务服务中心", "区公安分局", "2023年12月底")),
    ("5", ("建设“15分钟政务服务圈”", "推动政务服务事项向镇（街道）、村（社区）延伸。",
           "区政务服务中心", "各镇人民政府、各街道办事处", "持续推进")),
    ("三、社会治理", None),
    ("6", ("建设城市运行管理中心", "整合城管、应急、交通等数据，建设城市运行“一网统管”平台。",
           "区城管局", "区应急局、区交通运输局", "2023年11月底")),
    ("7", ("推进“雪亮工程”提档升级", "新增高清视频监控点位500个。", "区公安分局", "",
           "2023年10月底")),
    ("8", ("完善基层治理平台", "推动网格化管理系统与12345热线数据共享。", "区委政法委",
           "区信访局、区大数据中心", "2023年12月底")),
)
_DISTRICT_HEADER = ("序号", "工作任务", "具体措施", "牵头单位", "配合单位", "完成时限")
_DISTRICT_TITLE = "某区2023年数字政府建设重点任务分工表"


def _district_lines(sep: str) -> list[str]:
    lines = [_DISTRICT_TITLE, sep.join(_DISTRICT_HEADER)]
    for number, row in _DISTRICT_ROWS:
        if row is None:
            lines.append(number + sep * (len(_DISTRICT_HEADER) - 1))
        else:
            lines.append(sep.join((number, *row)))
    return lines


def district_broken(folder: Path) -> Path:
    return _write(folder, "district.txt", "\n".join(_district_lines("\t")) + "\n")


def district_flat(folder: Path) -> Path:
    # as a page shows a table copied out of it: every cell followed by one space
    body = " ".join(_district_lines(" ")[1:])
    return _write(folder, "district-flat.txt", _DISTRICT_TITLE + body + "\n")


DISTRICT_KEY = (
    Key("三级外网改造", ("区大数据中心", "区财政局"), "区大数据中心"),
    Key("同城双活", ("区大数据中心", "区发改局", "区财政局"), "区大数据中心"),
    Key("集成服务套餐", ("区政务服务中心", "区人社局", "区市场监管局", "区卫健局"),
        "区政务服务中心"),
    Key("免提交", ("区政务服务中心", "区公安分局"), "区政务服务中心"),
    Key("15分钟政务服务圈", ("区政务服务中心", "各镇人民政府", "各街道办事处"),
        "区政务服务中心"),
    Key("一网统管", ("区城管局", "区应急局", "区交通运输局"), "区城管局"),
    Key("雪亮工程", ("区公安分局",), "区公安分局"),
    Key("12345热线", ("区委政法委", "区信访局", "区大数据中心"), "区委政法委"),
)


# --- 3. A Word 分工表: category rows merged across, a lead merged down two rows ----------

_CONSUME_INTRO = (
    "某市人民政府关于印发某市促进消费扩容提质三年行动方案的通知",
    "各县（市、区）人民政府，市直各部门：",
    "现将《某市促进消费扩容提质三年行动方案（2023—2025年）》印发给你们，请认真贯彻执行。",
    "某市人民政府",
    "2023年2月20日",
    "某市促进消费扩容提质三年行动方案（2023—2025年）",
    "为进一步释放消费潜力，推动消费扩容提质，制定本方案。主要任务见附表。",
    "附表",
    "某市促进消费扩容提质重点任务清单",
)
_CONSUME_HEADER = ("序号", "重点任务", "主要内容", "牵头单位", "配合单位", "时间节点")
_CONSUME_ROWS: tuple[tuple[str, ...], ...] = (
    ("一、提升传统消费",),
    ("1", "稳定汽车消费", "开展新能源汽车下乡活动，完善充电基础设施。", "市商务局",
     "市发展改革委、市工信局", "2023年底前"),
    ("2", "扩大家居消费", "支持家电以旧换新，发展智能家居体验店。", "市商务局",
     "市市场监管局", "长期坚持"),
    ("二、培育新型消费",),
    ("3", "发展夜间经济", "打造3个市级夜间经济集聚区。", "市商务局", "市文化旅游局、市城管局",
     "2024年6月底前"),
    ("4", "壮大数字消费", "推动直播电商基地建设，培育本土电商品牌。", "市商务局",
     "市委网信办、市邮政管理局", "2024年12月底前"),
    ("5", "促进文旅消费", "推出精品旅游线路，发放文旅消费券。", "市文化旅游局", "市财政局",
     "2025年底前"),
    ("三、优化消费环境",),
    ("6", "畅通维权渠道", "推行线下购物无理由退货，完善消费纠纷调解机制。", "市市场监管局",
     "各县（市、区）人民政府", "2023年12月底前"),
)


def _docx_table(doc: object, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
                merge_down: tuple[tuple[int, int, int], ...] = ()) -> None:
    """`rows` of one cell are category rows, merged across; `merge_down` (column, first
    row, last row) merges a column's cells over data rows, as offices merge a shared lead."""
    table = doc.add_table(rows=1 + len(rows), cols=len(header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for col, word in enumerate(header):
        table.cell(0, col).text = word
    for r, row in enumerate(rows, start=1):
        if len(row) == 1:
            merged = table.cell(r, 0).merge(table.cell(r, len(header) - 1))
            merged.text = row[0]
            continue
        for col, value in enumerate(row):
            table.cell(r, col).text = value
    for col, first, last in merge_down:
        keep = table.cell(first, col).text
        merged = table.cell(first, col).merge(table.cell(last, col))
        merged.text = keep


def consume_broken(folder: Path) -> Path:
    import docx

    doc = docx.Document()
    for line in _CONSUME_INTRO:
        doc.add_paragraph(line)
    # 市商务局 leads rows 1 and 2, merged down in the Word table (table rows 2 and 3)
    _docx_table(doc, _CONSUME_HEADER, _CONSUME_ROWS, merge_down=((3, 2, 3),))
    doc.add_paragraph("抄送：市委办公室，市人大常委会办公室，市政协办公室。")
    path = folder / "consume.docx"
    doc.save(str(path))
    return path


def consume_flat(folder: Path) -> Path:
    cells = [" ".join(_CONSUME_HEADER)]
    for row in _CONSUME_ROWS:
        cells.append(" ".join(row))
    text = "".join(_CONSUME_INTRO) + " ".join(cells) + "抄送：市委办公室，市人大常委会办公室，市政协办公室。"
    return _write(folder, "consume-flat.txt", text + "\n")


CONSUME_KEY = (
    Key("新能源汽车下乡", ("市商务局", "市发展改革委", "市工信局"), "市商务局"),
    Key("以旧换新", ("市商务局", "市市场监管局"), "市商务局"),
    Key("夜间经济集聚区", ("市商务局", "市文化旅游局", "市城管局"), "市商务局"),
    Key("直播电商基地", ("市商务局", "市委网信办", "市邮政管理局"), "市商务局"),
    Key("文旅消费券", ("市文化旅游局", "市财政局"), "市文化旅游局"),
    Key("无理由退货", ("市市场监管局", "各县（市、区）人民政府"), "市市场监管局"),
)


# --- 4. A one-column Word table: one item per cell ---------------------------------------

_VILLAGE_CELLS = (
    "某县农村人居环境整治提升五年行动实施方案",
    "一、重点任务",
    "（一）扎实推进农村厕所革命。逐步普及农村卫生厕所，2025年底前农村卫生厕所普及率达到90%以上。"
    "（责任单位：县农业农村局、县卫健局，各乡镇人民政府）",
    "（二）加快推进农村生活污水治理。优先治理水源保护区和城乡接合部的生活污水。"
    "（责任单位：县生态环境局、县住建局、县水利局）",
    "（三）全面提升农村生活垃圾治理水平。健全村收集、镇转运、县处理的收运处置体系。"
    "（责任单位：县住建局、县城管局）",
    "（四）推动村容村貌整体提升。开展村庄清洁行动，整治私搭乱建。"
    "（责任单位：县农业农村局、县自然资源局、县交通运输局）",
    "二、保障措施",
    "（一）强化资金投入。县财政每年安排专项资金用于农村人居环境整治。（责任单位：县财政局）",
    "（二）健全长效管护机制。明确公共设施管护主体，落实管护经费。"
    "（责任单位：县农业农村局、各乡镇人民政府）",
)


def village_broken(folder: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("某县人民政府办公室")
    table = doc.add_table(rows=len(_VILLAGE_CELLS), cols=1)
    table.style = "Table Grid"
    for row, text in enumerate(_VILLAGE_CELLS):
        table.cell(row, 0).text = text
    doc.add_paragraph("某县人民政府办公室 2022年5月6日印发")
    path = folder / "village.docx"
    doc.save(str(path))
    return path


def village_flat(folder: Path) -> Path:
    text = "某县人民政府办公室" + "".join(_VILLAGE_CELLS) + "某县人民政府办公室 2022年5月6日印发"
    return _write(folder, "village-flat.txt", text + "\n")


VILLAGE_KEY = (
    Key("厕所革命", ("县农业农村局", "县卫健局", "各乡镇人民政府")),
    Key("生活污水治理", ("县生态环境局", "县住建局", "县水利局")),
    Key("生活垃圾治理", ("县住建局", "县城管局")),
    Key("村容村貌", ("县农业农村局", "县自然资源局", "县交通运输局")),
    Key("强化资金投入", ("县财政局",)),
    Key("长效管护机制", ("县农业农村局", "各乡镇人民政府")),
)


# --- 5. A web page: the plan in one <p>, with <br> and without ---------------------------

_BUSINESS_LINES = (
    "某市进一步优化营商环境若干措施",
    "为持续打造市场化法治化国际化一流营商环境，现提出以下措施。",
    "一、提升市场准入便利度",
    "（一）推行“证照分离”改革全覆盖。对涉企经营许可事项实行清单管理，2023年底前实现全覆盖。"
    "（责任单位：市市场监管局、市司法局）",
    "（二）压减企业开办时间。企业开办全流程压减至1个工作日以内。"
    "（责任单位：市市场监管局、市公安局、市税务局）",
    "二、优化政务服务",
    "（三）推进“一网通办”。政务服务事项网上可办率达到95%以上。责任单位：市政务服务和大数据管理局",
    "（四）推行告知承诺制。对具备条件的事项全面推行证明事项告知承诺制。责任单位：市司法局",
    "三、加强要素保障",
    "（五）降低企业融资成本。引导银行机构扩大普惠小微贷款投放。"
    "（责任单位：市地方金融监管局、人民银行某市中心支行、某银保监分局）",
    "（六）强化用地保障。推行“标准地”出让，工业项目“拿地即开工”。（责任单位：市自然资源和规划局）",
    "某市人民政府",
    "2023年3月1日",
)
_PAGE_HEAD = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某市人民政府门户网站</title></head>
<body>
<div class="top">首页 | 政务公开 | 政务服务 | 互动交流</div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="TRS_Editor">
"""
_PAGE_TAIL = """</div>
<div class="bshare">分享到：微信 微博 QQ空间</div>
<div class="bottom">主办单位：某市人民政府办公室　网站标识码：4200000001　ICP备案：某ICP备00000001号</div>
</body></html>
"""


def business_broken(folder: Path) -> Path:
    return _write(folder, "business.html",
                  _PAGE_HEAD + "<p>" + "<br>\n".join(_BUSINESS_LINES) + "</p>\n" + _PAGE_TAIL)


def business_flat(folder: Path) -> Path:
    return _write(folder, "business-flat.html",
                  _PAGE_HEAD + "<p>" + "".join(_BUSINESS_LINES) + "</p>\n" + _PAGE_TAIL)


BUSINESS_KEY = (
    Key("证照分离", ("市市场监管局", "市司法局")),
    Key("企业开办时间", ("市市场监管局", "市公安局", "市税务局")),
    Key("一网通办", ("市政务服务和大数据管理局",)),
    Key("告知承诺制", ("市司法局",)),
    Key("融资成本", ("市地方金融监管局", "人民银行某市中心支行", "某银保监分局")),
    Key("标准地", ("市自然资源和规划局",)),
)


# --- 6. A PDF with a table (made by LibreOffice from a Word document) ---------------------

_DATA_INTRO = (
    "某市公共数据开放三年行动计划（2022—2024年）",
    "为加快公共数据有序开放，释放数据要素价值，结合本市实际，制定本行动计划。",
    "一、工作目标",
    "到2024年，全市公共数据开放数据集达到1000个，重点领域数据应开尽开。",
    "二、重点任务",
)
_DATA_HEADER = ("序号", "工作任务", "牵头单位", "配合单位", "完成时限")
_DATA_ROWS: tuple[tuple[str, ...], ...] = (
    ("1", "编制公共数据开放目录，建立目录动态更新机制", "市大数据局", "市直各部门",
     "2022年12月底"),
    ("2", "建设公共数据开放平台，提供数据下载和接口服务", "市大数据局", "市财政局",
     "2023年6月底"),
    ("3", "推动交通出行数据向社会开放", "市交通运输局", "市公安局", "2023年9月底"),
    ("4", "开放医疗机构和医保定点机构信息", "市卫生健康委", "市医保局", "2023年12月底"),
    ("5", "举办公共数据开放创新应用大赛", "市科技局", "市大数据局、团市委", "2024年10月底"),
)
_DATA_AFTER = (
    "三、保障措施",
    "（一）加强统筹协调。建立公共数据开放工作联席会议制度。（责任单位：市大数据局）",
    "（二）强化安全管理。落实数据分类分级保护要求，开展开放数据安全评估。"
    "（责任单位：市委网信办、市公安局）",
)


def data_docx(folder: Path) -> Path:
    import docx

    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "某市人民政府公报　2022年第4期"
    section.footer.paragraphs[0].text = "— 1 —"
    for line in _DATA_INTRO:
        doc.add_paragraph(line)
    _docx_table(doc, _DATA_HEADER, _DATA_ROWS)
    for line in _DATA_AFTER:
        doc.add_paragraph(line)
    path = folder / "opendata.docx"
    doc.save(str(path))
    return path


def to_pdf(docx_path: Path, soffice: Path) -> Path:
    subprocess.run([str(soffice), "--headless", "--norestore",
                    f"-env:UserInstallation=file://{docx_path.parent}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(docx_path.parent),
                    str(docx_path)], check=True, capture_output=True, timeout=180)
    return docx_path.with_suffix(".pdf")


def data_broken(folder: Path) -> Path:
    from external import LIBREOFFICE, LIBREOFFICE_PATHS, find

    soffice = find(LIBREOFFICE, LIBREOFFICE_PATHS)
    assert soffice is not None, "LibreOffice makes the PDF sample"
    return to_pdf(data_docx(folder), soffice)


def data_flat(folder: Path) -> Path:
    cells = [" ".join(_DATA_HEADER), *(" ".join(row) for row in _DATA_ROWS)]
    text = "".join(_DATA_INTRO) + " ".join(cells) + "".join(_DATA_AFTER)
    return _write(folder, "opendata-flat.txt", text + "\n")


DATA_KEY = (
    Key("开放目录", ("市大数据局", "市直各部门"), "市大数据局"),
    Key("开放平台", ("市大数据局", "市财政局"), "市大数据局"),
    Key("交通出行数据", ("市交通运输局", "市公安局"), "市交通运输局"),
    Key("医保定点机构", ("市卫生健康委", "市医保局"), "市卫生健康委"),
    Key("创新应用大赛", ("市科技局", "市大数据局", "团市委"), "市科技局"),
    Key("加强统筹协调", ("市大数据局",)),
    Key("强化安全管理", ("市委网信办", "市公安局")),
)


SAMPLES = (
    Sample("five-g", "web page copied as one line",
           lambda f: _write(f, "five-g.txt", FIVE_G),
           lambda f: _write(f, "five-g-flat.txt", flatten(FIVE_G)), FIVE_G_KEY),
    Sample("district", "task table flattened to text", district_broken, district_flat,
           DISTRICT_KEY),
    Sample("consume", "Word task table, merged cells", consume_broken, consume_flat,
           CONSUME_KEY),
    Sample("village", "one-column Word table", village_broken, village_flat, VILLAGE_KEY),
    Sample("business", "web page, one <p> with and without <br>", business_broken,
           business_flat, BUSINESS_KEY),
    Sample("opendata", "PDF with a table", data_broken, data_flat, DATA_KEY,
           needs_office=True),
)
