// RFC 6962 verification in the browser, independent of the server's own "verified" flag.
//
// What the server hashes (src/trail/trail.h, merkle.h):
//   leaf_i  = canonical JSON {"actor","command","entity","payload","seq","ts"} (keys sorted, no spaces,
//             the payload embedded as canonical JSON — nlohmann::json::dump() of the stored text)
//   L_i     = SHA-256(0x00 ‖ leaf_i)                       (RFC 6962 leaf hash)
//   node    = SHA-256(0x01 ‖ left ‖ right)                 (RFC 6962 interior node)
//   hash_i  = SHA-256(hash_{i-1} ‖ L_i), hash_0 = 32 zero bytes   (the hash chain)
//   head    = Ed25519 over "mamori-tree-head-v1\n<size>\n<root>\n<ts>"
// The inclusion proof's audit path is PATH(index, D[tree_size]), the leaf's sibling first; it is
// checked with the algorithm of RFC 9162 §2.1.3.2 (index = seq − 1).
//
// Limits of recomputing a leaf from the JSON the API returns: JavaScript numbers lose integers beyond
// 2^53 and cannot tell 1.0 from 1. The server stores only TEXT, INTEGER and NULL, so stored rows never
// hit these; a command input that carried such a number would show "does not match".

import type { InclusionProof, TrailEvent, TreeHead } from './types';

