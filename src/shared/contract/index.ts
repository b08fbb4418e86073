import type { z } from 'zod';
import { authContract } from './auth';
import { usersContract } from './users';
import { settingsContract } from './settings';
import { auditContract } from './audit';
import { systemContract } from './system';
import { customersContract } from './customers';
import { reportsContract } from './reports';
import { ticketsContract } from './tickets';
import { notificationsContract } from './notifications';
import { syncContract } from './sync';
import { ordersContract } from './orders';
import { formsContract } from './forms';
import { contractsContract } from './contracts';
import { visitsContract } from './visits';
import { careContract } from './care';

/** Every API method, by name. Adding a method touches its domain file here and its service. */
export const contract = {
  ...authContract,
  ...usersContract,
  ...settingsContract,
  ...auditContract,
  ...systemContract,
  ...customersContract,
  ...reportsContract,
  ...ticketsContract,
  ...notificationsContract,
  ...syncContract,
  ...ordersContract,
  ...formsContract,
  ...contractsContract,
  ...visitsContract,
  ...careContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
