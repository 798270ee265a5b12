<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>联系记录已保存</source>
        <translation>Contact record saved</translation>
    </message>
    <message>
        <source>已生成跟进提醒</source>
        <translation>Follow-up reminder created</translation>
    </message>
    <message>
        <source>完成任务 {0} 项</source>
        <translation>{0} task(s) completed</translation>
    </message>
    <message>
        <source>注意：{0}</source>
        <translation>Note: {0}</translation>
    </message>
    <message>
        <source>任务到期：{0}（客户：{1}）</source>
        <translation>Task due: {0} (customer: {1})</translation>
    </message>
    <message>
        <source>等</source>
        <translation> etc.</translation>
    </message>
    <message>
        <source>{0} 项任务到期（客户：{1}{2}）</source>
        <translation>{0} tasks due (customers: {1}{2})</translation>
    </message>
</context>
<context>
    <name>AboutTab</name>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>SQLCipher 4（AES-256，每页 HMAC 校验）；密钥槽文件与数据库放在同一文件夹</source>
        <translation>SQLCipher 4 (AES-256, HMAC check on every page); the key slot file is kept in the same folder as the database</translation>
    </message>
    <message>
        <source>网点：</source>
        <translation>Branch:</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>大小：</source>
        <translation>Size:</translation>
    </message>
    <message>
        <source>结构版本：</source>
        <translation>Schema version:</translation>
    </message>
    <message>
        <source>加密：</source>
        <translation>Encryption:</translation>
    </message>
    <message>
        <source>检查加密页完整性</source>
        <translation>Check encrypted page integrity</translation>
    </message>
    <message>
        <source>逐页校验数据库的加密签名和结构（cipher_integrity_check），大数据库需要一些时间</source>
        <translation>Verifies the encryption signature of every page and the database structure (cipher_integrity_check); a large database takes a while</translation>
    </message>
    <message>
        <source>{0}（最新）</source>
        <translation>{0} (latest)</translation>
    </message>
    <message>
        <source>{0}（程序最新为 {1}）</source>
        <translation>{0} (latest in this program: {1})</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>检查数据库加密页</source>
        <translation>Check encrypted database pages</translation>
    </message>
    <message>
        <source>发现 {0} 处问题，第一处：{1}。请从备份恢复。</source>
        <translation>Found {0} problem(s), the first: {1}. Please restore from a backup.</translation>
    </message>
    <message>
        <source>检查通过：所有加密页的签名和数据库结构均完好。</source>
        <translation>Check passed: the signatures of all encrypted pages and the database structure are intact.</translation>
    </message>
    <message>
        <source>未能检查：{0}</source>
        <translation>Could not check: {0}</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup &amp; restore</translation>
    </message>
    <message>
        <source>关于/数据库</source>
        <translation>About / Database</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
</context>
<context>
    <name>Announcer</name>
    <message>
        <source>跟进任务到期</source>
        <translation>Follow-up task due</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>正在自动备份…</source>
        <translation>Automatic backup in progress…</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>恢复没有完成：{0}
当前数据库保持不变。</source>
        <translation>The restore did not finish: {0}
The current database is unchanged.</translation>
    </message>
    <message>
        <source>已从 {0} 恢复。原数据库另存为 {1}。请重新登录。</source>
        <translation>Restored from {0}. The previous database was saved as {1}. Please log in again.</translation>
    </message>
    <message>
        <source>自动备份</source>
        <translation>Automatic backup</translation>
    </message>
    <message>
        <source>自动备份没有完成：{0}
请稍后在“文件 &gt; 备份…”中手动备份。</source>
        <translation>The automatic backup did not finish: {0}
Please back up by hand later with “File &gt; Back up…”.</translation>
    </message>
    <message>
        <source>详情见日志</source>
        <translation>details in the log</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>附件 (*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.webp *.doc *.docx *.xls *.xlsx *.ppt *.pptx *.wps *.et *.dps)</source>
        <translation>Attachments (*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.webp *.doc *.docx *.xls *.xlsx *.ppt *.pptx *.wps *.et *.dps)</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <source>无法读取文件：{0}</source>
        <translation>Cannot read the file: {0}</translation>
    </message>
    <message>
        <source>文件太大（{0}），附件不能超过20 MB。</source>
        <translation>The file is too large ({0}); attachments cannot exceed 20 MB.</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>删除附件</source>
        <translation>Delete attachment</translation>
    </message>
    <message>
        <source>PDF、图片或Office文档，每个不超过20 MB</source>
        <translation>PDF, images or Office documents, up to 20 MB each</translation>
    </message>
    <message>
        <source>正在添加附件…</source>
        <translation>Adding attachment…</translation>
    </message>
    <message>
        <source>附件另存为</source>
        <translation>Save attachment as</translation>
    </message>
    <message>
        <source>正在保存附件…</source>
        <translation>Saving attachment…</translation>
    </message>
    <message>
        <source>附件已保存：{0}</source>
        <translation>Attachment saved: {0}</translation>
    </message>
    <message>
        <source>删除附件“{0}”？此操作不能撤销。</source>
        <translation>Delete the attachment “{0}”? This cannot be undone.</translation>
    </message>
    <message>
        <source>正在删除附件…</source>
        <translation>Deleting attachment…</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>日期从</source>
        <translation>Date from</translation>
    </message>
    <message>
        <source>校验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>检查审计日志的哈希链：任何一条被改动或删除都会被发现</source>
        <translation>Check the audit log&apos;s hash chain: any entry that was changed or deleted will be detected</translation>
    </message>
    <message>
        <source>操作：</source>
        <translation>Action:</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>当前角色不能查看审计日志。</source>
        <translation>Your current role cannot view the audit log.</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>校验审计日志</source>
        <translation>Verify the audit log</translation>
    </message>
    <message>
        <source>校验通过：{0} 条审计记录完整，未被改动或删除。</source>
        <translation>Verification passed: all {0} audit entries are intact; none were changed or deleted.</translation>
    </message>
    <message>
        <source>校验失败：{0}（第一处问题在第 {1} 条）</source>
        <translation>Verification failed: {0} (first problem at entry {1})</translation>
    </message>
    <message>
        <source>未能校验：{0}</source>
        <translation>Could not verify: {0}</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>当前角色不能备份或恢复数据库。</source>
        <translation>Your current role cannot back up or restore the database.</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup &amp; restore</translation>
    </message>
    <message>
        <source>上次备份：</source>
        <translation>Last backup:</translation>
    </message>
    <message>
        <source>备份文件夹中的备份（最新在前）：</source>
        <translation>Backups in the backup folder (newest first):</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>立即备份…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>每天第一次退出程序时自动备份，保留最近 {0} 份。备份文件与数据库一样加密。恢复前先校验备份文件，当前数据库另存一份后才会被替换。</source>
        <translation>A backup is made automatically the first time PostCRM is closed each day; the latest {0} are kept. Backup files are encrypted like the database. Before a restore the backup file is verified, and the current database is replaced only after a copy of it has been saved.</translation>
    </message>
    <message>
        <source>自动锁定</source>
        <translation>Auto-lock</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>无操作多久后锁定：</source>
        <translation>Lock after inactivity of:</translation>
    </message>
    <message>
        <source>从未备份</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>自动</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>PostCRM 备份 (*{0})</source>
        <translation>PostCRM backups (*{0})</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>备份完成：{0}（{1}）</source>
        <translation>Backup finished: {0} ({1})</translation>
    </message>
    <message>
        <source>备份没有完成：{0}。原有的备份不受影响。</source>
        <translation>The backup did not finish: {0}. Existing backups are not affected.</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>PostCRM 备份 (*{0});;所有文件 (*)</source>
        <translation>PostCRM backups (*{0});;All files (*)</translation>
    </message>
    <message>
        <source>正在校验备份文件…</source>
        <translation>Verifying the backup file…</translation>
    </message>
    <message>
        <source>不能用这个文件恢复：{0}
当前数据库没有任何改动。</source>
        <translation>This file cannot be used to restore: {0}
The current database has not been changed.</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>备份文件校验通过，等待确认。</source>
        <translation>Backup file verified; waiting for confirmation.</translation>
    </message>
    <message>
        <source>已取消恢复，当前数据库没有任何改动。</source>
        <translation>Restore cancelled; the current database has not been changed.</translation>
    </message>
    <message>
        <source>恢复没有完成：{0}
程序将退出，请重新启动并登录。</source>
        <translation>The restore did not finish: {0}
PostCRM will now quit. Please restart it and log in.</translation>
    </message>
    <message>
        <source>已从 {0} 恢复。原数据库另存为 {1}。
程序将退出，请重新启动并登录。</source>
        <translation>Restored from {0}. The previous database was saved as {1}.
PostCRM will now quit. Please restart it and log in.</translation>
    </message>
    <message>
        <source>已保存：无操作 {0} 分钟后锁定。</source>
        <translation>Saved: locks after {0} minutes of inactivity.</translation>
    </message>
    <message>
        <source>不能备份到这个文件：{0}</source>
        <translation>Cannot back up to this file: {0}</translation>
    </message>
    <message>
        <source>没有备份：请选择一个新文件名或本网点的旧备份。</source>
        <translation>Nothing was backed up: choose a new file name or an older backup of this branch.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>关闭提醒</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>CareDateForm</name>
    <message>
        <source>修改关怀日</source>
        <translation>Edit care date</translation>
    </message>
    <message>
        <source>添加关怀日</source>
        <translation>Add care date</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>历法：</source>
        <translation>Calendar:</translation>
    </message>
    <message>
        <source> 月</source>
        <translation> (month)</translation>
    </message>
    <message>
        <source> 日</source>
        <translation> (day)</translation>
    </message>
    <message>
        <source>闰月</source>
        <translation>Leap month</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>登记年份</source>
        <translation>Record the year</translation>
    </message>
    <message>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>自定义关怀日必填，如“开业纪念日”</source>
        <translation>Required for a custom care date, e.g. “Opening anniversary”</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source> 年（农历）</source>
        <translation> (lunar year)</translation>
    </message>
    <message>
        <source> 年</source>
        <translation> (year)</translation>
    </message>
    <message>
        <source>，下次在公历 {0}</source>
        <translation>; next on {0} (Gregorian)</translation>
    </message>
</context>
<context>
    <name>CareDatesBox</name>
    <message>
        <source>客户关怀日</source>
        <translation>Customer care dates</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>从档案生日添加</source>
        <translation>Add birthday from profile</translation>
    </message>
    <message>
        <source>按客户档案中的公历生日添加；选“农历”则换算为农历生日</source>
        <translation>Adds the Gregorian birthday from the customer profile; choose “Lunar” to convert it to the lunar birthday</translation>
    </message>
    <message>
        <source>（{0}年起）</source>
        <translation> (since {0})</translation>
    </message>
    <message>
        <source>下次：{0}</source>
        <translation>Next: {0}</translation>
    </message>
    <message>
        <source>该客户还没有关怀日</source>
        <translation>This customer has no care dates yet</translation>
    </message>
    <message>
        <source>选择客户后查看和维护其关怀日</source>
        <translation>Choose a customer to see and maintain their care dates</translation>
    </message>
    <message>
        <source>关怀日已保存</source>
        <translation>Care date saved</translation>
    </message>
    <message>
        <source>删除关怀日</source>
        <translation>Delete care date</translation>
    </message>
    <message>
        <source>删除关怀日“{0} {1}”？</source>
        <translation>Delete the care date “{0} {1}”?</translation>
    </message>
    <message>
        <source>关怀日已删除</source>
        <translation>Care date deleted</translation>
    </message>
    <message>
        <source>已按档案生日添加</source>
        <translation>Birthday added from the profile</translation>
    </message>
