// The JWS algorithm for a private_key_jwt key, from the key itself: RSA → RS256, EC P-256 → ES256.
import { createPrivateKey } from 'node:crypto';

export function signingAlgorithm(pem: string): string {
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('The private key for private_key_jwt could not be read: store it as a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").');
  }
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error(`A ${key.asymmetricKeyType ?? 'unknown'} key cannot sign private_key_jwt here; use an RSA or P-256 key.`);
}
