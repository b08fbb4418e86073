import { eq } from 'drizzle-orm';
import { users } from '../../src/main/db/schema';
import type { InputOf, OutputOf } from '../../src/shared/contract';
import type { Role } from '../../src/shared/roles';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer, type TestCustomer } from './tickets-fixtures';

/** Test data for the work-order tests: people in the departments of the default template, and a customer. */

export interface Person {
  token: string;
  userId: string;
}

export interface OrdersWorld {
  app: TestApp;
  manager: Person;
  otherManager: Person;
  centre: Person;
  network: Person;
  engineer: Person;
  leader: Person;
  customer: TestCustomer;
}

/** Signs a user in with a department. */
export async function person(app: TestApp, role: Role, department: string): Promise<Person> {
  const p = await app.signIn(role);
  app.runtime.store.db.update(users).set({ department }).where(eq(users.id, p.userId)).run();
  return p;
}

/** A fresh app with an account manager's customer and one person in each stage department. */
export async function ordersWorld(): Promise<OrdersWorld> {
  const app = makeTestApp();
  const manager = await person(app, 'account_manager', '大客户发展中心');
  const otherManager = await person(app, 'account_manager', '大客户发展中心');
  const centre = await person(app, 'staff', '客户响应中心');
  const network = await person(app, 'staff', '网络运维部');
  const engineer = await person(app, 'staff', '工程建设部');
  const leader = await person(app, 'leader', '工程建设部');
  const customer = addCustomer(app, { ownerId: manager.userId });
  return { app, manager, otherManager, centre, network, engineer, leader, customer };
}

export type Order = OutputOf<'orders.get'>;

/** Opens a 新装 order for the world's customer as its account manager. */
export function openInstall(w: OrdersWorld, extra: Partial<InputOf<'orders.create'>> = {}): Promise<Order> {
  return w.app.call(
    'orders.create',
    {
      customerId: w.customer.id,
      businessType: 'install',
      products: [{ product: '互联网专线 100M', quantity: 1 }],
      siteAddress: '呼和浩特市新城区新华大街 1 号',
      expectedDate: '2026-03-31',
      notes: '客户新建办公楼',
      ...extra,
    },
    w.manager.token,
  );
}

/** Who works each stage of the default 新装 template, by stage key. */
export function workerOf(w: OrdersWorld, stageKey: string): Person {
  switch (stageKey) {
    case 'acceptance':
      return w.centre;
    case 'resource':
    case 'activation':
      return w.network;
    case 'engineering':
      return w.engineer;
    default:
      return w.manager;
  }
}

/** The services a 业务开通 records. */
export const SERVICES = [
  { product: '互联网专线 100M', serviceNo: 'ZX-0471-88001', bandwidth: '100M', address: '新华大街 1 号', monthlyFeeFen: 380_000, startDate: '2026-03-20' },
];

/** Moves the test clock on, keeping every session alive (sessions idle out after 120 minutes). */
export async function advance(w: OrdersWorld, minutes: number): Promise<void> {
  for (let left = minutes; left > 0; left -= 100) {
    w.app.clock.advanceMinutes(Math.min(100, left));
    for (const p of [w.manager, w.otherManager, w.centre, w.network, w.engineer, w.leader]) await w.app.call('auth.me', {}, p.token);
  }
}

/** Completes the order's open stage as the person who works it (after `minutes` of the test clock). */
export async function passStage(w: OrdersWorld, order: Order, minutes = 20): Promise<Order> {
  await advance(w, minutes);
  const worker = workerOf(w, order.stages[order.currentSeq!]!.key);
  return w.app.call(
    'orders.stage.complete',
    {
      stageId: order.currentStageId!,
      result: '已处理',
      services: order.stages[order.currentSeq!]!.key === 'activation' ? SERVICES : undefined,
    },
    worker.token,
  );
}
