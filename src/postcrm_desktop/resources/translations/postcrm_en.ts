<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
        <translation>Check the audit log's hash chain: any entry that was changed or deleted will be detected</translation>
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
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
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
        <source>该账户因多次密码错误已被锁定。请联系网点管理员在“系统管理”中解锁。</source>
        <translation>This account is locked after too many wrong passwords. Ask the branch admin to unlock it under “Administration”.</translation>
    </message>
    <message>
        <source>该账户已停用，请联系网点管理员。</source>
        <translation>This account has been disabled. Please contact the branch admin.</translation>
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
        <source>当前角色（{0}）不能管理用户。这里只能查看，用户由网点管理员维护。</source>
        <translation>Your current role ({0}) cannot manage users. You can only view them here; users are maintained by the branch admin.</translation>
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
        <source>已重置 {0} 的密码，下次登录时须修改。</source>
        <translation>Password of {0} reset; it must be changed at the next login.</translation>
    </message>
    <message>
        <source>已解锁 {0}。</source>
        <translation>{0} unlocked.</translation>
    </message>
</context>
</TS>
