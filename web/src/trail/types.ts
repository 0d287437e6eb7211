// Shapes of the trail API (docs/openapi.yaml: TrailEvent, TrailPage, TreeHead, InclusionProof).

export interface TrailEvent {
  seq: number;
  ts: string;
  actor: string;
  command: string;
  entity: string;
  /** The command's input (secrets redacted), the rows it wrote ("effects") and how it was authorized. */
  payload: unknown;
  prev_hash: string;
  hash: string;
}

export interface TrailPage {
  events: TrailEvent[];
  /** The number of events in the whole trail. */
  size: number;
}

export interface TreeHead {
  size: number;
  root: string;
  ts: string;
  public_key: string;
  signature: string;
  verified_signature: boolean;
}

export interface InclusionProof {
  seq: number;
  tree_size: number;
  leaf_hash: string;
  root: string;
  /** The audit path, the leaf's sibling first (RFC 6962 §2.1.1). */
  proof: string[];
  verified: boolean;
}
