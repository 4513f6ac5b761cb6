// The webmail's repositories, grouped as the webmail routes use them (each is also on Store).
import type { AddressBookRepo } from './addressbook-repo.ts';
import type { FilterRepo } from './filter-repo.ts';
import type { Store } from './index.ts';
import type { PreferencesRepo } from './preferences-repo.ts';
import type { WebmailQueries } from './webmail-queries.ts';

export interface WebmailRepos {
  readonly addressBook: AddressBookRepo;
  readonly preferences: PreferencesRepo;
  readonly filters: FilterRepo;
  readonly queries: WebmailQueries;
}

export function webmailRepos(store: Store): WebmailRepos {
  return { addressBook: store.addressBook, preferences: store.preferences, filters: store.filters, queries: store.webmailQueries };
}
