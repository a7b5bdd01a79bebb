// Phrase bank for the synthetic curriculum: zh-CN customer-service training text, combined by a
// seeded random generator so that every run of the bench writes the same files.

/** A small, fast, seeded PRNG (mulberry32) with helpers. */
export function makeRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list, lo, hi) => {
    const pool = [...list];
    const n = Math.min(pool.length, int(lo, hi));
    const out = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
    return out;
  };
  return { next, int, pick, some };
}

export const TOPICS = [
  ['active-listening', '有效倾听与反馈'], ['phone-etiquette', '电话接听礼仪'], ['complaint-process', '投诉处理流程'],
  ['calming-emotions', '情绪安抚与共情表达'], ['order-tracking', '订单跟踪与异常处理'], ['refund-policy', '退换货政策解读'],
  ['crm-basics', 'CRM 客户档案维护'], ['ticketing', '工单创建与流转'], ['knowledge-base', '知识库检索技巧'],
  ['service-language', '服务用语规范'], ['callback', '客户回访流程'], ['vip-service', '重要客户服务标准'],
  ['shift-handover', '交接班与未结问题'], ['quality-check', '质检标准与评分'], ['satisfaction', '满意度调查与改进'],
  ['online-chat', '在线客服沟通技巧'], ['social-media', '社交媒体舆情应对'], ['escalation', '升级与上报机制'],
  ['product-faq', '常见产品问题解答'], ['delivery', '配送与安装服务说明'], ['warranty', '保修条款与维修预约'],
  ['stress-relief', '情绪与压力管理'], ['teamwork', '团队协作与沟通'], ['data-privacy', '客户信息保护'],
  ['coaching', '一线辅导方法'], ['scheduling', '排班与人力规划'], ['crisis', '危机预防与沟通'], ['email-writing', '客服邮件写作'],
];

export const METHODS = ['lecture', 'discussion', 'case-study', 'role-play', 'simulation', 'practice', 'demo', 'game'];
export const LOCATIONS = ['3楼大会议室', '2楼培训室', '公司培训中心301', '客服部实训室', '线上会议室'];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const GIVEN = ['芳', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '晓雨', '浩然', '欣怡', '子轩', '雨桐'];
export const TITLES = ['培训专员', '客服主管', '资深组长', '质检组长', '客服经理', '系统管理员'];

const SUBJECTS = ['客服专员', '一线客服', '新入职员工', '组长', '值班主管', '在线客服', '回访专员', '质检员'];
const ACTIONS = ['需要先确认', '应当主动说明', '必须如实记录', '可以适当复述', '要及时跟进', '应耐心解释', '需要核对', '要主动告知'];
const OBJECTS = ['客户的核心诉求', '订单的当前状态', '退换货的办理条件', '维修预约的时间', '工单的处理进度', '客户的联系方式', '投诉的具体原因', '物流的最新信息', '补偿方案的适用范围', '回访的结果'];
const TAILS = ['，避免因信息不全而反复来电。', '，让客户清楚下一步会发生什么。', '，并在系统中留下完整记录。', '，确保后续同事可以顺利接手。', '，同时注意语气平和、用词礼貌。', '，必要时请组长协助判断。', '，不作超出权限的承诺。', '，在结束通话前再次确认。'];
const OPENERS = ['在实际工作中，', '根据上季度的质检结果，', '从客户反馈来看，', '按照部门的服务标准，', '遇到高峰时段时，', '处理这类问题时，', '培训中我们发现，'];
const LIST_ITEMS = ['专注：眼神接触与适时回应', '复述：重复客户的核心诉求', '确认：用提问核实理解是否准确', '记录：关键信息当场写入工单', '道歉：先为给客户带来的不便致歉', '解释：用客户听得懂的话说明原因', '方案：给出两个可选的处理办法', '跟进：约定回电时间并按时回电', '结束：询问是否还有其他需要帮助的地方', '核对：姓名、电话、订单号三项信息', '升级：超出权限时及时上报组长', '归档：处理完毕后更新知识库'];
const CUSTOMER_LINES = ['快递已经晚了三天，到底什么时候能送到？', '这个沙发才用了一个月就坏了，你们怎么解释？', '我打了三次电话都没人解决，太让人失望了。', '安装师傅说今天来，现在都下午了还没到。', '我要求退货，而且要全额退款。', '你们的系统是不是出问题了？订单一直显示待发货。'];
const AGENT_LINES = ['非常抱歉给您带来不便，我马上为您查询物流信息。', '我理解您的心情，请允许我先把情况完整记录下来。', '您反映的问题很重要，我会在今天下班前给您回电。', '我已经为您加急处理，工单号稍后会通过短信发送给您。', '按照公司的政策，这种情况可以为您办理退换，我来说明一下流程。', '给您添麻烦了，我现在就联系安装师傅确认到达时间。'];
const TABLE_ROWS = [['承认感受', '我理解这件事让您很着急'], ['表达歉意', '给您带来这么多不便，真的很抱歉'], ['表明立场', '我会跟进到底，直到问题解决'], ['确认信息', '跟您核对一下订单号和联系电话'], ['说明时限', '我们会在 24 小时内给您答复'], ['征求意见', '这样安排您看可以吗？'], ['结束致谢', '感谢您的耐心，祝您生活愉快']];
const HEADINGS = ['先情绪，后问题', '三句共情回应', '关键步骤', '常见误区', '操作要点', '案例分析', '服务标准', '话术示范', '注意事项', '课后巩固'];
const ACTIVITY_TITLES = ['角色扮演：复述客户诉求', '降温练习', '工单填写实操', '案例小组讨论', '情景模拟：高峰时段来电', '知识库检索竞赛'];
const SCRIPT_TITLES = ['投诉安抚话术', '物流延误话术', '退换货说明话术', '回访开场话术', '升级上报话术'];
const TRAINER_NOTES = ['先示范一次，再让学员两人一组练习，最后请一组上台展示。', '提醒学员语气比字面更重要：同样一句“我理解”，语气敷衍反而火上浇油。', '准备好上周的真实录音片段（已脱敏），讨论时逐段播放。', '控制讨论时间，每组发言不超过三分钟，留出点评时间。'];

