import type { User, WebCondition, WebItemModule, WebSectionModule } from '@plughost/sdk';
import type { UserDirectory } from '../users/user-directory.js';

export interface NavigationLink {
  readonly key: string;
  readonly label: string;
  readonly url: string;
}

export interface NavigationSection {
  readonly key: string;
  readonly label: string;
  readonly items: readonly NavigationLink[];
}

/**
 * Web sections and web items from the host and from plugins. Conditions are evaluated per
 * request, so a permission change shows on the next page view.
 */
export class Navigation {
  private sections: readonly WebSectionModule[] = [];
  private items: readonly WebItemModule[] = [];

  constructor(private readonly users: UserDirectory) {}

  /** Adds a section; returns a function that removes it. */
  addSection(section: WebSectionModule): () => void {
    this.sections = [...this.sections, section];
    return () => {
      this.sections = this.sections.filter((candidate) => candidate !== section);
    };
  }

  /** Adds an item; returns a function that removes it. */
  addItem(item: WebItemModule): () => void {
    this.items = [...this.items, item];
    return () => {
      this.items = this.items.filter((candidate) => candidate !== item);
    };
  }

  /** The visible items at a location, by weight then label. */
  async itemsAt(location: string, user: User | undefined): Promise<NavigationLink[]> {
    const candidates = this.items.filter((item) => item.location === location).sort(byWeightThenLabel);
    const visible: NavigationLink[] = [];
    for (const item of candidates) {
      if (await this.isVisible(item.condition, user)) visible.push({ key: item.key, label: item.label, url: item.url });
    }
    return visible;
  }

  /** The admin navigation: every visible section with its visible items. Empty sections are left out. */
  async adminSections(user: User | undefined): Promise<NavigationSection[]> {
    const result: NavigationSection[] = [];
    for (const section of [...this.sections].sort(byWeightThenLabel)) {
      if (!(await this.isVisible(section.condition ?? 'admin', user))) continue;
      const items = await this.itemsAt(section.key, user);
      if (items.length > 0) result.push({ key: section.key, label: section.label, items });
    }
    return result;
  }

  private async isVisible(condition: WebCondition | undefined, user: User | undefined): Promise<boolean> {
    switch (condition ?? 'always') {
      case 'always':
        return true;
      case 'loggedIn':
        return user !== undefined;
      case 'admin':
        return user !== undefined && (await this.users.isAdmin(user.name));
      case 'systemAdmin':
        return user !== undefined && (await this.users.isSystemAdmin(user.name));
      default:
        return (condition as Exclude<WebCondition, string>)({ user });
    }
  }
}

function byWeightThenLabel(a: { weight?: number; label: string }, b: { weight?: number; label: string }): number {
  return (a.weight ?? 100) - (b.weight ?? 100) || a.label.localeCompare(b.label);
}
