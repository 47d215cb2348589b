"""User-facing words, English and Chinese side by side. ``t(key, lang)`` looks them up."""

from __future__ import annotations

from typing import Literal

# The languages of every user-facing text; the command line's --lang choices come from here.
Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

CATALOG: dict[str, tuple[str, str]] = {
    # a write waiting for another command that holds the session
    "lock.waiting": (
        "Session {session} is in use by another incident command; waiting up to {seconds:g} s...",
        "会话 {session} 正被另一个 incident 命令使用，最多等待 {seconds:g} 秒……",
    ),
    "lock.in-use": (
        "session {session} is in use by another incident command",
        "会话 {session} 正被另一个 incident 命令使用",
    ),
    "lock.in-use-hint": (
        "wait for it to finish (or close the other window), then try again",
        "请等它结束（或关闭另一个窗口）后再试",
    ),
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


# Guards at the door: what is said when a support contact may not have been real support.
CATALOG.update(
    {
        "guard.never-asks": (
            "Real support never asks for your password, 2FA code, seed phrase or private key; "
            "anyone who does is an attacker.",
            "真正的客服绝不会索要密码、双重验证码、助记词或私钥；索要这些的人就是攻击者。",
        ),
        "guard.unofficial": (
            "WARNING: {domain} is not an official {platform} channel (official: {official}). "
            "It may be a phishing site or fake support. {never}",
            "警告：{domain} 不是 {platform} 的官方渠道（官方：{official}），可能是钓鱼网站或假冒客服。"
            "{never}",
        ),
        "guard.none-listed": ("none listed", "未列出"),
        "guard.unchecked": (
            "Could not check {domain}: this platform's official channels are not in the "
            "playbook. Make sure you reached support from the platform's own website or app.",
            "无法核实 {domain}：处置手册里没有这个平台的官方渠道。请确认你是从平台官网或官方 App "
            "联系的客服。",
        ),
        "guard.social": (
            "Support reached through social media: platforms do not start support in direct "
            "messages; confirm the account from the official help centre.",
            "这次联系经由社交媒体：平台不会通过私信提供客服，请从官方帮助中心核实对方身份。",
        ),
        "evidence.not-official": ("NOT OFFICIAL", "非官方渠道"),
    }
)

# The Markdown export.
CATALOG.update(
    {
        "md.title": ("Account takeover incident", "账户被盗事件记录"),
        "md.totals": ("Unauthorized totals", "未授权金额合计"),
        "md.tickets": ("Tickets", "工单号"),
        "md.ticket": ("ticket", "工单号"),
        "md.checklist": ("Checklist", "步骤清单"),
        "md.transactions": ("Unauthorized transactions", "未授权交易"),
        "md.logins": ("Suspicious logins", "可疑登录"),
        "md.contacts": ("Support contacts", "客服联系记录"),
        "md.notes": ("Notes and attachments", "备注与附件"),
        "md.timeline": ("Timeline", "时间线"),
        "md.not-official": ("NOT an official channel", "非官方渠道"),
    }
)


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
        "runner.ask.optional-file": ("Screenshot file (optional)", "截图文件（可选）"),
        "runner.ask.file": ("File path", "文件路径"),
        "runner.ask.description": ("What it shows", "内容说明"),
        "runner.ask.report-path": ("Save the report as", "报告保存为"),
        "runner.ask.message-path": ("Save the message as", "消息保存为"),
        "runner.ask.store-anyway": ("Store it anyway?", "仍然保存？"),
        "runner.msg.override-elsewhere": (
            "To record it anyway, use the command line: incident step done STEP_ID --force",
            "如果仍要记录，请在命令行运行：incident step done 步骤编号 --force",
        ),
        "runner.field.note": ("Note", "备注"),
        "runner.field.reason": ("Reason", "原因"),
        "runner.field.file": ("File name", "文件名"),
        "runner.ask.pick": ("Choose 1-{count}", "请输入 1-{count}"),
        "runner.msg.marked": ("{title}: {status}", "{title}：{status}"),
        "runner.msg.answered": ("Answered: {answer}", "已回答：{answer}"),
        "runner.msg.recorded": ("Recorded E{n}: {kind}", "已记录 E{n}：{kind}"),
        "runner.msg.cancelled": ("Cancelled; nothing was stored.", "已取消，未保存任何内容。"),
        "runner.msg.not-stored": ("Nothing was stored.", "未保存任何内容。"),
        "runner.msg.working": ("Writing the report...", "正在生成报告……"),
        "runner.msg.wrote": ("Wrote {path}", "已写入 {path}"),
        "runner.msg.failed": ("Could not do it: {error}", "未能完成：{error}"),
        "runner.form.message": ("A message to send to support", "发给客服的消息"),
        "runner.ask.message-kind": ("Which message", "哪一种消息"),
        "runner.message.freeze": ("Freeze the account (urgent)", "冻结账户（紧急）"),
        "runner.message.recovery": ("Give the account back to me", "找回账户"),
        "runner.message.dispute": ("Dispute unauthorized transactions", "申诉未授权交易"),
        "runner.message.follow-up": ("Follow up on the case", "跟进工单"),
        "runner.key.save": ("save to a file", "保存到文件"),
        "runner.key.space": ("space", "空格"),
        "runner.unknown-platform": (
            "{platform} is not one of this playbook's platforms: steps show general advice and "
            "support contacts cannot be checked.",
            "{platform} 不在本手册的平台列表中：步骤只显示通用建议，客服联系方式也无法核实。",
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

# The PDF report (incident report).
CATALOG.update(
    {
        "report.title": (
            "Account takeover on {platform}: please act now",
            "{platform} 账户被盗：请立即处理",
        ),
        "report.doc-title": (
            "Incident report: {platform} account {account}",
            "事件报告：{platform} 账户 {account}",
        ),
        "report.author": ("Owner of {account}", "{account} 的账户持有人"),
        "report.subject": (
            "Unauthorized access to {platform} account {account}, discovered {discovered}",
            "{platform} 账户 {account} 遭他人盗用，发现于 {discovered}",
        ),
        "report.keywords": (
            "account takeover, incident report, {platform}",
            "账户被盗, 事件报告, {platform}",
        ),
        "report.header": (
            "Incident report · {platform} · {account} · session {session}",
            "事件报告 · {platform} · {account} · 事件编号 {session}",
        ),
        "report.page": ("Page {page} of ", "第 {page} 页，共 "),
        "report.page-total": ("{total}", "{total} 页"),
        "report.label.reported": ("Reported", "报告时间"),
        "report.sec.timeline": ("Timeline", "时间线"),
        "report.sec.checklist": ("Checklist", "处置清单"),
        "report.sec.transactions": ("Unauthorized transactions", "未授权交易"),
        "report.sec.logins": ("Suspicious logins", "可疑登录"),
        "report.sec.contacts": ("Support contact log", "客服联系记录"),
        "report.sec.evidence": ("Evidence", "证据清单"),
        "report.sec.files": ("Attachments and their SHA-256", "附件及其 SHA-256 哈希值"),
        "report.sec.screenshots": ("Screenshots", "截图"),
        "report.sec.fulltext": ("Long texts in full", "长文本全文"),
        "report.sec.integrity": ("Integrity", "完整性校验"),
        "report.sum.intro": (
            "This account was taken over by someone else. Its owner asks support to act on the "
            "facts below; the full timeline, transactions and evidence follow in this report.",
            "该账户已被他人盗用。账户持有人请客服根据以下事实尽快处理；完整的时间线、交易明细和证据附在本报告后文。",
        ),
        "report.sum.asks": ("What we ask of support", "请客服协助"),
        "report.sum.ask.freeze": (
            "Freeze the account now, or keep it frozen: block all withdrawals, trading, API keys "
            "and logins until the owner's identity is verified.",
            "立即冻结账户（已冻结的请保持冻结）：在核实账户持有人身份之前，禁止一切提币、交易、API 调用和登录。",
        ),
        "report.sum.ask.recovery": (
            "Help the owner take the account back: after verifying their identity, reset the bound "
            "e-mail, phone and 2FA, and sign out every other device and session.",
            "协助账户持有人找回账户：核实身份后，重置绑定的邮箱、手机号和双重验证，并登出其他所有设备和会话。",
        ),
        "report.sum.ask.reversal": (
            "Investigate the unauthorized transactions: stop or reverse what can still be stopped, "
            "flag the destination addresses, and ask the receiving platforms to freeze the funds.",
            "调查这些未授权交易：尚能拦截或撤回的请尽量拦截或撤回，标记收款地址，并联系收款平台冻结相关资金。",
        ),
        "report.sum.ask.records": (
            "Keep this account's login, device and IP records; the police may ask for them.",
            "保留该账户的登录、设备和 IP 记录，警方可能会调取。",
        ),
        "report.sum.totals": ("Unauthorized totals", "未授权金额合计"),
        "report.sum.tickets": ("Tickets", "工单号"),
        "report.sum.tickets-none": ("none yet", "暂无"),
        "report.sum.txids": ("Transactions with a TxID", "有交易哈希的交易"),
        "report.sum.count": ("{count} transaction(s)", "{count} 笔"),
        "report.sum.unofficial": (
            "Warning: {count} contact(s) went through a channel that is NOT official. "
            "See the support contact log.",
            "警告：有 {count} 次联系经由非官方渠道，详见客服联系记录。",
        ),
        "report.timeline.intro": (
            "What happened, in the order it happened: a transaction or login at its own time, "
            "anything else when it was recorded (a later record says when). Local times are "
            "in {zone}, with their offset from UTC; T+ counts hours and minutes from the "
            "discovery of the takeover (T- before it).",
            "按发生的先后排列：交易和登录按其发生时间，其他事项按记录时间（事后补记的会注明记录时间）。"
            "本地时间为 {zone} 时区，并注明与 UTC 的时差；T+ 表示距发现被盗的时长（时:分），发现之前为 T-。",
        ),
        "report.check.met": ("met", "按时完成"),
        "report.check.missed": ("missed by {by}", "超时 {by}"),
        "report.check.overdue": ("overdue by {by}", "已超时 {by}"),
        "report.check.override": (
            "recorded with an override; not done first",
            "强制记录，以下前置步骤当时未完成",
        ),
        "report.tx.intro": (
            "Addresses and TxIDs are given in full. Each TxID links to a public block explorer for "
            "its network; trades inside the exchange have no TxID.",
            "地址和交易哈希均完整列出。每个交易哈希都链接到对应网络的公共区块浏览器；交易所内部的买卖没有交易哈希。",
        ),
        "report.tx.none": ("No unauthorized transactions recorded.", "未记录未授权交易。"),
        "report.tx.explorer": ("on {name}", "可在 {name} 查看"),
        "report.tx.explorer-none": (
            "no explorer known for this network",
            "暂无该网络的已知区块浏览器",
        ),
        "report.col.time": ("Time", "时间"),
        "report.col.local": ("Local time", "本地时间"),
        "report.col.utc": ("UTC", "UTC 时间"),
        "report.col.offset": ("T+", "T+"),
        "report.col.event": ("What happened", "事件"),
        "report.col.step": ("Step", "步骤"),
        "report.col.status": ("Status", "状态"),
        "report.col.done-at": ("Done at", "完成时间"),
        "report.col.target": ("Target", "目标时限"),
        "report.col.met": ("On time?", "是否按时"),
        "report.col.details": ("Details", "详情"),
        "report.col.type": ("Type", "类型"),
        "report.col.asset": ("Asset", "币种"),
        "report.col.amount": ("Amount", "数量"),
        "report.col.network": ("Network", "网络"),
        "report.col.to": ("To", "收款地址"),
        "report.col.to-txid": ("Destination address and TxID", "收款地址与交易哈希"),
        "report.col.txid": ("TxID", "交易哈希（TxID）"),
        "report.col.total": ("Total", "合计"),
        "report.col.count": ("Transactions", "笔数"),
        "report.col.ip": ("IP address", "IP 地址"),
        "report.col.device": ("Device", "设备"),
        "report.col.location": ("Location", "地点"),
        "report.col.note": ("Note", "备注"),
        "report.col.recorded": ("Recorded", "记录时间"),
        "report.col.channel": ("Channel", "渠道"),
        "report.col.ticket-agent": ("Ticket / agent", "工单号 / 客服"),
        "report.col.summary": ("What was said", "沟通内容"),
        "report.col.url": ("Link", "链接"),
        "report.col.kind": ("Kind", "类别"),
        "report.col.content": ("Content", "内容"),
        "report.col.files": ("Files", "附件"),
        "report.col.file": ("File", "文件"),
        "report.col.size": ("Size", "大小"),
        "report.col.sha256": ("SHA-256", "SHA-256"),
        "report.login.none": ("No suspicious login recorded.", "未记录可疑登录。"),
        "report.contact.none": ("No contact with support recorded yet.", "尚未记录与客服的联系。"),
        "report.contact.official": ("official channel", "官方渠道"),
        "report.contact.unchecked": ("not checked", "未核实"),
        "report.contact.unofficial-flag": ("NOT AN OFFICIAL CHANNEL.", "非官方渠道！"),
        "report.ev.none": ("No evidence recorded yet.", "尚未记录任何证据。"),
        "report.ev.no-files": ("No files attached.", "没有附件。"),
        "report.ev.see": ("details under “{section}”", "详见“{section}”"),
        "report.ev.for-step": ("for step: {step}", "对应步骤：{step}"),
        "report.ev.confirmed": (
            "stored after the user confirmed it is not a secret: {what}",
            "经用户确认并非密码或验证码后保存：{what}",
        ),
        "report.ev.shots-how": (
            "Screenshots are shown below at their full resolution. A JPEG screenshot is the "
            "original file, byte for byte: pdfimages -all REPORT.pdf shot (from poppler-utils) "
            "writes it out, with the SHA-256 listed here. A PNG screenshot has exactly the "
            "original's pixels, but the file itself cannot be rebuilt from the page to check "
            "its hash.",
            "截图按原始分辨率显示在下文。JPEG 截图就是原文件，逐字节相同：用 poppler-utils 中的 "
            "pdfimages -all 报告文件名 shot 即可导出，其 SHA-256 与此处所列一致。PNG 截图的每个像素"
            "都与原图相同，但无法从页面还原出原文件来核对哈希值。",
        ),
        "report.ev.files-how": (
            "Files marked “attached” are embedded in this PDF: open the attachments panel "
            "(paperclip) of your PDF reader.",
            "标为“已作为附件”或“另附原文件”的文件已嵌入本 PDF，可在阅读器的“附件”面板（回形针图标）中打开。",
        ),
        "report.ev.hashes": (
            "The SHA-256 values let anyone check that a copy is unchanged.",
            "凭 SHA-256 哈希值，任何人都能核对副本是否被改动过。",
        ),
        "report.ev.originals-no": (
            "To attach the screenshots' own files as well, make the report with "
            "incident report --attach-originals.",
            "如需同时附上截图的原文件，请用 incident report --attach-originals 生成报告。",
        ),
        "report.ev.originals-yes": (
            "The screenshots' own files are attached as well.",
            "截图的原文件也已作为附件一并附上。",
        ),
        "report.ev.carried.shown": ("shown as screenshot {n}", "见截图 {n}"),
        "report.ev.carried.both": ("screenshot {n}; file attached", "见截图 {n}，另附原文件"),
        "report.ev.carried.attached": ("attached", "已作为附件"),
        "report.ev.carried.unshown": ("cannot be shown; attached", "无法显示，已作为附件"),
        "report.ev.caption": ("Screenshot {n} · {ref} · {name}", "截图 {n} · {ref} · {name}"),
        "report.fulltext.blank": ("[{count} empty lines]", "［{count} 行空行］"),
        "report.fulltext.intro": (
            "Texts that were too long for the tables above, in full.",
            "上文表格中因篇幅过长而截断的文本，全文如下。",
        ),
        "report.fulltext.cut": (
            "[cut here: full text under “{section}”, {ref}]",
            "［此处截断，全文见“{section}”{ref}］",
        ),
        "report.integ.intro": (
            "Every action and piece of evidence in this report was recorded in an append-only "
            "journal. Each entry is encrypted and carries the SHA-256 hash of the entry before it, "
            "so changing, reordering or removing an entry breaks the chain.",
            "本报告中的每一项操作和证据都记录在只能追加的日志中。每条记录均经过加密，并包含上一条记录的 SHA-256 哈希值，"
            "因此任何修改、调换顺序或删除都会使哈希链断裂。",
        ),
        "report.integ.entries": ("Journal entries", "日志记录数"),
        "report.integ.head": (
            "Head hash (SHA-256 of the last entry)",
            "链头哈希（最后一条记录的 SHA-256）",
        ),
        "report.integ.files": ("Attachments", "附件数"),
        "report.integ.playbook": ("Playbook", "处置手册"),
        "report.integ.how-title": ("How to check", "如何校验"),
        "report.integ.how": (
            "On the computer that holds this session, run the command below. It re-reads every "
            "entry, checks the chain of hashes and every attachment, and prints the head hash.",
            "在保存本次处置记录的电脑上运行以下命令。它会重新读取每一条记录，校验哈希链和全部附件，并输出链头哈希。",
        ),
        "report.integ.expect": (
            "If nothing was added since this report, it reports {entries} entries and head {head}. "
            "Entries added later change the head; the entries shown here must still be there.",
            "如果生成本报告后没有新增记录，命令会显示 {entries} 条记录，链头哈希为 {head}。"
            "之后新增的记录会改变链头哈希，但本报告中的记录必须仍然存在。",
        ),
        "report.integ.files-how": (
            "To check an attached file, save it from the attachments panel, compute its SHA-256 "
            "(sha256sum FILE, or certutil -hashfile FILE SHA256 on Windows) and compare it with "
            "the value in the evidence section. A JPEG screenshot can be checked the same way "
            "once pdfimages -all has written it out.",
            "要核对某个附件，可先从“附件”面板中保存该文件，再计算它的 SHA-256（sha256sum 文件名；"
            "Windows 上用 certutil -hashfile 文件名 SHA256），与证据清单中的值比对。JPEG 截图用 "
            "pdfimages -all 导出后，也可以用同样的方法核对。",
        ),
        "report.integ.warnings": (
            "Reading the journal noted: {warnings}",
            "读取日志时发现：{warnings}",
        ),
    }
)

# Trusted timestamps (incident/report/timestamp.py).
CATALOG.update(
    {
        "timestamp.proof": (
            "these files existed no later than {time}, per {authority}",
            "这些文件最晚在 {time} 已经存在（时间戳机构：{authority}）",
        ),
        "timestamp.unchecked": (
            "the timestamp token matches these files ({time}, per {authority}), but its "
            "signature was not checked: give the authority's CA certificate with --tsa-cert",
            "时间戳凭证与这些文件相符（{time}，时间戳机构：{authority}），但尚未校验其签名："
            "请用 --tsa-cert 提供该机构的 CA 证书",
        ),
    }
)

# Findings of the offline address and TxID checks (incident/core/identifiers.py).
CATALOG.update(
    {
        "finding.address.checksum": (
            "This address does not check out for {network}: a character is probably mistyped, "
            "missing or extra. Copy it again from the exchange's page.",
            "该地址在 {network} 上校验不通过：可能有字符输错、漏掉或多出。请从交易所页面重新复制。",
        ),
        "finding.address.other-network": (
            "This is an address on {other}, but the network says {network}.",
            "这是 {other} 上的地址，但网络填写的是 {network}。",
        ),
        "finding.address.other-network-damaged": (
            "This looks like an address on {other} with a mistyped character, but the network "
            "says {network}.",
            "这看起来是 {other} 上的地址（且有字符输错），但网络填写的是 {network}。",
        ),
        "finding.address.is-txid": (
            "This looks like a TxID, not an address.",
            "这看起来是交易哈希（TxID），不是地址。",
        ),
        "finding.address.shape": (
            "This does not look like an address on {network} (expected {shape}).",
            "这不像 {network} 上的地址（应为{shape}）。",
        ),
        "finding.txid.damaged": (
            "This TxID is incomplete or has a mistyped character: on {network} a TxID is "
            "{shape}, and this one has {length} characters.",
            "该 TxID 不完整或有字符输错：{network} 上的 TxID 是{shape}，这里却有 {length} 个字符。",
        ),
        "finding.txid.no-prefix": (
            "On {network} a TxID starts with 0x; this one is the 64 hex digits without it.",
            "{network} 上的 TxID 以 0x 开头；这里只有后面的 64 位十六进制字符。",
        ),
        "finding.txid.other-network": (
            "This TxID ({shape}) has the form used on {other}, but the network says {network}.",
            "该 TxID（{shape}）是 {other} 上的格式，但网络填写的是 {network}。",
        ),
        "finding.txid.is-address": (
            "This is an address on {other}, not a TxID.",
            "这是 {other} 上的地址，不是 TxID。",
        ),
        "finding.txid.shape": (
            "This does not look like a TxID on {network} (expected {shape}; it has {length} "
            "characters).",
            "这不像 {network} 上的 TxID（应为{shape}，这里有 {length} 个字符）。",
        ),
        "shape.address.bitcoin": ("1…, 3… or bc1…", "1…、3… 或 bc1… 开头"),
        "shape.address.bitcoin-testnet": ("m…, n…, 2… or tb1…", "m…、n…、2… 或 tb1… 开头"),
        "shape.address.litecoin": ("L…, M…, 3… or ltc1…", "L…、M…、3… 或 ltc1… 开头"),
        "shape.address.dogecoin": ("D…, A… or 9…", "D…、A… 或 9… 开头"),
        "shape.address.evm": ("0x and 40 hex digits", "0x 加 40 位十六进制字符"),
        "shape.address.tron": ("T and 33 more characters", "T 开头、共 34 位字符"),
        "shape.address.solana": ("32 to 44 base58 characters", "32 到 44 位 base58 字符"),
        "shape.address.ton": (
            "EQ… or UQ… of 48 characters, or 0: and 64 hex digits",
            "EQ… 或 UQ… 开头的 48 位字符，或 0: 加 64 位十六进制字符",
        ),
        "shape.address.xrp": ("r… of 25 to 35 characters", "r 开头的 25 到 35 位字符"),
        "shape.txid.hex": ("64 hex digits", "64 位十六进制字符"),
        "shape.txid.evm": ("0x and 64 hex digits", "0x 加 64 位十六进制字符"),
        "shape.txid.solana": (
            "a base58 signature of 87 or 88 characters",
            "87 或 88 位 base58 签名",
        ),
        "shape.txid.ton": (
            "64 hex digits or 44 base64 characters",
            "64 位十六进制字符或 44 位 base64 字符",
        ),
    }
)

# Reading an exchange's history export (incident/importers/).
CATALOG.update(
    {
        "import.zone.header": (
            "Times read as {zone}, as the file's header says.",
            "时间按文件表头注明的 {zone} 读取。",
        ),
        "import.zone.cells": (
            "Times read as {zone}, as written beside each time in the file.",
            "时间按文件中每个时间后注明的 {zone} 读取。",
        ),
        "import.zone.assumed": (
            "The file does not say which time zone its times are in; they were read as {zone}. "
            "If they are local times, import again giving the zone they are in.",
            "文件没有注明时间的时区，已按 {zone} 读取。如果这些是当地时间，请注明所在时区后重新导入。",
        ),
        "import.zone.given": (
            "Times read as {zone}, the zone you gave, whatever the file says.",
            "时间按你指定的时区 {zone} 读取，不论文件中如何注明。",
        ),
    }
)

# Issue 18 (hostile text, links, playbooks and files): what start says about the playbook,
# and the prompt of `--note -`.
CATALOG.update(
    {
        "start.playbook": (
            "Playbook: {id} {version} ({source})",
            "处置手册：{id} {version}（{source}）",
        ),
        "start.not-bundled": (
            "This playbook is not one shipped with incident: its list of official domains "
            "decides which support contacts are trusted. Make sure it came from you.",
            "这份处置手册不是 incident 自带的：哪些客服联系方式算官方，由它列出的官方域名决定。"
            "请确认它出自你本人之手。",
        ),
        "note.stdin": (
            "{label} (end with Ctrl-D on a line of its own):",
            "{label}（输入完毕后，在单独一行按 Ctrl-D 结束）：",
        ),
        "file.link": (
            "{path} is a link to {target}; links are not followed",
            "{path} 是指向 {target} 的链接；不会跟随链接读取",
        ),
        "file.link-hint": (
            "attach the file itself, by its own name",
            "请用文件本身的名字附上文件",
        ),
        "file.special": (
            "{path} is a system file whose size is not its content (like /proc/...)",
            "{path} 是系统文件，其大小与内容不符（如 /proc/...）",
        ),
        "file.special-hint": ("attach an ordinary file", "请附上普通文件"),
    }
)

# Issue 16: the case file (incident bundle), its timestamp, the record reference, reminders.
CATALOG.update(
    {
        "verify.reference": (
            "Record reference: {hex}, {entries} entries",
            "记录编号：{hex}，共 {entries} 条",
        ),
        "tl.timestamped": (
            "Case file time-stamped: it existed no later than {time}, per {authority}",
            "案件材料已加可信时间戳：最晚于 {time} 已存在（时间戳机构：{authority}）",
        ),
        "tl.timestamped-detail": (
            "made from {entries} entries; SHA256SUMS {digest}",
            "依据 {entries} 条记录生成；SHA256SUMS 的哈希为 {digest}",
        ),
        "bundle.readme": (
            "CASE FILE - account takeover of {account} on {platform}\n"
            "Made by incident from session {session}. Reports in: {langs}.\n"
            "\n"
            "What each file is\n"
            "  README.txt          this file\n"
            "  verify.txt          the integrity check of the encrypted record when this case\n"
            "                      file was made: entries, head hash, attachments checked\n"
            "  report-<lang>.pdf   the incident report; the original files are attached to it\n"
            "                      (the paperclip / attachments panel of a PDF reader)\n"
            "  export.json         the full record as data (format incident-export, version 1)\n"
            "  summary-<lang>.md   the same facts as plain text (Markdown)\n"
            "  transactions.csv    the unauthorized transactions: time UTC, local time with its\n"
            "                      offset, type, asset, amount exactly as recorded, network,\n"
            "                      from, to, TxID, block explorer link, state. A text cell that\n"
            "                      starts with = + - or @ has a ' put before it so that no\n"
            "                      spreadsheet runs it as a formula.\n"
            "  originals/E<n>/     every file attached to evidence item E<n>, byte for byte as\n"
            "                      it was recorded, under the name it was recorded with\n"
            "  SHA256SUMS          the SHA-256 of every file above\n"
            "\n"
            "How to check that no file was changed\n"
            "  Unpack the archive, open a terminal in the unpacked folder, and run:\n"
            "    Linux:    sha256sum -c SHA256SUMS\n"
            "    macOS:    shasum -a 256 -c SHA256SUMS\n"
            "    Windows:  certutil -hashfile <file> SHA256   (compare with the line in SHA256SUMS)\n"
            "  Every line must end in OK. With incident installed, one command checks the\n"
            "  archive as it is, without unpacking it:  incident bundle verify <this file>.zip\n"
            "\n"
            "The record itself is kept encrypted and hash-chained on the victim's computer;\n"
            "verify.txt gives its head hash, and every support message quoted the start of it\n"
            "(the record reference), so a later copy can be checked against it.\n",
            "案件材料——{platform} 账户 {account} 被盗\n"
            "由 incident 根据处置记录 {session} 生成。报告语言：{langs}。\n"
            "\n"
            "各文件说明\n"
            "  README.txt          本说明\n"
            "  verify.txt          生成本材料时对加密记录的完整性校验：条目数、头部哈希、已核对的附件\n"
            "  report-<语言>.pdf   事件报告；原始文件作为附件嵌在其中（PDF 阅读器的附件面板）\n"
            "  export.json         完整记录的结构化数据（格式 incident-export，版本 1）\n"
            "  summary-<语言>.md   同样内容的纯文本（Markdown）\n"
            "  transactions.csv    未经授权的交易：UTC 时间、带时差的当地时间、类型、币种、\n"
            "                      与记录完全一致的金额、网络、转出地址、转入地址、TxID、\n"
            "                      区块浏览器链接、状态。以 = + - 或 @ 开头的文字单元格前加了\n"
            "                      一个 '，以免电子表格把它当作公式执行。\n"
            "  originals/E<n>/     证据 E<n> 所附的每个文件，与记录时逐字节相同，文件名也与记录时相同\n"
            "  SHA256SUMS          以上每个文件的 SHA-256 哈希\n"
            "\n"
            "如何核对文件未被改动\n"
            "  解压后在解压出的文件夹中打开终端，运行：\n"
            "    Linux：   sha256sum -c SHA256SUMS\n"
            "    macOS：   shasum -a 256 -c SHA256SUMS\n"
            "    Windows： certutil -hashfile <文件> SHA256   （与 SHA256SUMS 中对应的一行比对）\n"
            "  每一行都应以 OK 结尾。若已安装 incident，无需解压，一条命令即可核对整个压缩包：\n"
            "  incident bundle verify <本文件>.zip\n"
            "\n"
            "原始记录以加密、哈希链的形式保存在受害人的电脑上；verify.txt 给出其头部哈希，\n"
            "每封发给客服的消息都附有它的开头（记录编号），日后可据此核对记录的副本。\n",
        ),
        "remind.step.title": ("Due: {title}", "截止：{title}"),
        "remind.step.done": (
            "When it is done: incident step done {step}",
            "完成后运行：incident step done {step}",
        ),
        "remind.step.answer": (
            "To answer: incident answer {step} <your answer>",
            "回答请运行：incident answer {step} <你的回答>",
        ),
        "remind.step.next": (
            "What to do next, and why: incident next (or incident run)",
            "下一步做什么、为什么：incident next（或 incident run）",
        ),
        "remind.follow-up.title": ("Follow up with {platform} support", "跟进 {platform} 客服"),
        "remind.follow-up.why": (
            "No answer from support for {hours} hours: ask again, quoting your ticket, so the "
            "freeze is not dropped.",
            "客服已 {hours} 小时没有回复：请引用工单号再次询问，以免冻结被解除。",
        ),
        "remind.follow-up.tickets": ("Tickets: {tickets}", "工单号：{tickets}"),
        "remind.follow-up.how": (
            "A ready-to-send message: incident message follow-up",
            "可直接发送的消息：incident message follow-up",
        ),
        "runner.key.calendar": ("deadlines to calendar", "截止时间加入日历"),
        "runner.form.calendar": ("Deadlines to your calendar", "把截止时间加入日历"),
        "runner.ask.calendar-path": (
            "Calendar file to write (.ics, open it on your phone)",
            "要写入的日历文件（.ics，可在手机上打开）",
        ),
        "runner.msg.calendar": (
            "Wrote {path}: {count} reminders; open it in your calendar",
            "已写入 {path}：{count} 个提醒；请在日历中打开",
        ),
        "runner.msg.remind-hint": (
            "Deadlines on your phone: press m, then k (or run incident remind)",
            "把截止时间加入手机日历：按 m 再按 k（或运行 incident remind）",
        ),
        "bundle.readme.timestamp": (
            "Trusted timestamp (RFC 3161)\n"
            "  SHA256SUMS.tsr        a time-stamping authority's signed token over SHA256SUMS:\n"
            "                        these files existed no later than the time it gives\n"
            "  tsa-certificate.pem   the certificate the authority signed it with\n"
            "  Check it with the authority's CA certificate (from the authority's web site):\n"
            "    openssl ts -verify -data SHA256SUMS -in SHA256SUMS.tsr -CAfile <authority-ca>.pem\n"
            "  or:  incident bundle verify <this file>.zip --tsa-cert <authority-ca>.pem\n"
            "  Only the hash of SHA256SUMS was sent to the authority, never a file.\n",
            "可信时间戳（RFC 3161）\n"
            "  SHA256SUMS.tsr        时间戳机构对 SHA256SUMS 签发的凭证：这些文件最晚在凭证所载时间已存在\n"
            "  tsa-certificate.pem   该机构签名所用的证书\n"
            "  请用该机构的 CA 证书（可从其网站获取）校验：\n"
            "    openssl ts -verify -data SHA256SUMS -in SHA256SUMS.tsr -CAfile <机构CA>.pem\n"
            "  或：incident bundle verify <本文件>.zip --tsa-cert <机构CA>.pem\n"
            "  发给时间戳机构的只有 SHA256SUMS 的哈希，没有任何文件。\n",
        ),
    }
)

# Issue 12: fixing mistakes (corrections, retractions, session edits, step reset), the
# timeline in the order things happened, and page one's "Attack at a glance".
CATALOG.update(
    {
        "tl.discovered": ("Takeover discovered", "发现账户被盗"),
        "tl.recorded": ("recorded {time}", "记录于 {time}"),
        "tl.corrected-mark": ("corrected since (see Corrections)", "之后已更正（见“更正记录”）"),
        "tl.entry-corrected": ("E{n} corrected: {fields}", "更正 E{n}：{fields}"),
        "tl.entry-retracted": ("E{n} retracted", "撤回 E{n}"),
        "tl.session-edited": ("Session fact corrected: {field}", "更正处置信息：{field}"),
        "tl.step.reset": ("Step put back to to-do: {title}", "步骤改回待办：{title}"),
        "fix.field.discovered_at": ("discovery time", "发现时间"),
        "fix.field.platform": ("platform", "平台"),
        "fix.field.account": ("account", "账户"),
        "fix.field.tz": ("time zone", "时区"),
        "fix.state.active": ("active", "有效"),
        "fix.state.corrected": ("corrected", "已更正"),
        "fix.state.retracted": ("retracted", "已撤回"),
        "fix.none": ("(none)", "（无）"),
        "report.sec.corrections": ("Corrections", "更正记录"),
        "report.corr.intro": (
            "Mistakes put right after they were recorded. Nothing recorded is ever deleted: "
            "each change is a new entry of the journal, and the original is shown here. "
            "Retracted entries count nowhere else in this report.",
            "记录之后发现并更正的错误。已记录的内容从不删除：每次更正都作为新条目写入日志，原始内容列于此处。"
            "已撤回的条目不计入本报告的其他任何部分。",
        ),
        "report.corr.col.when": ("Corrected", "更正时间"),
        "report.corr.col.what": ("Entry or fact", "条目或信息"),
        "report.corr.col.change": ("Change: old → new", "更正内容：原值 → 新值"),
        "report.corr.col.reason": ("Reason", "原因"),
        "report.corr.retracted": ("Retracted. It read:", "已撤回。原记录为："),
        "report.corr.reset": ("Put back to to-do", "改回待办"),
        "report.corr.step": ("Step: {title}", "步骤：{title}"),
        "report.corr.session": ("Session: {field}", "处置信息：{field}"),
        "report.glance.title": ("Attack at a glance", "攻击概要"),
        "report.glance.login": ("First suspicious login", "首次可疑登录"),
        "report.glance.first-tx": ("First unauthorized transaction", "首笔未授权交易"),
        "report.glance.last-tx": ("Last unauthorized transaction", "最后一笔未授权交易"),
        "report.glance.destinations": ("Where the funds went", "资金去向"),
        "report.glance.col.address": ("Destination address", "收款地址"),
        "report.glance.col.network": ("Network", "网络"),
        "report.glance.col.count": ("Count", "笔数"),
        "report.glance.col.total": ("Total", "合计"),
        "report.glance.none": ("not recorded", "未记录"),
        "report.glance.more-addresses": (
            "…and {count} more address(es): see the transactions table.",
            "……另有 {count} 个地址，见交易明细表。",
        ),
        "report.glance.more-txids": (
            "…and {count} more: every transaction is in the transactions table.",
            "……另有 {count} 笔，全部交易见交易明细表。",
        ),
        "report.ev.state.corrected": ("corrected (see Corrections)", "已更正（见“更正记录”）"),
        "report.ev.state.retracted": (
            "RETRACTED: counts nowhere in this report (see Corrections)",
            "已撤回：不计入本报告（见“更正记录”）",
        ),
        "md.corrections": ("Corrections", "更正记录"),
        "runner.key.undo": ("undo", "撤销"),
        "runner.undo.nothing": ("There is no step action to undo.", "没有可撤销的步骤操作。"),
        "runner.undo.ask": (
            "Put “{title}” back to to-do?",
            "把“{title}”改回待办吗？",
        ),
        "runner.undo.done": ("“{title}” is to-do again.", "“{title}”已改回待办。"),
    }
)

# Issue 15: importing an exchange's history, and the address/TxID checks at recording time.
CATALOG.update(
    {
        "import.note": (
            "Exchange history imported from {file} ({title}), SHA-256 {sha256}: {count} "
            "transaction(s) recorded from it, E{first} to E{last}. The file is kept with "
            "this entry.",
            "已从交易所历史记录文件 {file}（{title}）导入，SHA-256 为 {sha256}：据此记录了 "
            "{count} 笔交易，编号 E{first} 至 E{last}。原文件随本条目保存。",
        ),
        "import.read": (
            "{title}: {rows} row(s) in the file, {chosen} chosen.",
            "{title}：文件共 {rows} 行，选中 {chosen} 行。",
        ),
        "import.col.row": ("Row", "行号"),
        "import.row": ("row {row}", "第 {row} 行"),
        "import.col.status": ("Status", "状态"),
        "import.none-chosen": (
            "No row of the file was chosen: by default only withdrawals and sends are "
            "imported (--type all takes every row).",
            "文件中没有选中的行：默认只导入提币和转出（--type all 可导入全部行）。",
        ),
        "import.skipped": (
            "Left out {count} row(s) already recorded:",
            "已跳过 {count} 行已记录过的数据：",
        ),
        "import.reason.same-txid": ("same TxID", "TxID 相同"),
        "import.reason.same-time-asset-amount": (
            "same time, asset and amount",
            "时间、币种和数量相同",
        ),
        "import.reason.repeated-in-file": (
            "the same TxID twice in the file",
            "文件中同一 TxID 出现两次",
        ),
        "import.reason-count": ("{count} {reason}", "{reason} {count} 行"),
        "import.nothing-new": (
            "Nothing new to record: every chosen row is in the session already.",
            "没有新的内容可记录：选中的每一行都已在本事件中。",
        ),
        "import.confirm": ("Record these {count} transaction(s)?", "记录这 {count} 笔交易吗？"),
        "import.dry-run": ("Dry run: nothing was recorded.", "试运行：没有记录任何内容。"),
        "import.recorded": (
            "Recorded {count} transaction(s) from {file}: E{first} to E{last}; the file is "
            "kept, encrypted, with E{note}.",
            "已从 {file} 记录 {count} 笔交易：E{first} 至 E{last}；原文件已加密保存在 E{note}。",
        ),
        "import.not-completed": (
            "{count} row(s) are not marked completed in the file (see Status): check them "
            "on the exchange's page.",
            "有 {count} 行在文件中未标记为已完成（见“状态”列）：请在交易所页面核对。",
        ),
        "import.needs-txid": (
            "Needs TxID ({count}): {entries}. Copy each from the exchange's withdrawal "
            "details, then: incident evidence correct E{first} --txid TXID",
            "缺少 TxID（{count} 笔）：{entries}。请从交易所的提币详情中逐一复制，然后运行："
            "incident evidence correct E{first} --txid TXID",
        ),
        "import.flagged": (
            "Check these before sending anything to support:",
            "在向客服发送任何内容之前，请先核对以下各项：",
        ),
        "check.record-anyway": ("Record it anyway?", "仍然记录吗？"),
        "report.tx.source": ("from {file}, row {row}", "来自 {file} 第 {row} 行"),
        "report.tx.check": ("Check: {text}", "请核对：{text}"),
        "md.tx-notes": (
            "Checks and sources of the transactions above:",
            "以上交易的校验提示与来源：",
        ),
        "runner.import": ("Import a file (exchange history)", "导入文件（交易所历史记录）"),
        "runner.ask.import-path": (
            "Exported history file (CSV or XLSX)",
            "导出的历史记录文件（CSV 或 XLSX）",
        ),
        "runner.msg.imported": (
            "Recorded {count} transaction(s) from the file (E{first} to E{last})",
            "已从文件记录 {count} 笔交易（E{first} 至 E{last}）",
        ),
        "runner.msg.import-preview": (
            "{count} new transaction(s) to record, {skipped} already recorded",
            "将记录 {count} 笔新交易，{skipped} 笔已记录过",
        ),
        "runner.import-unavailable": (
            "Importing is available from the command line: incident evidence import FILE",
            "请在命令行中导入：incident evidence import FILE",
        ),
    }
)

# Day-scale deadlines a platform sets, and the police message (issue 14).
CATALOG.update(
    {
        "deadline.label": ("Deadlines set by the platform", "平台规定的期限"),
        "deadline.met": ("done", "已完成"),
        "deadline.left": ("{left} left", "还剩 {left}"),
        "deadline.passed": ("passed {late} ago", "已过 {late}"),
        "deadline.not-started": (
            "counted from step {step}, not done yet",
            "从步骤 {step} 完成时起算，该步骤尚未完成",
        ),
        "deadline.source": ("Source", "来源"),
        "deadline.box": ("Deadlines", "期限"),
        "deadline.reminder": ("Deadline: {title}", "期限：{title}"),
        "label.unless": ("not when", "不适用条件"),
        "label.after-step": ("after {step}", "自 {step} 完成起"),
    }
)

# Issue 18 (finding 8) / issue 19: listings too long for pages, summarised, attached as CSV.
CATALOG.update(
    {
        "report.list.note": (
            "{count} {what}: more than the {limit} rows a table here holds, so this section "
            "shows exact summaries, and every entry, each field in full, is in the file "
            "{name} attached to this PDF (open the attachments panel, the paperclip, of your "
            "PDF reader).",
            "共 {count} 条{what}，超过本节表格最多可列的 {limit} 行，因此这里只列出准确的汇总；"
            "每一条记录的全部字段都在本 PDF 的附件 {name} 中（在阅读器的“附件”面板，即回形针"
            "图标中打开）。",
        ),
        "report.list.file-desc": (
            "All {count} {what} of this report, one a row (CSV, UTF-8)",
            "本报告全部 {count} 条{what}，每行一条（CSV，UTF-8 编码）",
        ),
        "report.list.what.transactions": ("transactions", "交易"),
        "report.list.what.evidence": ("evidence entries", "证据"),
        "report.list.what.timeline": ("timeline entries", "时间线记录"),
        "report.list.what.logins": ("logins", "登录记录"),
        "report.list.what.contacts": ("contacts with support", "客服联系记录"),
        "report.list.per-asset": ("Per asset", "按币种汇总"),
        "report.list.per-address": ("Per destination address", "按收款地址汇总"),
        "report.list.per-day": ("Per day", "按日汇总"),
        "report.list.per-kind": ("Per kind", "按类别汇总"),
        "report.list.asset": ("Asset", "币种"),
        "report.list.count": ("Count", "笔数"),
        "report.list.lost": ("Unauthorized total", "未授权金额合计"),
        "report.list.amounts": ("Unauthorized amounts", "未授权金额"),
        "report.list.day": ("Day", "日期"),
        "report.list.first": ("First", "最早"),
        "report.list.last": ("Last", "最晚"),
        "report.list.none": ("(none given)", "（未填写）"),
        "report.list.unofficial": ("not official", "非官方"),
        "report.list.other-addresses": (
            "{count} other addresses together",
            "其余 {count} 个地址合计",
        ),
        "report.list.files": (
            "{count} attached files: too many to list here; each one's name, size and SHA-256 "
            "is in evidence.csv, with its entry.",
            "共 {count} 个附件，无法在此全部列出；每个附件的文件名、大小和 SHA-256 都与其证据条目"
            "一起列在 evidence.csv 中。",
        ),
        "report.list.more-tickets": (
            "and {count} more (see “{section}”)",
            "另有 {count} 个（见“{section}”）",
        ),
        "report.list.other-ips": ("{count} other IP addresses together", "其余 {count} 个 IP 合计"),
        "report.list.txids": (
            "{count} transactions have a TxID: too many for this page. Every TxID, with its "
            "block-explorer link, is in the file transactions.csv attached to this PDF; the "
            "section “{section}” sums them up per asset, address and day.",
            "共有 {count} 笔交易带有交易哈希（TxID），本页无法全部列出。每个 TxID 及其区块浏览器"
            "链接都在本 PDF 的附件 transactions.csv 中；“{section}”一节按币种、地址和日期做了汇总。",
        ),
    }
)

# Issue 13: forgiving, safe input in the user's own language. Errors the core raises name
# their field as {field} (the command line shows its option, the runner its question).
CATALOG.update(
    {
        "error.label": ("Error", "错误"),
        "error.warning": ("Warning", "警告"),
        "error.value": ("the value", "输入值"),
        "field.empty": ("{field} is empty", "{field}为空"),
        "field.not-a-choice": (
            "{field}: “{value}” is not one of {choices}",
            "{field}：“{value}”不是可选值（{choices}）",
        ),
        "field.too-long": (
            "{field} is longer than {max} characters",
            "{field}超过 {max} 个字符",
        ),
        "field.invalid": ("{field} cannot be stored as given", "{field}的内容无法按原样保存"),
        "start.platform-hint": ("name the platform, e.g. OKX", "请填写平台名称，例如 OKX"),
        "start.account-hint": (
            "give the account's e-mail, phone or user id",
            "请填写账户的邮箱、手机号或用户 ID",
        ),
        "asset.unreadable": ("cannot read {field} “{value}”", "无法识别{field}“{value}”"),
        "asset.hint": ("use a symbol such as USDT or BTC", "请填写币种代码，例如 USDT 或 BTC"),
        "ip.unreadable": ("cannot read {field} “{value}”", "无法识别{field}“{value}”"),
        "ip.hint": ("use e.g. 203.0.113.7 or 2001:db8::1", "例如 203.0.113.7 或 2001:db8::1"),
        "step.unknown": (
            "no step “{step}” in playbook {playbook}",
            "处置手册 {playbook} 中没有步骤“{step}”",
        ),
        "step.did-you-mean": ("did you mean “{closest}”?", "你是不是要找“{closest}”？"),
        "step.skip-needs-reason": (
            "skipping a step needs a reason: {field}",
            "跳过步骤需要说明原因：{field}",
        ),
        "step.is-question": ("“{step}” is a question", "“{step}”是一个问题"),
        "step.not-question": ("“{step}” is not a question", "“{step}”不是问题"),
        "step.already-done": ("step “{step}” is already done", "步骤“{step}”已经完成"),
        "step.nothing-changed": ("nothing was changed", "没有做任何更改"),
        "step.waiting": (
            "step “{step}” depends on question “{question}”",
            "步骤“{step}”取决于问题“{question}”的回答",
        ),
        "step.not-applicable": (
            "step “{step}” does not apply: {question} was answered “{answer}”",
            "步骤“{step}”不适用：问题 {question} 的回答是“{answer}”",
        ),
        "step.needs": ("step “{step}” needs {unmet} done first", "步骤“{step}”需要先完成 {unmet}"),
        "step.not-an-answer": (
            "“{value}” is not an answer to “{step}”",
            "“{value}”不是问题“{step}”的可选回答",
        ),
        "step.answer-one-of": (
            "answer one of: {options}, or its number",
            "请回答以下之一：{options}，或其编号",
        ),
        "session.closed-error": ("session {sid} is closed", "事件 {sid} 已结束"),
        "session.reopen-hint": (
            "reopen it with: incident reopen --session {sid}",
            "重新打开：incident reopen --session {sid}",
        ),
        "session.already-closed": ("session {sid} is already closed", "事件 {sid} 已经结束"),
        "session.already-open": ("session {sid} is open already", "事件 {sid} 本来就是进行中"),
        "session.ambiguous": (
            "“{sid}” matches {count} sessions",
            "“{sid}”对应 {count} 个事件",
        ),
        "session.more-id": ("give more of the session id", "请多输入几位事件编号"),
        "session.none-such": ("no session “{sid}”", "没有事件“{sid}”"),
        "session.list-hint": ("see them all with: incident list", "查看全部：incident list"),
        "session.none-yet": ("there is no session yet", "还没有任何事件"),
        "session.start-hint": ("start one with: incident start", "开始一个：incident start"),
        "session.all-closed": ("every session is closed", "所有事件都已结束"),
        "session.all-closed-hint": (
            "name the one to use, or start a new one",
            "请指定要使用的事件，或开始一个新的",
        ),
        # amounts
        "amount.hint": (
            "use digits, a dot for decimals and commas only between groups of three digits: "
            "1000.50 or 1,000.50",
            "请用数字填写，小数用点号，逗号只能用于每三位分隔：1000.50 或 1,000.50",
        ),
        "amount.too-long": ("{field} is longer than {max} characters", "{field}超过 {max} 个字符"),
        "amount.exponent": (
            "{field} “{value}” is written with an exponent; it would be {meant}. "
            "Nothing was stored",
            "{field}“{value}”使用了科学计数法，相当于 {meant}。未保存任何内容",
        ),
        "amount.dot-ambiguous": (
            "{field} “{value}” can be read two ways: {thousands} (dot between thousands) or "
            "{decimal} (dot as decimal point). Nothing was stored; type {thousands} or {decimal}",
            "{field}“{value}”有两种读法：{thousands}（点号分隔千位）或 {decimal}（点号是小数点）。"
            "未保存任何内容；请输入 {thousands} 或 {decimal}",
        ),
        "amount.dot-groups": (
            "{field} “{value}” seems to use dots between thousands, meaning {meant}. "
            "Nothing was stored; type {meant}",
            "{field}“{value}”似乎用点号分隔千位，即 {meant}。未保存任何内容；请输入 {meant}",
        ),
        "amount.comma-decimal": (
            "{field} “{value}” seems to use a comma as decimal point, meaning {meant}. "
            "Nothing was stored; type {meant}",
            "{field}“{value}”似乎把逗号当作小数点，即 {meant}。未保存任何内容；请输入 {meant}",
        ),
        "amount.negative": (
            "{field} “{value}” is negative; give the amount without a sign",
            "{field}“{value}”是负数；请去掉符号填写数量",
        ),
        "amount.unreadable": ("cannot read {field} “{value}”", "无法识别{field}“{value}”"),
        # times
        "time.unreadable": ("cannot read {field} “{value}”", "无法识别{field}“{value}”"),
        "time.hint": (
            "use e.g. 2026-11-25 14:05, 14:05 (today), yesterday 14:05, 3pm or 2 hours ago",
            "可以写 2026-11-25 14:05、14:05（今天）、昨天 14:05、下午3点 或 2小时前",
        ),
        "time.future": (
            "{field} “{value}” was read as {understood}, which is in the future (now: {now}); "
            "nothing was stored",
            "{field}“{value}”被理解为 {understood}，晚于当前时间（{now}）；未保存任何内容",
        ),
        "time.future-hint": (
            "give a time that has already passed; a time of day alone means today",
            "请填写已经过去的时间；只写时刻表示今天",
        ),
        "network.inferred": (
            "Network set to {network}, the home network of {asset}; "
            "if it went over another network, give that network.",
            "网络已设为 {network}（{asset} 的主网络）；如果实际走的是别的网络，请填写该网络。",
        ),
        # files
        "file.missing": ("no such file: {path}", "找不到文件：{path}"),
        "file.not-regular": ("not a regular file: {path}", "不是普通文件：{path}"),
        "file.not-regular-hint": ("attach the file itself", "请附上文件本身"),
        "file.too-large": ("larger than {mb} MB: {path}", "文件超过 {mb} MB：{path}"),
        "file.unreadable": ("cannot read {path} ({reason})", "无法读取 {path}（{reason}）"),
        "file.empty": ("the file is empty: {path}", "文件是空的：{path}"),
        "file.too-many-pixels": (
            "image is too large to be a screenshot: {path}",
            "图片太大，不像是截图：{path}",
        ),
        "file.too-many-pixels-hint": (
            "at most {millions} million pixels",
            "最多 {millions} 百万像素",
        ),
        "file.bad-image": (
            "not a readable image (damaged, truncated or another kind of file): {path}",
            "无法读取的图片（已损坏、不完整或不是图片）：{path}",
        ),
        "file.bad-image-hint": ("attach the original screenshot", "请附上原始截图"),
        "file.image-kind": (
            "{kind} images are not supported: {path}",
            "不支持 {kind} 格式的图片：{path}",
        ),
        "file.image-kind-hint": ("use PNG or JPEG screenshots", "请使用 PNG 或 JPEG 截图"),
        # secrets
        "secret.seed": (
            "{field} looks like a recovery (seed) phrase and was not stored",
            "{field}看起来含有助记词，未保存",
        ),
        "secret.private-key": (
            "{field} looks like a private key and was not stored",
            "{field}看起来含有私钥，未保存",
        ),
        "secret.password": (
            "{field} looks like it contains a password; nothing was stored",
            "{field}看起来含有密码；未保存任何内容",
        ),
        "secret.otp": (
            "{field} looks like it contains a one-time code; nothing was stored",
            "{field}看起来含有一次性验证码；未保存任何内容",
        ),
        "secret.store-anyway": ("Store it anyway?", "仍然保存？"),
        "secret.not-stored": ("nothing was stored", "未保存任何内容"),
        # the command line's own words
        "session.chosen": (
            "Using session {sid} ({platform} / {account}), the most recently active open one; "
            "choose another with --session ID",
            "正在使用最近活动的进行中事件 {sid}（{platform} / {account}）；如需其他事件请加 --session 编号",
        ),
        "session.in": (
            "session {sid} ({platform} / {account})",
            "事件 {sid}（{platform} / {account}）",
        ),
        "cli.recorded": (
            "Recorded {what} E{n} in session {sid} ({platform} / {account}).",
            "已在事件 {sid}（{platform} / {account}）中记录{what} E{n}。",
        ),
        "cli.started": (
            "Started session {sid} ({platform} / {account}).",
            "已开始事件 {sid}（{platform} / {account}）。",
        ),
        "cli.started-default": (
            "Commands without --session now use this session; {count} other open session(s) "
            "are listed by: incident list",
            "不带 --session 的命令现在都作用于这个事件；另有 {count} 个进行中的事件，可用 incident list 查看",
        ),
        "cli.next-after-start": (
            "Next: `incident status` to see what to do, or `incident run` to be walked through.",
            "下一步：运行 `incident status` 查看要做什么，或运行 `incident run` 按步骤处置。",
        ),
        "cli.no-sessions": (
            "No sessions yet. Start one with: incident start --help",
            "还没有任何事件。开始一个：incident start --help",
        ),
        "cli.list-line": (
            "started {started} · discovered {discovered} · last activity {last} · "
            "{done}/{total} steps done · {evidence} evidence",
            "开始于 {started} · 发现于 {discovered} · 最近活动 {last} · "
            "已完成 {done}/{total} 步 · 证据 {evidence} 条",
        ),
        "cli.marked": (
            "{step}: {status} (session {sid}, {platform} / {account})",
            "{step}：{status}（事件 {sid}，{platform} / {account}）",
        ),
        "cli.override": (", override recorded", "，已强制记录"),
        "cli.answered": (
            "{step}: {value} (session {sid}, {platform} / {account})",
            "{step}：{value}（事件 {sid}，{platform} / {account}）",
        ),
        "cli.closed": (
            "Closed session {sid} ({platform} / {account}). "
            "Reopen it with: incident reopen --session {sid}",
            "已结束事件 {sid}（{platform} / {account}）。重新打开：incident reopen --session {sid}",
        ),
        "cli.reopened": (
            "Reopened session {sid} ({platform} / {account}).",
            "已重新打开事件 {sid}（{platform} / {account}）。",
        ),
        "cli.answer-with": (
            "Answer with: incident answer {step} VALUE (or its number)   {options}",
            "回答：incident answer {step} 选项（或其编号）   {options}",
        ),
        "cli.done-with": (
            "When done: incident step done {step}",
            "完成后：incident step done {step}",
        ),
        "start.ask-discovered": (
            "When did you notice? (Enter = now; e.g. 14:05, yesterday 22:30, 2 hours ago)",
            "你是什么时候发现的？（直接回车表示现在；例如 14:05、昨天 22:30、2小时前）",
        ),
        "platform.unknown": (
            "“{platform}” is not one of this playbook's platforms ({known}); nothing was started",
            "“{platform}”不在本手册的平台列表中（{known}）；未开始处置",
        ),
        "platform.did-you-mean": (
            "“{platform}” is not one of this playbook's platforms ({known}); did you mean "
            "{closest}? Nothing was started",
            "“{platform}”不在本手册的平台列表中（{known}）；你是不是要找 {closest}？未开始处置",
        ),
        "platform.unknown-hint": (
            "give one of them with --platform, or add --yes to start with “{platform}” anyway",
            "请用 --platform 指定其中一个，或加上 --yes 仍以“{platform}”开始",
        ),
        "platform.ask-closest": (
            "“{platform}” is not a platform this playbook knows. Did you mean {closest}?",
            "本手册不认识“{platform}”。你是不是要找 {closest}？",
        ),
        "platform.ask-anyway": (
            "Start with “{platform}” anyway? Steps will show general advice only "
            "(this playbook knows {known})",
            "仍以“{platform}”开始吗？步骤只会显示通用建议（本手册支持 {known}）",
        ),
        "platform.not-started": ("nothing was started", "未开始处置"),
        "platform.general-advice": (
            "“{platform}” is not one of this playbook's platforms ({known}); steps show general "
            "advice and support contacts cannot be checked.",
            "“{platform}”不在本手册的平台列表中（{known}）：步骤只显示通用建议，客服联系方式也无法核实。",
        ),
        "key.passphrase-new": (
            "No secure keyring here, so your data is locked with a passphrase you choose now. "
            "It cannot be recovered: without it nobody, not even you, can open your sessions. "
            "A desktop keyring (Secret Service, Keychain) avoids typing it each time; "
            "back the key up with: incident key export FILE",
            "这里没有安全的系统钥匙串，所以你的数据将用你现在设置的口令加密。口令无法找回：忘记口令，"
            "任何人（包括你自己）都打不开这些记录。桌面系统的钥匙串（Secret Service、Keychain）可以免去每次输入；"
            "备份密钥请运行：incident key export 文件名",
        ),
        "key.passphrase": ("Passphrase for incident's data", "incident 数据口令"),
        "key.passphrase-again": ("Repeat the passphrase", "请再输入一次口令"),
        "key.none-yet": (
            "Nothing is set up yet in {home}: the data key is made when you start your first "
            "session, {where}.",
            "{home} 中尚未设置任何内容：开始第一个事件时才会生成数据密钥，{where}。",
        ),
        "key.keyring-ready": (
            "and kept in this system's keyring",
            "并保存在本机的系统钥匙串中",
        ),
        "key.passphrase-ready": (
            "locked with a passphrase (no secure keyring was found; INCIDENT_PASSPHRASE or a prompt)",
            "并用口令加密（未找到安全的钥匙串；口令来自 INCIDENT_PASSPHRASE 或提示输入）",
        ),
        "cli.wrote-report": (
            "Wrote {path} for session {sid} ({platform} / {account})",
            "已为事件 {sid}（{platform} / {account}）写入 {path}",
        ),
        "cli.pdf-needs-file": (
            "a PDF needs a file to go to: add -o FILE",
            "PDF 需要写入文件：请加上 -o 文件名",
        ),
        "key.exported": (
            "Wrote key backup {path}. Keep it apart from your data, e.g. on a USB stick.",
            "已写入密钥备份 {path}。请与数据分开保存，例如存到 U 盘。",
        ),
        "key.imported": ("Key restored (kept in: {mode}).", "密钥已恢复（保存方式：{mode}）。"),
        "cli.demo-wrote": (
            "Wrote {path} (demo session: an OKX-style takeover, 20 unauthorized transactions).",
            "已写入 {path}（演示事件：一次 OKX 式账户被盗，20 笔未授权交易）。",
        ),
        "cli.verified": (
            "OK: session {sid}: {entries} entries, {attachments} attachments, head {head}",
            "校验通过：事件 {sid}：{entries} 条记录，{attachments} 个附件，链头哈希 {head}",
        ),
        "cli.no-evidence": (
            "No evidence yet. Add some with: incident evidence --help",
            "尚无证据。添加证据：incident evidence --help",
        ),
        "cli.file-name": ("the file name", "文件名"),
        "cli.interrupted": (
            "Interrupted; everything recorded so far is saved.",
            "已中断；已记录的内容都已保存。",
        ),
        "cli.unexpected": (
            "unexpected {error} (nothing recorded was lost; set INCIDENT_DEBUG=1 for details)",
            "意外错误 {error}（已记录的内容没有丢失；设置 INCIDENT_DEBUG=1 可查看详情）",
        ),
        "cli.next.confirm": (
            "Remove it, or pass --yes if it is not one",
            "请删掉它；如果其实不是，请加上 --yes",
        ),
        "cli.next.force": ("add --force to record it anyway", "如仍要记录，请加上 --force"),
        "cli.next.answer": (
            "answer it with: incident answer {step} VALUE",
            "请回答：incident answer {step} 选项",
        ),
        "cli.next.answer-first": (
            "answer it first: incident answer {step} VALUE",
            "请先回答：incident answer {step} 选项",
        ),
        "cli.next.mark": (
            "mark it with: incident step done {step}",
            "请标记：incident step done {step}",
        ),
        "cli.next.reopen": ("reopen it with: incident reopen", "重新打开：incident reopen"),
        "cli.next.step-ids": (
            "step ids are shown by: incident status",
            "步骤编号可用 incident status 查看",
        ),
        "time.zone": ("unknown time zone “{value}”", "未知时区“{value}”"),
        "time.zone-hint": (
            "use an IANA name such as Asia/Shanghai or UTC",
            "请使用 IANA 时区名，例如 Asia/Shanghai 或 UTC",
        ),
    }
)

# Words the merged features share (recording after a warning, unknown fields, references).
CATALOG.update(
    {
        "cli.declined": ("nothing was stored", "没有保存任何内容"),
        "cli.declined-hint": (
            "correct the entry and record it again",
            "请改正后重新记录",
        ),
        "field.unknown": (
            "{field} is not a field of {kind} entries",
            "{kind} 条目没有 {field} 这一项",
        ),
        "verify.expected-later": (
            "The reference {prefix} matches entry {entry}; {later} entries were recorded after it.",
            "记录编号 {prefix} 与第 {entry} 条记录相符；此后又记录了 {later} 条。",
        ),
        "verify.expected-head": (
            "The reference {prefix} matches the journal's head.",
            "记录编号 {prefix} 与日志的最新一条相符。",
        ),
    }
)

# issue 17: a damaged session, read in spite of the damage, and its repair.
CATALOG.update(
    {
        "integrity.damaged": (
            "Integrity: damaged — {what}; the {count} entries shown are authentic",
            "完整性：已损坏 — {what}；所示 {count} 条记录均经校验，真实可信",
        ),
        "integrity.damaged-hint": (
            "incident verify names the first bad entry; "
            "incident repair --session {sid} sets the damage aside",
            "incident verify 会指出第一条损坏的记录；"
            "incident repair --session {sid} 会把损坏部分移到一旁",
        ),
        "integrity.entries-missing": ("entries {entries} missing", "{entries}缺失"),
        "integrity.entry-part": ("{span} ({reason})", "第 {span} 条记录（{reason}）"),
        "integrity.list-join": (", ", "、"),
        "integrity.join": ("; ", "；"),
        "integrity.reason.cut-short": ("cut short", "被截断"),
        "integrity.reason.changed": ("changed", "被改动"),
        "integrity.reason.removed": ("removed", "被删除"),
        "integrity.reason.not-a-record": (
            "bytes that are not journal records",
            "有不属于日志记录的字节",
        ),
        "integrity.reason.unlinked": (
            "the chain of hashes is broken",
            "哈希链断裂",
        ),
        "integrity.reason.head-missing": ("the head file is missing", "头文件缺失"),
        "integrity.reason.head-changed": (
            "the head file does not match the journal",
            "头文件与日志不符",
        ),
        "integrity.reason.head-older": (
            "the head file is older than the journal",
            "头文件比日志旧",
        ),
        "integrity.after-gap": ("after a gap", "位于缺失记录之后"),
        "integrity.after-gap-line": (
            "Evidence {evidence} comes after a gap: entries recorded before it are missing",
            "证据 {evidence} 位于缺失记录之后：在它之前记录的部分条目已缺失",
        ),
        "integrity.repaired": (
            "repaired on {when}: {what}; the damaged bytes were set aside",
            "已于 {when} 修复：{what}；损坏的字节已另行保存",
        ),
        "integrity.repairs-title": ("Repairs", "修复记录"),
        "integrity.repair-file": (
            "{bytes} bytes set aside in {file}, SHA-256 {sha256}",
            "{bytes} 字节另存于 {file}，SHA-256 {sha256}",
        ),
        "integrity.repair-nofile": ("no bytes were left to set aside", "没有可另存的字节"),
        "integrity.lost-bytes": (
            "{what}: {bytes} bytes, SHA-256 {sha256}",
            "{what}：{bytes} 字节，SHA-256 {sha256}",
        ),
    }
)

# Fixing mistakes (issue 12): what correct, retract, edit and step reset refuse.
CATALOG.update(
    {
        "fix.ref-unreadable": ("cannot read entry “{ref}”", "无法识别条目“{ref}”"),
        "fix.ref-hint": (
            "name it as `incident evidence list` does: E3",
            "请按 incident evidence list 中的写法，例如 E3",
        ),
        "fix.no-entry": ("there is no entry E{n}", "没有条目 E{n}"),
        "fix.no-entry-hint": (
            "see them with: incident evidence list",
            "可用 incident evidence list 查看",
        ),
        "fix.nothing-to-correct": ("nothing to correct", "没有要更正的内容"),
        "fix.nothing-to-correct-hint": (
            "give the fields to change, e.g. --amount 1000.50",
            "请给出要改的字段，例如 --amount 1000.50",
        ),
        "fix.retracted": ("E{n} is retracted", "E{n} 已撤回"),
        "fix.retracted-hint": (
            "record it again if it stands",
            "如果它确实发生过，请重新记录",
        ),
        "fix.retracted-already": ("E{n} is retracted already", "E{n} 已经撤回过了"),
        "fix.same": ("E{n} already reads so", "E{n} 已经是这个值"),
        "fix.unchanged": ("nothing was changed", "没有做任何更改"),
        "fix.needs-reason": (
            "retracting an entry needs a reason: {field}",
            "撤回条目需要说明原因：{field}",
        ),
        "fix.discovery-future": ("{field} is in the future", "{field}晚于现在"),
        "fix.discovery-future-hint": (
            "give the time you first noticed",
            "请填写你最初发现的时间",
        ),
        "fix.nothing-to-change": ("nothing to change", "没有要更改的内容"),
        "fix.nothing-to-change-hint": (
            "give a new value, e.g. --platform Binance",
            "请给出新值，例如 --platform Binance",
        ),
        "fix.step-pending": ("step “{step}” is to-do already", "步骤“{step}”本来就是待办"),
        "fix.done-correct": (
            "Corrected E{n} in session {sid} ({platform} / {account}); the original is kept.",
            "已更正事件 {sid}（{platform} / {account}）中的 E{n}；原记录保留。",
        ),
        "import.declined": ("nothing was recorded", "没有记录任何内容"),
        "fix.done-edit": ("{field}: {value}", "{field}：{value}"),
        "fix.done-reset": (
            "{step}: to do (session {sid}, {platform} / {account})",
            "{step}：待办（事件 {sid}，{platform} / {account}）",
        ),
        "fix.done-retract": (
            "Retracted E{n} in session {sid} ({platform} / {account}); the original is kept.",
            "已撤回事件 {sid}（{platform} / {account}）中的 E{n}；原记录保留。",
        ),
    }
)
