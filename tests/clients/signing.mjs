// Signs calls to the speed-up service (README, "Security"): written from the documented canonical form alone.
import crypto from 'node:crypto';

const ALGORITHM = 'SPEEDUP1-HMAC-SHA256';

// Proto3's canonical encoding omits fields holding their default value; protobufjs writes any field present on the
// object, so drop them first. The call sends this same object, so the bytes hashed are the bytes sent.
export function withoutDefaults(request) {
  return Object.fromEntries(Object.entries(request).filter(([, v]) =>
    !(v === 0 || v === '0' || v === '' || v === false || v === null || v === undefined || (Array.isArray(v) && v.length === 0))));
}

// The four signature headers of one call. `method` is the proto-loader method definition (path, requestSerialize).
export function signatureHeaders({ accessKeyId, accessKeySecret }, method, request, now = Date.now()) {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = crypto.randomBytes(16).toString('base64url');
  const digest = crypto.createHash('sha256').update(method.requestSerialize(request)).digest('hex');
  const stringToSign = [ALGORITHM, method.path, accessKeyId, timestamp, nonce, digest].join('\n');
  const signature = crypto.createHmac('sha256', Buffer.from(accessKeySecret, 'utf8')).update(stringToSign, 'utf8').digest('hex');
  return {
    'x-speedup-access-key-id': accessKeyId,
    'x-speedup-timestamp': timestamp,
    'x-speedup-nonce': nonce,
    'x-speedup-signature': signature,
  };
}
