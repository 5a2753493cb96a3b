/** Paths, labels and groups of one product flavour. The flavour never changes behaviour. */
export interface Flavour {
  readonly id: 'jira' | 'confluence';
  readonly name: string;
  readonly defaultPort: number;
  readonly adminGroup: string;
  readonly defaultUserGroup: string;
  readonly paths: {
    readonly login: string;
    readonly logout: string;
    readonly adminHome: string;
    readonly users: string;
    readonly groups: string;
    readonly auditLog: string;
    readonly logging: string;
    readonly manageApps: string;
  };
  readonly labels: {
    readonly userAdminSection: string;
    readonly systemAdminSection: string;
    readonly users: string;
    readonly groups: string;
  };
}

export const jira: Flavour = {
  id: 'jira',
  name: 'Jira',
  defaultPort: 2990,
  adminGroup: 'jira-administrators',
  defaultUserGroup: 'jira-software-users',
  paths: {
    login: '/login.jsp',
    logout: '/logout',
    adminHome: '/secure/admin',
    users: '/secure/admin/user/UserBrowser.jspa',
    groups: '/secure/admin/user/GroupBrowser.jspa',
    auditLog: '/auditing/view',
    logging: '/secure/admin/ViewLogging.jspa',
    manageApps: '/plugins/servlet/upm',
  },
  labels: {
    userAdminSection: 'User management',
    systemAdminSection: 'System',
    users: 'Users',
    groups: 'Groups',
  },
};

export const confluence: Flavour = {
  id: 'confluence',
  name: 'Confluence',
  defaultPort: 1990,
  adminGroup: 'confluence-administrators',
  defaultUserGroup: 'confluence-users',
  paths: {
    login: '/login.action',
    logout: '/logout.action',
    adminHome: '/admin',
    users: '/admin/users/browseusers.action',
    groups: '/admin/users/browsegroups.action',
    auditLog: '/admin/auditlogging.action',
    logging: '/admin/viewlog4j.action',
    manageApps: '/plugins/servlet/upm',
  },
  labels: {
    userAdminSection: 'Users & Security',
    systemAdminSection: 'Administration',
    users: 'Users',
    groups: 'Groups',
  },
};

export function flavourOf(product: 'jira' | 'confluence'): Flavour {
  return product === 'jira' ? jira : confluence;
}
