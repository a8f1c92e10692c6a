"""Two documents written after the importer's fixes for the corpus, and never tuned for:
the measure of how it does on documents nobody tuned it for (`bench/import_corpus_eval.py`
prints their score apart from the corpus's).  Made up, in the conventions of county and
municipal plans; each in its flattened form (as copied from a site), answer keys by hand."""

from __future__ import annotations

from pathlib import Path

from import_corpus_shapes import Key, Sample, _write, flatten

ELDERLY = """\
您现在的位置：首页 > 信息公开 > 规范性文件
某县人民政府办公室关于印发某县推进智慧养老服务发展工作方案的通知
各乡镇人民政府，县直有关单位：
《某县推进智慧养老服务发展工作方案》已经县人民政府同意，现印发给你们，请抓好贯彻落实。
某县人民政府办公室
2024年1月8日
某县推进智慧养老服务发展工作方案
一、工作目标
到2025年，全县建成覆盖城乡的智慧养老服务网络。
二、主要任务
（一）建设县级智慧养老服务平台。整合老年人口、养老机构、服务需求等数据，2024年底前平台上线运行。（牵头单位：县民政局；配合单位：县大数据中心、县卫健局；完成时限：2024年12月）
（二）推广智能安全监护设备。为特殊困难老年人家庭安装紧急呼叫、烟感报警等设备。（牵头单位：县民政局；配合单位：县财政局、各乡镇人民政府）
（三）发展“互联网+医养结合”服务。
1．推进家庭医生签约服务线上办理。（牵头单位：县卫健局）
2．开展远程健康监测试点。（牵头单位：县卫健局；配合单位：县医保局）
（四）加强养老服务人才培训。每年培训养老护理员不少于200人次。（牵头单位：县人社局；配合单位：县民政局）
三、保障措施
（一）加强资金保障。（责任单位：县财政局）
（二）强化督促检查。（责任单位：县政府督查室）
附件：某县智慧养老工作专班成员名单
组　长：陈某某　县人民政府副县长
成　员：周某某　县民政局局长
"""

ELDERLY_KEY = (
    Key("智慧养老服务平台", ("县民政局", "县大数据中心", "县卫健局"), "县民政局"),
    Key("智能安全监护设备", ("县民政局", "县财政局", "各乡镇人民政府"), "县民政局"),
    Key("家庭医生签约", ("县卫健局",), "县卫健局"),
    Key("远程健康监测", ("县卫健局", "县医保局"), "县卫健局"),
    Key("养老服务人才培训", ("县人社局", "县民政局"), "县人社局"),
    Key("加强资金保障", ("县财政局",)),
    Key("强化督促检查", ("县政府督查室",)),
)

_WATER_ROWS = (
    ("序号", "重点任务", "责任单位", "完成时间"),
    ("1", "实施城区供水管网改造，更新老旧管网20公里", "市水务局、市住建局", "2024年10月"),
    ("2", "建设智慧水务监测平台", "市水务局、市数据局", "2024年12月"),
    ("3", "推进农村饮水安全巩固提升工程", "市水务局、市乡村振兴局、各县（市、区）人民政府",
     "2025年6月"),
    ("4", "开展城市内涝治理", "市住建局、市城管局", "2025年5月"),
)


def water_flat(folder: Path) -> Path:
    text = ("某市2024年城市供排水重点任务清单" + " ".join(" ".join(r) for r in _WATER_ROWS)
            + " 某市住房和城乡建设局2024年3月印制")
    return _write(folder, "water-flat.txt", text + "\n")


def water_broken(folder: Path) -> Path:
    lines = ["某市2024年城市供排水重点任务清单", *("\t".join(r) for r in _WATER_ROWS)]
    return _write(folder, "water.txt", "\n".join(lines) + "\n")


WATER_KEY = (
    Key("供水管网改造", ("市水务局", "市住建局")),
    Key("智慧水务监测平台", ("市水务局", "市数据局")),
    Key("农村饮水安全", ("市水务局", "市乡村振兴局", "各县（市、区）人民政府")),
    Key("城市内涝治理", ("市住建局", "市城管局")),
)

UNSEEN = (
    Sample("elderly", "web page copied as one line (unseen)",
           lambda f: _write(f, "elderly.txt", ELDERLY),
           lambda f: _write(f, "elderly-flat.txt", flatten(ELDERLY)), ELDERLY_KEY),
    Sample("water", "task list flattened to text (unseen)", water_broken, water_flat,
           WATER_KEY),
)