/** One sentence of body text. */
export function sentence(r) {
  return `${r.pick(OPENERS)}${r.pick(SUBJECTS)}${r.pick(ACTIONS)}${r.pick(OBJECTS)}${r.pick(TAILS)}`;
}

/** A paragraph of 2–4 sentences, sometimes with emphasis next to CJK punctuation. */
export function paragraph(r) {
  const parts = Array.from({ length: r.int(1, 3) }, () => sentence(r));
  if (r.next() < 0.3) parts[0] = `**${parts[0].slice(0, -1)}。**`;
  return parts.join('');
}

/** A session body: sections with lists and tables, and the format's container blocks. */
export function sessionBody(r) {
  const out = [paragraph(r), ''];
  const headings = r.some(HEADINGS, 2, 4);
  headings.forEach((h, i) => {
    out.push(`## ${h}`, '', paragraph(r), '');
    if (i % 2 === 0) {
      for (const item of r.some(LIST_ITEMS, 3, 4)) out.push(`- ${item}`);
      out.push('');
    } else {
      out.push('| 句式 | 例子 |', '|---|---|');
      for (const [a, b] of r.some(TABLE_ROWS, 2, 4)) out.push(`| ${a} | ${b} |`);
      out.push('');
    }
    if (i === 0) out.push(`:::activity{minutes=${r.pick([10, 15, 20, 30])} title="${r.pick(ACTIVITY_TITLES)}"}`, paragraph(r), ':::', '');
    if (i === 1) {
      out.push(`:::script{title="${r.pick(SCRIPT_TITLES)}"}`);
      for (let k = 0; k < r.int(1, 2); k++) out.push(`客户: ${r.pick(CUSTOMER_LINES)}`, `客服: ${r.pick(AGENT_LINES)}`);
      out.push(':::', '');
    }
  });
  if (r.next() < 0.5) out.push(`:::${r.pick(['tip', 'warning'])}`, paragraph(r), ':::', '');
  out.push(':::trainer', r.pick(TRAINER_NOTES), ':::', '');
  return out.join('\n');
}

/** Objectives of a session. */
export function objectives(r) {
  return Array.from({ length: r.int(2, 3) }, () => `${r.pick(ACTIONS).replace(/^(需要|应当|必须|可以|要|应)/, '')}${r.pick(OBJECTS)}`);
}
