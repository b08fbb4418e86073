import type { ParsedInputOf } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { requestFormDocument } from '../reports/request-form';
import { activeLeaders, readFormSettings, saveFormSettings } from './config';
import { listDeputies, removeDeputy, setDeputy } from './deputies';
import { runFormEscalation } from './escalation';
import { exportForms } from './export';
import {
  answerForm,
  approveForm,
  confirmForm,
  createForm,
  decline,
  reopenForm,
  routeForm,
  submitForm,
  updateForm,
  withdrawForm,
} from './flow';
import { formDetail, formQueue, formQueueCounts, getForm, listForms } from './read';
import { formScope, type FormRowT } from './scope';
import './demo';

/** Every flow step answers with the form's page as the caller now sees it. */
const page = (ctx: ServiceContext, f: FormRowT) => formDetail(ctx, formScope(ctx), f);

/** Green channel: every forms.* method (资源确认单 / 业务联系单). */
export const formsHandlers = {
  'forms.create': (ctx: ServiceContext, input: ParsedInputOf<'forms.create'>) => page(ctx, createForm(ctx, input)),
  'forms.update': (ctx: ServiceContext, input: ParsedInputOf<'forms.update'>) => page(ctx, updateForm(ctx, input)),
  'forms.submit': (ctx: ServiceContext, input: ParsedInputOf<'forms.submit'>) => page(ctx, submitForm(ctx, input.id)),
  'forms.approve': (ctx: ServiceContext, input: ParsedInputOf<'forms.approve'>) => page(ctx, approveForm(ctx, input)),
  'forms.reject': (ctx: ServiceContext, input: ParsedInputOf<'forms.reject'>) => page(ctx, decline(ctx, input, 'reject')),
  'forms.sendBack': (ctx: ServiceContext, input: ParsedInputOf<'forms.sendBack'>) => page(ctx, decline(ctx, input, 'sendBack')),
  'forms.route': (ctx: ServiceContext, input: ParsedInputOf<'forms.route'>) => page(ctx, routeForm(ctx, input)),
  'forms.answer': (ctx: ServiceContext, input: ParsedInputOf<'forms.answer'>) => page(ctx, answerForm(ctx, input)),
  'forms.confirm': (ctx: ServiceContext, input: ParsedInputOf<'forms.confirm'>) => page(ctx, confirmForm(ctx, input)),
  'forms.reopen': (ctx: ServiceContext, input: ParsedInputOf<'forms.reopen'>) => page(ctx, reopenForm(ctx, input)),
  'forms.withdraw': (ctx: ServiceContext, input: ParsedInputOf<'forms.withdraw'>) => page(ctx, withdrawForm(ctx, input)),
  'forms.get': (ctx: ServiceContext, input: ParsedInputOf<'forms.get'>) => getForm(ctx, input.id),
  'forms.list': (ctx: ServiceContext, input: ParsedInputOf<'forms.list'>) => listForms(ctx, input),
  // The workbook is written asynchronously, outside the call's transaction; the export only reads.
  'forms.list.export': { ownTransaction: true, handler: exportForms },
  'forms.queue': (ctx: ServiceContext, input: ParsedInputOf<'forms.queue'>) => formQueue(ctx, input),
  'forms.queueCounts': (ctx: ServiceContext) => formQueueCounts(ctx),
  'forms.print': (ctx: ServiceContext, input: ParsedInputOf<'forms.print'>) => requestFormDocument(ctx, getForm(ctx, input.id)),
  'forms.deputies.list': (ctx: ServiceContext) => listDeputies(ctx),
  'forms.deputies.set': (ctx: ServiceContext, input: ParsedInputOf<'forms.deputies.set'>) => setDeputy(ctx, input),
  'forms.deputies.remove': (ctx: ServiceContext, input: ParsedInputOf<'forms.deputies.remove'>) => removeDeputy(ctx, input),
  'forms.settings.get': (ctx: ServiceContext) => ({
    ...readFormSettings(ctx),
    leaders: activeLeaders(ctx).map(({ id, displayName, department }) => ({ id, displayName, department })),
  }),
  'forms.settings.save': (ctx: ServiceContext, input: ParsedInputOf<'forms.settings.save'>) => saveFormSettings(ctx, input),
  'forms.runEscalation': (ctx: ServiceContext) => runFormEscalation(ctx),
};

export { runFormEscalation } from './escalation';
