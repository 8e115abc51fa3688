<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddStaffDialog</name>
    <message>
        <source>New staff account</source>
        <translation>新建工作人员账号</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The store cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Restore the newest backup ({when})</source>
        <translation>恢复最新的备份（{when}）</translation>
    </message>
    <message>
        <source>Choose another store…</source>
        <translation>选择其他数据库…</translation>
    </message>
    <message>
        <source>Store on a network share</source>
        <translation>数据库在网络共享文件夹上</translation>
    </message>
    <message>
        <source>This store ({path}) is on a network share. SQLite cannot keep a store safe there when several desks use it: they can damage it. For several desks, use one PostgreSQL store (see the README); for one desk, keep the store on this PC&apos;s own disk.</source>
        <translation>这个数据库（{path}）在网络共享文件夹上。多台前台同时使用时，SQLite 在那里无法保证数据安全，可能损坏数据库。多台前台请共用一个 PostgreSQL 数据库（见 README 说明）；只有一台前台时，请把数据库放在本机硬盘上。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>FrontDesk store</source>
        <translation>FrontDesk 数据库</translation>
    </message>
    <message>
        <source>FrontDesk store (*.sqlite3)</source>
        <translation>FrontDesk 数据库 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Opening the school&apos;s records…</source>
        <translation>正在打开学校的资料…</translation>
    </message>
</context>
<context>
    <name>AtRiskTab</name>
    <message>
        <source>Situation</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Attended / held</source>
        <translation>已出勤 / 已上课次</translation>
    </message>
    <message>
        <source>Lessons left</source>
        <translation>剩余课次</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>需出勤</translation>
    </message>
    <message>
        <source>May still miss</source>
        <translation>还可缺勤</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>short by {n}</source>
        <translation>还差 {n} 次</translation>
    </message>
    <message>
        <source>Only just: at most</source>
        <translation>勉强可达标：最多还可缺勤</translation>
    </message>
    <message>
        <source> lessons to spare</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>Everyone at risk</source>
        <translation>全部预警学员</translation>
    </message>
    <message>
        <source>Who to call</source>
        <translation>需要打电话的学员</translation>
    </message>
    <message>
        <source>Save Excel…</source>
        <translation>保存 Excel…</translation>
    </message>
    <message>
        <source>Every running course</source>
        <translation>所有在上的课程</translation>
    </message>
    <message>
        <source>{n} learners can still earn the certificate if they come to the lessons left: one call each.</source>
        <translation>{n} 名学员只要坚持上完剩余课次仍可结业：每人打一次电话提醒。</translation>
    </message>
    <message>
        <source>{n} places at risk: {cannot} can no longer reach the certificate, {just} only just.</source>
        <translation>共 {n} 人次出勤预警：{cannot} 人次已无法达到结业要求，{just} 人次勉强可达标。</translation>
    </message>
    <message>
        <source>at-risk</source>
        <translation>出勤预警</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
</context>
<context>
    <name>AttendanceRulesDialog</name>
    <message>
        <source>The whole school (default)</source>
        <translation>全校（默认）</translation>
    </message>
    <message>
        <source>No-show and standby rules</source>
        <translation>缺勤与候补补位规则</translation>
    </message>
    <message>
        <source>Rules of</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Standby opens</source>
        <translation>候补补位开放</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Repeat no-show</source>
        <translation>多次缺勤</translation>
    </message>
    <message>
        <source>Counting no-shows over</source>
        <translation>缺勤统计周期</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> minutes after a full lesson starts</source>
        <translation> 分钟（满员课次开课后）</translation>
    </message>
    <message>
        <source>Repeat no-shows go to the end of the waiting list</source>
        <translation>多次缺勤的学员排到候补名单最后</translation>
    </message>
    <message>
        <source> no-shows on free courses</source>
        <translation> 次公益课程缺勤</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>This course follows the school&apos;s rules again</source>
        <translation>此课程恢复使用全校规则</translation>
    </message>
    <message>
        <source>A no-show is a lesson of a free course someone was enrolled on and missed without being excused. Standby offers the seats of enrolled learners who have not arrived to waiting learners at the desk, for that lesson only.</source>
        <translation>缺勤指报名了公益课程、未请假却没有来上课。候补补位是把已报名但尚未到场学员的座位，仅在本次课中让给在前台等候的候补学员。</translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <source>Code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>候补补位</translation>
    </message>
    <message>
        <source>Attended / needed</source>
        <translation>已出勤 / 需出勤</translation>
    </message>
    <message>
        <source>Lessons (P L E A)</source>
        <translation>各课次（P 出勤 L 迟到 E 请假 A 缺勤）</translation>
    </message>
    <message>
        <source>Still owed</source>
        <translation>尚欠</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>签到情况</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By course: learner × lesson grid</source>
        <translation>按课程：学员 × 课次出勤表</translation>
    </message>
    <message>
        <source>By learner: history over all courses</source>
        <translation>按学员：所有课程的出勤记录</translation>
    </message>
    <message>
        <source>By lesson: who came</source>
        <translation>按课次：到课名单</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Save Excel…</source>
        <translation>保存 Excel…</translation>
    </message>
    <message>
        <source>Choose a learner…</source>
        <translation>选择学员…</translation>
    </message>
    <message>
        <source>P present · L late · E excused · A absent</source>
        <translation>P 出勤 · L 迟到 · E 请假 · A 缺勤</translation>
    </message>
    <message>
        <source>excused lessons count</source>
        <translation>请假计入出勤</translation>
    </message>
    <message>
        <source>excused lessons do not count</source>
        <translation>请假不计入出勤</translation>
    </message>
    <message>
        <source>{learners} learners, {lessons} lessons; a certificate needs {pct}% ({rule}). P present · L late · E excused · A absent</source>
        <translation>学员 {learners} 人，课次 {lessons} 次；结业需出勤 {pct}%（{rule}）。P 出勤 · L 迟到 · E 请假 · A 缺勤</translation>
    </message>
    <message>
        <source>* late entry: {count} entered after the lesson (point at one for who and why)</source>
        <translation>* 补录：{count} 条在课次结束后录入（鼠标指向可查看录入人和原因）</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>Whose attendance?</source>
        <translation>查看哪位学员的出勤？</translation>
    </message>
    <message>
        <source>{name} ({code}): {courses} courses</source>
        <translation>{name}（{code}）：{courses} 门课程</translation>
    </message>
    <message>
        <source>{came} of {listed} came</source>
        <translation>应到 {listed} 人，实到 {came} 人</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Checked in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Marked excused</source>
        <translation>登记请假</translation>
    </message>
    <message>
        <source>Late entry: check-in written after the lesson</source>
        <translation>补录：课次结束后录入的签到</translation>
    </message>
    <message>
        <source>Paper sign-in sheet entered</source>
        <translation>录入纸质签到表</translation>
    </message>
    <message>
        <source>Check-in from standby mode</source>
        <translation>备用模式签到</translation>
    </message>
    <message>
        <source>Check-in voided</source>
        <translation>签到作废</translation>
    </message>
    <message>
        <source>Day closed (cash-up)</source>
        <translation>日结完成</translation>
    </message>
    <message>
        <source>Certificate design changed</source>
        <translation>修改证书样式</translation>
    </message>
    <message>
        <source>Certificate issued</source>
        <translation>颁发证书</translation>
    </message>
    <message>
        <source>Certificate printed</source>
        <translation>打印证书</translation>
    </message>
    <message>
        <source>Verification page exported</source>
        <translation>导出证书查验页</translation>
    </message>
    <message>
        <source>Certificate revoked</source>
        <translation>撤销证书</translation>
    </message>
    <message>
        <source>Certificate replaced</source>
        <translation>证书已补发</translation>
    </message>
    <message>
        <source>Certificate exception granted</source>
        <translation>准予证书特批</translation>
    </message>
    <message>
        <source>Certificate exception cleared</source>
        <translation>取消证书特批</translation>
    </message>
    <message>
        <source>Course added</source>
        <translation>新增课程</translation>
    </message>
    <message>
        <source>Course changed</source>
        <translation>修改课程</translation>
    </message>
    <message>
        <source>Course marked finished</source>
        <translation>课程标记结课</translation>
    </message>
    <message>
        <source>Course&apos;s finished mark taken back</source>
        <translation>撤销课程结课标记</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>在读</translation>
    </message>
    <message>
        <source>Moved up from the waiting list</source>
        <translation>候补转正</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已退课</translation>
    </message>
    <message>
        <source>Roster exported</source>
        <translation>导出学员名册</translation>
    </message>
    <message>
        <source>Class list exported</source>
        <translation>导出班级名单</translation>
    </message>
    <message>
        <source>Audit trail exported</source>
        <translation>导出操作记录</translation>
    </message>
    <message>
        <source>Learners imported</source>
        <translation>导入学员</translation>
    </message>
    <message>
        <source>Instructor added</source>
        <translation>新增讲师</translation>
    </message>
    <message>
        <source>Instructor changed</source>
        <translation>修改讲师</translation>
    </message>
    <message>
        <source>Learner added</source>
        <translation>新增学员</translation>
    </message>
    <message>
        <source>Learner changed</source>
        <translation>修改学员</translation>
    </message>
    <message>
        <source>Learner anonymised</source>
        <translation>学员已匿名化</translation>
    </message>
    <message>
        <source>Card replaced</source>
        <translation>补办学员卡</translation>
    </message>
    <message>
        <source>Follow-up consent changed</source>
        <translation>修改回访同意</translation>
    </message>
    <message>
        <source>Invisible characters removed from a name</source>
        <translation>已删除姓名中的不可见字符</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退费</translation>
    </message>
    <message>
        <source>Waiver</source>
        <translation>减免</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Lesson added</source>
        <translation>新增课次</translation>
    </message>
    <message>
        <source>Lesson closed</source>
        <translation>课次结束</translation>
    </message>
    <message>
        <source>Lesson changed</source>
        <translation>修改课次</translation>
    </message>
    <message>
        <source>Weekly timetable made</source>
        <translation>生成每周课表</translation>
    </message>
    <message>
        <source>Follow-up call recorded</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <source>Retention: inactive learners anonymised</source>
        <translation>到期清理：匿名化长期未活动学员</translation>
    </message>
    <message>
        <source>Receipt reprinted</source>
        <translation>补打收据</translation>
    </message>
    <message>
        <source>Attendance rules changed</source>
        <translation>修改考勤规则</translation>
    </message>
    <message>
        <source>Attendance rules reset</source>
        <translation>恢复默认考勤规则</translation>
    </message>
    <message>
        <source>Backup folder changed</source>
        <translation>修改备份文件夹</translation>
    </message>
    <message>
        <source>School settings changed</source>
        <translation>修改学校设置</translation>
    </message>
    <message>
        <source>Staff account added</source>
        <translation>新增工作人员账号</translation>
    </message>
    <message>
        <source>Own password changed</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>启用账号</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Failed sign-in</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Backup taken</source>
        <translation>已备份</translation>
    </message>
    <message>
        <source>Store restored from a backup</source>
        <translation>从备份恢复数据库</translation>
    </message>
    <message>
        <source>Staff and sign-ins (all)</source>
        <translation>工作人员与登录（全部）</translation>
    </message>
    <message>
        <source>Money: payments, refunds, waivers (all)</source>
        <translation>钱款：缴费、退费、减免（全部）</translation>
    </message>
    <message>
        <source>Check-ins: voids, excused (all)</source>
        <translation>签到：作废、请假（全部）</translation>
    </message>
    <message>
        <source>Enrollments (all)</source>
        <translation>报名（全部）</translation>
    </message>
    <message>
        <source>Learners (all)</source>
        <translation>学员（全部）</translation>
    </message>
    <message>
        <source>Certificates (all)</source>
        <translation>证书（全部）</translation>
    </message>
    <message>
        <source>Exports of personal data (all)</source>
        <translation>个人信息导出（全部）</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>paid by</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>enrollment no.</source>
        <translation>报名记录号</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>例外</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>lesson no.</source>
        <translation>课次号</translation>
    </message>
    <message>
        <source>course no.</source>
        <translation>课程号</translation>
    </message>
    <message>
        <source>code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>follow-up consent</source>
        <translation>同意回访</translation>
    </message>
    <message>
        <source>card version</source>
        <translation>卡版本</translation>
    </message>
    <message>
        <source>receipt no.</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>seats</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Any learner</source>
        <translation>所有学员</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>所有操作</translation>
    </message>
    <message>
        <source>Any learner…</source>
        <translation>所有学员…</translation>
    </message>
    <message>
        <source>{n}{more} events, newest first</source>
        <translation>共 {n}{more} 条记录，最新的在前</translation>
    </message>
    <message>
        <source>Events of one learner</source>
        <translation>查看某位学员的记录</translation>
    </message>
    <message>
        <source>{action} ({code}) · {changes}</source>
        <translation>{action}（{code}）· {changes}</translation>
    </message>
    <message>
        <source>audit-trail.xlsx</source>
        <translation>操作记录.xlsx</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported {n} events to {path}.</source>
        <translation>已导出 {n} 条记录到 {path}。</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backups in this folder (newest first):</source>
        <translation>此文件夹中的备份（最新的在前）：</translation>
    </message>
    <message>
        <source>To restore one: close FrontDesk on every desk, then run &lt;code&gt;frontdesk restore FILE --yes&lt;/code&gt;. The store as it was is kept as a backup first.</source>
        <translation>恢复某个备份：先在所有前台关闭 FrontDesk，然后运行 &lt;code&gt;frontdesk restore 文件 --yes&lt;/code&gt;。恢复前会先把当前数据库另存为一个备份。</translation>
    </message>
    <message>
        <source>Backups now go to {folder}.</source>
        <translation>备份将保存到 {folder}。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backed up to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>at start</source>
        <translation>启动时</translation>
    </message>
    <message>
        <source>evening</source>
        <translation>晚间</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