</context>
<context>
    <name>CareTab</name>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>关怀事由</source>
        <translation>Occasion</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>周年/岁</source>
        <translation>Years/Age</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>只看我负责的客户</source>
        <translation>Only my customers</translation>
    </message>
    <message>
        <source>生成祝福语…</source>
        <translation>Create greeting…</translation>
    </message>
    <message>
        <source>打开客户</source>
        <translation>Open customer</translation>
    </message>
    <message>
        <source>正在读取关怀日历…</source>
        <translation>Loading the care calendar…</translation>
    </message>
    <message>
        <source>{0} 个关怀日</source>
        <translation>{0} care dates</translation>
    </message>
    <message>
        <source>{0}年{1}月：{2} 个关怀日，分布在 {3} 天（底色标出）</source>
        <translation>{0}/{1}: {2} care dates on {3} days (shaded)</translation>
    </message>
    <message>
        <source>（只列出前 {0} 个）</source>
        <translation> (only the first {0} listed)</translation>
    </message>
    <message>
        <source>{0}：{1} 个关怀日{2}</source>
        <translation>{0}: {1} care dates{2}</translation>
    </message>
    <message>
        <source>祝福已记录为联系</source>
        <translation>Greeting recorded as a contact</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>一句话说明问题，如：包裹延误，物流信息不更新</source>
        <translation>The question in one line, e.g. Parcel delayed, tracking not updated</translation>
    </message>
    <message>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>问题分类：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>关键词，用逗号或空格分隔</source>
        <translation>Keywords, separated by commas or spaces</translation>
    </message>
    <message>
        <source>标签：</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>问题描述：</source>
        <translation>Problem:</translation>
    </message>
    <message>
        <source>客户问的是什么（不写客户姓名、电话等）</source>
        <translation>What the customer asks (no names, phone numbers or the like)</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Cause:</translation>
    </message>
    <message>
        <source>为什么会这样（可不填）</source>
        <translation>Why it happens (optional)</translation>
    </message>
    <message>
        <source>解决方案：</source>
        <translation>Solution:</translation>
    </message>
    <message>
        <source>柜台怎么答复、怎么处理</source>
        <translation>What the counter answers and does</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(Please choose)</translation>
    </message>
    <message>
        <source>{0}（已停用）</source>
        <translation>{0} (retired)</translation>
    </message>
    <message>
        <source>新案例（来自投诉 {0}）</source>
        <translation>New case (from complaint {0})</translation>
    </message>
    <message>
        <source>已隐去 {0} 处客户信息（姓名、电话、证件号、地址、邮件号）。保存前请通读一遍，案例会在各网点共享。</source>
        <translation>{0} pieces of customer data were taken out (names, phone and ID numbers, addresses, waybill numbers). Read it through before saving: cases are shared with every branch.</translation>
    </message>
    <message>
        <source>新案例</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>案例</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>当前角色只能查阅案例，不能编写</source>
        <translation>Your role can read cases but not write them</translation>
    </message>
    <message>
        <source>更新：{0} {1}</source>
        <translation>Updated: {0} {1}</translation>
    </message>
    <message>
        <source>来自投诉 {0}</source>
        <translation>From complaint {0}</translation>
    </message>
    <message>
        <source>总部发布（{0}），网点只读</source>
        <translation>Published by head office ({0}), read-only at the branch</translation>
    </message>
    <message>
        <source>当前角色只能查阅案例，不能修改</source>
        <translation>Your role can read cases but not change them</translation>
    </message>
    <message>
        <source>恢复使用</source>
        <translation>Bring back</translation>
    </message>
    <message>
        <source>案例“{0}”已保存</source>
        <translation>Case “{0}” saved</translation>
    </message>
    <message>
        <source>停用案例</source>
        <translation>Retire case</translation>
    </message>
    <message>
        <source>停用案例“{0}”？停用后不再推荐，也不在默认列表中显示，可随时恢复。</source>
        <translation>Retire case “{0}”? A retired case is no longer suggested or listed by default; it can be brought back at any time.</translation>
    </message>
    <message>
        <source>案例已停用</source>
        <translation>Case retired</translation>
    </message>
    <message>
        <source>案例已恢复使用</source>
        <translation>Case brought back</translation>
    </message>
    <message>
        <source>放弃对案例的修改？</source>
        <translation>Discard your changes to the case?</translation>
    </message>
</context>
<context>
    <name>CaseLibraryTab</name>
    <message>
        <source>搜索案例：关键词、拼音或首字母，如 延误、yanwu、yw</source>
        <translation>Search cases: keywords, pinyin or initials, e.g. 延误, yanwu, yw</translation>
    </message>
    <message>
        <source>显示已停用</source>
        <translation>Show retired</translation>
    </message>
    <message>
        <source>新建案例</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>共 {0} 个案例</source>
        <translation>{0} cases</translation>
    </message>
    <message>
        <source>前 {0} 个案例，请输入更多关键词</source>
        <translation>First {0} cases; type more keywords</translation>
    </message>
    <message>
        <source>转为案例</source>
        <translation>Make a case</translation>
    </message>
</context>
<context>
    <name>CaseSuggestions</name>
    <message>
        <source>相关案例（点击查看答复）</source>
        <translation>Related cases (click to read the answer)</translation>
    </message>
</context>
<context>
    <name>CaseViewDialog</name>
    <message>
        <source>案例</source>
        <translation>Case</translation>
    </message>
</context>
<context>
    <name>CasesTableModel</name>
    <message>
        <source>本网点</source>
        <translation>This branch</translation>
    </message>
    <message>
        <source>总部</source>
        <translation>Head office</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>问题分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>{0}（已停用）</source>
        <translation>{0} (retired)</translation>
    </message>
</context>
<context>
    <name>CategoriesEditor</name>
    <message>
        <source>问题分类</source>
        <translation>Complaint categories</translation>
    </message>
    <message>
        <source>已使用的分类不能删除，只能停用：停用后登记时不再出现，原有投诉仍显示该分类。</source>
        <translation>A category in use cannot be deleted, only disabled: it is then no longer offered when logging complaints, and existing complaints still show it.</translation>
    </message>
    <message>
        <source>只有网点管理员可以修改分类，这里仅供查看。</source>
        <translation>Only the branch admin can change categories; this view is read-only.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>分类名称，如：投递不到位</source>
        <translation>Category name, e.g. Delivery not completed</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>英文名称：</source>
        <translation>English name:</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>删除分类</source>
        <translation>Delete category</translation>
    </message>
    <message>
        <source>删除分类“{0}”？</source>
        <translation>Delete the category “{0}”?</translation>
    </message>
</context>
<context>
    <name>ComplaintActions</name>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <source>分派</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>（请选择处理人）</source>
        <translation>(Choose a handler)</translation>
    </message>
    <message>
        <source>自己（{0}）</source>
        <translation>Myself ({0})</translation>
    </message>
    <message>
        <source>处理人：</source>
        <translation>Handler:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>填写处理结果后办结，之后进行回访。</source>
        <translation>Fill in the outcome to resolve the complaint; a revisit follows.</translation>
    </message>
    <message>
        <source>处理结果：</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <source>如何处理、结果如何、是否赔偿、是否已告知客户</source>
        <translation>How it was handled, the result, any compensation, and whether the customer was told</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Revisit</translation>
    </message>
    <message>
        <source>记录客户对处理结果的满意度（1-5 分）和意见。</source>
        <translation>Record the customer&apos;s satisfaction with the outcome (1-5) and their comments.</translation>
    </message>
    <message>
        <source>（请选择满意度）</source>
        <translation>(Choose satisfaction)</translation>
    </message>
    <message>
        <source>{0} 分&#x3000;{1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <source>满意度：</source>
        <translation>Satisfaction:</translation>
    </message>
    <message>
        <source>回访意见：</source>
        <translation>Revisit comments:</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>重新打开后投诉回到“处理中”，办结期限从现在起重新计算；原处理结果和评分保留在处理历史中。</source>
        <translation>Reopening returns the complaint to “In progress” and the deadline is recalculated from now; the previous outcome and score stay in the history.</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>如：客户再次来电反映问题未解决</source>
        <translation>e.g. the customer called again: the problem is not solved</translation>
    </message>
    <message>
        <source>调整优先级</source>
        <translation>Change priority</translation>
    </message>
    <message>
        <source>当前为“{0}”，该客户等级默认“{1}”。办结期限按新优先级从受理时间重新计算；降低优先级须说明原因。</source>
        <translation>Currently “{0}”; the default for this customer&apos;s tier is “{1}”. The deadline is recalculated from the time received using the new priority; lowering the priority needs a reason.</translation>
    </message>
    <message>
        <source>优先级：</source>
        <translation>Priority:</translation>
    </message>
    <message>
        <source>撤销上报</source>
        <translation>Withdraw escalation</translation>
    </message>
    <message>
        <source>撤销原因：</source>
        <translation>Reason for withdrawal:</translation>
    </message>
    <message>
        <source>上报总部</source>
        <translation>Escalate to HQ</translation>
    </message>
    <message>
        <source>上报标记随同步发送给总部。</source>
        <translation>The escalation flag is sent to head office with the next sync.</translation>
    </message>
    <message>
        <source>上报说明：</source>
        <translation>Escalation note:</translation>
    </message>
    <message>
        <source>需要总部协调处理的原因</source>
        <translation>Why head office needs to step in</translation>
    </message>
    <message>
        <source>添加处理记录</source>
        <translation>Add handling note</translation>
    </message>
    <message>
        <source>处理记录：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>如：已致电客户说明进展；已联系处理中心查询</source>
        <translation>e.g. called the customer with an update; asked the processing centre</translation>
    </message>
    <message>
        <source>修改投诉</source>
        <translation>Edit complaint</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>问题分类：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>受理渠道：</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <source>邮件号：</source>
        <translation>Waybill no.:</translation>
    </message>
    <message>
        <source>问题描述：</source>
        <translation>Description:</translation>
    </message>
</context>
<context>
    <name>ComplaintDetailPanel</name>
    <message>
        <source>在上方列表中选择一条投诉查看详情</source>
        <translation>Select a complaint in the list above to see its details</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>处理历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>已上报总部</source>
        <translation>Escalated to HQ</translation>
    </message>
    <message>
        <source>客户画像</source>
        <translation>Customer profile</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（未分派）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>（按时）</source>
        <translation> (on time)</translation>
    </message>
    <message>
        <source>（超时）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <source>{0} 次</source>
        <translation>{0} times</translation>
    </message>
    <message>
        <source>{0} 上报：{1}</source>
        <translation>Escalated {0}: {1}</translation>
    </message>
    <message>
        <source>已超过办结期限，请尽快处理</source>
        <translation>Past the deadline; please handle it as soon as possible</translation>
    </message>
    <message>
        <source>按时办结</source>
        <translation>Resolved on time</translation>
    </message>
    <message>
        <source>超时办结</source>
        <translation>Resolved late</translation>
    </message>
    <message>
        <source>投诉已关闭，不能修改；如需继续处理，请重新打开。</source>
        <translation>The complaint is closed and cannot be changed; reopen it to continue handling it.</translation>
    </message>
    <message>
        <source>优先级：{0}</source>
        <translation>Priority: {0}</translation>
    </message>
    <message>
        <source>满意度 {0} 分</source>
        <translation>Satisfaction score {0}</translation>
    </message>
    <message>
        <source>处理人：{0}</source>
        <translation>Handler: {0}</translation>
    </message>
    <message>
        <source>期限 {0}</source>
        <translation>Deadline {0}</translation>
    </message>
    <message>
        <source>新期限 {0}</source>
        <translation>New deadline {0}</translation>
    </message>
    <message>
        <source>改派(&amp;A)</source>
        <translation>Re&amp;assign</translation>
    </message>
    <message>
        <source>投诉已办结，不能再调整优先级；如需继续处理，请先重新打开</source>
        <translation>The complaint is resolved, so its priority can no longer be changed; reopen it first to continue handling it</translation>
    </message>
    <message>
        <source>撤销上报(&amp;E)</source>
        <translation>Withdraw &amp;escalation</translation>
    </message>
    <message>
        <source>上报总部(&amp;E)</source>
        <translation>&amp;Escalate to HQ</translation>
    </message>
    <message>
        <source>上报总部需要投诉管理权限</source>
        <translation>Escalating to HQ requires the complaint management permission</translation>
    </message>
    <message>
        <source>当前角色没有处理投诉的权限</source>
        <translation>Your current role has no permission to handle complaints</translation>
    </message>
    <message>
        <source>开始处理</source>
        <translation>Start handling</translation>
    </message>
    <message>
        <source>分派(&amp;A)</source>
        <translation>&amp;Assign</translation>
    </message>
    <message>
        <source>开始处理(&amp;S)</source>
        <translation>&amp;Start handling</translation>
    </message>
    <message>
        <source>办结(&amp;R)</source>
        <translation>&amp;Resolve</translation>
    </message>
    <message>
        <source>回访(&amp;V)</source>
        <translation>Re&amp;visit</translation>
    </message>
    <message>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>重新打开(&amp;O)</source>
        <translation>Re&amp;open</translation>
    </message>
    <message>
        <source>调整优先级(&amp;P)</source>
        <translation>Change &amp;priority</translation>
    </message>
    <message>
        <source>处理记录(&amp;N)</source>
        <translation>Add &amp;note</translation>
    </message>
    <message>
        <source>修改(&amp;M)</source>
        <translation>Ed&amp;it</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>Customer tier</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>问题分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>首次响应</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>受理渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>办结时间</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>邮件号</source>
        <translation>Waybill no.</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Logged by</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>调整优先级</source>
        <translation>Priority changed</translation>
    </message>
    <message>
        <source>改派</source>
        <translation>Reassigned</translation>
    </message>
    <message>
        <source>处理记录</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>上报总部</source>
        <translation>Escalated to HQ</translation>
    </message>
    <message>
        <source>撤销上报</source>
        <translation>Escalation withdrawn</translation>
    </message>
    <message>
        <source>分派</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Revisited</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>转为案例(&amp;K)</source>
        <translation>Make a &amp;case</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>回访意见</source>
        <translation>Revisit comments</translation>
    </message>
    <message>
        <source>上报说明</source>
        <translation>Escalation note</translation>
    </message>
    <message>
        <source>{0} 分（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <source>投诉已经是“{0}”状态</source>
        <translation>The complaint is already “{0}”</translation>
    </message>
    <message>
        <source>关闭前必须先完成回访（记录客户满意度）</source>
        <translation>A revisit (recording the customer&apos;s satisfaction) must be done before closing</translation>
    </message>
    <message>
        <source>投诉尚未办结（当前“{0}”），需办结并回访后才能关闭</source>
        <translation>The complaint is not resolved yet (currently “{0}”); it must be resolved and revisited before it can be closed</translation>
    </message>
    <message>
        <source>投诉尚未办结（当前“{0}”），办结后才能回访</source>
        <translation>The complaint is not resolved yet (currently “{0}”); it can be revisited once resolved</translation>
    </message>
    <message>
        <source>投诉当前为“{0}”，需先分派并开始处理才能办结</source>
        <translation>The complaint is currently “{0}”; it must be assigned and handling started before it can be resolved</translation>
    </message>
    <message>
        <source>投诉已关闭；如需继续处理，请先重新打开</source>
        <translation>The complaint is closed; reopen it first to continue handling it</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>“{0}”</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <source>投诉当前为“{0}”，不能变为“{1}”（可变为：{2}）</source>
        <translation>The complaint is currently “{0}” and cannot become “{1}” (possible: {2})</translation>
    </message>
    <message>
        <source>关闭投诉</source>
        <translation>Close complaint</translation>
    </message>
    <message>
        <source>修改投诉</source>
        <translation>Edit complaint</translation>
    </message>
    <message>
        <source>投诉已关闭，不能修改；如需继续处理，请先重新打开</source>
        <translation>The complaint is closed and cannot be changed; reopen it first to continue handling it</translation>
    </message>
    <message>
        <source>关闭投诉 {0}？
