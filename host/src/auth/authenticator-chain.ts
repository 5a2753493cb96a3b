import type { AuthenticationOutcome, AuthenticatorModule, PluginRequest, RequestCredentials } from '@plughost/sdk';

/** The outcome of the whole chain, with the name of the authenticator that decided. */
export type ChainOutcome = Exclude<AuthenticationOutcome, { kind: 'pass' }> & { readonly authenticator: string };

/** The host's last link, which never passes. */
export interface FinalAuthenticator {
  readonly name: string;
  authenticate(request: PluginRequest, credentials: RequestCredentials): Promise<Exclude<AuthenticationOutcome, { kind: 'pass' }>>;
}

/**
 * Runs plugin authenticators in ascending weight, then the host's password authenticator.
 * The list is replaced, never mutated, so a request in flight keeps the list it started with.
 */
export class AuthenticatorChain {
  private authenticators: readonly AuthenticatorModule[] = [];

  constructor(private readonly final: FinalAuthenticator) {}

  /** Adds an authenticator; returns a function that removes it. */
  add(authenticator: AuthenticatorModule): () => void {
    this.authenticators = [...this.authenticators, authenticator].sort((a, b) => a.weight - b.weight);
    return () => {
      this.authenticators = this.authenticators.filter((candidate) => candidate !== authenticator);
    };
  }

  names(): string[] {
    return [...this.authenticators.map((authenticator) => authenticator.name), this.final.name];
  }

  async authenticate(request: PluginRequest, credentials: RequestCredentials): Promise<ChainOutcome> {
    for (const authenticator of this.authenticators) {
      const outcome = await authenticator.authenticate(request, credentials);
      if (outcome.kind !== 'pass') return { ...outcome, authenticator: authenticator.name };
    }
    const outcome = await this.final.authenticate(request, credentials);
    return { ...outcome, authenticator: this.final.name };
  }
}
