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
    "label.when": ("when", "适用条件"),
    "unit.minutes": ("{n} min", "{n} 分钟"),
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
        "tl.started": (
            "Session started ({playbook}) for {platform} / {account}",
            "开始处置（{playbook}）：{platform} / {account}",
        ),
        "tl.step.done": ("Step done: {title}", "完成步骤：{title}"),
        "tl.step.skipped": ("Step skipped: {title}", "跳过步骤：{title}"),
        "tl.step.failed": ("Step failed: {title}", "步骤未成功：{title}"),
        "tl.answered": ("Answered {title}: {answer}", "回答“{title}”：{answer}"),
        "tl.evidence.note": ("Note recorded (E{n})", "记录备注（E{n}）"),
        "tl.evidence.transaction": (
            "Unauthorized {tx_type} recorded (E{n}): {amount} {asset}",
            "记录未授权{tx_type}（E{n}）：{amount} {asset}",
        ),
        "tl.evidence.login": ("Suspicious login recorded (E{n})", "记录可疑登录（E{n}）"),
        "tl.evidence.contact": (
            "Support contacted by {channel} (E{n})",
            "通过{channel}联系客服（E{n}）",
        ),
        "tl.closed": ("Session closed", "结束处置"),
        "tl.reopened": ("Session reopened", "重新打开处置"),
        "tl.forced": ("override: required steps not done", "强制记录：前置步骤未完成"),
        "tl.attachments": ("{count} attachment(s)", "{count} 个附件"),
    }
)