关闭后不能再修改；如需继续处理，须重新打开。</source>
        <translation>Close complaint {0}?
A closed complaint cannot be changed; it must be reopened to continue handling it.</translation>
    </message>
    <message>
        <source>查看案例(&amp;K)</source>
        <translation>Open &amp;case</translation>
    </message>
    <message>
        <source>该投诉已转为案例</source>
        <translation>This complaint has been made into a case</translation>
    </message>
    <message>
        <source>当前角色不能编写案例</source>
        <translation>Your role cannot write cases</translation>
    </message>
    <message>
        <source>投诉办结后才能转为案例（去掉客户信息，供各网点参考）</source>
        <translation>A complaint can be made into a case once resolved (customer data taken out, shared with every branch)</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
</context>
<context>
    <name>ComplaintIntake</name>
    <message>
        <source>{0} 个工作小时</source>
        <translation>{0} working hours</translation>
    </message>
    <message>
        <source>{0} 天</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <source>{0} 小时</source>
        <translation>{0} hours</translation>
    </message>
    <message>
        <source>登记投诉/服务请求</source>
        <translation>Log complaint / service request</translation>
    </message>
    <message>
        <source>登记(&amp;S)</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <source>登记 Ctrl+S</source>
        <translation>Submit Ctrl+S</translation>
    </message>
    <message>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(Please choose)</translation>
    </message>
    <message>
        <source>问题分类：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>优先级：</source>
        <translation>Priority:</translation>
    </message>
    <message>
        <source>受理渠道：</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <source>受理时间：</source>
        <translation>Received:</translation>
    </message>
    <message>
        <source>相关邮件号，如 EA123456785CN（可不填）</source>
        <translation>Related waybill no., e.g. EA123456785CN (optional)</translation>
    </message>
    <message>
        <source>邮件号：</source>
        <translation>Waybill no.:</translation>
    </message>
    <message>
        <source>客户反映的问题、诉求和经过</source>
        <translation>The customer&apos;s problem, request and what happened</translation>
    </message>
    <message>
        <source>问题描述：</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>处理人：</source>
        <translation>Handler:</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>附件：</source>
        <translation>Attachments:</translation>
    </message>
    <message>
        <source>办结期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>暂不分派</source>
        <translation>Don&apos;t assign yet</translation>
    </message>
    <message>
        <source>自己处理（{0}）</source>
        <translation>Handle it myself ({0})</translation>
    </message>
    <message>
        <source>{0}客户默认：{1}</source>
        <translation>Default for {0} customers: {1}</translation>
    </message>
    <message>
        <source>低于该客户等级的默认优先级，需要投诉管理权限</source>
        <translation>Below the default priority for this customer&apos;s tier; requires the complaint management permission</translation>
    </message>
    <message>
        <source>无法计算期限</source>
        <translation>Cannot calculate the deadline</translation>
    </message>
    <message>
        <source>{0}（{1}：{2}，{3}）{4}</source>
        <translation>{0} ({1}: {2}, {3}){4}</translation>
    </message>
    <message>
        <source>正在保存附件…</source>
        <translation>Saving attachment…</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>投诉已登记，但附件未能全部保存：{0}</source>
        <translation>The complaint was logged, but not all attachments could be saved: {0}</translation>
    </message>
    <message>
        <source>放弃正在登记的投诉？</source>
        <translation>Discard the complaint being logged?</translation>
    </message>
</context>
<context>
    <name>ComplaintStatsTab</name>
    <message>
        <source>查看投诉统计需要报表查看权限。</source>
        <translation>Complaint statistics require the report viewing permission.</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <source>按所选期间统计 F5</source>
        <translation>Calculate for the selected period F5</translation>
    </message>
    <message>
        <source>受理日期：</source>
        <translation>Received:</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>导出 PNG/PDF…</source>
        <translation>Export PNG/PDF…</translation>
    </message>
    <message>
        <source>图表：</source>
        <translation>Chart:</translation>
    </message>
    <message>
        <source>选择期间后点击“统计”</source>
        <translation>Choose a period and click “Calculate”</translation>
    </message>
    <message>
        <source>图表</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>数量统计</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>高频问题</source>
        <translation>Frequent issues</translation>
    </message>
    <message>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>近90天</source>
        <translation>Last 90 days</translation>
    </message>
    <message>
        <source>近一年</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>投诉总数</source>
        <translation>Total complaints</translation>
    </message>
    <message>
        <source>按时办结率</source>
        <translation>On-time resolution rate</translation>
    </message>
    <message>
        <source>平均满意度</source>
        <translation>Average satisfaction</translation>
    </message>
    <message>
        <source>超时未办结</source>
        <translation>Overdue and unresolved</translation>
    </message>
    <message>
        <source>回访次数</source>
        <translation>Revisits</translation>
    </message>
    <message>
        <source>分类统计</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>按周趋势</source>
        <translation>Weekly trend</translation>
    </message>
    <message>
        <source>按月趋势</source>
        <translation>Monthly trend</translation>
    </message>
    <message>
        <source>满意度分布</source>
        <translation>Satisfaction distribution</translation>
    </message>
    <message>
        <source>分类 × 区县</source>
        <translation>Category × district</translation>
    </message>
    <message>
        <source>分类 × 客户类型</source>
        <translation>Category × customer type</translation>
    </message>
    <message>
        <source>周/月趋势</source>
        <translation>Weekly/monthly trend</translation>
    </message>
    <message>
        <source>正在统计投诉…</source>
        <translation>Calculating complaint statistics…</translation>
    </message>
    <message>
        <source>投诉统计</source>
        <translation>Complaint statistics</translation>
    </message>
    <message>
        <source>按时办结 {0} 条 / （已办结 {1} 条 + 超时未办结 {2} 条）</source>
        <translation>{0} resolved on time / ({1} resolved + {2} overdue and unresolved)</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>客户类型</source>
        <translation>Customer type</translation>
    </message>
    <message>
        <source>维度</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>问题用语</source>
        <translation>Phrase</translation>
    </message>
    <message>
        <source>涉及投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>主要分类</source>
        <translation>Main category</translation>
    </message>
    <message>
        <source>主要区县</source>
        <translation>Main district</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>起始日</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>投诉数</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>导出图表</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <source>PNG 图片 (*.png);;PDF 文档 (*.pdf)</source>
        <translation>PNG images (*.png);;PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>图表未能导出：{0}</source>
        <translation>The chart could not be exported: {0}</translation>
    </message>
    <message>
        <source>图表已导出：{0}</source>
        <translation>Chart exported: {0}</translation>
    </message>
</context>
<context>
    <name>ComplaintsList</name>
    <message>
        <source>恢复默认顺序（超时优先）</source>
        <translation>Restore the default order (overdue first)</translation>
    </message>
    <message>
        <source>搜索投诉编号、邮件号、客户编号、客户名称或问题描述&#x3000;Ctrl+F</source>
        <translation>Search complaint no., waybill no., customer no., customer name or description  Ctrl+F</translation>
    </message>
    <message>
        <source>登记投诉</source>
        <translation>Log complaint</translation>
    </message>
    <message>
        <source>登记投诉或服务请求 Ctrl+N</source>
        <translation>Log a complaint or service request Ctrl+N</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>刷新 F5</source>
        <translation>Refresh F5</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Unresolved</translation>
    </message>
    <message>
        <source>全部优先级</source>
        <translation>All priorities</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部处理人</source>
        <translation>All handlers</translation>
    </message>
    <message>
        <source>我处理的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>只看超时</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>只看超过办结期限仍未办结的投诉 Ctrl+Shift+O</source>
        <translation>Show only unresolved complaints past their deadline Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>只看已上报</source>
        <translation>Escalated only</translation>
    </message>
    <message>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>{0}（已停用）</source>
        <translation>{0} (disabled)</translation>
    </message>
    <message>
        <source>显示全部客户</source>
        <translation>Show all customers</translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation>{0} complaints</translation>
    </message>
    <message>
        <source>超时未办结 {0} 条</source>
        <translation>{0} overdue and unresolved</translation>
    </message>
    <message>
        <source>只显示客户：{0}</source>
        <translation>Showing only customer: {0}</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>办结时限已保存</source>
        <translation>Resolution time limits saved</translation>
    </message>
    <message>
        <source>投诉列表</source>
        <translation>Complaint list</translation>
    </message>
    <message>
        <source>统计分析</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>时限与分类设置</source>
        <translation>Time limits &amp; categories</translation>
    </message>
    <message>
        <source>案例库</source>
        <translation>Case library</translation>
    </message>
    <message>
        <source>已登记投诉 {0}，办结期限 {1}</source>
        <translation>Complaint {0} logged; deadline {1}</translation>
    </message>