</context>
<context>
    <name>CLI</name>
    <message>
        <source>Demo school ready: {learners} learners, {courses} courses, {lessons} lessons, {enrollments} enrollments ({waitlisted} waiting), {attendance} check-ins, {payments} fee entries.</source>
        <translation>演示学校已建好：学员 {learners} 人，课程 {courses} 门，课次 {lessons} 次，报名 {enrollments} 人次（候补 {waitlisted}），签到 {attendance} 次，收支记录 {payments} 条。</translation>
    </message>
    <message>
        <source>Store: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>数据文件夹：{path}</translation>
    </message>
    <message>
        <source>Log folder: {path}</source>
        <translation>日志文件夹：{path}</translation>
    </message>
    <message>
        <source>The windows are not available here; see frontdesk --help.</source>
        <translation>此处无法打开窗口；请查看 frontdesk --help。</translation>
    </message>
    <message>
        <source>Stopped; nothing more was done.</source>
        <translation>已停止，未再执行任何操作。</translation>
    </message>
    <message>
        <source>Passphrase of the certificate signing key: </source>
        <translation>证书签名密钥的口令：</translation>
    </message>
    <message>
        <source>Choose a passphrase for the certificate signing key: </source>
        <translation>请为证书签名密钥设置口令：</translation>
    </message>
    <message>
        <source>The same passphrase again: </source>
        <translation>再输入一次口令：</translation>
    </message>
    <message>
        <source>revoked ({serial})</source>
        <translation>已撤销（{serial}）</translation>
    </message>
    <message>
        <source>issued {serial}, printed {prints}×</source>
        <translation>已发证 {serial}，已打印 {prints} 次</translation>
    </message>
    <message>
        <source>eligible by exception: {reason}</source>
        <translation>特批可发证：{reason}</translation>
    </message>
    <message>
        <source>eligible</source>
        <translation>可发证</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>暂不可发证</translation>
    </message>
    <message>
        <source>{code}  {name}  attended {attended}/{held}  {state}  {reasons}</source>
        <translation>{code}  {name}  出勤 {attended}/{held}  {state}  {reasons}</translation>
    </message>
    <message>
        <source>{eligible} of {total} learners have earned a certificate.</source>
        <translation>{total} 名学员中有 {eligible} 名已获得结业资格。</translation>
    </message>
    <message>
        <source>{count} certificates written to {path}</source>
        <translation>已将 {count} 份证书写入 {path}</translation>
    </message>
    <message>
        <source>{code} is running again: {held} of {planned} lessons held.</source>
        <translation>{code} 已恢复为进行中：已上 {held}/{planned} 次课。</translation>
    </message>
    <message>
        <source>{code} is marked finished after {held} of {planned} lessons; certificates are judged over those held.</source>
        <translation>{code} 已标记结课（已上 {held}/{planned} 次课）；证书按已上的课次判定。</translation>
    </message>
    <message>
        <source>Genuine: certificate {serial}, issued to {name} for {course} on {date}.</source>
        <translation>真实有效：证书 {serial}，于 {date} 颁发给 {name}，课程：{course}。</translation>
    </message>
    <message>
        <source>REVOKED: certificate {serial} of {name} ({course}) was revoked: {reason}</source>
        <translation>已撤销：{name}（{course}）的证书 {serial} 已被撤销，原因：{reason}</translation>
    </message>
    <message>
        <source>Signed by this school, but {serial} ({name}) is not in this store.</source>
        <translation>本校签发，但证书 {serial}（{name}）不在本数据库中。</translation>
    </message>
    <message>
        <source>FORGED: this certificate code was not signed by this school, or was altered.</source>
        <translation>伪造：此证书码不是本校签发的，或已被篡改。</translation>
    </message>
    <message>
        <source>The code is cut short or garbled; scan it again.</source>
        <translation>二维码内容不完整或有误，请重新扫描。</translation>
    </message>
    <message>
        <source>This is not a certificate code.</source>
        <translation>这不是证书二维码。</translation>
    </message>
    <message>
        <source>Public keys written to {path}</source>
        <translation>公钥已写入 {path}</translation>
    </message>
    <message>
        <source>New signing key {key_id}, kept in {path}. Export the public keys again and publish them.</source>
        <translation>新的签名密钥 {key_id} 已保存在 {path}。请重新导出公钥并公布。</translation>
    </message>
    <message>
        <source>Verification page written to {path} ({keys} key(s), {revoked} revoked serial(s)). Upload everything in the folder to the school&apos;s verification address.</source>
        <translation>验证页面已写入 {path}（{keys} 个公钥，{revoked} 个已撤销编号）。请把该文件夹中的全部文件上传到学校的验证网址。</translation>
    </message>
    <message>
        <source>No verification address is set yet: until one is, certificates&apos; QR codes hold the bare code and do not open this page.</source>
        <translation>尚未设置验证网址：设置之前，证书二维码只含验证码，扫码不会打开此页面。</translation>
    </message>
    <message>
        <source>The receipt cannot be drawn: no bundled font has {characters}.</source>
        <translation>收据无法生成：内置字体都没有“{characters}”这个字。</translation>
    </message>
    <message>
        <source>Receipt saved: {path}</source>
        <translation>收据已保存：{path}</translation>
    </message>
    <message>
        <source>Payment taken: {amount}, receipt {receipt_no} (entry {entry_id}). Balance now {balance}.</source>
        <translation>已收款 {amount}，收据 {receipt_no}（账目编号 {entry_id}）。尚欠 {balance}。</translation>
    </message>
    <message>
        <source>Refunded {amount} (entry {entry_id}). Balance now {balance}.</source>
        <translation>已退费 {amount}（账目编号 {entry_id}）。尚欠 {balance}。</translation>
    </message>
    <message>
        <source>Waived {amount} (entry {entry_id}). Balance now {balance}.</source>
        <translation>已减免 {amount}（账目编号 {entry_id}）。尚欠 {balance}。</translation>
    </message>
    <message>
        <source>Choose a .pdf or .xlsx file.</source>
        <translation>请选择 .pdf 或 .xlsx 文件。</translation>
    </message>
    <message>
        <source>Day closed. Expected cash {expected}, counted {counted}, difference {difference}.</source>
        <translation>日结完成。应有现金 {expected}，实点 {counted}，差额 {difference}。</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>Cash-up {date}: {entries} entries, payments {payments}, refunds {refunds}, waivers {waivers}.</source>
        <translation>日结 {date}：共 {entries} 笔，收款 {payments}，退款 {refunds}，减免 {waivers}。</translation>
    </message>
    <message>
        <source>  {method}: {net} ({payments} in, {refunds} out)</source>
        <translation>  {method}：净收 {net}（收款 {payments} 笔，退款 {refunds} 笔）</translation>
    </message>
    <message>
        <source>Expected cash: {expected}</source>
        <translation>应有现金：{expected}</translation>
    </message>
    <message>
        <source>Closed ({desk}): counted {counted}, difference {difference}. {note}</source>
        <translation>已日结（{desk}）：实点 {counted}，差额 {difference}。{note}</translation>
    </message>
    <message>
        <source>{count} owing, {total} in all.</source>
        <translation>欠费 {count} 笔，共计 {total}。</translation>
    </message>
    <message>
        <source>Nothing was written. Run again with --commit to import the accepted rows.</source>
        <translation>未写入任何数据。加上 --commit 再运行一次，即导入可导入的行。</translation>
    </message>
    <message>
        <source>Imported: {added} new learners, {reused} already on the roster, {enrollments} enrollments ({waitlisted} on the waiting list).</source>
        <translation>导入完成：新学员 {added} 人，已在名册中 {reused} 人，报名 {enrollments} 人次（其中候补 {waitlisted}）。</translation>
    </message>
    <message>
        <source>Row {row} was skipped: {problems}</source>
        <translation>第 {row} 行已跳过：{problems}</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Follow-up consent</source>
        <translation>同意回访</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>{field} &lt;- {column}</source>
        <translation>{field} ← {column}</translation>
    </message>
    <message>
        <source>    (chosen over {rivals})</source>
        <translation>    （优先于 {rivals}）</translation>
    </message>
    <message>
        <source>Ignored columns: {columns}</source>
        <translation>未使用的列：{columns}</translation>
    </message>
    <message>
        <source>Chosen by hand: {fields}{remembered}</source>
        <translation>手动选择：{fields}{remembered}</translation>
    </message>
    <message>
        <source> (remembered for this form)</source>
        <translation>（已为此表单记住）</translation>
    </message>
    <message>
        <source>Warning: {warning}</source>
        <translation>注意：{warning}</translation>
    </message>
    <message>
        <source>Which course is “{answer}”? {candidates} (answer with --course-as “{answer}=CODE”)</source>
        <translation>“{answer}”是哪门课程？{candidates}（用 --course-as “{answer}=课程编号” 指定）</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>wait</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>{total} rows read: {accepted} can be imported ({notices} with a notice), {replaced} replaced by a later answer of the same person, {rejected} will be skipped.</source>
        <translation>共读取 {total} 行：{accepted} 行可导入（其中 {notices} 行有提示），{replaced} 行被同一人后来的填写取代，{rejected} 行将跳过。</translation>
    </message>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Wrote {count} rows to {path}.</source>
        <translation>已导出 {count} 行到 {path}。</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Card of {name} written to {path}.</source>
        <translation>{name} 的学员卡已生成：{path}。</translation>
    </message>
    <message>
        <source>{count} cards on {pages} pages written to {path}.</source>
        <translation>已生成 {count} 张学员卡（共 {pages} 页）：{path}。</translation>
    </message>
    <message>
        <source>New card (version {version}) for {name} ({code}); the old card no longer works.</source>
        <translation>已为 {name}（{code}）补办新卡（第 {version} 版），旧卡即刻作废。</translation>
    </message>
    <message>
        <source>Nothing was changed. With --yes, every learner card stops working and must be printed again (frontdesk cards); desks that are open must be restarted.</source>
        <translation>没有做任何更改。加上 --yes 后，所有学员卡都会失效，需要重新打印（frontdesk cards）；已打开的前台需要重新启动。</translation>
    </message>
    <message>
        <source>New card secret: {count} cards to print again; old cards are refused as replaced.</source>
        <translation>已更换学员卡密钥：需要重新打印 {count} 张卡；旧卡会被视为已换卡而拒绝。</translation>
    </message>
    <message>
        <source>Entered now as a late entry ({reason}); the grid and the audit trail show it.</source>
        <translation>已作为补录记入（{reason}）；出勤表和操作记录中会标明。</translation>
    </message>
    <message>
        <source>paper sign-in sheet</source>
        <translation>纸质签到表</translation>
    </message>
    <message>
        <source>the desk was down</source>
        <translation>前台系统故障</translation>
    </message>
    <message>
        <source>Checked in: {name} ({code}), {course}, at {time}.</source>
        <translation>签到成功：{name}（{code}），{course}，{time}。</translation>
    </message>
    <message>
        <source>Checked in, late by {minutes} min: {name} ({code}), {course}, at {time}.</source>
        <translation>已签到，迟到 {minutes} 分钟：{name}（{code}），{course}，{time}。</translation>
    </message>
    <message>
        <source>Checked in, but {amount} is still due: {name} ({code}), {course}.</source>
        <translation>已签到，但仍欠费 {amount}：{name}（{code}），{course}。</translation>
    </message>
    <message>
        <source>Already checked in at {time}: {name} ({code}), {course}. No second record.</source>
        <translation>{time} 已签到过：{name}（{code}），{course}。不重复记录。</translation>
    </message>
    <message>
        <source>{name} ({code}) is on the waiting list of {course}, not enrolled.</source>
        <translation>{name}（{code}）在 {course} 的候补名单上，尚未报名成功。</translation>
    </message>
    <message>
        <source>{name} ({code}) is not on this lesson; their course tonight is {course}, {when}, room {room}.</source>
        <translation>{name}（{code}）不在本课次；今晚的课程是 {course}，{when}，教室 {room}。</translation>
    </message>
    <message>
        <source>This card of {name} ({code}) was replaced on {date}; use the new card.</source>
        <translation>{name}（{code}）的这张卡已于 {date} 补办作废，请使用新卡。</translation>
    </message>
    <message>
        <source>A FrontDesk card, but learner {code} is not in this store.</source>
        <translation>是本校学员卡，但学员 {code} 不在本数据库中。</translation>
    </message>
    <message>
        <source>This is a certificate code, not a learner card: check it with “frontdesk verify”.</source>
        <translation>这是结业证书的验证码，不是学员卡：请用“frontdesk verify”核验。</translation>
    </message>
    <message>
        <source>{name} ({code}) has more than one lesson open now; run again with --choose:</source>
        <translation>{name}（{code}）此刻有多个课次可签到；请加 --choose 重新运行：</translation>
    </message>
    <message>
        <source>No lesson now for {name} ({code}), and none coming up.</source>
        <translation>{name}（{code}）现在没有课，之后也没有排课。</translation>
    </message>
    <message>
        <source>No lesson now for {name} ({code}). Next: {course}, {when}.</source>
        <translation>{name}（{code}）现在没有课。下一次：{course}，{when}。</translation>
    </message>
    <message>
        <source>A seat is free: the desk can enroll and check in (lesson {lesson_id}).</source>
        <translation>尚有空位：前台可为其报名并签到（课次 {lesson_id}）。</translation>
    </message>
    <message>
        <source>  --choose {lesson_id}   {course}, {when}, room {room}</source>
        <translation>  --choose {lesson_id}   {course}，{when}，教室 {room}</translation>
    </message>
    <message>
        <source>Sign-in sheet of {course} ({count} learners, {pages} pages) written to {path}.</source>
        <translation>{course} 签到表（{count} 名学员，共 {pages} 页）已生成：{path}。</translation>
    </message>
    <message>
        <source>{lessons} lessons closed, {absent} absences recorded.</source>
        <translation>已结束 {lessons} 个课次，记缺勤 {absent} 人次。</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>New password: </source>
        <translation>新密码： </translation>
    </message>
    <message>
        <source>The same password again: </source>
        <translation>再次输入密码： </translation>
    </message>
    <message>
        <source>Added {username} ({role}).</source>
        <translation>已添加 {username}（{role}）。</translation>
    </message>
    <message>
        <source>No staff accounts yet: add the first admin with frontdesk staff add NAME --name … --role admin.</source>
        <translation>尚无工作人员账号：请用 frontdesk staff add 用户名 --name … --role admin 添加第一位管理员。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until {time}</source>
        <translation>已锁定至 {time}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>The password of {username} was changed.</source>
        <translation>{username} 的密码已重设。</translation>
    </message>
    <message>
        <source>{username} can no longer sign in.</source>
        <translation>{username} 已停用，不能再登录。</translation>
    </message>
    <message>
        <source>{username} can sign in again.</source>
        <translation>{username} 已启用，可以重新登录。</translation>
    </message>
    <message>
        <source>Wrote {count} events to {path}.</source>
        <translation>已导出 {count} 条记录到 {path}。</translation>
    </message>
    <message>
        <source>No events match.</source>
        <translation>没有符合条件的记录。</translation>
    </message>
    <message>
        <source>Learner {code} was anonymised; the roster now shows “{name}”. Payments and attendance are kept.</source>
        <translation>学员 {code} 已匿名化，名册中现显示为“{name}”。缴费和考勤记录均保留。</translation>
    </message>
    <message>
        <source>Anonymised {count} learners.</source>
        <translation>已匿名化 {count} 名学员。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最后活动日期</translation>
    </message>
    <message>
        <source>{count} learners have had no activity for {years} years. Nothing was changed; run again with --apply to anonymise them.</source>
        <translation>{count} 名学员已有 {years} 年没有任何活动。未做任何更改；加上 --apply 再运行一次，即将他们匿名化。</translation>
    </message>
    <message>
        <source>Backup written: {path} ({size})</source>
        <translation>备份已写入：{path}（{size}）</translation>
    </message>
    <message>
        <source>{path}: {learners} learners, {entries} ledger entries, {checkins} check-ins; last change {last}.</source>
        <translation>{path}：{learners} 名学员，{entries} 条收支记录，{checkins} 次签到；最后修改 {last}。</translation>
    </message>
    <message>
        <source>Nothing was changed. Run again with --yes to replace the store {store} with this backup.</source>
        <translation>未做任何更改。加上 --yes 再运行一次，即用此备份替换数据库 {store}。</translation>
    </message>
    <message>
        <source>Restored {store} from {path}.</source>
        <translation>已从 {path} 恢复 {store}。</translation>
    </message>
    <message>
        <source>The store as it was before is kept in {path}.</source>
        <translation>恢复前的数据库已保存在 {path}。</translation>
    </message>
    <message>
        <source>Choose a file ending in {suffixes}.</source>
        <translation>请选择扩展名为 {suffixes} 的文件。</translation>
    </message>
    <message>
        <source>{courses} courses, {lessons} lessons, {learners} learners served, {hours} learner-hours, subsidy {subsidy}.</source>
        <translation>课程 {courses} 门，课次 {lessons} 次，服务学员 {learners} 人，学员总学时 {hours} 小时，补贴 {subsidy}。</translation>
    </message>
    <message>
        <source>The report cannot be drawn: no bundled font has {characters}.</source>
        <translation>报表无法生成：内置字体都没有“{characters}”这个字。</translation>
    </message>
    <message>
        <source>{course}: {learners} learners, {lessons} lessons.</source>
        <translation>{course}：学员 {learners} 人，课次 {lessons} 次。</translation>
    </message>
    <message>
        <source>{name}: {courses} courses.</source>
        <translation>{name}：共 {courses} 门课程。</translation>
    </message>
    <message>
        <source>{count} learners at risk.</source>
        <translation>{count} 名学员可能无法结业。</translation>
    </message>
    <message>
        <source>{count} learners missed lessons of free courses.</source>
        <translation>{count} 名学员在公益课程有缺课记录。</translation>
    </message>
    <message>
        <source>{count} follow-up calls due.</source>
        <translation>待回访电话 {count} 个。</translation>
    </message>
    <message>
        <source>The failed check was marked as looked at.</source>
        <translation>已将这次未通过的检查标记为已查看。</translation>
    </message>
    <message>
        <source>The store checks out: chains, file, numbering and cash-ups are as FrontDesk wrote them.</source>
        <translation>数据库检查通过：哈希链、文件、编号和日结都与 FrontDesk 写入时一致。</translation>
    </message>
    <message>
        <source>{count} problem(s) found. The dashboard shows a warning until an administrator has looked into it.</source>
        <translation>发现 {count} 个问题。在管理员查看之前，首页会一直显示警告。</translation>
    </message>
    <message>
        <source>Role {role} may now run a desk: it can add to the ledger and the audit trail, never change or remove them.</source>
        <translation>角色 {role} 现在可以用于前台：它能新增账目和审计记录，但不能修改或删除。</translation>
    </message>
    <message>
        <source>Store ready: {url}</source>
        <translation>数据库已就绪：{url}</translation>
    </message>
    <message>
        <source>This school has staff accounts: sign in with --user NAME (or set FRONTDESK_USER); the password is asked for, or read from the first line of standard input with --password-stdin.</source>
        <translation>本校已有工作人员账号：请用 --user 用户名 登录（或设置 FRONTDESK_USER）；密码会提示输入，脚本中可加 --password-stdin 从标准输入的第一行读取。</translation>
    </message>
    <message>
        <source>The demo school is not built yet: run “frontdesk --demo demo” first.</source>
        <translation>演示学校尚未建立：请先运行“frontdesk --demo demo”。</translation>
    </message>
    <message>
        <source>--password-stdin: standard input has no more lines (one password a line: yours first, then a new one).</source>
        <translation>--password-stdin：标准输入中没有更多行了（每行一个密码：先是您自己的，再是新密码）。</translation>
    </message>
    <message>
        <source>This store has no staff accounts yet, so nobody can sign in: run the command without --user (or FRONTDESK_USER).</source>
        <translation>此数据库还没有工作人员账号，无法登录：请不带 --user（或 FRONTDESK_USER）运行命令。</translation>
    </message>
    <message>
        <source>Password for {user}: </source>
        <translation>{user} 的密码：</translation>
    </message>
</context>
<context>
    <name>Cards</name>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Card image (PNG)…</source>
        <translation>学员卡图片（PNG）…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <source>{n} learner cards on {pages} A4 pages (10 a page, cut along the marks).</source>
        <translation>共 {n} 张学员卡，{pages} 页 A4（每页 10 张，沿裁切标记裁开）。</translation>
    </message>
    <message>
        <source>Drawing {n} learner cards…</source>
        <translation>正在生成 {n} 张学员卡…</translation>
    </message>
    <message>
        <source>The cards could not be made: {reason}</source>
        <translation>学员卡未能生成：{reason}</translation>
    </message>
    <message>
        <source>{n} learner cards: {done}</source>
        <translation>{n} 张学员卡：{done}</translation>
    </message>
    <message>
        <source>Print learner cards</source>
        <translation>打印学员卡</translation>
    </message>
    <message>
        <source>learner cards ({n})</source>
        <translation>学员卡（{n}张）</translation>
    </message>
    <message>
        <source>Also the {n} on the waiting list</source>
        <translation>同时打印候补名单上的 {n} 人</translation>
    </message>
    <message>
        <source>Learner cards for everyone seated on {course} ({n} learners).</source>
        <translation>为“{course}”的全部在读学员打印学员卡（{n} 人）。</translation>
    </message>
    <message>
        <source>Print class cards</source>
        <translation>打印本班学员卡</translation>
    </message>
    <message>
        <source>learner cards {code} {title}</source>
        <translation>学员卡 {code} {title}</translation>
    </message>
    <message>
        <source>Save the card as an image</source>
        <translation>将学员卡保存为图片</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Drawing the card…</source>
        <translation>正在生成学员卡…</translation>
    </message>
    <message>
        <source>The card image could not be saved: {reason}</source>
        <translation>学员卡图片未能保存：{reason}</translation>
    </message>
    <message>
        <source>Card of {name} saved to {path}: send it to their phone.</source>
        <translation>{name} 的学员卡已保存到 {path}，可发到学员手机上。</translation>
    </message>
    <message>
        <source>Make a new card for {name} ({code})? The card they have now stops working at once: scanning it will say it was replaced.</source>
        <translation>为 {name}（{code}）补办新卡吗？原来的卡立即作废：再扫原卡会提示“已补办”。</translation>
    </message>
    <message>
        <source>Re-issue a card</source>
        <translation>补办学员卡</translation>
    </message>
    <message>
        <source>{name} has a new card (version {n}). The old card no longer works: scanning it says “card replaced on {date}”.</source>
        <translation>{name} 的新卡已补办（第 {n} 版）。旧卡已作废：扫旧卡会提示“此卡已于 {date} 补办作废”。</translation>
    </message>
    <message>
        <source>Print the new card now?</source>
        <translation>现在打印新卡吗？</translation>
    </message>
    <message>
        <source>Print the new card</source>
        <translation>打印新卡</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>CashUpPanel</name>
    <message>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Desk:</source>
        <translation>前台：</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>Counted cash (¥)</source>
        <translation>实点现金（¥）</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>count the drawer without the float</source>
        <translation>清点钱箱现金，不含备用金</translation>
    </message>
    <message>
        <source>required when the count differs</source>
        <translation>有差额时必填</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>&lt;b&gt;Every entry of the day&lt;/b&gt;</source>
        <translation>&lt;b&gt;当日全部明细&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(no desk)</source>
        <translation>（未填前台）</translation>
    </message>
    <message>
        <source>All desks (whole school)</source>
        <translation>全部前台（全校）</translation>
    </message>
    <message>
        <source>Received {received} · refunded {refunded} · net {net} · waived {waived} · corrections {adjusted}</source>
        <translation>收款 {received} · 退款 {refunded} · 净收 {net} · 减免 {waived} · 更正 {adjusted}</translation>
    </message>
    <message>
        <source>Open: entries can still be added to this day.</source>
        <translation>尚未日结：当天还可以录入收款、退款和减免。</translation>
    </message>
    <message>
        <source>Closed at {time} by {staff} ({desk}): expected {expected}, counted {counted}, difference {difference}.</source>
        <translation>{time} 由 {staff} 日结（{desk}）：应有 {expected}，实点 {counted}，差额 {difference}。</translation>
    </message>
    <message>
        <source>whole school</source>
        <translation>全校</translation>
    </message>
    <message>
        <source>none: the drawer matches</source>
        <translation>无差额，钱箱相符</translation>
    </message>
    <message>
        <source>{amount} short</source>
        <translation>短款 {amount}</translation>
    </message>
    <message>
        <source>{amount} over</source>
        <translation>长款 {amount}</translation>
    </message>
    <message>
        <source>all desks</source>
        <translation>全部前台</translation>
    </message>
    <message>
        <source>Close {day} for {desk}? Nothing more can be entered on that day; later corrections are dated the day they are made.</source>
        <translation>确定为{desk}做 {day} 的日结吗？日结后当天不能再录入，之后的更正记在更正当天。</translation>
    </message>
    <message>
        <source>{day} closed for {desk}: expected {expected}, counted {counted}, difference {difference}.</source>
        <translation>{desk} {day} 已日结：应有 {expected}，实点 {counted}，差额 {difference}。</translation>
    </message>
    <message>
        <source>cash-up {day} {desk}</source>
        <translation>日结 {day} {desk}</translation>
    </message>
    <message>
        <source>Preparing the cash-up…</source>
        <translation>正在生成日结报表…</translation>
    </message>
    <message>
        <source>The cash-up could not be made: {reason}</source>
        <translation>无法生成日结报表：{reason}</translation>
    </message>
    <message>
        <source>Cash-up saved to {path}.</source>
        <translation>日结报表已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>CertificateBatch</name>
    <message>
        <source>Making certificates…</source>
        <translation>正在制作证书…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>certificates</source>
        <translation>结业证书</translation>
    </message>
    <message>
        <source>{n} certificates sent to the printer ({new} newly issued).</source>
        <translation>已将 {n} 张证书送去打印（其中新发 {new} 张）。</translation>
    </message>
    <message>
        <source>Not printed: no certificate was issued or counted.</source>
        <translation>未打印：没有发放证书，也没有计入打印次数。</translation>
    </message>
    <message>
        <source>Certificates {code} {title}</source>
        <translation>结业证书 {code} {title}</translation>
    </message>
    <message>
        <source>{n} certificates saved to {path} ({new} newly issued).</source>
        <translation>已将 {n} 张证书保存到 {path}（其中新发 {new} 张）。</translation>
    </message>
    <message>
        <source>Save certificates</source>
        <translation>保存证书</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Folder for the certificates</source>
        <translation>证书保存到哪个文件夹</translation>
    </message>
