import { webLocations } from '@plughost/sdk';
import type { Flavour } from '../product/flavours.js';
import type { Navigation } from './navigation.js';

/** Adds the host's own admin sections and the links to its user and group pages. */
export function addHostNavigation(navigation: Navigation, flavour: Flavour): void {
  navigation.addSection({ key: webLocations.userAdminSection, label: flavour.labels.userAdminSection, weight: 10 });
  navigation.addSection({ key: webLocations.systemAdminSection, label: flavour.labels.systemAdminSection, weight: 20 });
  navigation.addItem({ key: 'user_browser', location: webLocations.userAdminSection, label: flavour.labels.users, url: flavour.paths.users, weight: 10, condition: 'admin' });
  navigation.addItem({ key: 'group_browser', location: webLocations.userAdminSection, label: flavour.labels.groups, url: flavour.paths.groups, weight: 20, condition: 'admin' });
}