</context>
<context>
    <name>ComplaintsTableModel</name>
    <message>
        <source>按时办结</source>
        <translation>Resolved on time</translation>
    </message>
    <message>
        <source>超时办结</source>
        <translation>Resolved late</translation>
    </message>
    <message>
        <source>已上报</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>投诉超过{0}条，只能按默认顺序（超时优先）显示；请先筛选再按此列排序</source>
        <translation>More than {0} complaints: only the default order (overdue first) is available; filter first to sort by this column</translation>
    </message>
    <message>
        <source>已超过办结期限（{0}）</source>
        <translation>Past the deadline ({0})</translation>
    </message>
    <message>
        <source>投诉编号</source>
        <translation>Complaint no.</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>问题摘要</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>ContactFilterBar</name>
    <message>
        <source>搜索内容、反馈、下一步、联系对象&#x3000;Ctrl+F</source>
        <translation>Search content, feedback, next step, person contacted  Ctrl+F</translation>
    </message>
    <message>
        <source>全部客户（输入查找）</source>
        <translation>All customers (type to search)</translation>
    </message>
    <message>
        <source>全部方式</source>
        <translation>All methods</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>全部人员</source>
        <translation>All staff</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>修改联系记录</source>
        <translation>Edit contact record</translation>
    </message>
    <message>
        <source>记录联系</source>
        <translation>Log contact</translation>
    </message>
    <message>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>联系时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <source>联系方式：</source>
        <translation>Contact method:</translation>
    </message>
    <message>
        <source>联系人员：</source>
        <translation>Staff:</translation>
    </message>
    <message>
        <source>本人，或单位客户的联系人</source>
        <translation>The customer, or a contact person of a company customer</translation>
    </message>
    <message>
        <source>联系对象：</source>
        <translation>Contacted:</translation>
    </message>
    <message>
        <source>谈了什么（必填）</source>
        <translation>What was discussed (required)</translation>
    </message>
    <message>
        <source>联系内容：</source>
        <translation>Content:</translation>
    </message>
    <message>
        <source>客户反馈：</source>
        <translation>Feedback:</translation>
    </message>
    <message>
        <source>如：下周送资料上门（填写后将生成跟进提醒）</source>
        <translation>e.g. bring brochures over next week (creates a follow-up reminder)</translation>
    </message>
    <message>
        <source>下一步：</source>
        <translation>Next step:</translation>
    </message>
    <message>
        <source>下一步期限：</source>
        <translation>Next step due:</translation>
    </message>
    <message>
        <source>勾选本次联系完成的待办任务</source>
        <translation>Tick the open tasks this contact completes</translation>
    </message>
    <message>
        <source>完成任务：</source>
        <translation>Completes tasks:</translation>
    </message>
    <message>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>附件：</source>
        <translation>Attachments:</translation>
    </message>
    <message>
        <source>修改联系记录时不改变已完成的任务</source>
        <translation>Editing a contact record does not change completed tasks</translation>
    </message>
    <message>
        <source>已有 {0} 个附件；新添加的将一并保存</source>
        <translation>{0} attachments already; new ones are saved with them</translation>
    </message>
    <message>
        <source>该客户没有待办任务</source>
        <translation>This customer has no open tasks</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <source>无法读取文件：{0}</source>
        <translation>Cannot read the file: {0}</translation>
    </message>
    <message>
        <source>请选择客户</source>
        <translation>Please choose a customer</translation>
    </message>
</context>
<context>
    <name>ContactScreens</name>
    <message>
        <source>周一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>明天</source>
        <translation>Tomorrow</translation>
    </message>
    <message>
        <source>昨天</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>{0}天后</source>
        <translation>in {0} days</translation>
    </message>
    <message>
        <source>{0}天前</source>
        <translation>{0} days ago</translation>
    </message>
    <message>
        <source>逾期{0}天</source>
        <translation>{0} days overdue</translation>
    </message>
    <message>
        <source>逾期{0}小时</source>
        <translation>{0} hours overdue</translation>
    </message>
    <message>
        <source>逾期{0}分钟</source>
        <translation>{0} minutes overdue</translation>
    </message>
</context>
<context>
    <name>ContactsList</name>
    <message>
        <source>联系记录有更新，按 F5 刷新</source>
        <translation>Contact records have changed; press F5 to refresh</translation>
    </message>
    <message>
        <source>记录联系</source>
        <translation>Log contact</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>打开客户</source>
        <translation>Open customer</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>正在统计联系记录数…</source>
        <translation>Counting contact records…</translation>
    </message>
    <message>
        <source>共 {0} 条联系记录</source>
        <translation>{0} contact records</translation>
    </message>
    <message>
        <source>（{0} 项筛选）</source>
        <translation> ({0} filters)</translation>
    </message>
    <message>
        <source>，正在统计准确数量…</source>
        <translation>, counting exactly…</translation>
    </message>
    <message>
        <source>选择一条联系记录，这里显示它的全部内容</source>
        <translation>Select a contact record to see all of it here</translation>
    </message>
    <message>
        <source>联系内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>客户反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>联系记录</source>
        <translation>Contact records</translation>
    </message>
    <message>
        <source>跟进任务</source>
        <translation>Follow-up tasks</translation>
    </message>
    <message>
        <source>客户关怀</source>
        <translation>Customer care</translation>
    </message>
    <message>
        <source>祝福语</source>
        <translation>Greetings</translation>
    </message>
    <message>
        <source>联系统计</source>
        <translation>Contact statistics</translation>
    </message>
    <message>
        <source>跟进规则</source>
        <translation>Follow-up rules</translation>
    </message>
</context>
<context>
    <name>ContactsTableModel</name>
    <message>
        <source>联系时间</source>
        <translation>Contact time</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>联系人员</source>
        <translation>Contacted by</translation>
    </message>
    <message>
        <source>联系对象</source>
        <translation>Person contacted</translation>
    </message>
    <message>
        <source>联系内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>客户反馈</source>
        <translation>Customer feedback</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>下一步期限</source>
        <translation>Next step due</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>生日：{0}（无查看权限，不能修改）</source>
        <translation>Birthday: {0} (no permission to view or change it)</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>联系方式与地址</source>
        <translation>Contact details &amp; address</translation>
    </message>
    <message>
        <source>单位与联系人</source>
        <translation>Company &amp; contacts</translation>
    </message>
    <message>
        <source>归属与标签</source>
        <translation>Ownership &amp; tags</translation>
    </message>
    <message>
        <source>需求与备注</source>
        <translation>Needs &amp; notes</translation>
    </message>
    <message>
        <source>编辑客户</source>
        <translation>Edit customer</translation>
    </message>
    <message>
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>客户类型：</source>
        <translation>Customer type:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>性别：</source>
        <translation>Gender:</translation>
    </message>
    <message>
        <source>生日：</source>
        <translation>Birthday:</translation>
    </message>
    <message>
        <source>身份证号码：</source>
        <translation>ID card no.:</translation>
    </message>
    <message>
        <source>18位，末位可为X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <source>客户等级：</source>
        <translation>Tier:</translation>
    </message>
    <message>
        <source>发展阶段：</source>
        <translation>Stage:</translation>
    </message>
    <message>
        <source>来源渠道：</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>手机号码：</source>
        <translation>Mobile:</translation>
    </message>
    <message>
        <source>11位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>固定电话：</source>
        <translation>Landline:</translation>
    </message>
    <message>
        <source>如 020-12345678</source>
        <translation>e.g. 020-12345678</translation>
    </message>
    <message>
        <source>电子邮箱：</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>省份：</source>
        <translation>Province:</translation>
    </message>
    <message>
        <source>城市：</source>
        <translation>City:</translation>
    </message>
    <message>
        <source>区县：</source>
        <translation>District:</translation>
    </message>
    <message>
        <source>详细地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>邮政编码：</source>
        <translation>Postcode:</translation>
    </message>
    <message>
        <source>6位数字</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <source>行业：</source>
        <translation>Industry:</translation>
    </message>
    <message>
        <source>工作单位：</source>
        <translation>Employer:</translation>
    </message>
    <message>
        <source>企业联系人：</source>
        <translation>Company contacts:</translation>
    </message>
    <message>
        <source>负责客户经理：</source>
        <translation>Account manager:</translation>
    </message>
    <message>
        <source>部门：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>留空则取负责人的部门</source>
        <translation>Leave empty to use the account manager&apos;s department</translation>
    </message>
    <message>
        <source>标签：</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>需求描述：</source>
        <translation>Needs:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>客户名称：</source>
        <translation>Customer name:</translation>
    </message>
    <message>
        <source>单位名称：</source>
        <translation>Company name:</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not specified)</translation>
    </message>
    <message>
        <source>放弃尚未保存的修改？</source>
        <translation>Discard unsaved changes?</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>输入姓名、客户编号、电话或拼音查找客户</source>
        <translation>Type a name, customer no., phone or pinyin to find a customer</translation>
    </message>
    <message>
        <source>客户等级：{0}</source>
        <translation>Tier: {0}</translation>
    </message>
</context>
<context>
    <name>CustomerProfile</name>
    <message>
        <source>联系</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>关怀</source>
        <translation>Care</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>营销活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>交易</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <source>（将到）</source>
        <translation> (upcoming)</translation>
    </message>
    <message>
        <source>← 返回列表</source>
        <translation>← Back to list</translation>
    </message>
    <message>
        <source>记录联系</source>
        <translation>Log contact</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>登记投诉</source>
        <translation>Log complaint</translation>
    </message>
    <message>
        <source>为该客户登记投诉或服务请求</source>
        <translation>Log a complaint or service request for this customer</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>客户类型</source>
        <translation>Customer type</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>Customer tier</translation>
    </message>
    <message>
        <source>发展阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID card no.</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>固定电话</source>
        <translation>Landline</translation>
    </message>
    <message>
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>邮政编码</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>建档时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>最近活动</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>显示完整号码（将记入审计日志）</source>
        <translation>Show the full number (recorded in the audit log)</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>暂无记录</source>
        <translation>No records yet</translation>
    </message>
    <message>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>阶段变化</source>
        <translation>Stage changes</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>显示所选联系人电话</source>
        <translation>Show the selected contact&apos;s phone number</translation>
    </message>
    <message>
        <source>企业联系人</source>
        <translation>Company contacts</translation>
    </message>
    <message>
        <source>需求与备注</source>
        <translation>Needs &amp; notes</translation>
    </message>
    <message>
        <source>该客户已合并到其他客户，只能查看。</source>
        <translation>This customer has been merged into another customer and is read-only.</translation>
    </message>
    <message>
        <source>该客户在回收站中（{0} 删除），恢复后才能修改。</source>
        <translation>This customer is in the recycle bin (deleted {0}); restore it to make changes.</translation>
    </message>
    <message>
        <source>（{0} 起）</source>
        <translation> (since {0})</translation>
    </message>
    <message>
        <source>暂无</source>
        <translation>None yet</translation>
    </message>
    <message>
        <source>暂无标签</source>
        <translation>No tags</translation>
    </message>
    <message>
        <source>需求描述：</source>
        <translation>Needs:</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>投诉已登记，可在“投诉”页跟进处理</source>
        <translation>Complaint logged; follow it up on the “Complaints” page</translation>
    </message>
    <message>
        <source>显示号码</source>
        <translation>Show number</translation>
    </message>
</context>
<context>
    <name>CustomerScreens</name>
    <message>
        <source>手机号码相同</source>
        <translation>Same mobile number</translation>
    </message>
    <message>
        <source>固定电话相同</source>
        <translation>Same landline</translation>
    </message>
    <message>
        <source>电话号码相同</source>
        <translation>Same phone number</translation>
    </message>
    <message>
        <source>身份证号码相同</source>
        <translation>Same ID card number</translation>
    </message>
    <message>
        <source>名称和地址相近</source>
        <translation>Similar name and address</translation>
    </message>
    <message>
        <source>名称相同</source>
        <translation>Same name</translation>
    </message>
    <message>
        <source>名称相近</source>
        <translation>Similar name</translation>
    </message>
    <message>
        <source>电子邮箱相同</source>
        <translation>Same email</translation>
    </message>
</context>
<context>
    <name>CustomersList</name>
    <message>
        <source>搜索姓名、客户编号、电话（任意4位以上）、地址、单位或拼音&#x3000;Ctrl+F</source>
        <translation>Search name, customer no., phone (any 4+ digits), address, company or pinyin  Ctrl+F</translation>
    </message>
    <message>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>彻底删除…</source>
        <translation>Delete permanently…</translation>
    </message>
    <message>
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>未分配</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>正在统计客户数…</source>
        <translation>Counting customers…</translation>
    </message>
    <message>
        <source>回收站中共 {0} 位客户</source>
        <translation>{0} customers in the recycle bin</translation>
    </message>
    <message>
        <source>共 {0} 位客户</source>
        <translation>{0} customers</translation>
    </message>
    <message>
        <source>（{0} 项筛选）</source>
        <translation> ({0} filters)</translation>
    </message>
    <message>
        <source>，正在统计准确数量…</source>
        <translation>, counting exactly…</translation>
    </message>
    <message>
        <source>未能读取客户列表：{0}</source>
        <translation>Could not load the customer list: {0}</translation>
    </message>
    <message>
        <source>客户资料有更新，按 F5 刷新列表</source>
        <translation>Customer data has changed; press F5 to refresh the list</translation>
    </message>
    <message>
        <source>删除客户</source>
        <translation>Delete customer</translation>
    </message>
    <message>
        <source>将客户“{0}”（{1}）移入回收站？
