import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  canonicalJson,
  chainHash,
  checkChainLink,
  checkEventProof,
  eventLeafHash,
  hexToBytes,
  leafData,
  leafHash,
  nodeHash,
  verifyHeadSignature,
  verifyInclusion,
} from './merkle';
import { EVENTS, HEAD_190, PROOFS } from './testVectors';
import type { InclusionProof } from './types';

const proofFor = (seq: number, size: number): InclusionProof => {
  const p = PROOFS.find((x) => x.seq === seq && x.tree_size === size);
  if (!p) throw new Error(`no vector for ${seq}/${size}`);
  return p;
};

/** Changes one hex digit of a hash (one byte differs). */
function flip(hex: string, at = 10): string {
  const c = hex[at] === '0' ? '1' : '0';
  return hex.slice(0, at) + c + hex.slice(at + 1);
}

describe('RFC 6962 hashing', () => {
  it('hashes leaves and nodes with their domain prefixes', async () => {
    // SHA-256(0x00): the RFC 6962 hash of the empty leaf (also checked in src/trail/merkle_test.cc).
    expect(bytesToHex(await leafHash(''))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const a = await leafHash('a');
    const b = await leafHash('b');
    expect(bytesToHex(await nodeHash(a, b))).not.toBe(bytesToHex(await nodeHash(b, a)));
  });

  it('round-trips hex', () => {
    expect(bytesToHex(hexToBytes('00ff10ab'))).toBe('00ff10ab');
    expect(() => hexToBytes('0g')).toThrow();
  });
});

describe('canonical JSON as the server writes it', () => {
  it('sorts keys by code point, keeps UTF-8 and escapes control characters', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], A: { z: '日本', y: 'a\n"\\\u0001' } })).toBe(
      '{"A":{"y":"a\\n\\"\\\\\\u0001","z":"日本"},"a":[true,null,"x"],"b":1}',
    );
    // Integer-like keys do not jump ahead (JavaScript objects would list them first).
    expect(canonicalJson({ b: 1, '10': 2, '9': 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it('recomputes the leaf of real events exactly', async () => {
    // The leaf hashes come from `mamori trail proof`.
    expect(await eventLeafHash(EVENTS[1])).toBe(proofFor(1, 1).leaf_hash);
    expect(await eventLeafHash(EVENTS[3])).toBe(proofFor(3, 190).leaf_hash);
    expect(await eventLeafHash(EVENTS[5])).toBe(proofFor(5, 7).leaf_hash);
    expect(await eventLeafHash(EVENTS[190])).toBe(proofFor(190, 190).leaf_hash);
    expect(leafData(EVENTS[1]).startsWith('{"actor":"system:init","command":"org.init","entity":"org:1","payload":{"authz"')).toBe(true);
  });

  it('follows the hash chain', async () => {
    for (const seq of [1, 3, 5, 6, 7, 190]) {
      const e = EVENTS[seq];
      expect(await chainHash(e.prev_hash, await eventLeafHash(e))).toBe(e.hash);
      expect((await checkChainLink(e)).ok).toBe(true);
    }
    expect(EVENTS[6].prev_hash).toBe(EVENTS[5].hash);
    // An edited payload breaks the link.
    const edited = { ...EVENTS[5], payload: { ...(EVENTS[5].payload as object), authz: 'nobody' } };
    expect((await checkChainLink(edited)).ok).toBe(false);
  });
});

describe('inclusion proofs (RFC 9162 §2.1.3.2)', () => {
  it('verifies correct proofs computed by the server', async () => {
    for (const p of PROOFS) {
      const r = await verifyInclusion(p.leaf_hash, p.seq - 1, p.tree_size, p.proof, p.root);
      expect(r.ok, `seq ${p.seq} of ${p.tree_size}`).toBe(true);
      expect(r.computedRoot).toBe(p.root);
      expect(r.steps).toHaveLength(p.proof.length);
    }
    // A one-leaf tree: the root is the leaf hash and the path is empty.
    const one = proofFor(1, 1);
    expect(one.proof).toEqual([]);
    expect((await verifyInclusion(one.leaf_hash, 0, 1, [], one.root)).ok).toBe(true);
  });

  it('records which side each audit-path hash is on', async () => {
    // Leaf 7 of 7 (index 6): its first sibling is the subtree [4,6) on the left, then [0,4) on the left.
    const p = proofFor(7, 7);
    const r = await verifyInclusion(p.leaf_hash, 6, 7, p.proof, p.root);
    expect(r.steps.map((s) => s.side)).toEqual(['left', 'left']);
    // Leaf 5 of 7 (index 4): sibling leaf 6 on the right, leaf 7 on the right, then [0,4) on the left.
    const q = proofFor(5, 7);
    const s = await verifyInclusion(q.leaf_hash, 4, 7, q.proof, q.root);
    expect(s.steps.map((x) => x.side)).toEqual(['right', 'right', 'left']);
  });

  it('fails on a flipped byte in the leaf, the path or the root', async () => {
    const p = proofFor(3, 190);
    expect((await verifyInclusion(flip(p.leaf_hash), 2, 190, p.proof, p.root)).failure).toBe('root_mismatch');
    for (let i = 0; i < p.proof.length; i++) {
      const path = p.proof.map((h, j) => (j === i ? flip(h, 63) : h));
      const r = await verifyInclusion(p.leaf_hash, 2, 190, path, p.root);
      expect(r.ok, `path[${i}] flipped`).toBe(false);
    }
    expect((await verifyInclusion(p.leaf_hash, 2, 190, p.proof, flip(p.root))).failure).toBe('root_mismatch');
  });

  it('fails on a wrong index, a wrong tree size or a wrong path length', async () => {
    const p = proofFor(6, 13);
    expect((await verifyInclusion(p.leaf_hash, 5, 13, p.proof, p.root)).ok).toBe(true);
    expect((await verifyInclusion(p.leaf_hash, 4, 13, p.proof, p.root)).ok).toBe(false);
    expect((await verifyInclusion(p.leaf_hash, 6, 13, p.proof, p.root)).ok).toBe(false);
    expect((await verifyInclusion(p.leaf_hash, 13, 13, p.proof, p.root)).failure).toBe('index_out_of_range');
    expect((await verifyInclusion(p.leaf_hash, -1, 13, p.proof, p.root)).failure).toBe('index_out_of_range');
    // A tree size whose shape differs (8 leaves: one level less on this leaf's path). Sizes with the
    // same shape along the path (9 to 16) give the same root: the signed head is what binds the size.
    expect((await verifyInclusion(p.leaf_hash, 5, 8, p.proof, p.root)).ok).toBe(false);
    expect((await verifyInclusion(p.leaf_hash, 5, 6, p.proof, p.root)).ok).toBe(false);
    expect((await verifyInclusion(p.leaf_hash, 5, 13, p.proof.slice(0, -1), p.root)).failure).toBe('path_too_short');
    expect((await verifyInclusion(p.leaf_hash, 5, 13, [...p.proof, p.root], p.root)).failure).toBe('path_too_long');
    // Another leaf's correct proof does not prove this leaf.
    const q = proofFor(5, 7);
    expect((await verifyInclusion(proofFor(7, 7).leaf_hash, 4, 7, q.proof, q.root)).ok).toBe(false);
    expect((await verifyInclusion('xyz', 5, 13, p.proof, p.root)).failure).toBe('malformed');
  });
});

describe('an event against the signed head', () => {
  it('verifies the head signature with Ed25519', async () => {
    // Node's WebCrypto (and Chromium's) has Ed25519; where a browser lacks it the UI shows the
    // server's check only (null).
    expect(await verifyHeadSignature(HEAD_190)).toBe(true);
    expect(await verifyHeadSignature({ ...HEAD_190, root: flip(HEAD_190.root) })).toBe(false);
    expect(await verifyHeadSignature({ ...HEAD_190, size: 189 })).toBe(false);
    expect(await verifyHeadSignature({ ...HEAD_190, signature: flip(HEAD_190.signature, 0) })).toBe(false);
  });

  it('verifies event 190 and event 3 against the head of size 190', async () => {
    for (const seq of [3, 190]) {
      const r = await checkEventProof(EVENTS[seq], proofFor(seq, 190), HEAD_190);
      expect(r.verified, `seq ${seq}`).toBe(true);
      expect(r.leafMatches && r.chainMatches && r.sizeMatches && r.path.ok).toBe(true);
      expect(r.path.computedRoot).toBe(HEAD_190.root);
    }
  });

  it('does not match when the event, the proof or the head differ', async () => {
    const e = EVENTS[3];
    const p = proofFor(3, 190);
    const tampered = { ...e, entity: 'person:2' };
    const r1 = await checkEventProof(tampered, p, HEAD_190);
    expect(r1.verified).toBe(false);
    expect(r1.leafMatches).toBe(false);
    expect(r1.path.ok).toBe(false);
    const r2 = await checkEventProof(e, { ...p, proof: [flip(p.proof[0]), ...p.proof.slice(1)] }, HEAD_190);
    expect(r2.verified).toBe(false);
    expect(r2.leafMatches).toBe(true);
    const r3 = await checkEventProof(e, p, { ...HEAD_190, root: flip(HEAD_190.root) });
    expect(r3.verified).toBe(false);
    expect(r3.path.failure).toBe('root_mismatch');
    // A proof for another tree size than the signed head's.
    const r4 = await checkEventProof(EVENTS[5], proofFor(5, 7), HEAD_190);
    expect(r4.verified).toBe(false);
    expect(r4.sizeMatches).toBe(false);
  });
});
