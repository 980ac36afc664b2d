/**
 * The generated service model (service-model.json, written by generate.ts from the AWS SDK's own
 * model): what the local cloud knows of each implemented operation's request members.
 */
import type { OperationModel, ServiceModel } from './types';
import model from './service-model.json';

const MODEL = model as unknown as Record<string, ServiceModel>;

export function serviceModel(signingName: string): ServiceModel | undefined {
  return MODEL[signingName];
}

export function operationModel(signingName: string, operation: string): OperationModel | undefined {
  const ops = MODEL[signingName]?.operations;
  return ops && Object.hasOwn(ops, operation) ? ops[operation] : undefined;
}

export type { MemberModel, OperationModel, ServiceModel } from './types';