const encoder = new TextEncoder();

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`not hex: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export const isHash = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available');
  return s;
}

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const buf = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    buf.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await subtle().digest('SHA-256', buf));
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array | string): Promise<Uint8Array<ArrayBuffer>> {
  return sha256(Uint8Array.of(0), typeof data === 'string' ? encoder.encode(data) : data);
}

/** RFC 6962 interior node: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return sha256(Uint8Array.of(1), left, right);
}

/** Orders strings by Unicode code point, i.e. by their UTF-8 bytes, as std::map<std::string> does. */
function compareCodePoints(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** JSON as nlohmann::json::dump() writes it: keys sorted by bytes, no whitespace, UTF-8 unescaped. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) return 'null';
      return String(value);
    case 'string':
      // JSON.stringify escapes exactly what nlohmann escapes for well-formed text: " \ and the
      // control characters (\b \f \n \r \t, others as \u00xx in lowercase hex).
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort(compareCodePoints);
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      return 'null';
  }
}

/** The exact text the server hashes for an event (src/trail/trail.cc LeafData). */
export function leafData(e: Pick<TrailEvent, 'actor' | 'command' | 'entity' | 'payload' | 'seq' | 'ts'>): string {
  return (
    `{"actor":${JSON.stringify(e.actor)},"command":${JSON.stringify(e.command)},` +
    `"entity":${JSON.stringify(e.entity)},"payload":${canonicalJson(e.payload)},` +
    `"seq":${e.seq},"ts":${JSON.stringify(e.ts)}}`
  );
}

/** L_i recomputed from the event as the API returned it (hex). */
export async function eventLeafHash(e: Pick<TrailEvent, 'actor' | 'command' | 'entity' | 'payload' | 'seq' | 'ts'>) {
  return bytesToHex(await leafHash(leafData(e)));
}

/** hash_i = SHA-256(hash_{i-1} ‖ L_i) (hex in, hex out). */
export async function chainHash(prevHex: string, leafHex: string): Promise<string> {
  return bytesToHex(await sha256(hexToBytes(prevHex), hexToBytes(leafHex)));
}

/** Does the event's stored chain hash follow from its prev_hash and its own content? */
export async function checkChainLink(e: TrailEvent): Promise<{ leaf: string; ok: boolean }> {
  const leaf = await eventLeafHash(e);
  if (!isHash(e.prev_hash) || !isHash(e.hash)) return { leaf, ok: false };
  return { leaf, ok: (await chainHash(e.prev_hash, leaf)) === e.hash };
}

export interface PathStep {
  /** Where the audit-path hash sits: 'left' → node(sibling, acc), 'right' → node(acc, sibling). */
  side: 'left' | 'right';
  sibling: string;
  /** The hash after this step. */
  result: string;
}

export type InclusionFailure = 'index_out_of_range' | 'malformed' | 'path_too_long' | 'path_too_short' | 'root_mismatch';

export interface InclusionCheck {
  ok: boolean;
  /** The root the audit path leads to (null when the path could not be followed). */
  computedRoot: string | null;
  steps: PathStep[];
  failure?: InclusionFailure;
}

/**
 * RFC 9162 §2.1.3.2: does `proof` show the leaf hash at 0-based `index` in the tree of `treeSize`
 * leaves whose root is `rootHex`? Arithmetic instead of bit operators, so sizes above 2^31 work.
 */
export async function verifyInclusion(
  leafHex: string,
  index: number,
  treeSize: number,
  proof: string[],
  rootHex: string,
): Promise<InclusionCheck> {
  const steps: PathStep[] = [];
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize)
    return { ok: false, computedRoot: null, steps, failure: 'index_out_of_range' };
  if (!isHash(leafHex) || !isHash(rootHex) || !proof.every(isHash))
    return { ok: false, computedRoot: null, steps, failure: 'malformed' };
  let fn = index;
  let sn = treeSize - 1;
  let r = hexToBytes(leafHex);
  for (const p of proof) {
    if (sn === 0) return { ok: false, computedRoot: bytesToHex(r), steps, failure: 'path_too_long' };
    const sibling = hexToBytes(p);
    const odd = fn % 2 === 1;
    if (odd || fn === sn) {
      r = await nodeHash(sibling, r);
      steps.push({ side: 'left', sibling: p, result: bytesToHex(r) });
      if (!odd)
        while (fn !== 0 && fn % 2 === 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
    } else {
      r = await nodeHash(r, sibling);
      steps.push({ side: 'right', sibling: p, result: bytesToHex(r) });
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const computedRoot = bytesToHex(r);
  if (sn !== 0) return { ok: false, computedRoot, steps, failure: 'path_too_short' };
  if (computedRoot !== rootHex) return { ok: false, computedRoot, steps, failure: 'root_mismatch' };
  return { ok: true, computedRoot, steps };
}

/** The message a tree head's Ed25519 signature covers (src/trail/trail.cc TreeHead::Message). */
export function headMessage(h: Pick<TreeHead, 'size' | 'root' | 'ts'>): string {
  return `mamori-tree-head-v1\n${h.size}\n${h.root}\n${h.ts}`;
}

/** Checks the head's Ed25519 signature in the browser; null when this browser cannot (no Ed25519). */
export async function verifyHeadSignature(h: TreeHead): Promise<boolean | null> {
  let key: CryptoKey;
  try {
    key = await subtle().importKey('raw', hexToBytes(h.public_key), { name: 'Ed25519' }, false, ['verify']);
  } catch (e) {
    if (e instanceof DOMException && (e.name === 'NotSupportedError' || e.name === 'SyntaxError')) return null;
    if (e instanceof Error && /not hex/.test(e.message)) return false;
    if (e instanceof DOMException && e.name === 'DataError') return false;
    return null;
  }
  try {
    return await subtle().verify({ name: 'Ed25519' }, key, hexToBytes(h.signature), encoder.encode(headMessage(h)));
  } catch {
    return false;
  }
}

export interface EventProofCheck {
  /** L recomputed here from the event's content. */
  leafHash: string;
  /** It equals the leaf hash the server's proof starts from. */
  leafMatches: boolean;
  /** SHA-256(prev_hash ‖ L) equals the event's stored chain hash. */
  chainMatches: boolean;
  /** The proof is for the signed head's tree size. */
  sizeMatches: boolean;
  /** The audit path followed from L against the signed head's root. */
  path: InclusionCheck;
  /** All of the above. */
  verified: boolean;
}

/**
 * Verifies one event against a signed tree head: the leaf is recomputed from the event itself (so
 * the server's leaf_hash is not taken on trust), then the audit path must lead to the head's root.
 */
export async function checkEventProof(e: TrailEvent, p: InclusionProof, head: TreeHead): Promise<EventProofCheck> {
  const { leaf, ok: chainMatches } = await checkChainLink(e);
  const leafMatches = leaf === p.leaf_hash && p.seq === e.seq;
  const sizeMatches = p.tree_size === head.size;
  const path = await verifyInclusion(leaf, e.seq - 1, head.size, p.proof, head.root);
  return {
    leafHash: leaf,
    leafMatches,
    chainMatches,
    sizeMatches,
    path,
    verified: leafMatches && chainMatches && sizeMatches && path.ok,
  };
}