</context>
<context>
    <name>CertificateCheck</name>
    <message>
        <source>Genuine certificate</source>
        <translation>证书真实有效</translation>
    </message>
    <message>
        <source>{serial}: issued to {name} for {course} on {date}.</source>
        <translation>{serial}：于 {date} 颁发给 {name}，课程：{course}。</translation>
    </message>
    <message>
        <source>Revoked certificate</source>
        <translation>证书已撤销</translation>
    </message>
    <message>
        <source>{serial} of {name} was revoked: {reason}</source>
        <translation>{name} 的证书 {serial} 已撤销：{reason}</translation>
    </message>
    <message>
        <source>Signed by this school, not in this store</source>
        <translation>本校签发，但不在此数据库中</translation>
    </message>
    <message>
        <source>{serial}: {name}, {course}, {date}. Check the school&apos;s main records.</source>
        <translation>{serial}：{name}，{course}，{date}。请核对学校的主记录。</translation>
    </message>
    <message>
        <source>Code unreadable</source>
        <translation>无法识别二维码</translation>
    </message>
    <message>
        <source>The code is cut short or garbled: scan it again.</source>
        <translation>二维码不完整或有误，请重新扫描。</translation>
    </message>
    <message>
        <source>Forged certificate</source>
        <translation>伪造的证书</translation>
    </message>
    <message>
        <source>This code was not signed by this school, or was altered.</source>
        <translation>这个码不是本校签发的，或已被篡改。</translation>
    </message>
</context>
<context>
    <name>CertificateDesign</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>CertificateDesignDialog</name>
    <message>
        <source>Certificate design</source>
        <translation>证书样式</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Classic (centred, red and gold)</source>
        <translation>经典（居中，红金配色）</translation>
    </message>
    <message>
        <source>Modern (left-aligned, blue band)</source>
        <translation>现代（左对齐，蓝色侧栏）</translation>
    </message>
    <message>
        <source>Restore the standard texts</source>
        <translation>恢复标准文字</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English (printed below)</source>
        <translation>英文（印在中文下方）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Before the name</source>
        <translation>姓名前</translation>
    </message>
    <message>
        <source>Course line</source>
        <translation>课程行</translation>
    </message>
    <message>
        <source>Dates line</source>
        <translation>日期行</translation>
    </message>
    <message>
        <source>Date of issue label</source>
        <translation>发证日期标签</translation>
    </message>
    <message>
        <source>Serial label</source>
        <translation>证书编号标签</translation>
    </message>
    <message>
        <source>Under the QR code</source>
        <translation>二维码下方</translation>
    </message>
    <message>
        <source>Signature 1</source>
        <translation>签名 1</translation>
    </message>
    <message>
        <source>Signature 2</source>
        <translation>签名 2</translation>
    </message>
    <message>
        <source>In the course and dates lines, {course}, {hours}, {start}, {end} and {instructor} are filled in for each course. The school&apos;s name and logo come from the school settings.</source>
        <translation>课程行和日期行里的 {course}、{hours}、{start}、{end} 和 {instructor} 会按每门课程自动填写。学校名称和校徽取自学校设置。</translation>
    </message>
    <message>
        <source>Seal image</source>
        <translation>公章图片</translation>
    </message>
    <message>
        <source>Signature 1 image</source>
        <translation>签名 1 图片</translation>
    </message>
    <message>
        <source>Signature 2 image</source>
        <translation>签名 2 图片</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>CertificateRows</name>
    <message>
        <source>Revoked</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发证</translation>
    </message>
    <message>
        <source>Eligible (exception)</source>
        <translation>可发证（特批）</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>可发证</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已退课</translation>
    </message>
    <message>
        <source>Course running</source>
        <translation>课程进行中</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>Revoked on {date}: {reason}</source>
        <translation>{date} 作废：{reason}</translation>
    </message>
    <message>
        <source>a replacement with a new serial can be issued</source>
        <translation>可补发一张新编号的证书</translation>
    </message>
    <message>
        <source>By exception: {reason}</source>
        <translation>特批：{reason}</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Fee due</source>
        <translation>应缴</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发证时间</translation>
    </message>
    <message>
        <source>Prints</source>
        <translation>打印次数</translation>
    </message>
    <message>
        <source>Why not yet / notes</source>
        <translation>未达标原因 / 备注</translation>
    </message>
</context>
<context>
    <name>CertificateVerify</name>
    <message>
        <source>Export the public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <source>Public keys (*.pem)</source>
        <translation>公钥 (*.pem)</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Filter courses by code or title</source>
        <translation>按编号或名称筛选课程</translation>
    </message>
    <message>
        <source>{earned} of {total} have earned a certificate · {issued} issued · {waiting} to issue · {held} lessons held, {needs} needed</source>
        <translation>{total} 人中 {earned} 人可获证书 · 已发 {issued} · 待发 {waiting} · 共上 {held} 次课，需出勤 {needs} 次</translation>
    </message>
    <message>
        <source>Issue and print selected…</source>
        <translation>为选中学员发证并打印…</translation>
    </message>
    <message>
        <source>Issue and print all earned…</source>
        <translation>为全部合格学员发证并打印…</translation>
    </message>
    <message>
        <source>Everyone who has earned a certificate: new ones are issued, issued ones are printed again with the same serial.</source>
        <translation>所有已达到结业条件的学员：未发证的新发证书，已发证的按原编号重新打印。</translation>
    </message>
    <message>
        <source>Grant exception…</source>
        <translation>特批…</translation>
    </message>
    <message>
        <source>Clear exception</source>
        <translation>取消特批</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Certificate design…</source>
        <translation>证书样式…</translation>
    </message>
    <message>
        <source>Export public key…</source>
        <translation>导出公钥…</translation>
    </message>
    <message>
        <source>Save the school&apos;s public key (.pem) to publish: with it anyone can check a certificate&apos;s QR code offline.</source>
        <translation>保存本校公钥（.pem 文件）以便公布：有了它，任何人都能离线核验证书上的二维码。</translation>
    </message>
    <message>
        <source>No learner is enrolled in this course.</source>
        <translation>这门课程还没有报名的学员。</translation>
    </message>
    <message>
        <source>Course running: {held} of {planned} lessons held so far. Certificates are issued once it is complete, or earlier only by an admin&apos;s exception ({earned} so far).</source>
        <translation>课程进行中：已上 {held}/{planned} 次课。课程结束后才发证书；提前发证只能由管理员特批（目前 {earned} 人）。</translation>
    </message>
    <message>
        <source>Reopen course…</source>
        <translation>撤销结课标记…</translation>
    </message>
    <message>
        <source>Mark course finished…</source>
        <translation>标记课程结课…</translation>
    </message>
    <message>
        <source>Issue a replacement and print…</source>
        <translation>补发证书并打印…</translation>
    </message>
    <message>
        <source>Cancelled: no certificate was issued or counted, and no file was left behind.</source>
        <translation>已取消：没有发出或计入任何证书，也没有留下文件。</translation>
    </message>
    <message>
        <source>Could not write the certificates: {reason}</source>
        <translation>无法写入证书文件：{reason}</translation>
    </message>
    <message>
        <source>{n} selected learners were skipped: not earned yet, or revoked.</source>
        <translation>跳过了 {n} 名选中的学员：尚未达到结业条件，或证书已作废。</translation>
    </message>
    <message>
        <source>Grant an exception</source>
        <translation>特批发证</translation>
    </message>
    <message>
        <source>Why may {name} have a certificate anyway? The reason is kept on the certificate&apos;s record, not printed.</source>
        <translation>为什么特批 {name} 发证？原因记入证书档案，不印在证书上。</translation>
    </message>
    <message>
        <source>Exception recorded: {name} may have a certificate.</source>
        <translation>已特批：{name} 可以领取证书。</translation>
    </message>
    <message>
        <source>Clear the exception for {name}? The usual rule applies again.</source>
        <translation>取消 {name} 的特批？之后按正常结业条件判断。</translation>
    </message>
    <message>
        <source>Exception cleared for {name}.</source>
        <translation>已取消 {name} 的特批。</translation>
    </message>
    <message>
        <source>Revoke certificate</source>
        <translation>作废证书</translation>
    </message>
    <message>
        <source>Revoke certificate {serial} of {name}? It will verify as revoked. While the learner still meets the rule, a replacement with a new serial can be issued.</source>
        <translation>作废 {name} 的证书 {serial}？核验时将显示已作废。该学员仍符合结业条件时，可补发一张新编号的证书。</translation>
    </message>
    <message>
        <source>Why is it revoked? (for example: issued in error)</source>
        <translation>作废原因？（例如：发错了）</translation>
    </message>
    <message>
        <source>Certificate {serial} revoked.</source>
        <translation>证书 {serial} 已作废。</translation>
    </message>
    <message>
        <source>Export the verification page again and upload it, so phones read it as revoked.</source>
        <translation>请重新导出验证页面并上传，手机扫码才会显示此证书已撤销。</translation>
    </message>
    <message>
        <source>Reopen course</source>
        <translation>撤销结课标记</translation>
    </message>
    <message>
        <source>Take back the &apos;finished&apos; mark of {code}? Certificates then wait for its last planned lesson again.</source>
        <translation>撤销 {code} 的结课标记？之后证书要等到最后一次计划课次结束才能发放。</translation>
    </message>
    <message>
        <source>{code} is running again.</source>
        <translation>{code} 已恢复为进行中。</translation>
    </message>
    <message>
        <source>Mark course finished</source>
        <translation>标记课程结课</translation>
    </message>
    <message>
        <source>Mark {code} finished after {held} of {planned} lessons? Certificates are then issued to those who attended enough of the {held} lessons held.</source>
        <translation>将 {code} 标记为结课（已上 {held}/{planned} 次课）？之后按已上的 {held} 次课判定出勤，达标者可发证书。</translation>
    </message>
    <message>
        <source>{code} is marked finished: certificates can be issued.</source>
        <translation>{code} 已标记结课，可以发放证书。</translation>
    </message>
    <message>
        <source>Certificate design saved.</source>
        <translation>证书样式已保存。</translation>
    </message>
    <message>
        <source>Could not write the key: {reason}</source>
        <translation>无法写入公钥文件：{reason}</translation>
    </message>
    <message>
        <source>Public key saved to {path}. Publish it: with it anyone can check your certificates offline.</source>
        <translation>公钥已保存到 {path}。请公布它：有了它，任何人都能离线核验本校证书。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Save chart as PNG</source>
        <translation>将图表保存为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Save this chart as a picture (PNG)</source>
        <translation>将此图表保存为图片（PNG）</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
</context>
<context>
    <name>CheckInPage</name>
    <message>
        <source>Desk {desk}:</source>
        <translation>{desk}：</translation>
    </message>
    <message>
        <source>Scan a learner card here</source>
        <translation>在此扫描学员卡</translation>
    </message>
    <message>
        <source>Undo last</source>
        <translation>撤销上一次</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tonight&lt;/b&gt;</source>
        <translation>&lt;b&gt;今晚课次&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Last scans at this desk&lt;/b&gt;</source>
        <translation>&lt;b&gt;本前台最近扫码&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Automatic: any lesson open now</source>
        <translation>自动：当前开放的任何课次</translation>
    </message>
    <message>
        <source>Only {time} {course}</source>
        <translation>仅限 {time} {course}</translation>
    </message>
    <message>
        <source>This installation has no camera support: ask whoever installed FrontDesk to install the package {package} (pip install {package}).</source>
        <translation>此安装不支持摄像头：请负责安装 FrontDesk 的人员安装软件包 {package}（pip install {package}）。</translation>
    </message>
    <message>
        <source>Camera on</source>
        <translation>摄像头已开</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Read learner cards with the webcam</source>
        <translation>用摄像头读取学员卡</translation>
    </message>
    <message>
        <source>No camera found (or no permission to use it); the scanner and name search work as usual.</source>
        <translation>没有找到摄像头（或没有使用权限）；扫码枪和按姓名查找照常可用。</translation>
    </message>
    <message>
        <source>Standby seats…</source>
        <translation>候补补位…</translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) answered</source>
        <translation>
            <numerusform>已处理 %n 次扫码</numerusform>
        </translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>没有摄像头</translation>
    </message>
    <message>
        <source>{name} ({time}): {outcome}</source>
        <translation>{name}（{time}）：{outcome}</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s) made offline read differently now</source>
        <translation>
            <numerusform>离线期间的 %n 条签到与服务器不一致</numerusform>
        </translation>
    </message>
    <message>
        <source>the card had been replaced: not recorded</source>
        <translation>已补卡换新，旧卡作废：未记录</translation>
    </message>
    <message>
        <source>no seat (waiting list): not recorded</source>
        <translation>没有座位（候补中）：未记录</translation>
    </message>
    <message>
        <source>no lesson of theirs then: not recorded</source>
        <translation>当时没有该学员的课：未记录</translation>
    </message>
    <message>
        <source>not on the roster: not recorded</source>
        <translation>不在名册中：未记录</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>No learner found</source>
        <translation>没有找到学员</translation>
    </message>
    <message>
        <source>Nobody matches “{query}”.</source>
        <translation>没有与“{query}”匹配的学员。</translation>
    </message>
    <message>
        <source>No lesson to excuse</source>
        <translation>没有可请假的课次</translation>
    </message>
    <message>
        <source>This learner has no coming lesson.</source>
        <translation>这位学员接下来没有课。</translation>
    </message>
    <message>
        <source>Excused (请假)</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Reason for missing {lesson}:</source>
        <translation>缺席 {lesson} 的原因：</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Undone: {name}</source>
        <translation>已撤销：{name}</translation>
    </message>
    <message>
        <source>That check-in is voided (kept, not deleted).</source>
        <translation>该签到已作废（记录保留，未删除）。</translation>
    </message>
    <message>
        <source>Void a check-in</source>
        <translation>作废签到</translation>
    </message>
    <message>
        <source>Why is the check-in of {name} wrong?</source>
        <translation>{name} 的签到为什么有误？</translation>
    </message>
    <message>
        <source>Voided: {name}</source>
        <translation>已作废：{name}</translation>
    </message>
    <message>
        <source>The check-in stays in the records, marked void.</source>
        <translation>该签到保留在记录中，标记为作废。</translation>
    </message>
</context>
<context>
    <name>CourseCardsButton</name>
    <message>
        <source>Print class cards…</source>
        <translation>打印本班学员卡…</translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <source>New course</source>
        <translation>新建课程</translation>
    </message>
    <message>
        <source>Edit course</source>
        <translation>编辑课程</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>课程名称 *</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Instructor</source>
        <translation>讲师</translation>
    </message>
    <message>
        <source>Fee tier</source>
        <translation>收费类型</translation>
    </message>
    <message>
        <source>Market price (¥)</source>
        <translation>市场价（元）</translation>
    </message>
    <message>
        <source>Fee charged</source>
        <translation>应缴</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Total hours</source>
        <translation>总课时</translation>
    </message>
    <message>
        <source>Completion threshold</source>
        <translation>结业出勤要求</translation>
    </message>
    <message>
        <source>Excused absences</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>教室</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>left empty: given automatically</source>
        <translation>留空则自动编号</translation>
    </message>
    <message>
        <source>Free (public welfare)</source>
        <translation>公益（免费）</translation>
    </message>
    <message>
        <source>Inclusive ({ratio}% of market price)</source>
        <translation>普惠（市场价的 {ratio}%）</translation>
    </message>
    <message>
        <source>count as attended for the certificate</source>
        <translation>结业时计为出勤</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>公益</translation>
    </message>
</context>
<context>
    <name>CoursesPage</name>
    <message>
        <source>Free</source>
        <translation>公益</translation>
    </message>
    <message>
        <source>Inclusive</source>
        <translation>普惠</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课次</translation>
    </message>
    <message>
        <source>Instructor</source>
        <translation>讲师</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>教室</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Fee due</source>
        <translation>应缴</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Filter courses by code or title</source>
        <translation>按编号或名称筛选课程</translation>
    </message>
    <message>
        <source>New course</source>
        <translation>新建课程</translation>
    </message>
    <message>
        <source>Edit course</source>
        <translation>编辑课程</translation>
    </message>
    <message>
        <source>Weekly timetable…</source>
        <translation>按周排课…</translation>
    </message>
    <message>
        <source>Add lesson</source>
        <translation>添加课次</translation>
    </message>
    <message>
        <source>Edit lesson</source>
        <translation>编辑课次</translation>
    </message>
    <message>
        <source>Enroll learner…</source>
        <translation>报名学员…</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>退课</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>导出名单…</translation>
    </message>
    <message>
        <source>Class list and waiting list</source>
        <translation>班级名单与候补</translation>
    </message>
    <message>
        <source>Room {room} is taken twice on {when}: {one} and {other}.</source>
        <translation>教室 {room} 在 {when} 被排了两节课：{one} 和 {other}。</translation>
    </message>
    <message>
        <source>{name} teaches two lessons at once on {when}: {one} and {other}.</source>
        <translation>{name} 在 {when} 同时有两节课：{one} 和 {other}。</translation>
    </message>
    <message numerus="yes">
        <source>(%n more clash(es) of this course.)</source>
        <translation>
            <numerusform>（本课程另有 %n 处冲突。）</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} lessons added.</source>
        <translation>已添加 {n} 个课次。</translation>
    </message>
    <message>
        <source>Enroll in {course}</source>
        <translation>报名：{course}</translation>
    </message>
    <message>
        <source>Withdraw {name} from the course? The first learner on the waiting list takes the seat.</source>
        <translation>确定让 {name} 退课吗？候补第一位学员将递补名额。</translation>
    </message>
    <message>
        <source>{who} withdrawn. {name} moved up from the waiting list.</source>
        <translation>{who} 已退课。{name} 已从候补递补入班。</translation>
    </message>
    <message>
        <source>{who} withdrawn.</source>
        <translation>{who} 已退课。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was saved from this action.
