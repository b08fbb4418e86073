import type { ComponentType } from 'react';
import {
  IconAddressBook,
  IconBuildingBroadcastTower,
  IconChartBar,
  IconCloudUpload,
  IconFileSearch,
  IconHome,
  IconInfoCircle,
  IconSettings,
  IconShieldCheck,
  IconUserStar,
  IconUsers,
  IconRoute,
  IconCalendarHeart,
  IconAlertTriangle,
} from '@tabler/icons-react';
import type { Role } from '../../../shared/roles';

/** Modules of DOMAIN.md that are still to be built: their page says so and what they will cover. */
export type PendingModuleKey =
  'customers' | 'green' | 'yellow' | 'red' | 'agents' | 'managers' | 'market' | 'reports' | 'sync';

export type NavKey = 'home' | PendingModuleKey | 'users' | 'branch' | 'audit' | 'about';

export interface NavItem {
  key: NavKey;
  path: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Who sees it; everyone signed in when absent. */
  roles?: readonly Role[];
  /** Accent that the module's badges use everywhere (STYLE.md: green / amber / red channels). */
  color?: string;
}

export const MAIN_NAV: NavItem[] = [
  { key: 'home', path: '/', icon: IconHome },
  { key: 'customers', path: '/customers', icon: IconAddressBook },
  { key: 'green', path: '/green', icon: IconRoute, color: 'green' },
  { key: 'yellow', path: '/yellow', icon: IconCalendarHeart, color: 'yellow' },
  { key: 'red', path: '/red', icon: IconAlertTriangle, color: 'red' },
  { key: 'agents', path: '/agents', icon: IconBuildingBroadcastTower },
  { key: 'managers', path: '/managers', icon: IconUserStar },
  { key: 'market', path: '/market', icon: IconFileSearch },
  { key: 'reports', path: '/reports', icon: IconChartBar },
];

export const SETTINGS_NAV: NavItem[] = [
  { key: 'users', path: '/admin/users', icon: IconUsers, roles: ['admin', 'leader'] },
  { key: 'branch', path: '/admin/branch', icon: IconSettings, roles: ['admin', 'leader'] },
  { key: 'audit', path: '/admin/audit', icon: IconShieldCheck, roles: ['admin', 'leader'] },
  { key: 'sync', path: '/admin/sync', icon: IconCloudUpload, roles: ['admin'] },
  { key: 'about', path: '/system/about', icon: IconInfoCircle },
];

export const ALL_NAV = [...MAIN_NAV, ...SETTINGS_NAV];

/** Shown with a "coming" badge on the home page; remove a module here when its pages land. */
export const PENDING_MODULES: PendingModuleKey[] = [
  'agents',
  'managers',
  'market',
];

export function visibleTo(item: NavItem, role: Role): boolean {
  return !item.roles || item.roles.includes(role);
}
