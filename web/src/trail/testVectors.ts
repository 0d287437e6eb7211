// Test vectors computed by the server, used only by tests: real trail events (rows of trail_events,
// payload parsed) with their chain hashes, RFC 6962 inclusion proofs and a signed tree head, from
//   mamori demo --var /tmp/tv
//   sqlite3 -json /tmp/tv/mamori.db "SELECT seq, ts, actor, command, entity, payload, prev_hash, hash
//                                    FROM trail_events WHERE seq IN (1,3,5,6,7,190)"
//   mamori trail proof --seq S --size N --var /tmp/tv   (S/N: 1/1, 5/7, 7/7, 3/190, 190/190, 6/13)
//   the size-190 line of /tmp/tv/trail-heads.jsonl      (signed by `mamori trail head`)
import type { InclusionProof, TrailEvent, TreeHead } from './types';

export const EVENTS: Record<number, TrailEvent> = {
  "1": {
    "seq": 1,
    "ts": "2026-10-12T00:00:00.000Z",
    "actor": "system:init",
    "command": "org.init",
    "entity": "org:1",
    "payload": {
      "authz": "system",
      "effects": [
        {
          "id": 1,
          "row": {
            "created_at": "2026-10-12T00:00:00.000Z",
            "id": 1,
            "name": "防衛省本省 内部部局（デモ）",
            "profile": "mod-internal",
            "timezone": "Asia/Tokyo",
            "workday_end": "18:15"
          },
          "t": "org"
        }
      ],
      "input": {
        "name": "防衛省本省 内部部局（デモ）",
        "profile": "mod-internal",
        "timezone": "Asia/Tokyo",
        "workday_end": "18:15"
      }
    },
    "prev_hash": "0000000000000000000000000000000000000000000000000000000000000000",
    "hash": "1eeb2ebaf9604585447de8a43e1a7077387eea20945efac8c888fe718b2d1698"
  },
  "3": {
    "seq": 3,
    "ts": "2026-10-12T00:00:00.000Z",
    "actor": "system:init",
    "command": "person.create",
    "entity": "person:1",
    "payload": {
      "authz": "org.admin",
      "effects": [
        {
          "id": 1,
          "row": {
            "active": 1,
            "created_at": "2026-10-12T00:00:00.000Z",
            "email": "",
            "family_name": "管理",
            "given_name": "者",
            "id": 1,
            "kind": "employee",
            "title": "システム管理担当者",
            "unit_id": 1
          },
          "t": "persons"
        }
      ],
      "input": {
        "family_name": "管理",
        "given_name": "者",
        "title": "システム管理担当者",
        "unit_id": 1
      }
    },
    "prev_hash": "e3b6cacba167809268d0a506a0454c1c3862495b62ac87312404a95cb044a1f6",
    "hash": "f9e0a61d69557688ba7fa27440ffb5cf558dff1d4b7385c0b8316399f6c4f89f"
  },
  "5": {
    "seq": 5,
    "ts": "2026-10-12T00:00:00.000Z",
    "actor": "system:init",
    "command": "designation.create",
    "entity": "designation:1",
    "payload": {
      "authz": "system",
      "effects": [
        {
          "id": 1,
          "row": {
            "created_at": "2026-10-12T00:00:00.000Z",
            "designated_by_person_id": null,
            "id": 1,
            "note": "mamori の初期管理者",
            "person_id": 1,
            "revoked_at": null,
            "revoked_by_person_id": null,
            "role_code": "system_ia_officer",
            "unit_id": 1,
            "valid_from": "2026-10-12T00:00:00.000Z",
            "valid_until": null
          },
          "t": "designations"
        }
      ],
      "input": {
        "note": "mamori の初期管理者",
        "person_id": 1,
        "role": "system_ia_officer",
        "unit_id": 1
      }
    },
    "prev_hash": "b495c5c522f23a76b07fafb5e79d7f27d542ccbd29a1eaa131e947211703f8e8",
    "hash": "cab06cd4c2147f02ce59fcf7851c833815c904039e3af8a7193d1b7ae7d39543"
  },
  "6": {
    "seq": 6,
    "ts": "2026-10-12T00:07:00.000Z",
    "actor": "system:demo",
    "command": "unit.create",
    "entity": "unit:SEIBI",
    "payload": {
      "authz": "org.admin",
      "effects": [
        {
          "id": 2,
          "row": {
            "code": "SEIBI",
            "created_at": "2026-10-12T00:07:00.000Z",
            "head_title": "局長",
            "id": 2,
            "kind": "bureau",
            "name_en": "Defense Buildup Planning Bureau",
            "name_ja": "整備計画局",
            "parent_id": 1
          },
          "t": "org_units"
        }
      ],
      "input": {
        "code": "SEIBI",
        "head_title": "局長",
        "kind": "bureau",
        "name_en": "Defense Buildup Planning Bureau",
        "name_ja": "整備計画局",
        "parent_id": 1
      }
    },
    "prev_hash": "cab06cd4c2147f02ce59fcf7851c833815c904039e3af8a7193d1b7ae7d39543",
    "hash": "e78d32120e089c9f88a6260c1b299b043dc75b0a279fbd196872ede5cca4fd64"
  },
  "7": {
    "seq": 7,
    "ts": "2026-10-12T00:14:00.000Z",
    "actor": "system:demo",
    "command": "unit.create",
    "entity": "unit:CYBER",
    "payload": {
      "authz": "org.admin",
      "effects": [
        {
          "id": 3,
          "row": {
            "code": "CYBER",
            "created_at": "2026-10-12T00:14:00.000Z",
            "head_title": "課長",
            "id": 3,
            "kind": "division",
            "name_en": "Cyber Maintenance Division",
            "name_ja": "整備計画局サイバー整備課",
            "parent_id": 2
          },
          "t": "org_units"
        }
      ],
      "input": {
        "code": "CYBER",
        "head_title": "課長",
        "kind": "division",
        "name_en": "Cyber Maintenance Division",
        "name_ja": "整備計画局サイバー整備課",
        "parent_id": 2
      }
    },
    "prev_hash": "e78d32120e089c9f88a6260c1b299b043dc75b0a279fbd196872ede5cca4fd64",
    "hash": "f2edbeac633aee84e0ab49db5560dc8169ab1dd6ae992d6aacd26fab6638cc71"
  },
  "190": {
    "seq": 190,
    "ts": "2026-11-22T02:16:53.228Z",
    "actor": "user:tanaka",
    "command": "item.record_destruction",
    "entity": "item:M-CY-019",
    "payload": {
      "authz": "ledger.destroy",
      "effects": [
        {
          "id": 19,
          "row": {
            "control_no": "M-CY-019",
            "current_entry_id": null,
            "custodian_unit_id": 3,
            "erasure_confirmed_by_person_id": null,
            "executor_affiliation": "整備計画局サイバー整備課",
            "executor_name": "田中 美咲",
            "executor_person_id": 5,
            "final_at": "2026-11-23T02:09:53.228Z",
            "final_kind": "destroyed",
            "final_method": "pulverize",
            "id": 19,
            "kind": "medium",
            "origin": "registered",
            "product": "",
            "received_from": "",
            "registered_at": "2026-10-12T06:53:00.000Z",
            "registered_by_person_id": 4,
            "serial": "SN5513",
            "state": "destruction_pending",
            "storage": "サイバー整備課 施錠保管庫A",
            "type": "外付けHDD",
            "vendor": "ELECOM",
            "version": 2,
            "witness_affiliation": null,
            "witness_name": null,
            "witness_person_id": 6,
            "witnessed_at": null
          },
          "t": "items"
        }
      ],
      "input": {
        "control_no": "M-CY-019",
        "destroy_at": "2026-11-23T02:09:53.228Z",
        "method": "pulverize",
        "witness_person_id": 6
      }
    },
    "prev_hash": "6b8d79c9588a7a789839f479a5b44f89cdae17ef9144bd7f1474e3022fbc04fd",
    "hash": "cff4804ed929c820985977664bcab758acbfaa9c2461ebf3f5ba1818e5554f6b"
  }
};

