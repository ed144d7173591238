import type { SecretBox } from '../services/secret-box';

/**
 * How a provider credential's API key is stored: `encryptedSecret` holds the secret box's sealed text (UTF-8),
 * authenticated with the credential id, so a sealed value copied onto another credential row does not open.
 * `secretIv` / `secretAuthTag` stay null: the sealed text carries its own IV and tag.
 */
export function sealProviderSecret(secrets: SecretBox, credentialId: string, apiKey: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(secrets.encrypt(apiKey, secretContext(credentialId)), 'utf8'));
}

/** The API key of a credential row, or undefined when it has none. Throws SecretBoxError when it cannot be opened. */
export function openProviderSecret(secrets: SecretBox, credential: { id: string; encryptedSecret: Uint8Array | null }): string | undefined {
  if (credential.encryptedSecret === null || credential.encryptedSecret.length === 0) return undefined;
  return secrets.decrypt(Buffer.from(credential.encryptedSecret).toString('utf8'), secretContext(credential.id));
}

function secretContext(credentialId: string): string {
  return `provider-credential:${credentialId}`;
}
