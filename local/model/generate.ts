/**
 * Generates local/model/service-model.json: for every operation the local cloud implements, the
 * request members that AWS checks before anything else — required members and enum-valued members —
 * with their wire names (EC2 Query names, JSON member names, REST path labels and query strings).
 *
 * Source: the AWS SDK's own service model, as it ships in node_modules: the runtime schemas of
 * @aws-sdk/client-* (member names, required count, EC2 query names, HTTP bindings) and the enum
 * types of their type declarations (the schemas carry no enum traits). Nothing is hand-listed.
 *
 *   npx tsx local/model/generate.ts          # rewrite the file
 *   npx tsx local/model/generate.ts --check  # exit 1 when the file is stale (CI)
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { translateTraits } from '@smithy/core/schema';
import type { MemberModel, OperationModel, ServiceModel } from './types';

export const MODEL_FILE = join(__dirname, 'service-model.json');

interface SdkService {
  signingName: string;
  pkg: string;
  protocol: ServiceModel['protocol'];
  operations: () => string[] | Promise<string[]>;
}

const SERVICES: SdkService[] = [
  { signingName: 'ec2', pkg: '@aws-sdk/client-ec2', protocol: 'ec2', operations: async () => Object.keys((await import('../ec2/service')).EC2_OPERATIONS) },
  { signingName: 'events', pkg: '@aws-sdk/client-eventbridge', protocol: 'json', operations: async () => (await import('../events/service')).eventsOperationNames() },
  { signingName: 'states', pkg: '@aws-sdk/client-sfn', protocol: 'json', operations: async () => Object.keys((await import('../sfn/operations')).operations({} as never, new Map())) },
  { signingName: 'vpc-lattice', pkg: '@aws-sdk/client-vpc-lattice', protocol: 'rest-json', operations: async () => (await import('../lattice/service')).latticeOperationNames() },
];

/** `[3, namespace, name, traits, memberNames, memberSchemas, requiredCount]` — a structure schema. */
type StructSchema = [3, string, string, unknown, string[], unknown[], number?];
type Traits = Record<string, unknown>;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A member schema is a number (a simple type; 64|n is a list of n), a thunk, or `[schemaOrThunk, traits]`. */
function memberShape(raw: unknown): { kind: MemberModel['kind']; traits: Traits } {
  if (typeof raw === 'number') return { kind: raw & 64 ? 'list' : raw & 128 ? 'map' : 'scalar', traits: {} };
  const [ref, traits] = typeof raw === 'function' ? [raw, 0] : (raw as [unknown, unknown]);
  const target = typeof ref === 'function' ? (ref as () => unknown)() : ref;
  const t = translateTraits(traits as never) as Traits;
  if (typeof target === 'number') return { kind: target & 64 ? 'list' : target & 128 ? 'map' : 'scalar', traits: t };
  const code = Array.isArray(target) ? target[0] : undefined;
  return { kind: code === 1 ? 'list' : code === 2 ? 'map' : code === 3 ? 'struct' : 'scalar', traits: t };
}

/** `export declare const VpcAttributeName: { readonly a: "a"; … };` → name → values. */
function readEnums(typesDir: string): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  const text = readFileSync(join(typesDir, 'enums.d.ts'), 'utf8');
  for (const m of text.matchAll(/export declare const (\w+): \{([^}]*)\};/g)) {
    enums.set(m[1], [...m[2].matchAll(/readonly \w+: "([^"]*)";/g)].map((v) => v[1]));
  }
  return enums;
}

/** The declared type of each member of `interface <name>` in the SDK's model declarations. */
function readInterfaces(typesDir: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const file of readdirSync(typesDir).filter((f) => /^models_\d+\.d\.ts$/.test(f))) {
    const text = readFileSync(join(typesDir, file), 'utf8');
    for (const m of text.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
      const members = new Map<string, string>();
      for (const line of m[2].matchAll(/^ {4}(\w+)\??: (.+);$/gm)) members.set(line[1], line[2]);
      out.set(m[1], members);
    }
  }
  return out;
}

/** `VpcAttributeName | undefined` or `(VpcEndpointType)[] | undefined` → the enum's values. */
function enumOf(type: string | undefined, enums: Map<string, string[]>): string[] | undefined {
  const name = type?.replace(/ \| undefined$/, '').replace(/^\(?(\w+)\)?(\[\])?$/, '$1');
  return name ? enums.get(name) : undefined;
}

function wireName(protocol: ServiceModel['protocol'], member: string, traits: Traits): string {
  if (protocol === 'ec2') return String(traits.ec2QueryName ?? (traits.xmlName ? capitalize(String(traits.xmlName)) : capitalize(member)));
  if (traits.httpLabel) return member;
  if (typeof traits.httpQuery === 'string') return traits.httpQuery;
  if (typeof traits.httpHeader === 'string') return traits.httpHeader.toLowerCase();
  return String(traits.jsonName ?? member);
}

function location(traits: Traits): MemberModel['location'] {
  if (traits.httpLabel) return 'label';
  if (traits.httpQuery) return 'query';
  if (traits.httpHeader) return 'header';
  return 'body';
}

async function serviceModel(svc: SdkService): Promise<ServiceModel> {
  const sdk = (await import(svc.pkg)) as Record<string, unknown>;
  const typesDir = join(dirname(require.resolve(`${svc.pkg}/package.json`)), 'dist-types', 'models');
  const enums = readEnums(typesDir);
  const interfaces = readInterfaces(typesDir);
  const operations: Record<string, OperationModel> = {};
  for (const name of [...(await svc.operations())].sort()) {
    const op = sdk[`${name}$`] as [9, string, string, Traits, () => StructSchema] | undefined;
    if (!op) throw new Error(`${svc.pkg} has no operation ${name}`);
    const input = op[4]();
    const [, , inputName, , names, schemas, requiredCount = 0] = input;
    const declared = interfaces.get(inputName);
    const members: MemberModel[] = [];
    names.forEach((member, i) => {
      const { kind, traits } = memberShape(schemas[i]);
      const values = enumOf(declared?.get(member), enums);
      const required = i < requiredCount;
      if (!required && !values) return;
      members.push({
        member, name: wireName(svc.protocol, member, traits), kind, required,
        ...(svc.protocol === 'rest-json' ? { location: location(traits) } : {}),
        ...(values ? { enum: values } : {}),
      });
    });
    const http = (op[3] as { http?: [string, string, number] }).http;
    operations[name] = { members, ...(svc.protocol === 'rest-json' && http ? { http: [http[0], http[1]] } : {}) };
  }
  return { protocol: svc.protocol, sdk: `${svc.pkg}@${sdkVersion(svc.pkg)}`, operations };
}

function sdkVersion(pkg: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
}

export async function generate(): Promise<string> {
  const model: Record<string, ServiceModel> = {};
  for (const svc of SERVICES) model[svc.signingName] = await serviceModel(svc);
  return `${JSON.stringify(model, null, 1)}\n`;
}

if (require.main === module) {
  generate().then((text) => {
    if (process.argv.includes('--check')) {
      const current = readFileSync(MODEL_FILE, 'utf8');
      if (current !== text) {
        console.error(`${MODEL_FILE} is stale: run npx tsx local/model/generate.ts`);
        process.exit(1);
      }
      console.log(`${MODEL_FILE} is up to date`);
      return;
    }
    writeFileSync(MODEL_FILE, text);
    console.log(`wrote ${MODEL_FILE}`);
  }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
