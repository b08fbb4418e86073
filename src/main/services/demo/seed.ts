import { eq } from 'drizzle-orm';
import type { Role } from '../../../shared/roles';
import { users } from '../../db/schema';
import type { ServiceContext } from '../context';
import { createUserWithPassword } from '../auth';
import { hashPassword } from '../auth/password';
import { writeSettings } from '../settings/branch';
import { DemoRandom } from './random';

/** The password of every demo user (documented in the README). */
export const DEMO_PASSWORD = 'Demo@2026';

export const DEMO_BRANCH = {
  branchCode: 'HHHT',
  branchName: '呼和浩特分公司 大客户发展中心',
  regions: ['新城区', '回民区', '玉泉区', '赛罕区', '土默特左旗', '托克托县', '和林格尔县', '武川县', '清水河县'],
  industries: [
    '党政军',
    '金融',
    '教育',
    '医疗卫生',
    '交通物流',
    '能源',
    '制造业',
    '互联网',
    '商贸零售',
    '农牧业',
    '文旅',
    '乳业',
    '其他',
  ],
};

interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  department: string;
  region?: string;
}

/** The demo branch's staff: every role, Chinese names, pinyin user names. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', department: '系统管理' },
  { username: 'gaojianguo', displayName: '高建国', role: 'leader', department: '大客户发展中心' },
  { username: 'liuhong', displayName: '刘红', role: 'leader', department: '大客户发展中心' },
  { username: 'zhaomin', displayName: '赵敏', role: 'leader', department: '客户响应中心' },
  { username: 'wangqiang', displayName: '王强', role: 'account_manager', department: '大客户发展中心' },
  { username: 'lina', displayName: '李娜', role: 'account_manager', department: '大客户发展中心' },
  { username: 'zhangwei', displayName: '张伟', role: 'account_manager', department: '大客户发展中心' },
  { username: 'chenjing', displayName: '陈静', role: 'account_manager', department: '大客户发展中心' },
  { username: 'yangfan', displayName: '杨帆', role: 'account_manager', department: '大客户发展中心' },
  { username: 'huangli', displayName: '黄丽', role: 'account_manager', department: '政企行业部' },
  { username: 'zhoujie', displayName: '周杰', role: 'account_manager', department: '政企行业部' },
  { username: 'wuxiaoyan', displayName: '吴晓燕', role: 'account_manager', department: '政企行业部' },
  { username: 'sunhao', displayName: '孙浩', role: 'account_manager', department: '政企行业部' },
  { username: 'majun', displayName: '马军', role: 'account_manager', department: '大客户发展中心' },
  { username: 'hufang', displayName: '胡芳', role: 'service_desk', department: '客户响应中心' },
  { username: 'guoyang', displayName: '郭阳', role: 'service_desk', department: '客户响应中心' },
  { username: 'heli', displayName: '何丽', role: 'service_desk', department: '客户响应中心' },
  { username: 'linbo', displayName: '林波', role: 'service_desk', department: '客户响应中心' },
  { username: 'luoqian', displayName: '罗倩', role: 'service_desk', department: '客户响应中心' },
  { username: 'zhengkai', displayName: '郑凯', role: 'staff', department: '网络运维部' },
  { username: 'xieyun', displayName: '谢云', role: 'staff', department: '网络运维部' },
  { username: 'hanlei', displayName: '韩磊', role: 'staff', department: '计费账务中心' },
  { username: 'fengxue', displayName: '冯雪', role: 'staff', department: '工程建设部' },
];

/**
 * A later module adds its demo data by pushing a seeder here; seeders run in order after the users,
 * inside the same transaction, with one shared deterministic random source.
 */
export type DemoSeeder = (ctx: ServiceContext, random: DemoRandom) => void;
export const demoSeeders: DemoSeeder[] = [];

export interface SeedOptions {
  /** Keep the branch code and name the user typed at setup. */
  keepBranchIdentity?: boolean;
  /** Password for the `admin` demo user when the seed creates it. */
  adminPassword?: string;
}

/** Builds the demo branch: settings, staff in every role, then every registered module seeder. */
export function seedDemoBranch(ctx: ServiceContext, options: SeedOptions = {}): void {
  const random = new DemoRandom(20261123);
  const seedCtx: ServiceContext = { ...ctx, method: 'demo.seed' };
  const { branchCode, branchName, ...lists } = DEMO_BRANCH;
  writeSettings(seedCtx, options.keepBranchIdentity ? lists : { branchCode, branchName, ...lists });

  // One hash for all demo users keeps seeding fast; real users each get their own salt.
  const demoHash = hashPassword(DEMO_PASSWORD);
  DEMO_USERS.forEach((u, i) => {
    const exists = seedCtx.db.select({ id: users.id }).from(users).where(eq(users.username, u.username)).get();
    if (exists) return;
    const isAdmin = u.username === 'admin';
    createUserWithPassword(
      seedCtx,
      {
        ...u,
        password: DEMO_PASSWORD,
        employeeNo: `HH${String(1001 + i)}`,
        phone: `1${random.pick(['39', '50', '58', '86', '32'])}${String(random.int(0, 99999999)).padStart(8, '0')}`,
        region: u.role === 'account_manager' ? DEMO_BRANCH.regions[i % DEMO_BRANCH.regions.length] : '',
      },
      isAdmin && options.adminPassword ? hashPassword(options.adminPassword) : demoHash,
    );
  });

  for (const seeder of demoSeeders) seeder(seedCtx, random);
}
