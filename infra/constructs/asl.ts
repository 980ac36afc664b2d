/**
 * Reading the workflow definitions (statemachines/*.asl.json) and their `${Placeholder}`s, which
 * hold ARNs only (docs/design.md#workflows): the CDK stack and the local runner fill the same file.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const STATEMACHINES_DIR = join(__dirname, '..', '..', 'statemachines');

/** A file name under statemachines/ (or an absolute path, for platform teams' own workflows). */
export function readDefinition(file: string): string {
  return readFileSync(resolve(STATEMACHINES_DIR, file), 'utf8');
}

/** Every distinct `${Name}` in a definition, sorted. */
export function placeholdersOf(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]))].sort();
}

/** The placeholder the deployed definitions get for the partition of their region. */
export const PARTITION_PLACEHOLDER = 'Partition';

/**
 * The definition with the partition of its service-integration ARNs (`arn:aws:states:::…`, as the
 * ASL files and the local runner spell them) left to the deployment: `arn:${Partition}:states:::…`,
 * so the same file runs in aws-cn and aws-us-gov.
 */
export function withDeployedPartition(definition: string): string {
  return definition.replace(/"arn:aws:/g, `"arn:\${${PARTITION_PLACEHOLDER}}:`);
}

/** Whether a definition waits for child executions (.sync) or runs a distributed Map. */
export function sfnFeatures(definition: string): { sync: boolean; distributedMap: boolean } {
  return {
    sync: /arn:[^:]+:states:::states:startExecution\.sync/.test(definition),
    distributedMap: /"Mode"\s*:\s*"DISTRIBUTED"/.test(definition),
  };
}
