import type { Bill, Contact, CreditRecord, Project, Resource, ServiceInstance } from '../../../shared/contract/customer-sections';
import {
  customerBills,
  customerContacts,
  customerCredit,
  customerProjects,
  customerResources,
  serviceInstances,
} from '../../db/schema';
import { billOnTime } from './dates';

/** Row → contract shapes for the customer's sections (base sync columns dropped). */

export function toContact(r: typeof customerContacts.$inferSelect): Contact {
  return {
    id: r.id,
    customerId: r.customerId,
    updatedAt: r.updatedAt,
    name: r.name,
    title: r.title,
    department: r.department,
    decisionRole: r.decisionRole,
    mobile: r.mobile,
    phone: r.phone,
    email: r.email,
    wechat: r.wechat,
    qq: r.qq,
    birthday: r.birthday,
    birthdayCalendar: r.birthdayCalendar,
    isPrimary: r.isPrimary,
    notes: r.notes,
  };
}

export function toService(r: typeof serviceInstances.$inferSelect): ServiceInstance {
  return {
    id: r.id,
    customerId: r.customerId,
    updatedAt: r.updatedAt,
    product: r.product,
    serviceNo: r.serviceNo,
    bandwidth: r.bandwidth,
    address: r.address,
    startDate: r.startDate,
    monthlyFeeFen: r.monthlyFeeFen,
    status: r.status,
  };
}

export function toBill(r: typeof customerBills.$inferSelect, today: string): Bill {
  return {
    id: r.id,
    customerId: r.customerId,
    updatedAt: r.updatedAt,
    period: r.period,
    billedFen: r.billedFen,
    paidFen: r.paidFen,
    paidDate: r.paidDate,
    dueDate: r.dueDate,
    arrearsFen: Math.max(0, r.billedFen - r.paidFen),
    onTime: billOnTime(r, today),
  };
}

export function toCredit(r: typeof customerCredit.$inferSelect): CreditRecord {
  return { id: r.id, customerId: r.customerId, updatedAt: r.updatedAt, rating: r.rating, limitFen: r.limitFen, note: r.note, at: r.at };
}

export function toProject(r: typeof customerProjects.$inferSelect): Project {
  return {
    id: r.id,
    customerId: r.customerId,
    updatedAt: r.updatedAt,
    name: r.name,
    status: r.status,
    amountFen: r.amountFen,
    startDate: r.startDate,
    endDate: r.endDate,
    manager: r.manager,
    notes: r.notes,
  };
}

export function toResource(r: typeof customerResources.$inferSelect): Resource {
  return {
    id: r.id,
    customerId: r.customerId,
    updatedAt: r.updatedAt,
    kind: r.kind,
    identifier: r.identifier,
    detail: r.detail,
    serviceId: r.serviceId,
  };
}