# The interactive runner (incident run / resume).
CATALOG.update(
    {
        "runner.clock": ("{clock} since discovery", "距发现已过 {clock}"),
        "runner.step-of": ("step {n} of {total}", "第 {n} 步，共 {total} 步"),
        "runner.target": ("target {minutes} min, due {due}", "目标 {minutes} 分钟内，截止 {due}"),
        "runner.time-left": ("{left} left", "还剩 {left}"),
        "runner.overdue": ("OVERDUE by {late}", "已超时 {late}"),
        "runner.overdue-count": ("{count} overdue", "{count} 项已超时"),
        "runner.why": ("Why", "为什么"),
        "runner.how": ("How", "怎么做"),
        "runner.on-platform": ("On {platform}", "{platform} 上"),
        "runner.general-note": ("Note", "提示"),
        "runner.channels": (
            "Official support channels (use only these)",
            "官方客服渠道（只用这些）",
        ),
        "runner.channels-unknown": (
            "Reach support only from the platform's own website or app, never from links in "
            "messages, e-mails or search ads.",
            "只从平台官网或官方 App 里联系客服，不要用消息、邮件或搜索广告里的链接。",
        ),
        "runner.hours": ("hours: {hours}", "服务时间：{hours}"),
        "runner.choose": ("Your answer", "请选择"),
        "runner.asks-for": ("Record here with [e]: {kinds}", "按 [e] 在此记录：{kinds}"),
        "runner.recorded-here": ("Recorded for this step", "本步骤已记录"),
        "runner.tried-before": ("Tried before, did not work", "之前尝试过，没成功"),
        "runner.more": (
            "-- [space] more ({page}/{pages}) --",
            "-- 按空格看更多（{page}/{pages}） --",
        ),
        "runner.finished-hint": (
            "Write the report ([r]) and give it to support and the police. Follow up until "
            "the case is settled, then close the session: incident close",
            "生成报告（按 [r]）交给客服和警方。持续跟进直到处理完毕，然后结束处置：incident close",
        ),
        "runner.key.done": ("done", "完成"),
        "runner.key.skip": ("skip", "跳过"),
        "runner.key.failed": ("failed", "没成功"),
        "runner.key.note": ("note", "备注"),
        "runner.key.evidence": ("evidence", "证据"),
        "runner.key.checklist": ("checklist", "清单"),
        "runner.key.report": ("report", "报告"),
        "runner.key.message": ("message", "客服消息"),
        "runner.key.later": ("later", "稍后"),
        "runner.key.quit": ("quit", "退出"),
        "runner.key.more": ("more", "更多"),
        "runner.key.answer": ("answer", "回答"),
        "runner.key.back": ("back", "返回"),
        "runner.key.other-back": ("any other key: back", "其他键：返回"),
        "runner.checklist": ("Checklist", "全部步骤"),
        "runner.now": ("now", "当前"),
        "runner.evidence-title": ("Add evidence", "添加证据"),
        "runner.evidence-for": ("for: {title}", "用于：{title}"),
        "runner.asked-here": ("this step asks for it", "本步骤需要"),
        "runner.file": ("File (screenshot, document)", "文件（截图、文档）"),
        "runner.message-title": ("Support message", "发给客服的消息"),
        "runner.form.cancel-hint": (
            "Enter on an empty required answer cancels; Ctrl-C quits (all saved).",
            "必填项直接回车即取消；Ctrl-C 退出（已记录的都已保存）。",
        ),
        "runner.form.skip": ("Skip: {title}", "跳过：{title}"),
        "runner.form.failed": ("Did not work: {title}", "没成功：{title}"),
        "runner.form.note": ("Add a note", "添加备注"),
        "runner.form.report": ("Write the report (PDF)", "生成报告（PDF）"),
        "runner.ask.reason-skip": ("Why skip it?", "为什么跳过？"),
        "runner.ask.reason-failed": ("What happened?", "发生了什么？"),
        "runner.ask.note": ("Note", "备注"),
        "runner.ask.time": ("When (e.g. {example})", "时间（例如 {example}）"),
        "runner.ask.tx-type": ("Type", "类型"),
        "runner.ask.asset": ("Asset (e.g. USDT, BTC)", "币种（如 USDT、BTC）"),
        "runner.ask.amount": ("Amount, exactly as shown", "数量（照页面原样填写）"),
        "runner.ask.to-address": ("To address (optional)", "收款地址（可选）"),
        "runner.ask.txid": ("TxID / hash (optional)", "交易哈希 TxID（可选）"),
        "runner.ask.network": ("Network (optional, e.g. TRC20)", "网络（可选，如 TRC20）"),
        "runner.ask.optional-note": ("Note (optional)", "备注（可选）"),
        "runner.ask.optional-file": ("Screenshot file (optional)", "截图文件（可选）"),
        "runner.ask.file": ("File path", "文件路径"),
        "runner.ask.description": ("What it shows", "内容说明"),
        "runner.ask.ip": ("IP address (optional)", "IP 地址（可选）"),
        "runner.ask.device": ("Device or browser (optional)", "设备或浏览器（可选）"),
        "runner.ask.location": ("Location (optional)", "地点（可选）"),
        "runner.ask.channel": ("Channel", "渠道"),
        "runner.ask.summary": ("What you asked and what they said", "你问了什么，对方怎么答复"),
        "runner.ask.ticket": ("Ticket / case number (optional)", "工单号 / 案件号（可选）"),
        "runner.ask.agent": ("Agent name or id (optional)", "客服姓名或工号（可选）"),
        "runner.ask.url": ("Where: page or e-mail address", "在哪里联系：网址或邮箱"),
        "runner.ask.report-path": ("Save the report as", "报告保存为"),
        "runner.ask.message-path": (
            "Save the message as (empty: don't)",
            "消息保存为（留空不保存）",
        ),
        "runner.ask.store-anyway": ("Store it anyway?", "仍然保存？"),
        "runner.ask.pick": ("Choose 1-{count}", "请输入 1-{count}"),
        "runner.msg.marked": ("{title}: {status}", "{title}：{status}"),
        "runner.msg.answered": ("Answered: {answer}", "已回答：{answer}"),
        "runner.msg.recorded": ("Recorded E{n}: {kind}", "已记录 E{n}：{kind}"),
        "runner.msg.cancelled": ("Cancelled; nothing was stored.", "已取消，未保存任何内容。"),
        "runner.msg.not-stored": ("Nothing was stored.", "未保存任何内容。"),
        "runner.msg.working": ("Writing the report...", "正在生成报告……"),
        "runner.msg.wrote": ("Wrote {path}", "已写入 {path}"),
        "runner.msg.failed": ("Could not do it: {error}", "未能完成：{error}"),
        "runner.msg.no-message": (
            "Support messages are not available in this version; use the report ([r]).",
            "此版本暂不能生成客服消息，请使用报告（按 [r]）。",
        ),
        "runner.msg.saved": (
            "Everything is saved. Continue with: incident resume --session {sid}",
            "所有内容都已保存。继续处置：incident resume --session {sid}",
        ),
        "runner.msg.interrupted": (
            "Interrupted. Everything recorded so far is saved. "
            "Continue with: incident resume --session {sid}",
            "已中断。已记录的内容都已保存。继续处置：incident resume --session {sid}",
        ),
        "runner.no-tty": (
            "`incident run` needs an interactive terminal. Without one, use the "
            "non-interactive commands: incident status, incident next, "
            "incident step done STEP_ID, incident answer STEP_ID VALUE, incident evidence ...",
            "`incident run` 需要在交互式终端中运行。没有终端时，请使用非交互命令：incident status、"
            "incident next、incident step done STEP_ID、incident answer STEP_ID VALUE、incident evidence ……",
        ),
    }
)
