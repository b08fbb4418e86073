import type { ParsedInputOf } from '../../../shared/contract';
import { customersContract } from '../../../shared/contract/customers';
import { customers } from '../../db/schema';
import { bulkUpdate } from '../bulk';
import type { ServiceContext } from '../context';
import type { HandlerMap } from '../index';
import { runEvaluation, listResults, listRuns } from './evaluation';
import { exportCustomers, importTemplate } from './export';
import { commitImport, listBatches, previewImport, undoBatch } from './import';
import { exportBatches } from './import/history';
import { listCustomers, lookupCustomers } from './list';
import { claimCustomers, ownershipLogPage, releaseCustomers, setCustomerStage, transferCustomers } from './ownership';
import { checkDuplicate, createCustomer, deleteCustomer, getCustomer360, updateCustomer } from './profile';
import {
  deleteSectionRow,
  saveBill,
  saveContact,
  saveCredit,
  saveProject,
  saveResource,
  saveService,
} from './sections';
import { getCustomerSettings, recomputeKeyFlags, saveCustomerSettings } from './settings';
import { acknowledgeWarning, listWarnings, refreshWarnings } from './warnings';
import { exportWarnings } from './warnings-export';
import { deleteView, listViews, saveView } from './views';
import './demo';

type CustomerMethods = keyof typeof customersContract;
type Input<M extends CustomerMethods> = ParsedInputOf<M>;
type Del = { customerId: string; id: string };

/** The customer module's handlers (issue #3). */
export const customersHandlers: Pick<HandlerMap, CustomerMethods> = {
  'customers.list': listCustomers,
  'customers.lookup': lookupCustomers,
  'customers.get': getCustomer360,
  'customers.checkDuplicate': checkDuplicate,
  'customers.create': createCustomer,
  'customers.update': updateCustomer,
  'customers.delete': deleteCustomer,
  'customers.transfer': transferCustomers,
  'customers.release': releaseCustomers,
  'customers.claim': claimCustomers,
  'customers.setStage': setCustomerStage,
  'customers.ownershipLog': ownershipLogPage,
  'customers.contacts.save': saveContact,
  'customers.contacts.delete': (ctx: ServiceContext, input: Del) => deleteSectionRow(ctx, 'contacts', input),
  'customers.services.save': saveService,
  'customers.services.delete': (ctx: ServiceContext, input: Del) => deleteSectionRow(ctx, 'services', input),
  'customers.bills.save': saveBill,
  'customers.bills.delete': (ctx: ServiceContext, input: Del) => deleteSectionRow(ctx, 'bills', input),
  'customers.credit.save': saveCredit,
  'customers.credit.delete': (ctx: ServiceContext, input: Del) => deleteSectionRow(ctx, 'credit', input),
  'customers.projects.save': saveProject,
  'customers.projects.delete': (ctx: ServiceContext, input: Del) => deleteSectionRow(ctx, 'projects', input),
  'customers.resources.save': saveResource,
  'customers.resources.delete': (ctx: ServiceContext, input: Del) => deleteSectionRow(ctx, 'resources', input),
  'customers.settings.get': (ctx: ServiceContext) => getCustomerSettings(ctx),
  'customers.settings.update': (ctx: ServiceContext, input: Input<'customers.settings.update'>) => {
    const next = saveCustomerSettings(ctx, input);
    recomputeKeyFlags(ctx, next, (changes) => bulkUpdate(ctx, customers, changes, { summary: { reason: 'key rule changed' } }));
    return next;
  },
  'customers.evaluate': runEvaluation,
  'customers.evaluations.runs': listRuns,
  'customers.evaluations.results': listResults,
  'customers.warnings.list': listWarnings,
  'customers.warnings.export': { ownTransaction: true, handler: exportWarnings },
  'customers.warnings.refresh': (ctx: ServiceContext) => refreshWarnings(ctx),
  'customers.warnings.acknowledge': acknowledgeWarning,
  'customers.views.list': (ctx: ServiceContext) => listViews(ctx),
  'customers.views.save': saveView,
  'customers.views.delete': deleteView,
  'customers.export': { ownTransaction: true, handler: exportCustomers },
  'customers.import.template': { ownTransaction: true, handler: importTemplate },
  'customers.import.preview': { ownTransaction: true, handler: previewImport },
  'customers.import.commit': { ownTransaction: true, handler: commitImport },
  'customers.import.batches': listBatches,
  'customers.import.batchesExport': { ownTransaction: true, handler: exportBatches },
  'customers.import.undo': undoBatch,
};
