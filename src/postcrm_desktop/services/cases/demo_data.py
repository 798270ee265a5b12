"""Synthetic cases for `postcrm demo`: answers a counter gives every week, two published by
HQ (read-only at the branch), and one drafted from a resolved demo complaint. No real
person's data."""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy import select

from postcrm_desktop.core.errors import PostCrmError
from postcrm_desktop.services.cases import library
from postcrm_desktop.services.cases.types import CaseInput
from postcrm_desktop.services.tx import transaction
from postcrm_desktop.store.models.cases import ORIGIN_HQ, Case
from postcrm_desktop.store.models.complaints import Complaint

HQ_PUBLISHER = "省分公司客户服务中心"

# (title, category, problem, cause, solution, tags)
CASES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("包裹延误，物流信息多日不更新", "delay",
     "客户反映包裹寄出多日未到，物流信息停在处理中心，没有新的扫描记录。",
     "处理中心高峰期积压，或转运环节漏扫。",
     "在系统查询邮件轨迹，联系处理中心核实实际位置；告知客户预计送达时间，"
     "超过承诺时限的可按规定申请延误补偿，并在24小时内回电告知结果。", "延误\n轨迹查询\n补偿"),
    ("挂号信显示已签收但收件人没收到", "loss",
     "挂号信查询显示已妥投，收件人表示从未收到。",
     "代收人（门卫、家人、快递柜）签收后未转交。",
     "调取投递员的妥投记录和签收信息，请收件人先向代收点核实；仍未找到的登记查询单，"
     "按挂号信赔偿标准处理。", "挂号信\n签收\n查询单"),
    ("易碎品外包装完好但内件破损", "damage",
     "客户收到的瓷器外包装完好，打开后内件碎裂，要求赔偿。",
     "内件缓冲填充不足，运输颠簸造成。",
     "请客户拍照保留包装和内件，登记破损查验记录；保价邮件按保价金额理赔，"
     "未保价的按实际损失在赔偿上限内处理，并提醒易碎品保价寄递。", "易碎品\n理赔\n保价"),
    ("柜台排队时间长，客户不满", "attitude",
     "客户在高峰时段排队超过半小时，对营业员态度不满。",
     "月初领取养老金高峰，开放窗口不足。",
     "先致歉并说明原因，引导使用自助设备；网点在高峰日增开窗口，"
     "对客户提出的具体态度问题由网点负责人回访。", "排队\n高峰\n致歉"),
    ("寄往偏远地区的资费比预期高", "price",
     "客户认为寄往新疆的包裹资费比网上查询的贵。",
     "偏远地区加收续重费用，网上查询未选对产品。",
     "按资费表逐项说明首重、续重和偏远地区附加费，比较标准快递与邮政包裹的价格和时限，"
     "由客户选择。", "资费\n偏远地区"),
    ("国际包裹被海关扣留", "other",
     "寄往国外的包裹在目的国海关被扣留，收件人被要求补缴税费或补充材料。",
     "内件申报不清楚，或属于目的国限制进口的物品。",
     "查询海关状态，告知客户按目的国海关通知补充发票或申报材料；无法清关的可申请退回，"
     "退回运费按规定收取。", "国际\n海关\n清关"),
    ("快递柜取件码过期", "delay",
     "收件人出差，快递柜取件码过期，包裹被退回网点。",
     "快递柜超时未取件自动转回网点。",
     "核实收件人身份后在网点领取，或按收件人要求重新投递一次，免收再投费用。",
     "快递柜\n取件码\n再投"),
    ("寄递物品是否属于禁寄品", "other",
     "客户想寄充电宝和香水，询问能否寄递。",
     "",
     "按禁寄物品目录说明：充电宝、香水等属于航空限寄物品，国内可走陆运，国际不能寄递；"
     "建议客户换用其他物品或方式。", "禁寄\n限寄\n航空"),
)

# Published by HQ: read-only here, travel to every branch.
HQ_CASES = {"包裹延误，物流信息多日不更新", "寄递物品是否属于禁寄品"}


def _convert_one(branch: Any) -> None:
    """A case drafted from one resolved complaint, as the counter would do it: one that
    names a waybill, so the draft shows the number taken out."""
    with branch.session() as s:
        found = s.execute(select(Complaint.id, Complaint.description).where(
            Complaint.status.in_(("resolved", "revisited", "closed")))
            .order_by(Complaint.number)).all()
        s.rollback()
    chosen = next((cid for cid, text in found if "邮件号" in text),
                  found[0][0] if found else None)
    if chosen is None:
        return
    draft = library.draft_from_complaint(branch, chosen).input
    draft.cause = "转运环节积压，轨迹未及时更新。"
    draft.tags = ("投诉转案例",)
    # A demo complaint whose text does not make a good case is left alone.
    with contextlib.suppress(PostCrmError):
        library.create_case(branch, draft)


def fill_demo(ctx: Any) -> None:
    ctx.progress("案例库")
    branch = ctx.branch
    ids = {}
    for title, category, problem, cause, solution, tags in CASES:
        ids[title] = library.create_case(branch, CaseInput(
            title=title, category=category, problem=problem, cause=cause, solution=solution,
            tags=tuple(tags.splitlines())))
    with branch.session() as s, transaction(s, branch.actor):
        for row in s.execute(select(Case).where(Case.id.in_(
                [ids[t] for t in HQ_CASES]))).scalars():
            row.origin, row.published_by = ORIGIN_HQ, HQ_PUBLISHER
    _convert_one(branch)


__all__ = ["CASES", "HQ_PUBLISHER", "fill_demo"]