export const PROOFS: InclusionProof[] = [
  {
    "leaf_hash": "48c07537c7aec565f94c894e07ce53de2a2cc7b3118f2bf17e00b2d3a0a20a67",
    "proof": [],
    "root": "48c07537c7aec565f94c894e07ce53de2a2cc7b3118f2bf17e00b2d3a0a20a67",
    "seq": 1,
    "tree_size": 1,
    "verified": true
  },
  {
    "leaf_hash": "3f6f8cc9961de70e88bc7f2feb30682385a8fa026d3be0823c4b1576c312b877",
    "proof": [
      "67672ab70d1b436f2ba2cdf2e370c057df89519ead433c73599d03d0c3f1b533",
      "f9d207f516f95514e86497af3df85ba4f15868e67b14939c46be86fbf6db965e",
      "bf163a5914ec8af2de4a6c9bba7d3f48b12f320670218f26522e54a29f73b99b"
    ],
    "root": "1168dc0915d4e63224ab37fc2aef25057faa4a095ae436f5fcaa7fde09e0255d",
    "seq": 5,
    "tree_size": 7,
    "verified": true
  },
  {
    "leaf_hash": "f9d207f516f95514e86497af3df85ba4f15868e67b14939c46be86fbf6db965e",
    "proof": [
      "4ccb60f100d7f4ef79c0313e98e79adcbef58a27d75fe47e38fa9f374b3d1c1a",
      "bf163a5914ec8af2de4a6c9bba7d3f48b12f320670218f26522e54a29f73b99b"
    ],
    "root": "1168dc0915d4e63224ab37fc2aef25057faa4a095ae436f5fcaa7fde09e0255d",
    "seq": 7,
    "tree_size": 7,
    "verified": true
  },
  {
    "leaf_hash": "d9469ee8a2a7ba2d66e88b7da36164c41666a627fa1f915ddbc661407ca5de82",
    "proof": [
      "fecdac06cc5a18289cc2d777dd1b04598c7db60af61e2c330fd037d43995a666",
      "a2495c7f6f38ef5dc64997c8f7f95c5a77793e1ea7e803d1579c376e534d6258",
      "115abaf7ffdbaaed7e36eb79fe448b647a973c27596e52d59971d31c7b862bff",
      "1fb420785856a939b71b66adbf03a2533fd465720a465df6fdedbfa40cb476ee",
      "671dce46f1a83bfa8a21e5507c7b04a655ed0c7db04726ff18fd49c6af71d7ea",
      "7b2c7b8cdd93485cc34ce4dce6dd2bf975eb5aded9abfa02ca1c6d38f870cfdd",
      "1c84f40da60ad1f87ff5757160f9c02e491cc741f96d978db28620de0f6680bf",
      "f51d9311fe73c1489150759a6e5131da4e451a48f200b25dac4f7cda2d685c68"
    ],
    "root": "bc18b58a49de63d7f44d5a10d3dde026deca26e5735bd33913fe577094d30bbc",
    "seq": 3,
    "tree_size": 190,
    "verified": true
  },
  {
    "leaf_hash": "6f1e327a8576a5d607499b8b93afae35200842a6b34f5aa001d333358a2211a4",
    "proof": [
      "751077d7ba74c387d0c0a4daae25f7c35d076cde335aa51b9b101f57ff5b92b9",
      "c3e1c44f9bd16ef103024f7eb8020f13f22681329e8da234a1c41ea82d3d7574",
      "03c427021fe6b4415953fe95aaa52f38fabdd77a283a74f35bdd8a4fd2668c17",
      "b55b9c3daad2470ae41db02d5a99f19fffbe8ec16145d22add13083f47f2c49c",
      "294463711ae76d0cc22d912bf7cfb2a27d5c00f6c7babff7202237348b1f4bde",
      "eebd9e3363574f03c0025aeb3abbc8e4489a7c5479122b10d4bf99347e73dd0a"
    ],
    "root": "bc18b58a49de63d7f44d5a10d3dde026deca26e5735bd33913fe577094d30bbc",
    "seq": 190,
    "tree_size": 190,
    "verified": true
  },
  {
    "leaf_hash": "67672ab70d1b436f2ba2cdf2e370c057df89519ead433c73599d03d0c3f1b533",
    "proof": [
      "3f6f8cc9961de70e88bc7f2feb30682385a8fa026d3be0823c4b1576c312b877",
      "74839f85ce001a49b0ad6dd7e80b6338458d7cad0f69ccecd13857c6736d4491",
      "bf163a5914ec8af2de4a6c9bba7d3f48b12f320670218f26522e54a29f73b99b",
      "a6928ceeb59cfc303902c5b8a0ac63e52b1a00436f8f0ea1b8f7af0849242b4c"
    ],
    "root": "d17821b981623ffa6560e6d205932e70ce1651fec186489470068a86f4cb7245",
    "seq": 6,
    "tree_size": 13,
    "verified": true
  }
];

export const HEAD_190: TreeHead = {
  "public_key": "90af203217999bfadfc1abc66b755641422d42632bfe3cef8d02f966f01e4256",
  "root": "bc18b58a49de63d7f44d5a10d3dde026deca26e5735bd33913fe577094d30bbc",
  "signature": "d88d90faebae869a17a78a4649f88c7ddb39a11f08b8d82d1dc9ed0de3ac89754909a41fd75cf94c8ec4f2181786cf81b47e90367c253d6e16d8545fcb81d908",
  "size": 190,
  "ts": "2026-11-22T04:49:46.794Z",
  "verified_signature": true
};