FrontDesk keeps running: you can try again. If it happens again, copy the details for whoever looks after this computer.</source>
        <translation>出了点问题；这次操作没有保存任何内容。
前台软件仍在运行，可以再试一次。如果再次出现，请复制详细信息，交给负责这台电脑的人。</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Whole school</source>
        <translation>全校</translation>
    </message>
    <message>
        <source>Attendance rate by week: whole school</source>
        <translation>每周出勤率：全校</translation>
    </message>
    <message>
        <source>Attendance rate by week: {course}</source>
        <translation>每周出勤率：{course}</translation>
    </message>
    <message>
        <source>the first {shown} of {total} courses, by code</source>
        <translation>按编号显示前 {shown} 门，共 {total} 门</translation>
    </message>
    <message>
        <source>Enrollments against capacity</source>
        <translation>报名人数与名额</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>在读</translation>
    </message>
    <message>
        <source>Free seats</source>
        <translation>空余名额</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Courses held: free and inclusive</source>
        <translation>开班课程：公益与普惠</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Learners: free and inclusive</source>
        <translation>学员：公益与普惠</translation>
    </message>
    <message>
        <source>Learners</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Follow-up outcomes</source>
        <translation>回访结果</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>&lt;b&gt;The term&lt;/b&gt; from</source>
        <translation>&lt;b&gt;本期&lt;/b&gt;：从</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>The term&apos;s figures could not be read: {reason}</source>
        <translation>本期数据读取失败：{reason}</translation>
    </message>
    <message>
        <source>Reading the term&apos;s figures…</source>
        <translation>正在读取本期数据…</translation>
    </message>
    <message>
        <source>as of {time}</source>
        <translation>截至 {time}</translation>
    </message>
    <message>
        <source>Attendance rate</source>
        <translation>出勤率</translation>
    </message>
    <message>
        <source>Whole school</source>
        <translation>全校</translation>
    </message>
    <message>
        <source>Chart saved: {path}</source>
        <translation>图表已保存：{path}</translation>
    </message>
    <message>
        <source>The chart could not be saved to {path}.</source>
        <translation>图表无法保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>DeskGuard</name>
    <message>
        <source>Create the first &amp;administrator…</source>
        <translation>创建第一位管理员(&amp;A)…</translation>
    </message>
    <message>
        <source>S&amp;witch staff…</source>
        <translation>换班(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>立即锁屏(&amp;L)</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>当前登录：{name}（{role}）</translation>
    </message>
    <message>
        <source>Nobody signed in</source>
        <translation>无人登录</translation>
    </message>
    <message>
        <source>No staff accounts yet: everyone may do everything</source>
        <translation>尚无工作人员账号：所有功能对所有人开放</translation>
    </message>
    <message>
        <source>The desk is locked</source>
        <translation>前台已锁屏</translation>
    </message>
    <message>
        <source>Only learner cards are answered while the desk is locked.</source>
        <translation>锁屏时只处理学员卡扫码。</translation>
    </message>
    <message>
        <source>{name}: checked in</source>
        <translation>{name}：签到成功</translation>
    </message>
    <message>
        <source>Please see the desk about the fees when it is free.</source>
        <translation>请稍后到前台了解缴费事宜。</translation>
    </message>
    <message>
        <source>Your password is changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <source>A name is required.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <source>The name is longer than {max} characters.</source>
        <translation>姓名超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>The name holds an invisible control character ({character}) that would garble printouts and exports: retype the name.</source>
        <translation>姓名中含有不可见的控制字符（{character}），会导致打印和导出出错：请重新输入姓名。</translation>
    </message>
    <message>
        <source>Invisible characters were removed from the name: {characters}.</source>
        <translation>已删除姓名中的不可见字符：{characters}。</translation>
    </message>
    <message>
        <source>“{value}” is not a mainland mobile number (11 digits starting with 1).</source>
        <translation>“{value}”不是有效的手机号（以 1 开头的 11 位数字）。</translation>
    </message>
    <message>
        <source>{name} with this phone number is already on the roster (learner {code}).</source>
        <translation>名册中已有同名同手机号的学员 {name}（学员编号 {code}）。</translation>
    </message>
    <message>
        <source>Instructor {name} with this phone number already exists.</source>
        <translation>已有同名同手机号的讲师 {name}。</translation>
    </message>
    <message>
        <source>That learner is not on the roster.</source>
        <translation>名册中没有这位学员。</translation>
    </message>
    <message>
        <source>That instructor does not exist.</source>
        <translation>没有这位讲师。</translation>
    </message>
    <message>
        <source>That course does not exist.</source>
        <translation>没有这门课程。</translation>
    </message>
    <message>
        <source>That lesson does not exist.</source>
        <translation>没有这个课次。</translation>
    </message>
    <message>
        <source>That enrollment does not exist.</source>
        <translation>没有这条报名记录。</translation>
    </message>
    <message>
        <source>A course title is required.</source>
        <translation>请填写课程名称。</translation>
    </message>
    <message>
        <source>The capacity must be at least 1.</source>
        <translation>名额至少为 1。</translation>
    </message>
    <message>
        <source>The market price cannot be negative.</source>
        <translation>市场价不能为负数。</translation>
    </message>
    <message>
        <source>An inclusive course needs a market price.</source>
        <translation>普惠课程需要填写市场价。</translation>
    </message>
    <message>
        <source>The completion threshold must be between 1% and 100%.</source>
        <translation>结业出勤要求应在 1% 到 100% 之间。</translation>
    </message>
    <message>
        <source>Total hours cannot be negative.</source>
        <translation>总课时不能为负数。</translation>
    </message>
    <message>
        <source>The course ends before it starts.</source>
        <translation>课程结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>Course code {code} is already used.</source>
        <translation>课程编号 {code} 已被使用。</translation>
    </message>
    <message>
        <source>The lesson ends before it starts.</source>
        <translation>课次结束时间早于开始时间。</translation>
    </message>
    <message>
        <source>A lesson cannot be longer than 12 hours.</source>
        <translation>一个课次不能超过 12 小时。</translation>
    </message>
    <message>
        <source>This course already has a lesson at that time.</source>
        <translation>这门课程在该时间已有课次。</translation>
    </message>
    <message>
        <source>Choose at least one weekday.</source>
        <translation>请至少选择一个星期几。</translation>
    </message>
    <message>
        <source>The number of weeks must be between 1 and {max}.</source>
        <translation>周数应在 1 到 {max} 之间。</translation>
    </message>
    <message>
        <source>{learner_name} is already on {course_title}.</source>
        <translation>{learner_name} 已在“{course_title}”中。</translation>
    </message>
    <message>
        <source>This enrollment was already withdrawn.</source>
        <translation>这条报名已经退课。</translation>
    </message>
    <message>
        <source>A completed enrollment cannot be withdrawn.</source>
        <translation>已结业的报名不能退课。</translation>
    </message>
    <message>
        <source>The store already has learners; the demo school needs an empty store.</source>
        <translation>数据库中已有学员；演示学校需要一个空数据库。</translation>
    </message>
    <message>
        <source>The name is missing.</source>
        <translation>缺少姓名。</translation>
    </message>
    <message>
        <source>No course has the code or title “{value}”.</source>
        <translation>没有编号或名称为“{value}”的课程。</translation>
    </message>
    <message>
        <source>Already on the roster as learner {code}: that record is used.</source>
        <translation>名册中已有此学员（{code}），将使用该记录。</translation>
    </message>
    <message>
        <source>{course_title} is full: this learner goes on the waiting list.</source>
        <translation>“{course_title}”已满：该学员将进入候补名单。</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: {detail}</source>
        <translation>无法读取文件 {path}：{detail}</translation>
    </message>
    <message>
        <source>The file has no learners in it.</source>
        <translation>文件中没有学员。</translation>
    </message>
    <message>
        <source>This is an old Excel file (.xls). Open it in Excel or WPS, save it as .xlsx and import that.</source>
        <translation>这是旧版 Excel 文件（.xls）。请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入。</translation>
    </message>
    <message>
        <source>This file is not a spreadsheet. Choose the .xlsx or .csv file exported from the sign-up form or from Excel.</source>
        <translation>这个文件不是电子表格。请选择报名问卷或 Excel 导出的 .xlsx 或 .csv 文件。</translation>
    </message>
    <message>
        <source>{name} answered again in row {row}: that later answer is used instead of this one.</source>
        <translation>{name} 在第 {row} 行再次填写：采用后来的填写，不用本行。</translation>
    </message>
    <message>
        <source>Also answered in row {rows}: one learner, with this later answer.</source>
        <translation>此人也在第 {rows} 行填写过：按一名学员导入，采用本行（较晚）的填写。</translation>
    </message>
    <message>
        <source>“{value}” could be {choices}: choose which class.</source>
        <translation>“{value}”可能是 {choices}：请选择哪个班。</translation>
    </message>
    <message>
        <source>“{value}” read as {course_title}.</source>
        <translation>“{value}”按 {course_title} 处理。</translation>
    </message>
    <message>
        <source>The submission time “{value}” cannot be read: this row comes after the rows with a time.</source>
        <translation>无法识别提交时间“{value}”：本行排在有提交时间的行之后。</translation>
    </message>
    <message>
        <source>No column of mobile numbers was found: learners will be imported without a phone, and people already on the roster will not be recognised. If the file has one, choose it for Mobile.</source>
        <translation>未找到手机号列：学员将不带手机号导入，已在名册上的人也无法识别。如文件中有手机号列，请在“手机”处选择它。</translation>
    </message>
    <message>
        <source>No column of courses was found: rows will be imported without an enrollment, unless you choose a course for all of them.</source>
        <translation>未找到课程列：这些行将只导入学员、不报名任何课程，除非为所有行选择一门课程。</translation>
    </message>
    <message>
        <source>Line {line} of this file cannot be read in any known encoding. Save it from Excel as .xlsx or as “CSV UTF-8” and import that.</source>
        <translation>此文件第 {line} 行无法按任何已知编码读取。请在 Excel 中另存为 .xlsx 或“CSV UTF-8”后再导入。</translation>
    </message>
    <message>
        <source>Line {line} is not in {encoding} like the lines before it: this file mixes two encodings, often from rows pasted in from another file. Nothing was read. Save it from Excel as .xlsx or as “CSV UTF-8” and import that.</source>
        <translation>第 {line} 行不是与前面各行相同的 {encoding} 编码：此文件混用了两种编码，常见于从其他文件粘贴进来的行。未读取任何内容。请在 Excel 中另存为 .xlsx 或“CSV UTF-8”后再导入。</translation>
    </message>
    <message>
        <source>This file has {rows} rows, more than the {limit} a sign-up import takes. Check that it is the sign-up list and not a whole database export.</source>
        <translation>此文件有 {rows} 行，超过报名导入的上限 {limit} 行。请确认这是报名表，而不是整个数据库的导出。</translation>
    </message>
    <message>
        <source>The largest import must be at least 1 row.</source>
        <translation>导入行数上限至少为 1 行。</translation>
    </message>
    <message>
        <source>“{value}” is not a column choice: write FIELD=COLUMN, for example 手机=F. Fields: {fields}</source>
        <translation>“{value}”不是有效的列选择：请写成 字段=列，例如 手机=F。可用字段：{fields}</translation>
    </message>
    <message>
        <source>This file has no column “{value}”. Its columns: {columns}</source>
        <translation>此文件没有“{value}”列。文件的列：{columns}</translation>
    </message>
    <message>
        <source>No column of names was found (a header such as 姓名 or Name). Headers seen: {columns}</source>
        <translation>没有找到姓名列（表头应为“姓名”或 Name）。读到的表头：{columns}</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>导入已取消，没有写入任何数据。</translation>
    </message>
    <message>
        <source>No row can be imported: fix the problems shown and try again.</source>
        <translation>没有可导入的行：请先修正列出的问题再试。</translation>
    </message>
    <message>
        <source>Row {row} has problems and cannot be imported.</source>
        <translation>第 {row} 行有问题，不能导入。</translation>
    </message>
    <message>
        <source>The roster cannot be saved to {path}: {detail}</source>
        <translation>名册无法保存到 {path}：{detail}</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，没有写入文件。</translation>
    </message>
    <message>
        <source>The school&apos;s name is required.</source>
        <translation>请填写学校名称。</translation>
    </message>
    <message>
        <source>Unknown time zone: {value}.</source>
        <translation>未知的时区：{value}。</translation>
    </message>
    <message>
        <source>The inclusive price ratio must be between 0% and 100%.</source>
        <translation>普惠价比例应在 0% 到 100% 之间。</translation>
    </message>
    <message>
        <source>A number prefix may use only letters and digits: {value}.</source>
        <translation>编号前缀只能使用字母和数字：{value}。</translation>
    </message>
    <message>
        <source>The check-in times are out of range.</source>
        <translation>签到时间设置超出范围。</translation>
    </message>
    <message>
        <source>The verification address must be a web address starting with https:// (or http://), without spaces or &quot;#&quot;: {value}.</source>
        <translation>验证网址须以 https://（或 http://）开头，且不含空格和“#”：{value}。</translation>
    </message>
    <message>
        <source>The days a desk may enter late check-ins must be between 0 and {max}.</source>
        <translation>前台可补录签到的天数必须在 0 到 {max} 之间。</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount.</source>
        <translation>“{value}”不是有效金额。</translation>
    </message>
    <message>
        <source>An amount has at most two decimals (fen).</source>
        <translation>金额最多两位小数（到分）。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount as typed: did you mean {suggestion}?</source>
        <translation>“{value}”不是有效金额：您是想输入 {suggestion} 吗？</translation>
    </message>
    <message>
        <source>In “{value}” a comma or space is out of place: a separator goes only between whole groups of three digits (1,250.50).</source>
        <translation>“{value}”中的逗号或空格位置不对：千位分隔符只能隔开整三位数字（如 1,250.50）。</translation>
    </message>
    <message>
        <source>“{value}” uses digits of another script: type the digits 0–9.</source>
        <translation>“{value}”使用了其他文字的数字：请输入 0–9。</translation>
    </message>
    <message>
        <source>“{value}” is too large for an amount.</source>
        <translation>“{value}”金额过大。</translation>
    </message>
    <message>
        <source>No receipt printer is set for this desk (File → School settings).</source>
        <translation>这台前台电脑还没有设置小票打印机（文件 → 学校设置）。</translation>
    </message>
    <message>
        <source>The receipt printer {printer} did not answer ({reason}): check that it is on, plugged in and has paper.</source>
        <translation>小票打印机 {printer} 没有响应（{reason}）：请检查打印机是否开机、连接好、有纸。</translation>
    </message>
    <message>
        <source>The receipt printer {printer} is out of paper.</source>
        <translation>小票打印机 {printer} 缺纸。</translation>
    </message>
    <message>
        <source>The amount is more than the balance still owed ({balance}).</source>
        <translation>金额超过了尚欠的余额（{balance}）。</translation>
    </message>
    <message>
        <source>Unknown payment method: {value}.</source>
        <translation>未知的支付方式：{value}。</translation>
    </message>
    <message>
        <source>Enter the transaction reference of this payment.</source>
        <translation>请填写这笔付款的交易单号。</translation>
    </message>
    <message>
        <source>A transaction reference has at most {max} characters.</source>
        <translation>交易单号最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>Transaction reference {reference} was already entered (receipt {receipt_no}); the payment is not taken twice.</source>
        <translation>交易单号 {reference} 已经登记过（收据 {receipt_no}）；不会重复收款。</translation>
    </message>
    <message>
        <source>The cash-up for {business_date} is done; that day takes no new entries. Correct it with an entry dated today.</source>
        <translation>{business_date} 已日结，不能再记账。请用今天日期的更正记录来更正。</translation>
    </message>
    <message>
        <source>Your account&apos;s role does not allow this: it needs {needed} or higher. Ask a colleague whose role does.</source>
        <translation>您的账号角色无权进行此操作：需要{needed}或更高权限。请找有权限的同事办理。</translation>
    </message>
    <message>
        <source>This school has staff accounts: sign in first (the windows&apos; sign-in, or --user NAME on the command line).</source>
        <translation>本校已有工作人员账号：请先登录（窗口中登录，或在命令行用 --user 用户名）。</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>请选择原因。</translation>
    </message>
    <message>
        <source>That reason does not fit this kind of entry.</source>
        <translation>该原因不适用于这类记录。</translation>
    </message>
    <message>
        <source>Say in a few words why.</source>
        <translation>请简要说明原因。</translation>
    </message>
    <message>
        <source>The reason is longer than {max} characters.</source>
        <translation>原因超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>That ledger entry does not exist.</source>
        <translation>没有这条账目记录。</translation>
    </message>
    <message>
        <source>Only a payment can be refunded or have a receipt.</source>
        <translation>只有缴费记录可以退费或开收据。</translation>
    </message>
    <message>
        <source>A refund of this payment can be at most {available}.</source>
        <translation>这笔缴费最多可退 {available}。</translation>
    </message>
    <message>
        <source>This enrollment was withdrawn; it takes no payment or waiver.</source>
        <translation>这条报名已退课，不能再缴费或减免。</translation>
    </message>
    <message>
        <source>This learner is on the waiting list: the fee falls due when a seat is theirs, so it takes no payment or waiver yet.</source>
        <translation>该学员在候补名单上：获得名额后才需缴费，现在不能收款或减免。</translation>
    </message>
    <message>
        <source>A correction must stay with the same learner.</source>
        <translation>更正记录必须属于同一位学员。</translation>
    </message>
    <message>
        <source>This correction would take the balance below zero or above the fee (allowed: {min} to {max}).</source>
        <translation>该更正会使余额低于零或高于学费（允许范围：{min} 至 {max}）。</translation>
    </message>
    <message>
        <source>{business_date} has not come yet.</source>
        <translation>{business_date} 还未到。</translation>
    </message>
    <message>
        <source>The counted cash differs from the expected by {difference}; add a note.</source>
        <translation>清点现金与应有金额相差 {difference}，请填写说明。</translation>
    </message>
    <message>
        <source>The note is longer than {max} characters.</source>
        <translation>说明超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>This is not a FrontDesk card.</source>
        <translation>这不是 FrontDesk 的学员卡。</translation>
    </message>
    <message>
        <source>The card could not be read: scan it again, or look the learner up by name.</source>
        <translation>没能读出这张卡：请再扫一次，或按姓名查找学员。</translation>
    </message>
    <message>
        <source>Two codes were read as one: scan one card at a time.</source>
        <translation>两个码被连在一起读了：请一次只扫一张卡。</translation>
    </message>
    <message>
        <source>This card was made by a newer FrontDesk: look the learner up by name.</source>
        <translation>这张卡由更新版本的 FrontDesk 制作：请按姓名查找学员。</translation>
    </message>
    <message>
        <source>This is the code of a certificate, not a learner card.</source>
        <translation>这是结业证书上的码，不是学员卡。</translation>
    </message>
    <message>
        <source>This card of {learner_name} was replaced on {replaced_on}; use the new card.</source>
        <translation>{learner_name}的这张卡已于 {replaced_on} 补办作废，请使用新卡。</translation>
    </message>
    <message>
        <source>Attended {attended} of {held} lessons, needs {needs}.</source>
        <translation>已上 {held} 次课中出勤 {attended} 次，需出勤 {needs} 次。</translation>
    </message>
    <message>
        <source>{amount} still due.</source>
        <translation>尚欠 {amount}。</translation>
    </message>
    <message>
        <source>Withdrew from the course.</source>
        <translation>已退课。</translation>
    </message>
    <message>
        <source>No lesson has been held yet.</source>
        <translation>课程尚未开课。</translation>
    </message>
    <message>
        <source>On track: {attended} of {held} so far, {planned} planned; needs {needs}.</source>
        <translation>进行中：已到 {attended}/{held} 次（共 {planned} 次），需 {needs} 次。</translation>
    </message>
    <message>
        <source>Cannot reach it: {attended} of {held} so far, {planned} planned; needs {needs}.</source>
        <translation>已无法达标：已到 {attended}/{held} 次（共 {planned} 次），需 {needs} 次。</translation>
    </message>
    <message>
        <source>{learner_name}: the course is still running ({attended} of {held} so far, {planned} planned; needs {needs}). A certificate is issued once the course is complete, or earlier only by an admin&apos;s exception.</source>
        <translation>{learner_name}：课程尚未结束（已到 {attended}/{held} 次，共 {planned} 次，需 {needs} 次）。课程结束后才发证书；提前发证只能由管理员特批。</translation>
    </message>
    <message>
        <source>The course is still running ({held} of {planned} lessons held). Certificates are issued once it is complete, or earlier only by an admin&apos;s exception.</source>
        <translation>课程尚未结束（已上 {held}/{planned} 次课）。课程结束后才发证书；提前发证只能由管理员特批。</translation>
    </message>
    <message>
        <source>Say where to save the certificates (--out): a serial is spent only when a certificate is made.</source>
        <translation>请用 --out 指定证书保存位置：证书编号只在证书制作出来时才占用。</translation>
    </message>
    <message>
        <source>No certificate to print.</source>
        <translation>没有可打印的证书。</translation>
    </message>
    <message>
        <source>Other desks kept issuing certificates meanwhile; try again.</source>
        <translation>其他前台同时在发放证书，请重试。</translation>
    </message>
    <message>
        <source>Course {course} is complete already.</source>
        <translation>课程 {course} 已经结课。</translation>
    </message>
    <message>
        <source>Course {course} has held no lesson yet; it cannot be marked finished.</source>
        <translation>课程 {course} 还没有上过课，不能标记结课。</translation>
    </message>
    <message>
        <source>Course {course} was not marked finished.</source>
        <translation>课程 {course} 没有结课标记。</translation>
    </message>
    <message>
        <source>{count} certificates were issued since course {course} was marked finished; revoke them first.</source>
        <translation>课程 {course} 标记结课后已发放 {count} 份证书，请先撤销这些证书。</translation>
    </message>
    <message>
        <source>Only an admin may do this with certificates.</source>
        <translation>只有管理员可以执行此证书操作。</translation>
    </message>
    <message>
        <source>Give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>A withdrawn enrollment cannot get a certificate, not even by exception.</source>
        <translation>已退课的学员不能获得证书，特批也不行。</translation>
    </message>
    <message>
        <source>A learner on the waiting list cannot get a certificate.</source>
        <translation>候补中的学员不能获得证书。</translation>
    </message>
    <message>
        <source>This enrollment has no exception to withdraw.</source>
        <translation>该报名没有可撤回的特批。</translation>
    </message>
    <message>
        <source>The certificate was already issued; revoke it instead.</source>
        <translation>证书已颁发，请改为撤销证书。</translation>
    </message>
    <message>
        <source>{learner_name} has not earned a certificate yet.</source>
        <translation>{learner_name} 尚未达到结业要求。</translation>
    </message>
    <message>
        <source>Certificate {serial} of {learner_name} was revoked; it cannot be printed (a replacement gets a new serial).</source>
        <translation>{learner_name} 的证书 {serial} 已撤销，不能再打印（补发的证书另有新编号）。</translation>
    </message>
    <message>
        <source>Certificate {serial} was already revoked.</source>
        <translation>证书 {serial} 已被撤销。</translation>
    </message>
    <message>
        <source>That certificate does not exist.</source>
        <translation>该证书不存在。</translation>
    </message>
    <message>
        <source>“{text}” cannot be printed: no bundled font has {characters}. Correct the spelling first.</source>
        <translation>“{text}”无法打印：内置字体中没有“{characters}”。请先更正写法。</translation>
    </message>
    <message>
        <source>Unknown certificate layout: {value}.</source>
        <translation>未知的证书版式：{value}。</translation>
    </message>
    <message>
        <source>The certificate text “{value}” uses an unknown {{placeholder}}; use {{course}}, {{hours}}, {{start}}, {{end}} or {{instructor}}.</source>
        <translation>证书文字“{value}”含有未知的 {{占位符}}；可用 {{course}}、{{hours}}、{{start}}、{{end}} 或 {{instructor}}。</translation>
    </message>
    <message>
        <source>A certificate text is longer than {max} characters.</source>
        <translation>证书文字超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>The verification page cannot be written to {path}: {detail}</source>
        <translation>无法把验证页面写入 {path}：{detail}</translation>
    </message>
    <message>
        <source>The image {path} cannot be read.</source>
        <translation>无法读取图片 {path}。</translation>
    </message>
    <message>
        <source>That lesson was cancelled.</source>
        <translation>该课次已取消。</translation>
    </message>
    <message>
        <source>{learner_name} is not enrolled on {course_title}.</source>
        <translation>{learner_name} 未报名 {course_title}。</translation>
    </message>
    <message>
        <source>{learner_name} is already checked in to this lesson.</source>
        <translation>{learner_name} 已签到本课次。</translation>
    </message>
    <message>
        <source>{learner_name} is already excused from this lesson.</source>
        <translation>{learner_name} 本课次已请假。</translation>
    </message>
    <message>
        <source>The lesson is not over yet; close it after it ends.</source>
        <translation>课次尚未结束，请在下课后再结束课次。</translation>
    </message>
    <message>
        <source>Give a reason for voiding this check-in.</source>
        <translation>请填写作废这次签到的原因。</translation>
    </message>
    <message>
        <source>That check-in does not exist.</source>
        <translation>该签到记录不存在。</translation>
    </message>
    <message>
        <source>That check-in was already voided.</source>
        <translation>该签到记录已作废。</translation>
    </message>
    <message>
        <source>There is no recent check-in at this desk to undo.</source>
        <translation>本前台最近没有可撤销的签到。</translation>
    </message>
    <message>
        <source>{at} has not come yet: a check-in cannot be entered for a time in the future.</source>
        <translation>{at} 尚未到来：不能为将来的时间录入签到。</translation>
    </message>
    <message>
        <source>The lesson of {lesson} is over: a check-in entered now is a late entry and needs a reason (a paper sign-in sheet, the desk was down…).</source>
        <translation>{lesson} 的课次已结束：现在录入的签到属于补录，需要填写原因（纸质签到表、前台系统故障等）。</translation>
    </message>
    <message>
        <source>The reason for a late entry is longer than {max} characters.</source>
        <translation>补录原因超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>The lesson of {lesson} is more than {days} days ago: only an administrator may enter check-ins for it.</source>
        <translation>{lesson} 的课次已超过 {days} 天：只有管理员可以为其补录签到。</translation>
    </message>
    <message>
        <source>The time written for {learner_name} has not come yet.</source>
        <translation>{learner_name} 的签到时间还没到。</translation>
    </message>
    <message>
        <source>The time written for {learner_name} is outside the lesson&apos;s check-in time.</source>
        <translation>{learner_name} 的签到时间不在本课次的签到时段内。</translation>
    </message>
    <message>
        <source>This learner is not on the waiting list of {course_title}.</source>
        <translation>该学员不在 {course_title} 的候补名单上。</translation>
    </message>
    <message>
        <source>{course_title} has no free seat ({capacity} seats are taken).</source>
        <translation>{course_title} 已无空位（{capacity} 个名额已满）。</translation>
    </message>
    <message>
        <source>{course_title} has no lesson open for check-in now.</source>
        <translation>{course_title} 现在没有可签到的课次。</translation>
    </message>
    <message>
        <source>The server cannot be reached and this desk has no copy of tonight&apos;s lessons yet: check learners in on the paper sign-in sheet until the server is back.</source>
        <translation>连接不上服务器，本前台还没有今晚课次的副本：请先用纸质签到表签到，服务器恢复后再录入。</translation>
    </message>
    <message>
        <source>This desk is offline: this needs the server (check-in goes on). Note it on paper and enter it once the server is back.</source>
        <translation>本前台已离线：此操作需要连接服务器（签到照常进行）。请先在纸上记下，服务器恢复后再录入。</translation>
    </message>
    <message>
        <source>{learner_name} has had too many replacement cards.</source>
        <translation>{learner_name} 补办学员卡次数过多。</translation>
    </message>
    <message>
        <source>There are no learner cards to print.</source>
        <translation>没有可打印的学员卡。</translation>
    </message>
    <message>
        <source>Choose a course or learners whose cards to print.</source>
        <translation>请选择要打印学员卡的课程或学员。</translation>
    </message>
    <message>
        <source>A PNG holds one card, but {count} were chosen; print a PDF sheet instead.</source>
        <translation>PNG 只能放一张卡，但选了 {count} 张；请改为打印 PDF。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until {until_time}. An admin can unlock it by resetting the password.</source>
        <translation>密码输错次数过多：此账号已锁定至 {until_time}。管理员可通过重设密码为其解锁。</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an admin.</source>
        <translation>此账号已停用。请联系管理员。</translation>
    </message>
    <message>
        <source>A password needs at least {min} characters.</source>
        <translation>密码至少需要 {min} 个字符。</translation>
    </message>
    <message>
        <source>A password has at most {max} characters.</source>
        <translation>密码最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>A user name is required.</source>
        <translation>请填写用户名。</translation>
    </message>
    <message>
        <source>A user name has at most {max} characters.</source>
        <translation>用户名最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>A user name cannot contain spaces: “{value}”.</source>
        <translation>用户名不能包含空格：“{value}”。</translation>
    </message>
    <message>
        <source>The user name {username} is already taken.</source>
        <translation>用户名 {username} 已被使用。</translation>
    </message>
    <message>
        <source>Unknown role: {value}. Use desk, cashier or admin.</source>
        <translation>未知角色：{value}。请使用 desk（前台）、cashier（收银员）或 admin（管理员）。</translation>
    </message>
    <message>
        <source>Staff accounts exist already; an admin adds new ones.</source>
        <translation>已有工作人员账号；新账号请由管理员添加。</translation>
    </message>
    <message>
        <source>Create the first admin account first.</source>
        <translation>请先创建第一位管理员账号。</translation>
    </message>
    <message>
        <source>That staff account does not exist.</source>
        <translation>没有这个工作人员账号。</translation>
    </message>
    <message>
        <source>You cannot disable your own account or change your own role.</source>
        <translation>不能停用自己的账号，也不能修改自己的角色。</translation>
    </message>
    <message>
        <source>This is the last active admin; make another admin first.</source>
        <translation>这是最后一位在用的管理员；请先设置另一位管理员。</translation>
    </message>
    <message>
        <source>The account {username} is already disabled.</source>
        <translation>账号 {username} 已经停用。</translation>
    </message>
    <message>
        <source>The account {username} is not disabled.</source>
        <translation>账号 {username} 没有停用。</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>Learner {code} was already anonymised.</source>
        <translation>学员 {code} 已经匿名化。</translation>
    </message>
    <message>
        <source>{learner_name} is still on {courses}. Withdraw them first.</source>
        <translation>{learner_name} 仍在 {courses} 的名单中，请先办理退课。</translation>
    </message>
    <message>
        <source>The number of years must be between {min} and {max}.</source>
        <translation>年数应在 {min} 到 {max} 之间。</translation>
    </message>
    <message>
        <source>The audit trail cannot be saved to {path}: {detail}</source>
        <translation>操作记录无法保存到 {path}：{detail}</translation>
    </message>
    <message>
        <source>The report ends ({end}) before it starts ({start}).</source>
        <translation>报表的结束日期（{end}）早于开始日期（{start}）。</translation>
    </message>
    <message>
        <source>A report covers at most {max} days; this range has {days}.</source>
        <translation>报表最多覆盖 {max} 天；所选范围有 {days} 天。</translation>
    </message>
    <message>
        <source>{learner_name} did not agree to follow-up calls, so no call can be recorded.</source>
        <translation>{learner_name} 未同意接受回访电话，不能记录回访。</translation>
    </message>
    <message>
        <source>“{value}” is not a follow-up outcome.</source>
        <translation>“{value}”不是有效的回访结果。</translation>
    </message>
    <message>
        <source>{learner_name} was never enrolled on {course_title}.</source>
        <translation>{learner_name} 从未报名 {course_title}。</translation>
    </message>
    <message>
        <source>The weeks after a course and the window must be positive.</source>
        <translation>结课后的周数和统计时段都必须为正数。</translation>
    </message>
    <message>
        <source>Standby must open between {min} and {max} minutes after a lesson starts (0 turns it off).</source>
        <translation>候补补位应在开课后 {min} 到 {max} 分钟之间开放（设为 0 即关闭）。</translation>
    </message>
    <message>
        <source>A repeat no-show must be between {min} and {max} no-shows.</source>
        <translation>“多次爽约”的认定次数应在 {min} 到 {max} 次之间。</translation>
    </message>
    <message>
        <source>No-shows are counted over {min} to {max} days.</source>
        <translation>爽约次数的统计天数应在 {min} 到 {max} 天之间。</translation>
    </message>
    <message>
        <source>{course_title} does not use standby.</source>
        <translation>{course_title} 未启用候补补位。</translation>
    </message>
    <message>
        <source>{course_title} has {free_seats} free seats: enrol from the waiting list instead of standby.</source>
        <translation>{course_title} 还有 {free_seats} 个空位：请从候补名单递补入班，不用候补补位。</translation>
    </message>
    <message>
        <source>Standby opens {minutes} minutes after the lesson starts.</source>
        <translation>候补补位在开课 {minutes} 分钟后开放。</translation>
    </message>
    <message>
        <source>This lesson of {course_title} is over: no more standby.</source>
        <translation>{course_title} 的这个课次已结束，不能再候补补位。</translation>
    </message>
    <message>
        <source>No seat is free in this lesson of {course_title}.</source>
        <translation>{course_title} 的这个课次已没有空位。</translation>
    </message>
    <message>
        <source>The backup folder {folder} cannot be used: {detail}</source>
        <translation>备份文件夹 {folder} 无法使用：{detail}</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full, so nothing was written there. The store is unchanged; free some space or choose another backup folder.</source>
        <translation>{folder} 所在的磁盘已满，没有写入任何内容。数据库未改动；请清理空间或另选备份文件夹。</translation>
    </message>
    <message>
        <source>The backup to {folder} failed: {detail}. The store is unchanged.</source>
        <translation>备份到 {folder} 失败：{detail}。数据库未改动。</translation>
    </message>
    <message>
        <source>The backup copy failed its check ({detail}) and was deleted. The store may be damaged: keep the previous backups.</source>
        <translation>备份副本未通过校验（{detail}），已删除。数据库可能已损坏：请保留之前的备份。</translation>
    </message>
    <message>
        <source>{path} is not a FrontDesk backup: it is not a database file.</source>
        <translation>{path} 不是 FrontDesk 备份：它不是数据库文件。</translation>
    </message>
    <message>
        <source>{path} is incomplete: it was cut short ({size} of {expected} bytes), perhaps by a full disk or an interrupted copy. Choose another backup.</source>
        <translation>{path} 不完整：文件被截断（{size} / {expected} 字节），可能是磁盘已满或复制中断。请选择其他备份。</translation>
    </message>
    <message>
        <source>{path} is damaged and cannot be restored: {detail}</source>
        <translation>{path} 已损坏，无法恢复：{detail}</translation>
    </message>
    <message>
        <source>{path} is a database, but not a FrontDesk store.</source>
        <translation>{path} 是数据库，但不是 FrontDesk 的数据。</translation>
    </message>
    <message>
        <source>{path} was made by a newer FrontDesk (schema {revision}). Update FrontDesk before restoring it.</source>
        <translation>{path} 由更新版本的 FrontDesk 生成（结构版本 {revision}）。请先升级 FrontDesk 再恢复。</translation>
    </message>
    <message>
        <source>{path} is the store itself; choose a backup file.</source>
        <translation>{path} 就是当前数据库本身；请选择一个备份文件。</translation>
    </message>
    <message>
        <source>The store is open in another FrontDesk window or program. Close FrontDesk on every desk that uses {path}, then restore again. Nothing was changed.</source>
        <translation>数据库正被另一个 FrontDesk 窗口或程序使用。请在所有使用 {path} 的前台关闭 FrontDesk，然后重新恢复。未做任何更改。</translation>
    </message>
    <message>
        <source>Restoring replaces a SQLite store file. For PostgreSQL, restore the pg_dump file with pg_restore.</source>
        <translation>恢复功能用于替换 SQLite 数据库文件。PostgreSQL 请用 pg_restore 恢复 pg_dump 文件。</translation>
    </message>
    <message>
        <source>pg_dump was not found. Install the PostgreSQL client tools (the same major version as the server) or back up the server with its own tools.</source>
        <translation>未找到 pg_dump。请安装 PostgreSQL 客户端工具（与服务器相同的主版本），或用服务器自带的工具备份。</translation>
    </message>
    <message>
        <source>pg_dump failed: {detail}</source>
        <translation>pg_dump 失败：{detail}</translation>
    </message>
    <message>
        <source>The store cannot be opened or written: {detail}</source>
        <translation>无法打开或写入数据库：{detail}</translation>
    </message>
    <message>
        <source>This is not a FrontDesk store: {detail}</source>
        <translation>这不是 FrontDesk 数据库：{detail}</translation>
    </message>
    <message>
        <source>No FrontDesk store at {detail}. Check the path; a new store is made only by “frontdesk init” (or “frontdesk demo”, or the first start of the windows).</source>
        <translation>{detail} 处没有 FrontDesk 数据库。请检查路径；只有“frontdesk init”（或“frontdesk demo”，或首次打开窗口时）才会新建数据库。</translation>
    </message>
    <message>
        <source>The store&apos;s schema must be upgraded ({detail}) by its owner: run “frontdesk init” once with the owner&apos;s login (see README), then start the desks again.</source>
        <translation>数据库结构需要由其所有者升级（{detail}）：请用所有者的登录运行一次“frontdesk init”（见 README），然后重新启动各前台。</translation>
    </message>
    <message>
        <source>The store is damaged and cannot be used: {detail}. Nothing was changed. Restore the newest backup (frontdesk restore), or open another store.</source>
        <translation>数据库已损坏，无法使用：{detail}。没有做任何更改。请恢复最新的备份（frontdesk restore），或打开另一个数据库。</translation>
    </message>
    <message>
        <source>This store was written by a newer FrontDesk ({detail}). Update FrontDesk to open it.</source>
        <translation>这个数据库由更新版本的 FrontDesk 写入（{detail}）。请升级 FrontDesk 后再打开。</translation>
    </message>
    <message>
        <source>The store is in use by another FrontDesk on this computer.</source>
        <translation>这台电脑上的另一个 FrontDesk 正在使用该数据库。</translation>
    </message>
    <message>
        <source>The database server cannot be reached: {detail}</source>
        <translation>无法连接数据库服务器：{detail}</translation>
    </message>
    <message>
        <source>{what} {row_id} was written outside FrontDesk: it carries no seal.</source>
        <translation>{what} {row_id} 不是由 FrontDesk 写入的：没有校验封记。</translation>
    </message>
    <message>
        <source>{what} {row_id}: the record before it was removed or changed.</source>
        <translation>{what} {row_id}：它前面的一条记录被删除或修改过。</translation>
    </message>
    <message>
        <source>{what} {row_id} was changed after it was written.</source>
        <translation>{what} {row_id} 在写入后被修改过。</translation>
    </message>
    <message>
        <source>{what}: the last records were removed ({detail} found/counted).</source>
        <translation>{what}：最后几条记录被删除了（现有/应有：{detail}）。</translation>
    </message>
    <message>
        <source>The store file is damaged: {detail}</source>
        <translation>数据库文件已损坏：{detail}</translation>
    </message>
    <message>
        <source>{what} {row_id} refers to a missing {detail} record.</source>
        <translation>{what} {row_id} 引用的 {detail} 记录不存在。</translation>
    </message>
    <message>
        <source>{what}: the guard that keeps these records append-only ({detail}) is missing or switched off.</source>
        <translation>{what}：保证这些记录只能新增的保护（{detail}）已缺失或被关闭。</translation>
    </message>
    <message>
        <source>{what}: number {detail} (year:number) is missing.</source>
        <translation>{what}：缺少编号 {detail}（年份:序号）。</translation>
    </message>
    <message>
        <source>{what}: number {detail} appears twice.</source>
        <translation>{what}：编号 {detail} 出现了两次。</translation>
    </message>
    <message>
        <source>{what}: “{detail}” is not a number FrontDesk gives.</source>
        <translation>{what}：“{detail}”不是 FrontDesk 生成的编号。</translation>
    </message>
    <message>
        <source>{what} {row_id} ({detail}) no longer matches the cash entries of its day.</source>
        <translation>{what} {row_id}（{detail}）与当天的现金记录不再相符。</translation>
    </message>
    <message>
        <source>Desk roles are for a PostgreSQL store; a SQLite store has no logins.</source>
        <translation>前台角色只适用于 PostgreSQL 数据库；SQLite 数据库没有登录角色。</translation>
    </message>
    <message>
        <source>“{role}” is not a plain role name (lower-case letters, digits and _).</source>
        <translation>“{role}”不是有效的角色名（只能用小写字母、数字和 _）。</translation>
    </message>
    <message>
        <source>This computer does not hold the school&apos;s certificate signing key ({key_id}; looked in {folder}). Certificates can be verified here, but issued and printed only on the computer that holds the key.</source>
        <translation>这台电脑上没有本校的证书签名密钥（{key_id}；已查找 {folder}）。这里可以核验证书，但只能在保存密钥的电脑上颁发和打印证书。</translation>
    </message>
    <message>
        <source>That is not the signing key&apos;s passphrase.</source>
        <translation>签名密钥的口令不正确。</translation>
    </message>
    <message>
        <source>The passphrase must have at least {min} characters.</source>
        <translation>口令至少需要 {min} 个字符。</translation>
    </message>
    <message>
        <source>The signing key&apos;s passphrase is needed: run the command in a terminal, or pass it with --passphrase-stdin.</source>
        <translation>需要签名密钥的口令：请在终端中运行此命令，或用 --passphrase-stdin 提供口令。</translation>
    </message>
    <message>
        <source>The key file {path} is damaged or not a FrontDesk key file.</source>
        <translation>密钥文件 {path} 已损坏，或不是 FrontDesk 的密钥文件。</translation>
    </message>
    <message>
        <source>The school has no signing key yet: it is made with the first certificate.</source>
        <translation>本校还没有签名密钥：颁发第一张证书时会生成。</translation>
    </message>
    <message>
        <source>No failed store check is waiting to be looked at.</source>
        <translation>没有待查看的未通过检查。</translation>
    </message>
    <message>
        <source>Ledger entry</source>
        <translation>账目记录</translation>
    </message>
    <message>
        <source>Audit event</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Cash-up</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>a desk account</source>
        <translation>前台账号</translation>
    </message>
    <message>
        <source>a cashier account</source>
        <translation>收银员账号</translation>
    </message>
    <message>
        <source>an admin account</source>
        <translation>管理员账号</translation>
    </message>
</context>
<context>
    <name>DoorBanner</name>
    <message>
        <source>Online · copy of tonight&apos;s lessons: {age}</source>
        <translation>在线 · 今晚课次副本：{age}</translation>
    </message>
    <message>
        <source>Offline · {n} waiting to upload · check-ins are answered from the copy of tonight&apos;s lessons ({age})</source>
        <translation>离线 · {n} 条待上传 · 按今晚课次副本签到（{age}）</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚更新</translation>
    </message>
    <message numerus="yes">
        <source>%n min old</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Enroll in a course</source>
        <translation>报名课程</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>free</source>
        <translation>公益</translation>
    </message>
    <message>
        <source>inclusive</source>
        <translation>普惠</translation>
    </message>
    <message>
        <source>No courses yet: add one on the Courses page.</source>
        <translation>还没有课程：请先在“课程”页添加。</translation>
    </message>
    <message>
        <source>market price {price}</source>
        <translation>市场价 {price}</translation>
    </message>
    <message>
        <source>{free} of {capacity} seats free</source>
        <translation>剩余名额 {free} / {capacity}</translation>
    </message>
    <message>
        <source>Full: the learner goes on the waiting list ({n} waiting)</source>
        <translation>已满：学员将进入候补（已有 {n} 人候补）</translation>
    </message>
</context>
<context>
    <name>Enrollment</name>
    <message>
        <source>The course is full: on the waiting list at place {n}.</source>
        <translation>课程已满：已加入候补，排第 {n} 位。</translation>
    </message>
    <message>
        <source>Enrolled.</source>
        <translation>报名成功。</translation>
    </message>
</context>
<context>
    <name>EnrollmentStatus</name>
    <message>
        <source>Enrolled</source>
        <translation>在读</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已退课</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已结业</translation>
    </message>
    <message>
        <source>Waiting list #{n}</source>
        <translation>候补第 {n} 位</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>roster.xlsx</source>
        <translation>学员名册.xlsx</translation>
    </message>
    <message>
        <source>class-list.xlsx</source>
        <translation>班级名单.xlsx</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Exported {n} rows to {path}.</source>
        <translation>已导出 {n} 行到 {path}。</translation>
    </message>
</context>
<context>
    <name>Fees</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退费</translation>
    </message>
    <message>
        <source>Waiver</source>
        <translation>减免</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>公益</translation>
    </message>
    <message>
        <source>Inclusive</source>
        <translation>普惠</translation>
    </message>
    <message>
        <source>Learner withdrew</source>
        <translation>学员退课</translation>
    </message>
    <message>
        <source>Course cancelled</source>
        <translation>课程取消</translation>
    </message>
    <message>
        <source>Paid twice</source>
        <translation>重复缴费</translation>
    </message>
    <message>
        <source>Wrong amount entered</source>
        <translation>金额录错</translation>
    </message>
    <message>
        <source>Wrong course</source>
        <translation>记错课程</translation>
    </message>
    <message>
        <source>Unemployed</source>
        <translation>待业/失业</translation>
    </message>
    <message>
        <source>Financial hardship</source>
        <translation>生活困难</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <source>Senior</source>
        <translation>老年人</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Fee due</source>
        <translation>应缴</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Waived</source>
        <translation>减免</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>尚欠</translation>
    </message>
    <message>
        <source>Public subsidy</source>
        <translation>公共补贴</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>交易单号</translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation>可退</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款笔数</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款笔数</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净收</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>学员</translation>
    </message>
</context>
<context>
    <name>FeesPage</name>
    <message>
        <source>Name, pinyin, phone digits, or scan the learner card</source>
        <translation>姓名、拼音、手机号，或扫学员卡</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>欠费名单</translation>
    </message>
    <message>
        <source>Daily cash-up</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Nobody matches “{query}”.</source>
        <translation>没有与“{query}”匹配的学员。</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the first administrator</source>
        <translation>创建第一位管理员</translation>
    </message>
    <message>
        <source>This school has no staff accounts yet. Create the first administrator: they can then add accounts for the desk staff. From then on everyone signs in, and each can do only what their role allows.</source>
        <translation>本校还没有工作人员账号。请先创建第一位管理员，由管理员为前台工作人员添加账号。此后每个人都需要登录，并且只能做自己角色允许的操作。</translation>
    </message>
    <message>
        <source>A password needs at least {min} characters.</source>
        <translation>密码至少需要 {min} 个字符。</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to FrontDesk</source>
        <translation>欢迎使用 FrontDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome to FrontDesk&lt;/h3&gt;&lt;p&gt;This store is empty. How would you like to start?&lt;/p&gt;</source>
        <translation>&lt;h3&gt;欢迎使用 FrontDesk&lt;/h3&gt;&lt;p&gt;数据库还是空的。您想怎样开始？&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Explore a demo school (水贝夜校: 3,000 learners, 60 courses, lessons this term)</source>
        <translation>先看看演示学校（水贝夜校：3,000 名学员、60 门课程、本学期课表）</translation>
    </message>
    <message>
        <source>Start our own school with an empty roster</source>
        <translation>从空名册开始建立我们自己的学校</translation>
    </message>
    <message>
        <source>Building the demo school…</source>
        <translation>正在建立演示学校…</translation>
    </message>
    <message>
        <source>Demo school</source>
        <translation>演示学校</translation>
    </message>
</context>
<context>
    <name>FollowupTab</name>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Course ended</source>
        <translation>结课日期</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Calls not answered</source>
        <translation>未接通次数</translation>
    </message>
    <message>
        <source>Last tried</source>
        <translation>最近一次拨打</translation>
    </message>
    <message>
        <source>Call learners</source>
        <translation>回访学员：结课</translation>
    </message>
    <message>
        <source> weeks after their course ended</source>
        <translation> 周后</translation>
    </message>
    <message>
        <source>for courses that ended within</source>
        <translation>，包括此前</translation>
    </message>
    <message>
        <source> weeks before that</source>
        <translation> 周内结课的课程</translation>
    </message>
    <message>
        <source>Record the call…</source>
        <translation>登记回访…</translation>
    </message>
    <message>
        <source>Another learner…</source>
        <translation>其他学员…</translation>
    </message>
    <message>
        <source>{n} calls due. Only learners who agreed to follow-up calls are listed; a learner leaves the list once a call reaches them (a call not answered keeps them on it).</source>
        <translation>待回访 {n} 人。这里只列出同意接受回访的学员；电话联系上后即从名单中移除（未接通的仍保留在名单上）。</translation>
    </message>
    <message>
        <source>Who was called?</source>
        <translation>回访了哪位学员？</translation>
    </message>
    <message>
        <source>Call recorded: {outcome}.</source>
        <translation>回访已登记：{outcome}。</translation>
    </message>
</context>
<context>
    <name>FunderTab</name>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课次</translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation>报名人次</translation>
    </message>
    <message>
        <source>Attendances</source>
        <translation>出勤人次</translation>
    </message>
    <message>
        <source>Learner-hours</source>
        <translation>学时（人·小时）</translation>
    </message>
    <message>
        <source>Subsidy</source>
        <translation>补贴</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>结业率</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>结业证书</translation>
    </message>
    <message>
        <source>Funder report from</source>
        <translation>办学情况报告：从</translation>
    </message>
    <message>
        <source>This term</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Make the report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <source>A line per course in the PDF</source>
        <translation>PDF 中列出每门课程</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Save Excel…</source>
        <translation>保存 Excel…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Counting the report&apos;s figures…</source>
        <translation>正在统计报表数据…</translation>
    </message>
    <message>
        <source>{all} ({free} free, {inclusive} inclusive)</source>
        <translation>{all} 人（公益 {free}，普惠 {inclusive}）</translation>
    </message>
    <message>
        <source>{rate} ({done} of {seats}; {courses} courses ended, {withdrawn} withdrew)</source>
        <translation>{rate}（{seats} 人中 {done} 人结业；本期结课 {courses} 门，退课 {withdrawn} 人）</translation>
    </message>
    <message>
        <source>Courses: free / inclusive</source>
        <translation>课程：公益 / 普惠</translation>
    </message>
    <message>
        <source>Learners served (came at least once)</source>
        <translation>服务学员（至少来过一次）</translation>
    </message>
    <message>
        <source>Job or business, share of learners served</source>
        <translation>就业创业人数占服务学员比例</translation>
    </message>
    <message>
        <source>{start} to {end}, as of {time}</source>
        <translation>{start} 至 {end}，数据截至 {time}</translation>
    </message>
    <message>
        <source>funder-report</source>
        <translation>办学情况报告</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import learners</source>
        <translation>导入学员</translation>
    </message>
    <message>
        <source>Sign-up forms (*.xlsx *.csv *.txt)</source>
        <translation>报名表 (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Will be</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>merged into row {row}</source>
        <translation>并入第 {row} 行</translation>
    </message>
    <message>
        <source>waiting list</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{accepted} rows will be imported ({waiting} onto a waiting list); {replaced} are earlier answers of a person who answered again; {rejected} rows have problems and will be skipped. Nothing is written until you press Import.</source>
        <translation>将导入 {accepted} 行（其中 {waiting} 行进入候补）；{replaced} 行是同一人较早的填写，已合并；{rejected} 行有问题，将跳过。按“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <source>Course for rows that name none:</source>
        <translation>未写课程的行报名到：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>seat</source>
        <translation>有座位</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Import {n} rows</source>
        <translation>导入 {n} 行</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Imported: {added} new learners, {reused} already on the roster, {enrolled} enrollments ({waiting} on waiting lists), {skipped} rows skipped.</source>
        <translation>导入完成：新学员 {added} 人，已在名册中 {reused} 人，报名 {enrolled} 人次（其中候补 {waiting}），跳过 {skipped} 行。</translation>
    </message>
</context>
<context>
    <name>InstructorDialog</name>
    <message>
        <source>Instructor</source>
        <translation>讲师</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>About</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>e.g. professor, jewellery designer</source>
        <translation>例如：教授、珠宝设计师</translation>
    </message>
</context>
<context>
    <name>InstructorsPage</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>About</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>New instructor</source>
        <translation>新建讲师</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
</context>
<context>
    <name>LearnerDialog</name>
    <message>
        <source>New learner</source>
        <translation>新建学员</translation>
    </message>
    <message>
        <source>Edit learner</source>
        <translation>编辑学员</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>11-digit mobile, e.g. 13812345678</source>
        <translation>11 位手机号，例如 13812345678</translation>
    </message>
    <message>
        <source>Agrees to follow-up calls about jobs after the course</source>
        <translation>同意结业后接受就业回访电话</translation>
    </message>
    <message>
        <source>Open {name} ({code}) instead</source>
        <translation>改为打开 {name}（{code}）</translation>
    </message>
</context>
<context>
    <name>LearnerEnrollmentsPanel</name>
    <message>
        <source>Code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Fee due</source>
        <translation>应缴</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>退课</translation>
    </message>
    <message>
        <source>Select a learner to see their courses.</source>
        <translation>选择一位学员，查看其课程。</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>公益</translation>
    </message>
    <message>
        <source>Withdrawn. {name} moved up from the waiting list.</source>
        <translation>已退课。{name} 已从候补递补入班。</translation>
    </message>
    <message>
        <source>Withdrawn.</source>
        <translation>已退课。</translation>
    </message>
    <message>
        <source>Withdraw this learner from the course? The first learner on the waiting list takes the seat.</source>
        <translation>确定让这位学员退课吗？候补第一位学员将递补名额。</translation>
    </message>
</context>
<context>
    <name>LearnerFeesPanel</name>
    <message>
        <source>Amount (¥):</source>
        <translation>金额（¥）：</translation>
    </message>
    <message>
        <source>Take payment (Enter)</source>
        <translation>收款（回车）</translation>
    </message>
    <message>
        <source>Print the receipt</source>
        <translation>打印收据</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退费…</translation>
    </message>
    <message>
        <source>Waive…</source>
        <translation>减免…</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>补打收据</translation>
    </message>
    <message>
        <source>&lt;b&gt;Payments, refunds and waivers&lt;/b&gt;</source>
        <translation>&lt;b&gt;缴费、退费和减免记录&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Receipts are saved in {folder}</source>
        <translation>收据保存在 {folder}</translation>
    </message>
    <message>
        <source>Find a learner: type a name, pinyin or phone digits, or scan the card</source>
        <translation>查找学员：输入姓名、拼音或手机号，或扫学员卡</translation>
    </message>
    <message>
        <source>Not enrolled on any course.</source>
        <translation>未报名任何课程。</translation>
    </message>
    <message numerus="yes">
        <source>%n course(s) · still owed {owed} · public subsidy received {subsidy}</source>
        <translation>
            <numerusform>%n 门课程 · 尚欠 {owed} · 已获公共补贴 {subsidy}</numerusform>
        </translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>交易单号：</translation>
    </message>
    <message>
        <source>Transaction reference *:</source>
        <translation>交易单号 *：</translation>
    </message>
    <message>
        <source>the transaction number on the payer&apos;s phone</source>
        <translation>付款人手机上显示的交易单号</translation>
    </message>
    <message>
        <source>Received {amount}, receipt {receipt_no}. Still owed: {balance}.</source>
        <translation>收款 {amount}，收据 {receipt_no}。尚欠 {balance}。</translation>
    </message>
    <message>
        <source>Refunded {amount} of receipt {receipt_no}. Still owed: {balance}.</source>
        <translation>已退收据 {receipt_no} 的 {amount}。尚欠 {balance}。</translation>
    </message>
    <message>
        <source>Waived {amount} on {course}. Still owed: {balance}.</source>
        <translation>{course} 已减免 {amount}。尚欠 {balance}。</translation>
    </message>
    <message>
        <source>Copy of receipt {receipt_no} made.</source>
        <translation>收据 {receipt_no} 的副本已生成。</translation>
    </message>
</context>
<context>
    <name>LearnerPicker</name>
    <message>
        <source>Name, pinyin, mobile digits or card code</source>
        <translation>姓名、拼音、手机号数字或学员编号</translation>
    </message>
</context>
<context>
    <name>LearnerTableModel</name>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
</context>
<context>
    <name>LessonDialog</name>
    <message>
        <source>Lesson</source>
        <translation>课次</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>教室</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>this lesson does not take place</source>
        <translation>本次课不上</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation>已锁屏</translation>
    </message>
    <message>
        <source>{name} is signed in at desk {desk}. Type the password to go on.</source>
        <translation>{name} 正在使用前台 {desk}。请输入密码继续。</translation>
    </message>
    <message>
        <source>Nobody is signed in</source>
        <translation>无人登录</translation>
    </message>
    <message>
        <source>Desk {desk}: sign in to use FrontDesk.</source>
        <translation>前台 {desk}：请登录后使用。</translation>
    </message>
    <message>
        <source>Someone else: sign in as another person…</source>
        <translation>换人：以其他工作人员身份登录…</translation>
    </message>
    <message>
        <source>Learners can still check in: scan a card here.</source>
        <translation>学员仍可签到：请在此扫学员卡。</translation>
    </message>
    <message>
        <source>Ready: scan a learner card</source>
        <translation>请扫描学员卡</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>a new school</source>
        <translation>新学校（未命名）</translation>
    </message>
    <message>
        <source>FrontDesk — {school}</source>
        <translation>FrontDesk — {school}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>School &amp;settings…</source>
        <translation>学校设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keys and scanning at the desk</source>
        <translation>按键与扫码说明(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About FrontDesk</source>
        <translation>关于 FrontDesk(&amp;A)</translation>
    </message>
    <message>
        <source>{school} · desk {desk}</source>
        <translation>{school} · {desk}</translation>
    </message>
    <message>
        <source>Store: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <source>Backup failed: {reason}</source>
        <translation>备份失败：{reason}</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Scanning:&lt;/b&gt; a learner card can be scanned whatever is on the screen: in a search box, in a dialog (answered when it closes) or on the lock screen. What was typed in the box stays as it was.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ctrl+1 … Ctrl+0&lt;/b&gt; bring up a page (in the order of the list on the left); &lt;b&gt;Ctrl+F&lt;/b&gt; goes to the page&apos;s search by name; &lt;b&gt;Ctrl+L&lt;/b&gt; locks the desk.&lt;/p&gt;&lt;p&gt;A card that cannot be read: scan it again, or find the learner by name.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;扫码：&lt;/b&gt;无论屏幕上是什么，都可以扫学员卡：在搜索框里、在对话框里（关闭对话框后处理）、在锁屏时都可以。框里已经输入的文字保持不变。&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ctrl+1 … Ctrl+0&lt;/b&gt; 打开对应页面（按左侧列表顺序）；&lt;b&gt;Ctrl+F&lt;/b&gt; 转到本页的按姓名查找；&lt;b&gt;Ctrl+L&lt;/b&gt; 锁定前台。&lt;/p&gt;&lt;p&gt;卡读不出来时：再扫一次，或按姓名查找学员。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keys and scanning</source>
        <translation>按键与扫码</translation>
    </message>
    <message>
        <source>About FrontDesk</source>
        <translation>关于 FrontDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;FrontDesk {version}&lt;/b&gt;&lt;p&gt;The front desk of a community night school: roster, check-in, fees and certificates.&lt;/p&gt;&lt;p&gt;Store: {store}&lt;br&gt;Data folder: {data}&lt;br&gt;Log folder: {logs}&lt;/p&gt;</source>
        <translation>&lt;b&gt;夜校前台 FrontDesk {version}&lt;/b&gt;&lt;p&gt;社区夜校前台：学员名册、签到、缴费和结业证书。&lt;/p&gt;&lt;p&gt;数据库：{store}&lt;br&gt;数据文件夹：{data}&lt;br&gt;日志文件夹：{logs}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ManualLookup</name>
    <message>
        <source>Forgot the card? Find by name:</source>
        <translation>忘带卡？按姓名查找：</translation>
    </message>
    <message>
        <source>name (Chinese), pinyin or phone digits</source>
        <translation>姓名（中文）、拼音或手机号数字</translation>
    </message>
    <message>
        <source>Check in (Enter)</source>
        <translation>签到（回车）</translation>
    </message>
    <message>
        <source>Excused…</source>
        <translation>请假…</translation>
    </message>
    <message>
        <source>{n}{more} found for “{query}”: choose and press Enter</source>
        <translation>找到 {n}{more} 人（“{query}”）：选中后按回车</translation>
    </message>
</context>
<context>
    <name>MappingPanel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Follow-up consent</source>
        <translation>同意回访</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>（不使用）</translation>
    </message>
    <message>
        <source>Ignored columns: {columns}</source>
        <translation>未使用的列：{columns}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>chosen over {columns}</source>
        <translation>优先于 {columns}</translation>
    </message>
    <message>
        <source>not used: {columns} may be someone else&apos;s</source>
        <translation>未使用：{columns} 可能是他人的信息</translation>
    </message>
    <message>
        <source>remembered for this form</source>
        <translation>已为此表单记住</translation>
    </message>
    <message>
        <source>chosen by hand</source>
        <translation>手动选择</translation>
    </message>
    <message>
        <source>Which course is “{answer}”?</source>
        <translation>“{answer}”是哪门课程？</translation>
    </message>
    <message>
        <source>“{answer}”: which class?</source>
        <translation>“{answer}”：报哪个班？</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
</context>
<context>
    <name>NoShowsTab</name>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>缺勤（未到）</translation>
    </message>
    <message>
        <source>Free courses</source>
        <translation>公益课程数</translation>
    </message>
    <message>
        <source>Last missed</source>
        <translation>最近缺勤</translation>
    </message>
    <message>
        <source>Lessons of free courses since</source>
        <translation>公益课程课次，自</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source> no-shows</source>
        <translation> 次缺勤</translation>
    </message>
    <message>
        <source>{n} learners took a free seat and did not come (excused lessons are not no-shows). With {repeat} or more no-shows in {days} days a learner is a repeat no-show: courses that say so put them last on their waiting list.</source>
        <translation>{n} 名学员报名了公益课程却没有来上课（请假不算缺勤）。{days} 天内缺勤 {repeat} 次或以上即为多次缺勤：设置了此规则的课程会把他们排在候补名单最后。</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>fee due</source>
        <translation>尚欠</translation>
    </message>
    <message>
        <source>already checked in</source>
        <translation>已签过</translation>
    </message>
    <message>
        <source>no lesson now</source>
        <translation>现在没有课</translation>
    </message>
    <message>
        <source>waiting list</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>other course tonight</source>
        <translation>今晚另有课程</translation>
    </message>
    <message>
        <source>card replaced</source>
        <translation>卡已补办</translation>
    </message>
    <message>
        <source>not a FrontDesk card</source>
        <translation>非本系统学员卡</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>未能读出</translation>
    </message>
    <message>
        <source>two codes as one</source>
        <translation>两码连读</translation>
    </message>
    <message>
        <source>newer card</source>
        <translation>新版卡</translation>
    </message>
    <message>
        <source>two lessons</source>
        <translation>两节课</translation>
    </message>
    <message>
        <source>unknown learner</source>
        <translation>未知学员</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>证书</translation>
    </message>
</context>
<context>
    <name>OutcomePanel</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>{course} · {weekday} {date} {start}–{end}{room}</source>
        <translation>{course} · {weekday} {date} {start}–{end}{room}</translation>
    </message>
    <message>
        <source>Ready: scan a learner card</source>
        <translation>请扫描学员卡</translation>
    </message>
    <message>
        <source>Or type pinyin, the last digits of a phone, or a card code, and press Enter.</source>
        <translation>也可以输入拼音、手机号后几位或学员编号，然后按回车。</translation>
    </message>
    <message>
        <source>{name}: already checked in at {time}</source>
        <translation>{name}：已于 {time} 签到</translation>
    </message>
    <message>
        <source>Next: {lesson}</source>
        <translation>下次课：{lesson}</translation>
    </message>
    <message>
        <source>No more lessons of this learner&apos;s courses are planned.</source>
        <translation>这位学员的课程已没有后续课次。</translation>
    </message>
    <message>
        <source>{name}: no lesson now</source>
        <translation>{name}：现在没有课</translation>
    </message>
    <message>
        <source>{name} is not on this lesson</source>
        <translation>{name} 不在这个课次</translation>
    </message>
    <message>
        <source>Their class tonight: {lesson}</source>
        <translation>今晚的课：{lesson}</translation>
    </message>
    <message>
        <source>Card replaced on {date}</source>
        <translation>此卡已于 {date} 补办作废</translation>
    </message>
    <message>
        <source>{name} has a newer card; this old card no longer works.</source>
        <translation>{name} 已补办新卡，这张旧卡不能再用。</translation>
    </message>
    <message>
        <source>Learner not found</source>
        <translation>找不到学员</translation>
    </message>
    <message>
        <source>This card is genuine but its learner is not in this store.</source>
        <translation>这张卡是真的，但数据库中没有这位学员。</translation>
    </message>
    <message>
        <source>The card could not be read</source>
        <translation>没能读出这张卡</translation>
    </message>
    <message>
        <source>Scan it again, or look the learner up by name. Nothing was recorded.</source>
        <translation>请再扫一次，或按姓名查找学员。未作任何记录。</translation>
    </message>
    <message>
        <source>Two codes read as one</source>
        <translation>两个码连在一起了</translation>
    </message>
    <message>
        <source>Scan one card at a time. Nothing was recorded.</source>
        <translation>请一次只扫一张卡。未作任何记录。</translation>
    </message>
    <message>
        <source>A card from a newer FrontDesk</source>
        <translation>这是新版 FrontDesk 的卡</translation>
    </message>
    <message>
        <source>Look the learner up by name. Nothing was recorded.</source>
        <translation>请按姓名查找学员。未作任何记录。</translation>
    </message>
    <message>
        <source>Not a FrontDesk card</source>
        <translation>不是 FrontDesk 学员卡</translation>
    </message>
    <message>
        <source>This code is not a learner card. Nothing was recorded.</source>
        <translation>这个码不是学员卡。未作任何记录。</translation>
    </message>
    <message>
        <source>Offline: kept on this desk, uploaded when the server is back.</source>
        <translation>离线：已保存在本前台，服务器恢复后上传。</translation>
    </message>
    <message>
        <source>{name}: checked in, {n} min late</source>
        <translation>{name}：已签到，迟到 {n} 分钟</translation>
    </message>
    <message>
        <source>{name}: checked in, fee due {amount}</source>
        <translation>{name}：已签到，尚欠学费 {amount}</translation>
    </message>
    <message>
        <source>Take payment…</source>
        <translation>去缴费…</translation>
    </message>
    <message>
        <source>{name}: checked in</source>
        <translation>{name}：签到成功</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>{name} is on the waiting list, not enrolled</source>
        <translation>{name} 在候补名单中，尚未入班</translation>
    </message>
    <message>
        <source>Place {n} on the waiting list · {lesson}</source>
        <translation>候补第 {n} 位 · {lesson}</translation>
    </message>
    <message>
        <source>Seat free: enroll and check in</source>
        <translation>有空位：入班并签到</translation>
    </message>
    <message>
        <source>{name} has two lessons now: which one?</source>
        <translation>{name} 现在有两节课：签到哪一节？</translation>
    </message>
    <message>
        <source>Press the lesson to check in to.</source>
        <translation>请点选要签到的课次。</translation>
    </message>
</context>
<context>
    <name>OutputDialog</name>
    <message>
        <source>Print certificates</source>
        <translation>打印证书</translation>
    </message>
    <message>
        <source>{n} certificates: what should FrontDesk make?</source>
        <translation>共 {n} 张证书，要怎样输出？</translation>
    </message>
    <message>
        <source>Print now (preview first)</source>
        <translation>现在打印（先预览）</translation>
    </message>
    <message>
        <source>Save one PDF, a page for each learner</source>
        <translation>保存为一个 PDF，每位学员一页</translation>
    </message>
    <message>
        <source>Save a PDF for each learner into a folder</source>
        <translation>每位学员一个 PDF，保存到文件夹</translation>
    </message>
    <message>
        <source>Save a PDF for each learner into a .zip file</source>
        <translation>每位学员一个 PDF，打包成 .zip 文件</translation>
    </message>
</context>
<context>
    <name>OutstandingPanel</name>
    <message>
        <source>Who still owes on:</source>
        <translation>欠费范围：</translation>
    </message>
    <message>
        <source>Full mobile numbers in the file</source>
        <translation>导出文件中显示完整手机号</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Take payment…</source>
        <translation>去缴费…</translation>
    </message>
    <message>
        <source>The whole school</source>
        <translation>全校</translation>
    </message>
    <message>
        <source>{n} learners still owe {total} in all.</source>
        <translation>共 {n} 名学员尚欠 {total}。</translation>
    </message>
    <message>
        <source>outstanding-fees.xlsx</source>
        <translation>欠费名单.xlsx</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Exported {n} rows to {path}.</source>
        <translation>已导出 {n} 行到 {path}。</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Instructors</source>
        <translation>讲师</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>名册</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>结业证书</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
</context>
<context>
    <name>PaperButton</name>
    <message>
        <source>Paper…</source>
        <translation>纸质签到…</translation>
    </message>
    <message>
        <source>The paper fallback when the power or the computer fails</source>
        <translation>停电或电脑故障时的纸质备用方案</translation>
    </message>
    <message>
        <source>Print a sign-in sheet…</source>
        <translation>打印签到表…</translation>
    </message>
    <message>
        <source>Enter paper check-ins…</source>
        <translation>录入纸质签到…</translation>
    </message>
    <message>
        <source>No lessons tonight.</source>
        <translation>今晚没有课次。</translation>
    </message>
    <message>
        <source>No lesson has begun in the last days.</source>
        <translation>最近几天没有已开始的课次。</translation>
    </message>
</context>
<context>
    <name>PaperCheckInDialog</name>
    <message>
        <source>Enter paper check-ins</source>
        <translation>录入纸质签到</translation>
    </message>
    <message>
        <source>Lesson:</source>
        <translation>课次：</translation>
    </message>
    <message>
        <source>Tick everyone who signed the paper sheet and type the time they wrote. Those already checked in are shown for comparison.</source>
        <translation>请勾选在纸质签到表上签名的学员，并填写他们写下的到达时间。已签到的学员一并列出，便于核对。</translation>
    </message>
    <message>
        <source>Tick all not yet in</source>
        <translation>勾选全部未签到学员</translation>
    </message>
    <message>
        <source>Came (signed)</source>
        <translation>已到（已签名）</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>So far</source>
        <translation>目前状态</translation>
    </message>
    <message>
        <source>Arrived at</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>checked in {time}</source>
        <translation>{time} 已签到</translation>
    </message>
    <message>
        <source>excused</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>{n} ticked of {total} on the roll</source>
        <translation>名单共 {total} 人，已勾选 {n} 人</translation>
    </message>
    <message>
        <source>Save {n} check-ins</source>
        <translation>保存 {n} 条签到</translation>
    </message>
</context>
<context>
    <name>PaperSheets</name>
    <message>
        <source>Paper sign-in sheet</source>
        <translation>纸质签到表</translation>
    </message>
    <message>
        <source>A sheet with every learner of the lesson, a column for the arrival time and one for the signature: the fallback when the power or the computer fails.</source>
        <translation>列出本课次全部学员，留有到达时间和签名栏：停电或电脑故障时的备用方案。</translation>
    </message>
    <message>
        <source>Drawing the sign-in sheet…</source>
        <translation>正在生成签到表…</translation>
    </message>
    <message>
        <source>sign-in sheet {code} {date}</source>
        <translation>签到表 {code} {date}</translation>
    </message>
    <message>
        <source>The sign-in sheet could not be made: {reason}</source>
        <translation>签到表未能生成：{reason}</translation>
    </message>
    <message>
        <source>Sign-in sheet of {course}: {done}</source>
        <translation>“{course}”签到表：{done}</translation>
    </message>
    <message>
        <source>{n} paper check-ins recorded for {course}.</source>
        <translation>已为“{course}”录入 {n} 条纸质签到。</translation>
    </message>
    <message>
        <source>{n} were already checked in and stay as they were.</source>
        <translation>另有 {n} 人此前已签到，保持不变。</translation>
    </message>
    <message>
        <source>The lesson was over: they are marked as late entries, with you and the time of entry.</source>
        <translation>该课次已结束：这些签到已标记为补录，并记下录入人和录入时间。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Certificate signing key</source>
        <translation>证书签名密钥</translation>
    </message>
    <message>
        <source>Choose a passphrase for the school&apos;s certificate signing key (at least {min} characters). Keep it safe: without it no certificate can be issued on this computer.</source>
        <translation>请为本校的证书签名密钥设置口令（至少 {min} 个字符）。请妥善保管：没有它，这台电脑就无法颁发证书。</translation>
    </message>
    <message>
        <source>The passphrase of the school&apos;s certificate signing key:</source>
        <translation>本校证书签名密钥的口令：</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输一次</translation>
    </message>
</context>
<context>
    <name>PatternDialog</name>
    <message>
        <source>Generate lessons</source>
        <translation>按周排课</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Weeks</source>
        <translation>周数</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Printing and previews need Qt&apos;s PDF module, which is missing from this installation of FrontDesk. Ask whoever installed FrontDesk to install the package {package} (pip install {package}). Saving as PDF still works.</source>
        <translation>打印和预览需要 Qt 的 PDF 模块，但此 FrontDesk 安装中缺少该模块。请负责安装 FrontDesk 的人员安装软件包 {package}（pip install {package}）。仍可另存为 PDF。</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PublishRow</name>
    <message>
        <source>Export verification page…</source>
        <translation>导出验证页面…</translation>
    </message>
    <message>
        <source>Write the page that lets an employer check a certificate with a phone, to upload to the school&apos;s verification address.</source>
        <translation>生成供用人单位用手机验证证书的页面，上传到学校的验证网址。</translation>
    </message>
    <message>
        <source>Verification page: never exported.</source>
        <translation>验证页面：尚未导出。</translation>
    </message>
    <message>
        <source>Verification page last exported {when}.</source>
        <translation>验证页面上次导出于 {when}。</translation>
    </message>
    <message>
        <source>{n} certificate(s) revoked since: export the page again and upload it, or phones will still read them as genuine.</source>
        <translation>此后已撤销 {n} 张证书：请重新导出并上传页面，否则手机扫码仍会显示为真实有效。</translation>
    </message>
    <message>
        <source>A verification address is set: export the page and upload it there.</source>
        <translation>已设置验证网址：请导出页面并上传到该网址。</translation>
    </message>
    <message>
        <source>Verification page written to {path}. Upload everything in that folder to the school&apos;s verification address.</source>
        <translation>验证页面已写入 {path}。请把该文件夹中的全部文件上传到学校的验证网址。</translation>
    </message>
    <message>
        <source>Folder for the verification page</source>
        <translation>验证页面的文件夹</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>计算机</translation>
    </message>
</context>
<context>
    <name>QPrintPreviewDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReasonBox</name>
    <message>
        <source>Choose a reason…</source>
        <translation>请选择原因…</translation>
    </message>
</context>
<context>
    <name>Receipts</name>
    <message>
        <source>The receipt cannot be drawn: no bundled font has {characters}.</source>
        <translation>收据无法生成：内置字体都没有“{characters}”这个字。</translation>
    </message>
    <message>
        <source>The receipt could not be saved: {reason}</source>
        <translation>收据无法保存：{reason}</translation>
    </message>
    <message>
        <source>Printing the receipt…</source>
        <translation>正在打印收据…</translation>
    </message>
    <message>
        <source>The payment is recorded. When the printer is ready, print a copy with “Reprint receipt”.</source>
        <translation>这笔缴费已经记录。打印机恢复后，请用“补打收据”打印一张副本。</translation>
    </message>
</context>
<context>
    <name>Recent</name>
    <message>
        <source>{what} (voided)</source>
        <translation>{what}（已作废）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>RecordCallDialog</name>
    <message>
        <source>No particular course</source>
        <translation>不针对具体课程</translation>
    </message>
    <message>
        <source>Learner</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record a follow-up call</source>
        <translation>登记回访电话</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>退费</translation>
    </message>
    <message>
        <source>Refund amount (¥)</source>
        <translation>退费金额（¥）</translation>
    </message>
    <message>
        <source>Give back by</source>
        <translation>退款方式</translation>
    </message>
    <message>
        <source>Refund number</source>
        <translation>退款单号</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Receipt {receipt}: {amount} by {method} on {day}; up to {left} can be refunded</source>
        <translation>收据 {receipt}：{day} {method}缴 {amount}，最多可退 {left}</translation>
    </message>
    <message>
        <source>of the wallet or bank refund, if any</source>
        <translation>微信、支付宝或银行的退款单号（如有）</translation>
    </message>
    <message>
        <source>in your own words (needed for “Other”)</source>
        <translation>具体说明（选“其他”时必填）</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>to come</source>
        <translation>未开课</translation>
    </message>
    <message>
        <source>not closed yet</source>
        <translation>未结束签到</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已结束签到</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>候补补位</translation>
    </message>
    <message>
        <source>Late entry, written {when} by {who}: {reason}</source>
        <translation>补录，{when} 由 {who} 录入：{reason}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>需出勤</translation>
    </message>
    <message>
        <source>The report cannot be drawn: no bundled font has {characters}.</source>
        <translation>报表无法生成：内置字体都没有“{characters}”这个字。</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>文件无法写入：{reason}</translation>
    </message>
    <message>
        <source>Save as Excel</source>
        <translation>另存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Found a job</source>
        <translation>已就业</translation>
    </message>
    <message>
        <source>Started a business</source>
        <translation>已创业</translation>
    </message>
    <message>
        <source>Further study</source>
        <translation>继续深造</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Not reachable</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>cannot reach it</source>
        <translation>已无法达标</translation>
    </message>
    <message>
        <source>only just</source>
        <translation>勉强能达标</translation>
    </message>
    <message>
        <source>present</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>excused</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>paper sign-in sheet</source>
        <translation>纸质签到表</translation>
    </message>
    <message>
        <source>the desk was down</source>
        <translation>前台系统故障</translation>
    </message>
    <message>
        <source>Courses held</source>
        <translation>开班课程</translation>
    </message>
    <message>
        <source>Lessons held</source>
        <translation>已上课次</translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation>报名人次</translation>
    </message>
    <message>
        <source>Learners enrolled</source>
        <translation>在读学员</translation>
    </message>
    <message>
        <source>Attendances</source>
        <translation>出勤人次</translation>
    </message>
    <message>
        <source>Learner-hours</source>
        <translation>学时（人·小时）</translation>
    </message>
    <message>
        <source>Subsidy (inclusive courses)</source>
        <translation>普惠课程补贴</translation>
    </message>
    <message>
        <source>Certificates issued</source>
        <translation>已发结业证书</translation>
    </message>
    <message>
        <source>Found a job or started a business</source>
        <translation>就业或创业</translation>
    </message>
    <message>
        <source>Learners followed up</source>
        <translation>已回访学员</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Funder report</source>
        <translation>办学情况报告</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>出勤预警</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>缺勤（未到）</translation>
    </message>
    <message>
        <source>Follow-up calls</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>No-show and standby rules…</source>
        <translation>缺勤与候补补位规则…</translation>
    </message>
    <message>
        <source>The rules are saved.</source>
        <translation>规则已保存。</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>New password for {name}</source>
        <translation>为 {name} 设置新密码</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of {name}</source>
        <translation>{name} 的角色</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
</context>
<context>
    <name>RosterCardsButton</name>
    <message>
        <source>Cards</source>
        <translation>学员卡</translation>
    </message>
    <message>
        <source>Print cards of the selected learners…</source>
        <translation>打印所选学员的学员卡…</translation>
    </message>
    <message>
        <source>Card image (PNG) to send to a phone…</source>
        <translation>学员卡图片（PNG），发到手机…</translation>
    </message>
    <message>
        <source>Re-issue a lost card…</source>
        <translation>补办遗失的学员卡…</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Search: name, pinyin (wz / wangzhe), mobile digits or card code</source>
        <translation>搜索：姓名、拼音（wz / wangzhe）、手机号数字或学员编号</translation>
    </message>
    <message>
        <source>New learner</source>
        <translation>新建学员</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Enroll…</source>
        <translation>报名…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Anonymise…</source>
        <translation>匿名化…</translation>
    </message>
    <message>
        <source>{n}{more} learners shown</source>
        <translation>显示 {n}{more} 名学员</translation>
    </message>
    <message>
        <source>Anonymise a learner</source>
        <translation>匿名化学员</translation>
    </message>
    <message>
        <source>Erase the personal data of {name} ({code}) at their request? Name, phone and notes are erased for good; attendance, payments and certificates stay for the accounts. This cannot be undone.</source>
        <translation>应本人要求删除 {name}（{code}）的个人信息吗？姓名、手机号和备注将被永久删除；考勤、缴费和证书记录保留用于账目。此操作无法撤销。</translation>
    </message>
    <message>
        <source>{name} is anonymised: the records now say {anonymous}.</source>
        <translation>{name} 已匿名化：记录中现显示为 {anonymous}。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>School settings</source>
        <translation>学校设置</translation>
    </message>
    <message>
        <source>School name *</source>
        <translation>学校名称 *</translation>
    </message>
    <message>
        <source>Name in English</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>校徽</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Inclusive price ratio</source>
        <translation>普惠价比例</translation>
    </message>
    <message>
        <source>Receipt number prefix</source>
        <translation>收据编号前缀</translation>
    </message>
    <message>
        <source>Certificate serial prefix</source>
        <translation>证书编号前缀</translation>
    </message>
    <message>
        <source>Certificate verification address</source>
        <translation>证书验证网址</translation>
    </message>
    <message>
        <source>Check-in opens (minutes before)</source>
        <translation>提前开放签到（分钟）</translation>
    </message>
    <message>
        <source>Late after (minutes)</source>
        <translation>开课后多久算迟到（分钟）</translation>
    </message>
    <message>
        <source>Desk may enter past lessons of the last</source>
        <translation>前台可补录最近</translation>
    </message>
    <message>
        <source>Largest sign-up import (rows)</source>
        <translation>报名导入最多行数</translation>
    </message>
    <message>
        <source>Receipt printer (this desk)</source>
        <translation>收据打印机（本前台）</translation>
    </message>
    <message>
        <source>Printer address</source>
        <translation>打印机地址</translation>
    </message>
    <message>
        <source>A5 PDF through the system printer</source>
        <translation>A5 PDF，用系统打印机</translation>
    </message>
    <message>
        <source>Receipt printer, 58 mm (ESC/POS)</source>
        <translation>小票打印机，58 毫米（ESC/POS）</translation>
    </message>
    <message>
        <source>Receipt printer, 80 mm (ESC/POS)</source>
        <translation>小票打印机，80 毫米（ESC/POS）</translation>
    </message>
    <message>
        <source>A network printer&apos;s address (port 9100 unless given), or the printer&apos;s device: /dev/usb/lp0 for USB on Linux, COM3 for a serial port, \\PC\share for a shared printer on Windows.</source>
        <translation>网络打印机的地址（默认端口 9100），或打印机设备：Linux 上 USB 打印机为 /dev/usb/lp0，串口为 COM3，Windows 共享打印机为 \\电脑名\共享名。</translation>
    </message>
    <message>
        <source>Open the cash drawer for cash payments</source>
        <translation>现金缴费时打开钱箱</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>the school&apos;s name, as on receipts</source>
        <translation>学校名称，与收据上一致</translation>
    </message>
    <message>
        <source>letters or digits, e.g. the school&apos;s initials</source>
        <translation>字母或数字，例如学校名称的拼音首字母</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Inclusive courses cost this share of the market price; enrollments already made keep their fee.</source>
        <translation>普惠课程按市场价的这一比例收费；已报名的学员学费不变。</translation>
    </message>
    <message>
        <source>Where the school publishes its certificate verification page. When set, a certificate&apos;s QR code opens that page on a phone and shows whether the certificate is genuine; leave it empty to print the bare code.</source>
        <translation>学校发布证书验证页面的网址。设置后，用手机扫描证书二维码会打开该页面并显示证书是否真实；留空则二维码只含验证码。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>A check-in typed in after its lesson (a paper sign-in sheet) is marked as a late entry; for older lessons an administrator must enter it.</source>
        <translation>课次结束后录入的签到（如纸质签到表）会标记为补录；更早的课次需由管理员录入。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>School logo</source>
        <translation>学校校徽</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>This file is not an image FrontDesk can read.</source>
        <translation>FrontDesk 无法读取这个图片文件。</translation>
    </message>
    <message>
        <source>Enter the printer&apos;s address first.</source>
        <translation>请先填写打印机地址。</translation>
    </message>
    <message>
        <source>The test page was sent to {printer}.</source>
        <translation>测试页已发送到 {printer}。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — FrontDesk</source>
        <translation>登录 — FrontDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{school}&lt;/h3&gt;&lt;p&gt;Desk {desk}: sign in to start.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;{school}&lt;/h3&gt;&lt;p&gt;前台 {desk}：请登录后开始工作。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <source>no accounts</source>
        <translation>无账号</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>创建日期</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Create the first administrator…</source>
        <translation>创建第一位管理员…</translation>
    </message>
    <message>
        <source>This desk ({desk})</source>
        <translation>本前台（{desk}）</translation>
    </message>
    <message>
        <source>Lock the screen after this many minutes without use (0: never):</source>
        <translation>无人操作多少分钟后锁屏（0 表示不锁屏）：</translation>
    </message>
    <message>
        <source>While locked, still answer learner card scans</source>
        <translation>锁屏时仍可扫学员卡签到</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked out until {time}</source>
        <translation>已锁定，{time} 后可再试</translation>
    </message>
    <message>
        <source>Active ({n} wrong passwords)</source>
        <translation>正常（密码已输错 {n} 次）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>No staff accounts yet: everyone at this desk may do everything. Create the first administrator to make staff sign in.</source>
        <translation>尚无工作人员账号：本前台所有功能对所有人开放。创建第一位管理员后，工作人员需登录使用。</translation>
    </message>
    <message>
        <source>Account {username} added.</source>
        <translation>已添加账号 {username}。</translation>
    </message>
    <message>
        <source>New password set for {name}; tell them in person.</source>
        <translation>已为 {name} 设置新密码，请当面告知本人。</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Disable the account of {name}? They can no longer sign in; what they did stays in the records.</source>
        <translation>停用 {name} 的账号吗？停用后无法登录，其操作记录仍会保留。</translation>
    </message>
</context>
<context>
    <name>Standby</name>
    <message>
        <source>Standby is for a full lesson of a course that allows it. If the course has a free seat, enrol from the waiting list.</source>
        <translation>候补补位只适用于已开启此功能的课程中已满员的课次。如果课程还有空位，请直接从候补名单递补入班。</translation>
    </message>
    <message>
        <source>It opens {minutes} minutes after the lesson starts and closes when the lesson ends.</source>
        <translation>开课 {minutes} 分钟后开放，下课时关闭。</translation>
    </message>
    <message>
        <source>Seats on offer: capacity, less the enrolled learners who have arrived and the standby learners already seated.</source>
        <translation>可补位的座位数：名额减去已到的在读学员和已入座的补位学员。</translation>
    </message>
    <message>
        <source>Only learners on this course&apos;s waiting list who are at the desk may take a seat; those who scanned their card first, in waiting-list order.</source>
        <translation>只有本课程候补名单上、且本人在前台的学员才能补位；排序先看是否已扫卡（已扫卡的在前），再按候补顺序。</translation>
    </message>
    <message>
        <source>The standby learner is recorded present for this lesson only and stays on the waiting list in their place.</source>
        <translation>补位学员只记本课次出勤，仍保留在候补名单上的原有位置。</translation>
    </message>
    <message>
        <source>An enrolled learner who has not arrived keeps their place on the course; they are marked absent when the lesson is closed, and checked in as late if they still come.</source>
        <translation>未到的在读学员仍保留课程名额；结束课次时记为缺勤，之后如果仍来上课，则按迟到签到。</translation>
    </message>
</context>
<context>
    <name>StandbyDialog</name>
    <message>
        <source>Card code</source>
        <translation>学员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Waiting #</source>
        <translation>候补序号</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>到前台时间</translation>
    </message>
    <message>
        <source>Repeat no-show</source>
        <translation>多次缺勤</translation>
    </message>
    <message>
        <source>Standby seats</source>
        <translation>候补补位</translation>
    </message>
    <message>
        <source>Lesson:</source>
        <translation>课次：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Before using standby, read the rules with the learners waiting at the desk:&lt;/b&gt;</source>
        <translation>&lt;b&gt;使用候补补位前，请先和在前台等候的学员一起阅读以下规则：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>I have read the rules: show the free seats</source>
        <translation>已阅读规则：查看空余座位</translation>
    </message>
    <message>
        <source>Seat the selected learner</source>
        <translation>让选中的学员补位</translation>
    </message>
    <message>
        <source>The rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>This course does not use standby (an administrator can turn it on in the no-show and standby rules).</source>
        <translation>此课程未开启候补补位（管理员可在“缺勤与候补补位规则”中开启）。</translation>
    </message>
    <message>
        <source>This lesson is cancelled.</source>
        <translation>此课次已取消。</translation>
    </message>
    <message>
        <source>The course is not full: enrol from the waiting list instead.</source>
        <translation>课程未满员：请直接从候补名单中报名。</translation>
    </message>
    <message>
        <source>Standby opens at {time}.</source>
        <translation>候补补位将于 {time} 开放。</translation>
    </message>
    <message>
        <source>{free} seats on offer now (capacity {capacity}, {arrived} enrolled learners here, {standby} standby learners seated).</source>
        <translation>现在可补位 {free} 个座位（名额 {capacity}，已到在读学员 {arrived} 人，已补位 {standby} 人）。</translation>
    </message>
    <message>
        <source>This lesson is over.</source>
        <translation>此课次已结束。</translation>
    </message>
    <message>
        <source>No lesson tonight.</source>
        <translation>今晚没有课。</translation>
    </message>
    <message>
        <source>Enrolled, not here yet ({n}): their seats are free tonight</source>
        <translation>已报名但未到（{n} 人）：今晚他们的座位可补位</translation>
    </message>
    <message>
        <source>On the waiting list ({n}): at the desk first</source>
        <translation>候补名单（{n} 人）：已到前台的排在前面</translation>
    </message>
    <message>
        <source>{name} is seated for this lesson: {left} seats left.</source>
        <translation>{name} 已补位上本次课，还剩 {left} 个座位。</translation>
    </message>
</context>
<context>
    <name>StoreCheckWarning</name>
    <message>
        <source>I have looked into it</source>
        <translation>我已查看</translation>
    </message>
    <message>
        <source>The store check of {when} found {count} problem(s), first: {problem} Records may have been changed outside FrontDesk; an administrator should look into it (frontdesk verify-store lists them all).</source>
        <translation>{when} 的数据库检查发现 {count} 个问题，第一个：{problem} 记录可能在 FrontDesk 之外被改动过，请管理员查看（frontdesk verify-store 会列出全部问题）。</translation>
    </message>
</context>
<context>
    <name>Tonight</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>教室</translation>
    </message>
    <message>
        <source>Here / enrolled / seats</source>
        <translation>已到 / 在读 / 名额</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
</context>
<context>
    <name>TonightPanel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>教室</translation>
    </message>
    <message>
        <source>Here / enrolled / seats</source>
        <translation>已到 / 在读 / 名额</translation>
    </message>
    <message>
        <source>Filling</source>
        <translation>到课情况</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Seats taken</source>
        <translation>已报名 / 名额</translation>
    </message>
    <message>
        <source>Free seats</source>
        <translation>空余名额</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tonight&lt;/b&gt;, {day} {time}</source>
        <translation>&lt;b&gt;今晚&lt;/b&gt;，{day} {time}</translation>
    </message>
    <message>
        <source>{present} here of {enrolled} enrolled in {lessons} lessons</source>
        <translation>{lessons} 个课次：在读 {enrolled} 人，已到 {present} 人</translation>
    </message>
    <message>
        <source>&lt;b&gt;Waiting lists&lt;/b&gt;: {learners} learners on {courses} courses</source>
        <translation>&lt;b&gt;候补名单&lt;/b&gt;：{courses} 门课程共 {learners} 人候补</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fees taken today&lt;/b&gt;: {net} ({entries} entries)</source>
        <translation>&lt;b&gt;今日收费&lt;/b&gt;：{net}（{entries} 笔）</translation>
    </message>
    <message>
        <source>refunds {amount}</source>
        <translation>退费 {amount}</translation>
    </message>
    <message>
        <source>waived {amount}</source>
        <translation>减免 {amount}</translation>
    </message>
</context>
<context>
    <name>VerifyBox</name>
    <message>
        <source>Check a certificate:</source>
        <translation>核验证书：</translation>
    </message>
    <message>
        <source>Scan the QR code on a certificate, or paste its code, and press Enter</source>
        <translation>扫描证书上的二维码，或粘贴验证码后按回车</translation>
    </message>
    <message>
        <source>Genuine, revoked or forged? Scan to find out.</source>
        <translation>真证、已作废还是伪造？扫一下就知道。</translation>
    </message>
    <message>
        <source>Not a certificate code</source>
        <translation>这不是证书验证码</translation>
    </message>
    <message>
        <source>This is not the QR code of a FrontDesk certificate (a learner card is checked in on the check-in page).</source>
        <translation>这不是本系统证书上的二维码（学员卡请在签到页扫描）。</translation>
    </message>
</context>
<context>
    <name>WaiverDialog</name>
    <message>
        <source>Waive fee</source>
        <translation>减免费用</translation>
    </message>
    <message>
        <source>Waive (¥)</source>
        <translation>减免金额（¥）</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>原因 *</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{course}: fee {fee}, still owed {balance}</source>
        <translation>{course}：应缴 {fee}，尚欠 {balance}</translation>
    </message>
    <message>
        <source>in your own words (needed for “Other”)</source>
        <translation>具体说明（选“其他”时必填）</translation>
    </message>
</context>
</TS>