可在回收站中恢复。</source>
        <translation>Move customer “{0}” ({1}) to the recycle bin?
It can be restored from the recycle bin.</translation>
    </message>
    <message>
        <source>已移入回收站：{0}</source>
        <translation>Moved to the recycle bin: {0}</translation>
    </message>
    <message>
        <source>恢复客户</source>
        <translation>Restore customer</translation>
    </message>
    <message>
        <source>已恢复：{0}</source>
        <translation>Restored: {0}</translation>
    </message>
    <message>
        <source>彻底删除客户</source>
        <translation>Delete customer permanently</translation>
    </message>
    <message>
        <source>彻底删除客户“{0}”（{1}）及其全部联系记录、投诉和附件？
此操作不能撤销。</source>
        <translation>Permanently delete customer “{0}” ({1}) with all their contact records, complaints and attachments?
This cannot be undone.</translation>
    </message>
    <message>
        <source>已彻底删除：{0}</source>
        <translation>Permanently deleted: {0}</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>疑似重复客户的功能尚未提供。</source>
        <translation>Possible duplicates are not available yet.</translation>
    </message>
    <message>
        <source>客户列表</source>
        <translation>Customer list</translation>
    </message>
    <message>
        <source>疑似重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>Recycle bin</translation>
    </message>
    <message>
        <source>编辑客户</source>
        <translation>Edit customer</translation>
    </message>
    <message>
        <source>客户资料已保存</source>
        <translation>Customer saved</translation>
    </message>
    <message>
        <source>删除客户</source>
        <translation>Delete customer</translation>
    </message>
    <message>
        <source>将客户“{0}”（{1}）移入回收站？
可在回收站中恢复。</source>
        <translation>Move customer “{0}” ({1}) to the recycle bin?
It can be restored from the recycle bin.</translation>
    </message>
    <message>
        <source>已移入回收站：{0}</source>
        <translation>Moved to the recycle bin: {0}</translation>
    </message>
</context>
<context>
    <name>CustomersTableModel</name>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>创建日期</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>最近活动</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>删除时间</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>未分配</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>这位客户还没有负责人，请在客户资料中指定</source>
        <translation>This customer has no account manager yet; assign one in the customer&apos;s file</translation>
    </message>
</context>
<context>
    <name>DueEdit</name>
    <message>
        <source>设置期限</source>
        <translation>Set a deadline</translation>
    </message>
    <message>
        <source>⚠ 期限早于当前时间，保存后将立即显示为逾期</source>
        <translation>⚠ The deadline is in the past; it will show as overdue as soon as it is saved</translation>
    </message>
</context>
<context>
    <name>DuplicatePanel</name>
    <message>
        <source>打开所选客户</source>
        <translation>Open the selected customer</translation>
    </message>
    <message>
        <source>不是同一客户，仍然保存</source>
        <translation>Not the same customer, save anyway</translation>
    </message>
    <message>
        <source>可能与以下 {0} 位已有客户重复，请核对：</source>
        <translation>This may duplicate the following {0} existing customer(s); please check:</translation>
    </message>
</context>
<context>
    <name>DuplicatesTab</name>
    <message>
        <source>客户甲</source>
        <translation>Customer A</translation>
    </message>
    <message>
        <source>客户乙</source>
        <translation>Customer B</translation>
    </message>
    <message>
        <source>疑似重复的原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>合并…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <source>打开客户甲</source>
        <translation>Open customer A</translation>
    </message>
    <message>
        <source>打开客户乙</source>
        <translation>Open customer B</translation>
    </message>
    <message>
        <source>加载更多</source>
        <translation>Load more</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>电话号码或身份证号码相同、或名称和地址相近的客户。核对后可合并为一位客户。</source>
        <translation>Customers with the same phone or ID card number, or a similar name and address. After checking, they can be merged into one customer.</translation>
    </message>
    <message>
        <source>当前角色不能查看和合并疑似重复客户。</source>
        <translation>Your current role cannot view or merge possible duplicates.</translation>
    </message>
    <message>
        <source>正在查找疑似重复客户…</source>
        <translation>Looking for possible duplicates…</translation>
    </message>
    <message>
        <source>共 {0}{1} 对疑似重复</source>
        <translation>{0}{1} possible duplicate pairs</translation>
    </message>
    <message>
        <source>没有发现疑似重复的客户</source>
        <translation>No possible duplicates found</translation>
    </message>
    <message>
        <source>未能读取疑似重复客户：{0}</source>
        <translation>Could not load possible duplicates: {0}</translation>
    </message>
    <message>
        <source>合并客户</source>
        <translation>Merge customers</translation>
    </message>
    <message>
        <source>已合并客户，转移了 {0} 条相关记录</source>
        <translation>Customers merged; {0} related records moved</translation>
    </message>
    <message>
        <source>；保留的客户已有生日，另一位客户的 {0} 个生日未转移</source>
        <translation>; the kept customer already has a birthday, so {0} birthday(s) of the other customer were not moved</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部等级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>全部阶段</source>
        <translation>All stages</translation>
    </message>
    <message>
        <source>全部活跃度</source>
        <translation>All activity levels</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>创建于</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>全部标签</source>
        <translation>All tags</translation>
    </message>
    <message>
        <source>全部负责人</source>
        <translation>All account managers</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>GreetingDialog</name>
    <message>
        <source>生成祝福语</source>
        <translation>Create greeting</translation>
    </message>
    <message>
        <source>（{0}周年）</source>
        <translation> ({0} years)</translation>
    </message>
    <message>
        <source>{0}（{1}）&#x3000;{2}&#x3000;{3} {4}{5}</source>
        <translation>{0} ({1})  {2}  {3} {4}{5}</translation>
    </message>
    <message>
        <source>模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>标记已发送</source>
        <translation>Mark as sent</translation>
    </message>
    <message>
        <source>把这条祝福记为一次联系</source>
        <translation>Record this greeting as a contact</translation>
    </message>
    <message>
        <source>发送方式：</source>
        <translation>Sent via:</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>自动选择（按关怀类型）</source>
        <translation>Automatic (by care type)</translation>
    </message>
    <message>
        <source>没有适用的祝福模板，请在“祝福模板”中添加</source>
        <translation>No greeting template applies; add one under “Greeting templates”</translation>
    </message>
    <message>
        <source>已复制到剪贴板</source>
        <translation>Copied to the clipboard</translation>
    </message>
    <message>
        <source>已记录为一次联系（{0}）</source>
        <translation>Recorded as a contact ({0})</translation>
    </message>
</context>
<context>
    <name>GreetingList</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>祝福内容</source>
        <translation>Greeting</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>只含我负责的客户</source>
        <translation>Only my customers</translation>
    </message>
    <message>
        <source>生成名单</source>
        <translation>Create list</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>起</source>
        <translation>for</translation>
    </message>
    <message>
        <source>模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>复制所选</source>
        <translation>Copy selected</translation>
    </message>
    <message>
        <source>复制全部</source>
        <translation>Copy all</translation>
    </message>
    <message>
        <source>导出短信名单…</source>
        <translation>Export SMS list…</translation>
    </message>
    <message>
        <source>导出完整手机号码需要查看号码和导出权限</source>
        <translation>Exporting full mobile numbers requires the permissions to show numbers and to export</translation>
    </message>
    <message>
        <source>标记所选已发送</source>
        <translation>Mark selected as sent</translation>
    </message>
    <message>
        <source>按关怀类型自动选择</source>
        <translation>Automatic by care type</translation>
    </message>
    <message>
        <source>正在生成祝福名单…</source>
        <translation>Creating the greeting list…</translation>
    </message>
    <message>
        <source>共 {0} 条祝福</source>
        <translation>{0} greetings</translation>
    </message>
    <message>
        <source>这段时间没有需要祝福的关怀日（或没有适用的模板）</source>
        <translation>No care dates to greet in this period (or no template applies)</translation>
    </message>
    <message>
        <source>已复制 {0} 条到剪贴板</source>
        <translation>{0} copied to the clipboard</translation>
    </message>
    <message>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>已将 {0} 条祝福记录为联系</source>
        <translation>{0} greetings recorded as contacts</translation>
    </message>
    <message>
        <source>导出短信名单</source>
        <translation>Export SMS list</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel workbooks (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已导出 {0} 条短信到 {1}</source>
        <translation>{0} messages exported to {1}</translation>
    </message>
    <message>
        <source>正在导出短信名单…</source>
        <translation>Exporting the SMS list…</translation>
    </message>
</context>
<context>
    <name>GreetingsTab</name>
    <message>
        <source>祝福模板</source>
        <translation>Greeting templates</translation>
    </message>
    <message>
        <source>祝福名单</source>
        <translation>Greeting list</translation>
    </message>
</context>
<context>
    <name>HolidayCalendar</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} 年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>⚠ 尚未录入 {0}的法定节假日和调休安排：按工作时间计算的投诉期限暂按周一至周五计算，春节、国庆等假期会算错。请网点管理员在“投诉 → 设置 → 节假日”中录入或导入。</source>
        <translation>⚠ The public holidays and make-up working days of {0} are not entered yet: complaint deadlines in working hours count Monday to Friday for now and will be wrong around the Spring Festival, National Day and other holidays. The branch admin enters or imports them under Complaints → Settings → Holidays.</translation>
    </message>
