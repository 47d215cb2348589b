"""User-facing words, English and Chinese side by side. ``t(key, lang)`` looks them up."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    # step states
    "status.pending": ("to do", "待办"),
    "status.done": ("done", "已完成"),
    "status.skipped": ("skipped", "已跳过"),
    "status.failed": ("failed", "未成功"),
    "status.waiting": ("waiting for an answer", "等待回答"),
    "status.not-applicable": ("not on this path", "不适用"),
    "session.open": ("open", "进行中"),
    "session.closed": ("closed", "已结束"),
    # status screen
    "label.session": ("Session", "事件编号"),
    "label.playbook": ("Playbook", "处置手册"),
    "label.platform": ("Platform", "平台"),
    "label.account": ("Account", "账户"),
    "label.discovered": ("Discovered", "发现时间"),
    "label.since": ("Time since discovery", "距发现已过"),
    "label.progress": ("Progress", "进度"),
    "label.next": ("Next", "下一步"),
    "label.overdue": ("Overdue", "已超时"),
    "label.blocked": ("Waiting on other steps", "需先完成其他步骤"),
    "label.follow-up": ("Next follow-up with support", "下次跟进客服"),
    "label.follow-up-none": (
        "no support contact recorded yet",
        "尚未记录任何客服联系",
    ),
    "label.follow-up-overdue": ("overdue since", "已逾期，应于"),
    "label.target": ("target", "目标"),
    "label.due": ("due", "截止"),
    "label.overdue-by": ("overdue by", "已超时"),
    "label.needs": ("needs", "需先完成"),
    "label.answer": ("answer", "回答"),
    "label.reason": ("reason", "原因"),
    "label.note": ("note", "备注"),
    "label.status": ("Status", "状态"),
    "label.evidence": ("Evidence", "证据"),
    "label.time-zone": ("Time zone", "时区"),
    "progress.line": (
        "{done} done, {skipped} skipped, {failed} failed, {left} left of {total}",
        "已完成 {done} 项，跳过 {skipped} 项，未成功 {failed} 项，剩余 {left} 项（共 {total} 项）",
    ),
    "next.none": ("Nothing left to do now.", "目前没有待办步骤。"),
    "evidence.note": ("Note", "备注"),
    "evidence.transaction": ("Transaction", "交易"),
    "evidence.login": ("Login", "登录记录"),
    "evidence.contact": ("Support contact", "客服联系"),
    "tx.withdrawal": ("withdrawal", "提币"),
    "tx.trade": ("trade", "交易"),
    "tx.transfer": ("transfer", "转账"),
    "tx.deposit": ("deposit", "充值"),
    "tx.other": ("other", "其他"),
    "channel.chat": ("online chat", "在线客服"),
    "channel.email": ("e-mail", "电子邮件"),
    "channel.phone": ("phone", "电话"),
    "channel.web-form": ("web form", "网页表单"),
    "channel.ticket": ("ticket", "工单"),
    "channel.social": ("social media", "社交媒体"),
    "kind.action": ("action", "操作"),
    "kind.question": ("question", "问题"),
    "kind.evidence": ("evidence", "取证"),
}


def t(key: str, lang: str, **values: object) -> str:
    """The text of ``key`` in ``lang`` (en or zh), with ``{name}`` fields filled."""
    en, zh = CATALOG[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text

CATALOG.update(
    {
        "tl.started": ("Session started ({playbook}) for {platform} / {account}", "开始处置（{playbook}）：{platform} / {account}"),
        "tl.step.done": ("Step done: {title}", "完成步骤：{title}"),
        "tl.step.skipped": ("Step skipped: {title}", "跳过步骤：{title}"),
        "tl.step.failed": ("Step failed: {title}", "步骤未成功：{title}"),
        "tl.answered": ("Answered {title}: {answer}", "回答“{title}”：{answer}"),
        "tl.evidence.note": ("Note recorded (E{n})", "记录备注（E{n}）"),
        "tl.evidence.transaction": ("Unauthorized {tx_type} recorded (E{n}): {amount} {asset}", "记录未授权{tx_type}（E{n}）：{amount} {asset}"),
        "tl.evidence.login": ("Suspicious login recorded (E{n})", "记录可疑登录（E{n}）"),
        "tl.evidence.contact": ("Support contacted by {channel} (E{n})", "通过{channel}联系客服（E{n}）"),
        "tl.closed": ("Session closed", "结束处置"),
        "tl.reopened": ("Session reopened", "重新打开处置"),
        "tl.forced": ("override: required steps not done", "强制记录：前置步骤未完成"),
        "tl.attachments": ("{count} attachment(s)", "{count} 个附件"),
    }
)
