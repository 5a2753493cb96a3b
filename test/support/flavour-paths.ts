/** The contract's URLs and groups per flavour, written out so tests check them rather than reuse the host's table. */
export interface FlavourPaths {
  readonly product: 'jira' | 'confluence';
  readonly login: string;
  readonly adminHome: string;
  readonly users: string;
  readonly user: string;
  readonly groups: string;
  readonly group: string;
  readonly adminGroup: string;
  readonly userGroup: string;
  readonly userAdminSection: string;
}

export const jiraPaths: FlavourPaths = {
  product: 'jira',
  login: '/login.jsp',
  adminHome: '/secure/admin',
  users: '/secure/admin/user/UserBrowser.jspa',
  user: '/secure/admin/user/ViewUser.jspa',
  groups: '/secure/admin/user/GroupBrowser.jspa',
  group: '/secure/admin/user/ViewGroup.jspa',
  adminGroup: 'jira-administrators',
  userGroup: 'jira-software-users',
  userAdminSection: 'User management',
};

export const confluencePaths: FlavourPaths = {
  product: 'confluence',
  login: '/login.action',
  adminHome: '/admin',
  users: '/admin/users/browseusers.action',
  user: '/admin/users/viewuser.action',
  groups: '/admin/users/browsegroups.action',
  group: '/admin/users/viewgroup.action',
  adminGroup: 'confluence-administrators',
  userGroup: 'confluence-users',
  userAdminSection: 'Users & Security',
};

export const bothFlavours: readonly FlavourPaths[] = [jiraPaths, confluencePaths];