</context>
<context>
    <name>HolidayEditor</name>
    <message>
        <source>节假日（法定假日与调休）</source>
        <translation>Holidays (public holidays and make-up working days)</translation>
    </message>
    <message>
        <source>按工作时间计时的期限跳过这里的放假日，并计入调休上班日。每年按国务院办公厅的通知录入；导入文件每行一天：日期,类型,名称，如 2027-02-10,holiday,春节 或 2027-02-07,workday,春节调休。</source>
        <translation>Deadlines in working hours skip the days off listed here and count the make-up working days. Enter each year from the State Council notice; an import file has one day a line: date,kind,name, e.g. 2027-02-10,holiday,春节 or 2027-02-07,workday,春节调休.</translation>
    </message>
    <message>
        <source>只有网点管理员可以修改节假日安排，这里仅供查看。</source>
        <translation>Only the branch admin can change the holidays; shown here read-only.</translation>
    </message>
    <message>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>添加一天</source>
        <translation>Add a day</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>保存本年安排</source>
        <translation>Save this year</translation>
    </message>
    <message>
        <source>从文件导入…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <source>{0} 年尚未录入</source>
        <translation>{0} not entered yet</translation>
    </message>
    <message>
        <source>{0} 年：放假 {1} 天，调休上班 {2} 天</source>
        <translation>{0}: {1} days off, {2} make-up working days</translation>
    </message>
    <message>
        <source>放假</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <source>第 {0} 项：日期“{1}”无效，格式应为 YYYY-MM-DD，如 2027-02-10</source>
        <translation>Row {0}: the date &quot;{1}&quot; is not valid; use YYYY-MM-DD, e.g. 2027-02-10</translation>
    </message>
    <message>
        <source>已保存 {0} 年的 {1} 天</source>
        <translation>Saved {1} days of {0}</translation>
    </message>
    <message>
        <source>导入节假日安排</source>
        <translation>Import holidays</translation>
    </message>
    <message>
        <source>文本或 CSV 文件 (*.txt *.csv);;所有文件 (*)</source>
        <translation>Text or CSV files (*.txt *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>无法读取文件：{0}</source>
        <translation>Cannot read the file: {0}</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>PostCRM 已锁定</source>
        <translation>PostCRM is locked</translation>
    </message>
    <message>
        <source>{0} 的工作已保留。请输入密码继续。</source>
        <translation>The work of {0} has been kept. Enter the password to continue.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>退出程序</source>
        <translation>Quit PostCRM</translation>
    </message>
    <message>
        <source>请在最前面的窗口中输入密码解锁。</source>
        <translation>Enter the password in the front window to unlock.</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Please enter the password</translation>
    </message>
    <message>
        <source>密码不正确。再输错 {0} 次将退出登录。</source>
        <translation>Wrong password. {0} more wrong attempts will log you out.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 - PostCRM</source>
        <translation>Log in - PostCRM</translation>
    </message>
    <message>
        <source>邮政客户营销管理系统</source>
        <translation>Post Office Customer Relationship Manager</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>其他数据库…</source>
        <translation>Other database…</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <source>选择网点数据库</source>
        <translation>Choose the branch database</translation>
    </message>
    <message>
        <source>PostCRM 数据库 (*.db);;所有文件 (*)</source>
        <translation>PostCRM databases (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Please enter your username</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Please enter the password</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <source>用户名或密码不正确。连续输错 {0} 次后账户将被锁定。</source>
        <translation>Wrong username or password. After {0} wrong attempts in a row the account is locked.</translation>
    </message>
    <message>
        <source>该账户因多次密码错误已被锁定，{0} 分钟后自动解锁；也可请网点管理员在“系统管理”中解锁。</source>
        <translation>This account is locked after too many wrong passwords. It unlocks by itself in {0} minutes, or a branch admin can unlock it in &quot;Administration&quot;.</translation>
    </message>
    <message>
        <source>该账户因多次密码错误已被锁定。请联系网点管理员在“系统管理”中解锁。</source>
        <translation>This account is locked after too many wrong passwords. Ask the branch admin to unlock it under “Administration”.</translation>
    </message>
    <message>
        <source>该账户已停用，请联系网点管理员。</source>
        <translation>This account has been disabled. Please contact the branch admin.</translation>
    </message>
    <message>
        <source>审计日志可能被改动</source>
        <translation>The audit log may have been changed</translation>
    </message>
    <message>
        <source>审计日志与密钥文件中记录的链头不一致：{0}。

这说明数据库可能在程序之外被回退或改动过，已记入审计日志。请通知网点管理员检查（postcrm audit verify）。</source>
        <translation>The audit log does not match the chain head recorded in the key file: {0}.

The database may have been rolled back or changed outside the app; this has been recorded in the audit log. Please tell the branch admin to check it (postcrm audit verify).</translation>
    </message>
    <message>
        <source>必须先设置新密码才能使用系统。</source>
        <translation>You must set a new password before you can use the system.</translation>
    </message>
    <message>
        <source>密码错误次数过多，请等待 {0} 秒后再试。</source>
        <translation>Too many wrong passwords. Please wait {0} seconds and try again.</translation>
    </message>
    <message>
        <source>现在可以重新登录。</source>
        <translation>You can log in again now.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>PostCRM 邮政客户营销管理系统 - {0} {1}</source>
        <translation>PostCRM Customer Relationship Manager - {0} {1}</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>备份…</source>
        <translation>Back up…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <source>账户(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>用户：{0}</source>
        <translation>User: {0}</translation>
    </message>
    <message>
        <source>角色：{0}</source>
        <translation>Role: {0}</translation>
    </message>
    <message>
        <source>网点：{0} {1}</source>
        <translation>Branch: {0} {1}</translation>
    </message>
    <message>
        <source>上次备份：从未备份</source>
        <translation>Last backup: never</translation>
    </message>
    <message>
        <source>上次备份：{0}</source>
        <translation>Last backup: {0}</translation>
    </message>
    <message>
        <source>这一页面无法打开（{0}）。</source>
        <translation>This page cannot be opened ({0}).</translation>
    </message>
    <message>
        <source>这一页面打开时出错：{0}</source>
        <translation>This page failed to open: {0}</translation>
    </message>
    <message>
        <source>当前角色不能使用“{0}”</source>
        <translation>Your role cannot use “{0}”</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>PostCRM 备份 (*{0})</source>
        <translation>PostCRM backups (*{0})</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>备份完成：{0}</source>
        <translation>Backup finished: {0}</translation>
    </message>
    <message>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>界面语言已切换。个别页面在重新启动程序后才会完全显示新的语言。</source>
        <translation>The interface language has been switched. Some pages show the new language fully only after PostCRM is restarted.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>客户类型</source>
        <translation>Customer type</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID card no.</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>固定电话</source>
        <translation>Landline</translation>
    </message>
    <message>
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>省份</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>城市</source>
        <translation>City</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>District</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>邮政编码</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>来源渠道</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>Customer tier</translation>
    </message>
    <message>
        <source>发展阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>需求描述</source>
        <translation>Needs</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>合并客户</source>
        <translation>Merge customers</translation>
    </message>
    <message>
        <source>保留哪一位客户（编号和全部记录归入这一位）</source>
        <translation>Customer to keep (the number and all records go to this one)</translation>
    </message>
    <message>
        <source>两位客户不同的资料：选择保留的值</source>
        <translation>Where the two customers differ, choose the value to keep</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>两位客户的资料相同。</source>
        <translation>The two customers&apos; details are the same.</translation>
    </message>
    <message>
        <source>另一位客户的联系记录、投诉、标签和附件都将归入保留的客户；另一位客户移入回收站并标记为已合并。</source>
        <translation>The other customer&apos;s contact records, complaints, tags and attachments all move to the kept customer; the other customer goes to the recycle bin, marked as merged.</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>正在合并客户…</source>
        <translation>Merging customers…</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>联系记录</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>营销活动</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>未填</source>
        <translation>Not set</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>这是您第一次登录，或管理员重置了您的密码。请先设置一个只有您知道的新密码。</source>
        <translation>This is your first login, or an admin has reset your password. Please first set a new password that only you know.</translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>确认新密码</source>
        <translation>Confirm new password</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入当前密码</source>
        <translation>Please enter your current password</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
    <message>
        <source>新密码不能与当前密码相同</source>
        <translation>The new password must differ from the current one</translation>
    </message>
    <message>
        <source>当前密码不正确</source>
        <translation>The current password is wrong</translation>
    </message>
</context>
<context>
    <name>PasswordPolicy</name>
    <message>
        <source>密码至少 {0} 位</source>
        <translation>The password needs at least {0} characters</translation>
    </message>
    <message>
        <source>密码需同时包含字母和数字</source>
        <translation>The password needs both letters and digits</translation>
    </message>
    <message>
        <source>至少 {0} 位，需同时包含字母和数字</source>
        <translation>At least {0} characters, with both letters and digits</translation>
    </message>
</context>
<context>
    <name>PeopleEditor</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>添加联系人</source>
        <translation>Add contact person</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
</context>
<context>
    <name>Placeholder</name>
    <message>
        <source>这一功能区尚未建成，将在后续版本中提供。</source>
        <translation>This area is not built yet; it will come in a later version.</translation>
    </message>
</context>
<context>
    <name>RestoreConfirmDialog</name>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>备份文件已通过校验：{0}

恢复会用这份备份替换当前数据库 {1}。备份之后录入或修改的内容，在恢复后的数据库中都将不存在。

当前数据库不会被删除：它会改名另存在同一文件夹（文件名带 .replaced- 和时间），需要时可以找回。

恢复时要先关闭数据库：本次登录会结束，恢复完成后请重新登录。</source>
        <translation>The backup file has been verified: {0}

Restoring replaces the current database {1} with this backup. Anything entered or changed after the backup was made will not be in the restored database.

The current database is not deleted: it is renamed and kept in the same folder (the file name contains .replaced- and the time), so it can be recovered if needed.

The database has to be closed for the restore: this session will end, so please log in again once the restore is done.</translation>
    </message>
    <message>
        <source>我已了解：当前数据库将被替换（原文件另存）</source>
        <translation>I understand: the current database will be replaced (the original file is kept)</translation>
    </message>
    <message>
        <source>替换并恢复</source>
        <translation>Replace and restore</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>修改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>用户：{0}</source>
        <translation>User: {0}</translation>
    </message>
    <message>
        <source>新角色：</source>
        <translation>New role:</translation>
    </message>
    <message>
        <source>新角色在该用户下次登录时生效。</source>
        <translation>The new role takes effect the next time this user logs in.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>柜员</source>
        <translation>Counter clerk</translation>
    </message>
    <message>
        <source>客户经理</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>网点管理员</source>
        <translation>Branch admin</translation>
    </message>
    <message>
        <source>总部分析员</source>
        <translation>HQ analyst</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>修改跟进规则</source>
        <translation>Edit follow-up rule</translation>
    </message>
    <message>
        <source>新建跟进规则</source>
        <translation>New follow-up rule</translation>
    </message>
    <message>
        <source>客户阶段：</source>
        <translation>Customer stage:</translation>
    </message>
    <message>
        <source>规则类型：</source>
        <translation>Rule type:</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>天数 N：</source>
        <translation>Days (N):</translation>
    </message>
    <message>
        <source>客户进入该阶段满多少天后才开始按此规则跟进</source>
        <translation>How many days after the customer enters this stage the rule starts to apply</translation>
    </message>
    <message>
        <source>开始前等待：</source>
        <translation>Wait before starting:</translation>
    </message>
    <message>
        <source>联系方式：</source>
        <translation>Contact method:</translation>
    </message>
    <message>
        <source>生成的任务以此为内容，如“潜在客户每周电话跟进”</source>
        <translation>Created tasks use this as their text, e.g. “Weekly phone follow-up for prospects”</translation>
    </message>
    <message>
        <source>规则名称：</source>
        <translation>Rule name:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>规则含义：{0}</source>
        <translation>Meaning: {0}</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>客户阶段</source>
        <translation>Customer stage</translation>
    </message>
    <message>
        <source>规则类型</source>
        <translation>Rule type</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>等待天数</source>
        <translation>Wait (days)</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact method</translation>
    </message>
    <message>
        <source>规则名称</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <source>规则说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>规则每天自动为符合条件的客户生成跟进任务（打开工作台时执行），任务交给客户的负责人。</source>
        <translation>Every day the rules create follow-up tasks for matching customers (when the Workbench is opened); the tasks go to the customer&apos;s account manager.</translation>
    </message>
    <message>
        <source>跟进规则由网点管理员设置，这里只能查看。</source>
        <translation>Follow-up rules are set by the branch admin; this view is read-only.</translation>
    </message>
    <message>
        <source>新建规则</source>
        <translation>New rule</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>启用/停用</source>
        <translation>Enable/Disable</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>添加默认规则</source>
        <translation>Add default rules</translation>
    </message>
    <message>
        <source>立即执行规则</source>
        <translation>Run rules now</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>跟进规则已保存</source>
        <translation>Follow-up rule saved</translation>
    </message>
    <message>
        <source>跟进规则</source>
        <translation>Follow-up rules</translation>
    </message>
    <message>
        <source>已启用：{0}</source>
        <translation>Enabled: {0}</translation>
    </message>
    <message>
        <source>已停用：{0}</source>
        <translation>Disabled: {0}</translation>
    </message>
    <message>
        <source>删除跟进规则</source>
        <translation>Delete follow-up rule</translation>
    </message>
    <message>
        <source>删除规则“{0}”？
已生成过任务的规则不能删除，只能停用。</source>
        <translation>Delete the rule “{0}”?
A rule that has already created tasks cannot be deleted, only disabled.</translation>
    </message>
    <message>
        <source>已删除：{0}</source>
        <translation>Deleted: {0}</translation>
    </message>
    <message>
        <source>已添加 {0} 条默认规则</source>
        <translation>{0} default rules added</translation>
    </message>
    <message>
        <source>默认规则都已存在</source>
        <translation>All default rules already exist</translation>
    </message>
    <message>
        <source>正在按规则生成跟进任务…</source>
        <translation>Creating follow-up tasks from the rules…</translation>
    </message>
    <message>
        <source>按规则生成了 {0} 项跟进任务</source>
        <translation>The rules created {0} follow-up tasks</translation>
    </message>
</context>
<context>
    <name>SavedViewsButton</name>
    <message>
        <source>视图</source>
        <translation>Views</translation>
    </message>
    <message>
        <source>已保存的筛选视图</source>
        <translation>Saved filter views</translation>
    </message>
    <message>
        <source>（还没有保存的视图）</source>
        <translation>(no saved views yet)</translation>
    </message>
    <message>
        <source>将当前筛选保存为视图…</source>
        <translation>Save the current filters as a view…</translation>
    </message>
    <message>
        <source>删除视图</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <source>保存视图</source>
        <translation>Save view</translation>
    </message>
    <message>
        <source>视图名称：</source>
        <translation>View name:</translation>
    </message>
    <message>
        <source>删除视图“{0}”？客户资料不受影响。</source>
        <translation>Delete the view “{0}”? Customer data is not affected.</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>放弃尚未保存的内容？</source>
        <translation>Discard unsaved changes?</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>欢迎使用 PostCRM 邮政客户营销管理系统</source>
        <translation>Welcome to PostCRM</translation>
    </message>
    <message>
        <source>首次使用：为本网点新建一个加密的数据库。先选择它保存的位置。</source>
        <translation>First use: create an encrypted database for this branch. First choose where it is kept.</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>数据库文件位置</source>
        <translation>Database file location</translation>
    </message>
    <message>
        <source>数据库全程加密保存，没有密码或恢复密钥无法打开。自动备份保存在同一文件夹的 backups 子文件夹中；建议选择每天会被单位备份的磁盘。</source>
        <translation>The database is always stored encrypted and cannot be opened without a password or the recovery key. Automatic backups go to the backups subfolder of the same folder; a disk that your office backs up daily is a good choice.</translation>
    </message>
    <message>
        <source>PostCRM 数据库 (*.db)</source>
        <translation>PostCRM databases (*.db)</translation>
    </message>
    <message>
        <source>这个位置已经有数据库文件，不会覆盖它。请选择其他位置，或取消后直接登录。</source>
        <translation>There is already a database at this location and it will not be overwritten. Choose another location, or cancel and log in.</translation>
    </message>
    <message>
        <source>所选位置不是文件夹</source>
        <translation>The chosen location is not a folder</translation>
    </message>
    <message>
        <source>网点信息</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>网点代码用于和总部同步数据，创建后不能修改。</source>
        <translation>The branch code is used to sync with head office and cannot be changed later.</translation>
    </message>
    <message>
        <source>字母和数字，如 GZ01</source>
        <translation>Letters and digits, e.g. GZ01</translation>
    </message>
    <message>
        <source>如 天河路支局</source>
        <translation>e.g. Tianhe Road Branch</translation>
    </message>
    <message>
        <source>网点代码</source>
        <translation>Branch code</translation>
    </message>
    <message>
        <source>网点名称</source>
        <translation>Branch name</translation>
    </message>
    <message>
        <source>网点管理员</source>
        <translation>Branch admin</translation>
    </message>
    <message>
        <source>管理员可以添加用户、分配角色、重置密码和查看审计日志。</source>
        <translation>The admin can add users, assign roles, reset passwords and read the audit log.</translation>
    </message>
    <message>
        <source>创建数据库</source>
        <translation>Create database</translation>
    </message>
    <message>
        <source>可选，显示在状态栏</source>
        <translation>Optional, shown in the status bar</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
    <message>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>数据库已创建。请立即保存下面的恢复密钥。</source>
        <translation>The database has been created. Save the recovery key below now.</translation>
    </message>
    <message>
        <source>忘记管理员密码或密钥文件损坏时，只有恢复密钥能找回数据。它只显示这一次：请打印或保存到安全的地方（例如交网点负责人锁进保险柜），不要和这台电脑放在一起。</source>
        <translation>If the admin password is forgotten or the key file is damaged, only the recovery key can bring the data back. It is shown only this once: print it or save it somewhere safe (for example, have the branch head lock it in the safe), not together with this computer.</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>保存到文件...</source>
        <translation>Save to file...</translation>
    </message>
    <message>
        <source>打印...</source>
        <translation>Print...</translation>
    </message>
    <message>
        <source>我已将恢复密钥妥善保存</source>
        <translation>I have stored the recovery key safely</translation>
    </message>
    <message>
        <source>新建网点 - PostCRM</source>
        <translation>New branch - PostCRM</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>无法创建数据库：{0}</source>
        <translation>Cannot create the database: {0}</translation>
    </message>
    <message>
        <source>PostCRM 网点数据库恢复密钥

网点：{0}
数据库：{1}
生成时间：{2}

{3}

请妥善保管。忘记管理员密码或密钥文件损坏时，凭此密钥恢复数据。
</source>
        <translation>PostCRM branch database recovery key

Branch: {0}
Database: {1}
Created: {2}

{3}

Keep it safe. If the admin password is forgotten or the key file is damaged, this key recovers the data.
</translation>
    </message>
    <message>
        <source>已复制到剪贴板。粘贴保存后请清空剪贴板。</source>
        <translation>Copied to the clipboard. Clear the clipboard after pasting it somewhere safe.</translation>
    </message>
    <message>
        <source>保存恢复密钥</source>
        <translation>Save the recovery key</translation>
    </message>
    <message>
        <source>文本文件 (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>无法保存：{0}</source>
        <translation>Cannot save: {0}</translation>
    </message>
    <message>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>这台电脑上的程序不支持打印。请先保存到文件，再用其他程序打印。</source>
        <translation>Printing is not available here. Save the key to a file and print it with another program.</translation>
    </message>
    <message>
        <source>已发送到打印机。</source>
        <translation>Sent to the printer.</translation>
    </message>
</context>
<context>
    <name>SlaClock</name>
    <message>
        <source>{0}天{1}小时</source>
        <translation>{0} d {1} h</translation>
    </message>
    <message>
        <source>{0}天</source>
        <translation>{0} d</translation>
    </message>
    <message>
        <source>{0}小时{1}分钟</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <source>{0}小时</source>
        <translation>{0} h</translation>
    </message>
    <message>
        <source>{0}分钟</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>已超时 {0}</source>
        <translation>Overdue by {0}</translation>
    </message>
    <message>
        <source>剩余 {0}</source>
        <translation>{0} left</translation>
    </message>
</context>
<context>
    <name>SlaPolicyEditor</name>
    <message>
        <source>办结时限（SLA）</source>
        <translation>Resolution time limits (SLA)</translation>
    </message>
    <message>
        <source>新的时限只用于此后受理（或调整优先级、重新打开）的投诉；已定的期限不变。</source>
        <translation>New time limits apply only to complaints received (or re-prioritized or reopened) from now on; deadlines already set stay as they are.</translation>
    </message>
    <message>
        <source>只有网点管理员可以修改办结时限，这里仅供查看。</source>
        <translation>Only the branch admin can change the time limits; this view is read-only.</translation>
    </message>
    <message>
        <source> 小时</source>
        <translation> hours</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>工作时间：只计工作日上班时间，节假日和调休按国家法定安排</source>
        <translation>Working hours: only office hours on working days count; public holidays and swapped working days follow the national schedule</translation>
    </message>
    <message>
        <source>计时方式：</source>
        <translation>Timing:</translation>
    </message>
    <message>
        <source>上班时间：</source>
        <translation>Work starts:</translation>
    </message>
    <message>
        <source>下班时间：</source>
        <translation>Work ends:</translation>
    </message>
    <message>
        <source>时区：</source>
        <translation>Time zone:</translation>
    </message>
    <message>
        <source>客户等级对应的默认优先级</source>
        <translation>Default priority by customer tier</translation>
    </message>
    <message>
        <source>保存时限设置</source>
        <translation>Save time limits</translation>
    </message>
    <message>
        <source>恢复默认值</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>联系次数</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>接触客户数</source>
        <translation>Customers contacted</translation>
    </message>
    <message>
        <source>设定下一步</source>
        <translation>Next steps set</translation>
    </message>
    <message>
        <source>按时完成</source>
        <translation>Completed on time</translation>
    </message>
    <message>
        <source>逾期完成</source>
        <translation>Completed late</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>其中已逾期</source>
        <translation>Of which overdue</translation>
    </message>
    <message>
        <source>按时完成率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <source>统计期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>按人员</source>
        <translation>By staff</translation>
    </message>
    <message>
        <source>按联系方式</source>
        <translation>By contact method</translation>
    </message>
    <message>
        <source>“设定下一步”统计期间内联系记录中填写了下一步的条数；按时完成指在期限前完成对应的跟进任务。</source>
        <translation>“Next steps set” counts the contact records in the period with a next step filled in; “on time” means the matching follow-up task was completed before its deadline.</translation>
    </message>
    <message>
        <source>联系统计需要报表查看权限。</source>
        <translation>Contact statistics require the report viewing permission.</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>正在统计联系记录…</source>
        <translation>Calculating contact statistics…</translation>
    </message>
    <message>
        <source>{0} 至 {1}：联系 {2} 次，接触客户 {3} 位；设定下一步 {4} 项，按时完成 {5} 项，逾期完成 {6} 项，未完成 {7} 项（其中已逾期 {8} 项）；按时完成率 {9}</source>
        <translation>{0} to {1}: {2} contacts with {3} customers; {4} next steps set, {5} completed on time, {6} completed late, {7} not completed ({8} of them overdue); on-time rate {9}</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact method</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <source>如：理财需求</source>
        <translation>e.g. Wealth management</translation>
    </message>
    <message>
        <source>分组：</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <source>标签分为属性、需求、行为、价值、情感五组。停用的标签仍保留在已有客户上，但不再供新客户选择；合并会把客户从一个标签移到另一个标签。</source>
        <translation>Tags come in five groups: attribute, need, behaviour, value and sentiment. A retired tag stays on the customers who have it but is no longer offered; merging moves customers from one tag to another.</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>客户数</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新建标签…</source>
        <translation>New tag…</translation>
    </message>
    <message>
        <source>改名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <source>停用/启用</source>
        <translation>Disable/Enable</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>添加默认标签</source>
        <translation>Add default tags</translation>
    </message>
    <message>
        <source>只有网点管理员可以维护标签，这里只能查看。</source>
        <translation>Only the branch admin can maintain tags; you can only view them here.</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>已新建标签“{0}”</source>
        <translation>Tag “{0}” created</translation>
    </message>
    <message>
        <source>标签已改名为“{0}”</source>
        <translation>Tag renamed to “{0}”</translation>
    </message>
    <message>
        <source>标签改名</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <source>新名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>已合并到“{0}”</source>
        <translation>Merged into “{0}”</translation>
    </message>
    <message>
        <source>同一分组中没有可以合并到的其他标签</source>
        <translation>There is no other tag in this group to merge into</translation>
    </message>
    <message>
        <source>合并标签</source>
        <translation>Merge tags</translation>
    </message>
    <message>
        <source>把“{0}”的 {1} 位客户移到：</source>
        <translation>Move the {1} customers of “{0}” to:</translation>
    </message>
    <message>
        <source>标签已启用</source>
        <translation>Tag enabled</translation>
    </message>
    <message>
        <source>标签已停用：已有客户保留，新客户不再可选</source>
        <translation>Tag retired: customers who have it keep it; it is no longer offered</translation>
    </message>
    <message>
        <source>标签已删除</source>
        <translation>Tag deleted</translation>
    </message>
    <message>
        <source>删除标签“{0}”？</source>
        <translation>Delete the tag “{0}”?</translation>
    </message>
    <message>
        <source>标签“{0}”正被 {1} 位客户使用。删除后会从这些客户上移除，不能撤销。如只想不再使用，请改为停用。确定删除？</source>
        <translation>The tag “{0}” is used by {1} customers. Deleting it removes it from them and cannot be undone. To stop using it, retire it instead. Delete it?</translation>
    </message>
    <message>
        <source>删除标签</source>
        <translation>Delete tag</translation>
    </message>
    <message>
        <source>默认标签已添加</source>
        <translation>Default tags added</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <source>修改跟进任务</source>
        <translation>Edit follow-up task</translation>
    </message>
    <message>
        <source>新建跟进任务</source>
        <translation>New follow-up task</translation>
    </message>
    <message>
        <source>客户：</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>任务内容：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <source>期限：</source>
        <translation>Due:</translation>
    </message>
    <message>
        <source>（不限）</source>
        <translation>(any)</translation>
    </message>
    <message>
        <source>联系方式：</source>
        <translation>Contact method:</translation>
    </message>
    <message>
        <source>客户的负责人</source>
        <translation>The customer&apos;s account manager</translation>
    </message>
    <message>
        <source>负责人：</source>
        <translation>Assigned to:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>请选择客户</source>
        <translation>Please choose a customer</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>文件操作失败：{0}</source>
        <translation>File operation failed: {0}</translation>
    </message>
    <message>
        <source>操作未能完成（{0}）。如果问题反复出现，请联系网点管理员。</source>
        <translation>The operation could not be completed ({0}). If this keeps happening, contact the branch admin.</translation>
    </message>
    <message>
        <source>操作失败</source>
        <translation>Operation failed</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>TasksTab</name>
    <message>
        <source>我的任务</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <source>全部任务</source>
        <translation>All tasks</translation>
    </message>
    <message>
        <source>全部客户（输入查找）</source>
        <translation>All customers (type to search)</translation>
    </message>
    <message>
        <source>任务有更新，按 F5 刷新</source>
        <translation>Tasks have changed; press F5 to refresh</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>记录联系并完成</source>
        <translation>Log contact and complete</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>取消任务</source>
        <translation>Cancel task</translation>
    </message>
    <message>
        <source>新建任务</source>
        <translation>New task</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>打开客户</source>
        <translation>Open customer</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>{0}{1} 项任务</source>
        <translation>{0}{1} tasks</translation>
    </message>
    <message>
        <source>完成任务</source>
        <translation>Complete task</translation>
    </message>
    <message>
        <source>任务已完成：{0}</source>
        <translation>Task completed: {0}</translation>
    </message>
    <message>
        <source>重新打开任务</source>
        <translation>Reopen task</translation>
    </message>
    <message>
        <source>任务已重新打开：{0}</source>
        <translation>Task reopened: {0}</translation>
    </message>
    <message>
        <source>取消任务“{0}”（客户：{1}）？
取消后可重新打开。</source>
        <translation>Cancel the task “{0}” (customer: {1})?
It can be reopened later.</translation>
    </message>
    <message>
        <source>任务已取消：{0}</source>
        <translation>Task cancelled: {0}</translation>
    </message>
    <message>
        <source>任务已保存</source>
        <translation>Task saved</translation>
    </message>
    <message>
        <source>，注意：{0}</source>
        <translation>; note: {0}</translation>
    </message>
</context>
<context>
    <name>TasksTableModel</name>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>客户编号</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Completed</translation>
    </message>
</context>
<context>
    <name>TempPasswordDialog</name>
    <message>
        <source>启用用户</source>
        <translation>Enable user</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>用户：{0}</source>
        <translation>User: {0}</translation>
    </message>
    <message>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <source>再次输入：</source>
        <translation>Re-enter:</translation>
    </message>
    <message>
        <source>该用户下次登录时必须修改这个临时密码。请当面告知，不要写在纸上。</source>
        <translation>The user must change this temporary password at the next login. Tell it to them in person; do not write it down.</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>添加默认模板</source>
        <translation>Add default templates</translation>
    </message>
    <message>
        <source>模板名称：</source>
        <translation>Template name:</translation>
    </message>
    <message>
        <source>通用（任何关怀日）</source>
        <translation>General (any care date)</translation>
    </message>
    <message>
        <source>适用于：</source>
        <translation>Applies to:</translation>
    </message>
    <message>
        <source>模板内容：</source>
        <translation>Template text:</translation>
    </message>
    <message>
        <source>插入占位符：</source>
        <translation>Insert placeholder:</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>预览（示例客户）：</source>
        <translation>Preview (sample customer):</translation>
    </message>
    <message>
        <source>保存模板</source>
        <translation>Save template</translation>
    </message>
    <message>
        <source>只有客户经理和网点管理员可以修改祝福模板。</source>
        <translation>Only account managers and the branch admin can change greeting templates.</translation>
    </message>
    <message>
        <source>选择后插入到光标处…</source>
        <translation>Choose one to insert it at the cursor…</translation>
    </message>
    <message>
        <source>通用</source>
        <translation>General</translation>
    </message>
    <message>
        <source>［停用］</source>
        <translation> [disabled]</translation>
    </message>
    <message>
        <source>模板已保存</source>
        <translation>Template saved</translation>
    </message>
    <message>
        <source>删除模板</source>
        <translation>Delete template</translation>
    </message>
    <message>
        <source>删除祝福模板“{0}”？</source>
        <translation>Delete the greeting template “{0}”?</translation>
    </message>
    <message>
        <source>模板已删除</source>
        <translation>Template deleted</translation>
    </message>
    <message>
        <source>已添加 {0} 个默认模板</source>
        <translation>{0} default templates added</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>字母、数字和 . _ -</source>
        <translation>Letters, digits and . _ -</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>Username:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>部门：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <source>再次输入：</source>
        <translation>Re-enter:</translation>
    </message>
    <message>
        <source>新用户首次登录时必须修改这个临时密码。</source>
        <translation>The new user must change this temporary password at the first login.</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>至少 {0} 位，同时包含字母和数字</source>
        <translation>At least {0} characters, with both letters and digits</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
    <message>
        <source>请填写姓名</source>
        <translation>Please enter the full name</translation>
    </message>
    <message>
        <source>筛选：用户名、姓名、角色或部门</source>
        <translation>Filter: username, name, role or department</translation>
    </message>
    <message>
        <source>新增用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>修改角色…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <source>停用/启用</source>
        <translation>Disable/Enable</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>更换主密钥…</source>
        <translation>Rotate master key…</translation>
    </message>
    <message>
        <source>连续输错密码 {0} 次后锁定账户，锁定时长：</source>
        <translation>After {0} wrong passwords in a row the account is locked for:</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>（到时自动解锁；管理员也可随时解锁）</source>
        <translation>(it unlocks by itself; an admin can unlock it at any time)</translation>
    </message>
    <message>
        <source>当前角色（{0}）不能管理用户。这里只能查看，用户由网点管理员维护。</source>
        <translation>Your current role ({0}) cannot manage users. You can only view them here; users are maintained by the branch admin.</translation>
    </message>
    <message>
        <source>已保存：账户锁定 {0} 分钟后自动解锁。</source>
        <translation>Saved: a locked account unlocks by itself after {0} minutes.</translation>
    </message>
    <message>
        <source>启用…</source>
        <translation>Enable…</translation>
    </message>
    <message>
        <source>停用…</source>
        <translation>Disable…</translation>
    </message>
    <message>
        <source>已新增用户 {0}，首次登录时须修改密码。</source>
        <translation>User {0} added; the password must be changed at the first login.</translation>
    </message>
    <message>
        <source>请先在列表中选择一个用户。</source>
        <translation>Please select a user in the list first.</translation>
    </message>
    <message>
        <source>已修改 {0} 的角色。</source>
        <translation>Role of {0} changed.</translation>
    </message>
    <message>
        <source>已启用 {0}，下次登录时须修改密码。</source>
        <translation>{0} enabled; the password must be changed at the next login.</translation>
    </message>
    <message>
        <source>停用用户</source>
        <translation>Disable user</translation>
    </message>
    <message>
        <source>停用用户 {0}？

停用后该用户不能再登录，其密钥槽被删除；以后重新启用时需要设置新的临时密码。</source>
        <translation>Disable user {0}?

A disabled user can no longer log in, and their key slot is deleted; enabling them again later requires a new temporary password.</translation>
    </message>
    <message>
        <source>已停用 {0}。</source>
        <translation>{0} disabled.</translation>
    </message>
    <message>
        <source>{0} 已停用。如果此人曾接触数据库文件，</source>
        <translation>{0} is disabled. If this person ever had access to the database files, </translation>
    </message>
    <message>
        <source>如有人员离职或密钥可能外泄，</source>
        <translation>When someone leaves or a key may have leaked, </translation>
    </message>
    <message>
        <source>更换主密钥</source>
        <translation>Rotate master key</translation>
    </message>
    <message>
        <source>建议现在更换数据库主密钥：数据库将用新密钥重新加密，之后旧密钥及停用账户的密钥槽都打不开数据库和以后的备份。在用账户和恢复密钥继续有效。

现在更换吗？</source>
        <translation>rotate the database master key now: the database is re-encrypted under a new key, after which the old key and the slots of disabled users open neither the database nor later backups. Active accounts and the recovery key keep working.

Rotate now?</translation>
    </message>
    <message>
        <source>正在更换主密钥…</source>
        <translation>Rotating the master key…</translation>
    </message>
    <message>
        <source>主密钥已更换：{0} 个账户继续有效。</source>
        <translation>Master key rotated: {0} accounts keep working.</translation>
    </message>
    <message>
        <source>主密钥已更换。以下旧格式账户需要重置密码：{0}</source>
        <translation>Master key rotated. These old-format accounts need a password reset: {0}</translation>
    </message>
    <message>
        <source>新的恢复密钥</source>
        <translation>New recovery key</translation>
    </message>
    <message>
        <source>旧的恢复密钥已失效。请抄写或打印新的恢复密钥并妥善保管，它只显示这一次：

{0}</source>
        <translation>The old recovery key no longer works. Write down or print the new recovery key and keep it safe; it is shown only this once:

{0}</translation>
    </message>
    <message>
        <source>已重置 {0} 的密码，下次登录时须修改。</source>
        <translation>Password of {0} reset; it must be changed at the next login.</translation>
    </message>
    <message>
        <source>已解锁 {0}。</source>
        <translation>{0} unlocked.</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>需改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>上次登录</source>
        <translation>Last login</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <source>我的事项</source>
        <translation>My items</translation>
    </message>
    <message>
        <source>全网点</source>
        <translation>Whole branch</translation>
    </message>
    <message>
        <source>记录联系</source>
        <translation>Log contact</translation>
    </message>
    <message>
        <source>记录一次客户联系（Ctrl+N）</source>
        <translation>Log a customer contact (Ctrl+N)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>刷新（F5）</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>逾期任务</source>
        <translation>Overdue tasks</translation>
    </message>
    <message>
        <source>今日任务</source>
        <translation>Today&apos;s tasks</translation>
    </message>
    <message>
        <source>近期关怀（7天内）</source>
        <translation>Upcoming care (next 7 days)</translation>
    </message>
    <message>
        <source>临近期限的投诉</source>
        <translation>Complaints nearing their deadline</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>正在读取工作台…</source>
        <translation>Loading the Workbench…</translation>
    </message>
    <message>
        <source>{0}年{1}月{2}日 {3}</source>
        <translation>{3}, {0}/{1}/{2}</translation>
    </message>
    <message>
        <source>逾期 {0} 项</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <source>今日到期 {0} 项</source>
        <translation>{0} due today</translation>
    </message>
    <message>
        <source>7天内关怀 {0} 个</source>
        <translation>{0} care dates within 7 days</translation>
    </message>
    <message>
        <source>临近期限投诉 {0} 件</source>
        <translation>{0} complaints nearing their deadline</translation>
    </message>
    <message>
        <source>今天没有待办事项</source>
        <translation>Nothing to do today</translation>
    </message>
    <message>
        <source>；跟进规则新生成 {0} 项任务</source>
        <translation>; follow-up rules created {0} new tasks</translation>
    </message>
    <message>
        <source>任务已完成：{0}（{1}）</source>
        <translation>Task completed: {0} ({1})</translation>
    </message>
    <message>
        <source>已撤销，任务恢复为待办</source>
        <translation>Undone; the task is open again</translation>
    </message>
    <message>
        <source>该关怀日已不存在</source>
        <translation>This care date no longer exists</translation>
    </message>
    <message>
        <source>祝福已记录为联系</source>
        <translation>Greeting recorded as a contact</translation>
    </message>
</context>
<context>
    <name>WorkbenchSection</name>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>关怀事由</source>
        <translation>Occasion</translation>
    </message>
    <message>
        <source>日子</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>{0} 位客户</source>
        <translation>{0} customers</translation>
    </message>
    <message>
        <source>双击展开或收起这组规则任务</source>
        <translation>Double-click to open or close this group of rule tasks</translation>
    </message>
    <message>
        <source>勾选即完成此任务</source>
        <translation>Tick to complete this task</translation>
    </message>
    <message>
        <source>展开/收起</source>
        <translation>Open/close</translation>
    </message>
    <message>
        <source>记录联系</source>
        <translation>Log contact</translation>
    </message>
    <message>
        <source>打开客户</source>
        <translation>Open customer</translation>
    </message>
    <message>
        <source>生成祝福语</source>
        <translation>Create greeting</translation>
    </message>
    <message>
        <source>打开投诉</source>
        <translation>Open complaint</translation>
    </message>
    <message>
        <source>共 {0} 项，查看全部</source>
        <translation>{0} in total, show all</translation>
    </message>
    <message>
        <source>今天没有到期的任务</source>
        <translation>No tasks due today</translation>
    </message>
    <message>
        <source>没有逾期任务</source>
        <translation>No overdue tasks</translation>
    </message>
    <message>
        <source>近期没有关怀日</source>
        <translation>No upcoming care dates</translation>
    </message>
    <message>
        <source>没有临近期限的投诉</source>
        <translation>No complaints nearing their deadline</translation>
    </message>
    <message>
        <source>暂无</source>
        <translation>None</translation>
    </message>
</context>
</TS>
