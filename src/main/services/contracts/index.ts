import type { ParsedInputOf } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { contractDetail } from './read';
import { exportContracts } from './export';
import {
  addContractAttachment,
  createContract,
  extendContract,
  getContractAttachment,
  renewContract,
  signContract,
  terminateContract,
  updateContract,
} from './flow';
import { contractSummary, expiringContracts, listContracts } from './list';
import { reminderDays, saveContractSettings } from './settings';
import './demo';

/** Green channel: every contracts.* method. */
export const contractsHandlers = {
  'contracts.create': createContract,
  'contracts.update': updateContract,
  'contracts.sign': signContract,
  'contracts.renew': renewContract,
  'contracts.extend': extendContract,
  'contracts.terminate': terminateContract,
  'contracts.get': (ctx: ServiceContext, input: ParsedInputOf<'contracts.get'>) => contractDetail(ctx, input.id),
  'contracts.list': listContracts,
  // The workbook is written asynchronously, outside the call's transaction; the export only reads.
  'contracts.list.export': { ownTransaction: true, handler: exportContracts },
  'contracts.expiring': expiringContracts,
  'contracts.summary': contractSummary,
  'contracts.attachments.add': addContractAttachment,
  'contracts.attachments.get': (ctx: ServiceContext, input: ParsedInputOf<'contracts.attachments.get'>) => getContractAttachment(ctx, input.id),
  'contracts.settings.get': (ctx: ServiceContext) => ({ reminderDays: reminderDays(ctx) }),
  'contracts.settings.save': saveContractSettings,
};

export { runContractReminders } from './reminders';
