/**
 * The local AWS RAM (REST-JSON, every operation a POST to its lowercase name, as in
 * @aws-sdk/client-ram): GetResourceShares, GetResourceShareAssociations, GetResourceShareInvitations,
 * AcceptResourceShareInvitation. Error codes are the model's (`InvalidResourceShareInvitationArn.NotFound`
 * is the SDK's ResourceShareInvitationArnNotFoundException, …).
 * https://docs.aws.amazon.com/ram/latest/APIReference/API_Operations.html
 */
import type { LocalRequest, LocalService } from '../service';
import { restJsonError, restJsonResponse } from '../protocol/json';
import { RamError, type InvitationRecord, type RamStore, type ResourceShareRecord, type ShareAssociation } from './store';

const OPERATIONS: Record<string, string> = {
  '/getresourceshares': 'GetResourceShares',
  '/getresourceshareassociations': 'GetResourceShareAssociations',
  '/getresourceshareinvitations': 'GetResourceShareInvitations',
  '/acceptresourceshareinvitation': 'AcceptResourceShareInvitation',
};

/** The wire code of each error (x-amzn-errortype is the shape name for REST-JSON). */
const WIRE: Record<string, string> = {
  ResourceShareInvitationArnNotFoundException: 'ResourceShareInvitationArnNotFoundException',
  ResourceShareInvitationAlreadyAcceptedException: 'ResourceShareInvitationAlreadyAcceptedException',
  ResourceShareInvitationAlreadyRejectedException: 'ResourceShareInvitationAlreadyRejectedException',
  InvalidParameter: 'InvalidParameterException',
  MissingRequiredParameter: 'MissingRequiredParameterException',
  OperationNotPermittedException: 'OperationNotPermittedException',
};

type Body = Record<string, unknown>;
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
const iso = (d: Date) => d.getTime() / 1000;

function renderShare(s: ResourceShareRecord) {
  return {
    resourceShareArn: s.arn, name: s.name, owningAccountId: s.owningAccountId, allowExternalPrincipals: s.allowExternalPrincipals,
    status: 'ACTIVE', tags: [], creationTime: iso(s.creationTime), lastUpdatedTime: iso(s.creationTime), featureSet: 'STANDARD',
  };
}

function renderAssociation(s: ResourceShareRecord, a: ShareAssociation) {
  return {
    resourceShareArn: s.arn, resourceShareName: s.name, associatedEntity: a.associatedEntity, associationType: a.associationType,
    status: a.status, creationTime: iso(a.creationTime), lastUpdatedTime: iso(a.lastUpdatedTime), external: a.external,
  };
}

function renderInvitation(store: RamStore, i: InvitationRecord) {
  const share = store.shares.get(i.shareArn)!;
  return {
    resourceShareInvitationArn: i.arn, resourceShareName: share.name, resourceShareArn: share.arn, senderAccountId: i.senderAccountId,
    receiverAccountId: i.receiverAccountId, invitationTimestamp: iso(i.invitationTimestamp), status: i.status,
  };
}

function required(body: Body, name: string): string {
  const v = body[name];
  if (typeof v !== 'string' || v === '') throw new RamError('MissingRequiredParameter', `Missing required parameter ${name}.`);
  return v;
}

function operations(store: RamStore): Record<string, (req: LocalRequest, body: Body) => Body> {
  const visible = (req: LocalRequest, owner: string) => {
    if (owner === 'SELF') return [...store.shares.values()].filter((s) => s.owningAccountId === req.caller.accountId && s.region === req.region);
    if (owner === 'OTHER-ACCOUNTS') return store.sharesReaching(req.caller.accountId, req.region);
    throw new RamError('InvalidParameter', `resourceOwner must be SELF or OTHER-ACCOUNTS, not ${owner}.`);
  };
  return {
    GetResourceShares(req, body) {
      const arns = strings(body.resourceShareArns);
      const shares = visible(req, required(body, 'resourceOwner'))
        .filter((s) => !arns || arns.includes(s.arn)).filter((s) => body.name === undefined || s.name === body.name);
      return { resourceShares: shares.map(renderShare) };
    },
    GetResourceShareAssociations(req, body) {
      const type = required(body, 'associationType');
      if (type !== 'PRINCIPAL' && type !== 'RESOURCE') throw new RamError('InvalidParameter', `associationType must be PRINCIPAL or RESOURCE, not ${type}.`);
      const arns = strings(body.resourceShareArns);
      const out = [];
      // Owners see every association; principals see the resource associations of shares that reach them.
      const shares = type === 'PRINCIPAL' ? visible(req, 'SELF') : [...visible(req, 'SELF'), ...visible(req, 'OTHER-ACCOUNTS')];
      for (const s of shares) {
        if (arns && !arns.includes(s.arn)) continue;
        for (const a of s.associations) {
          if (a.associationType !== type) continue;
          if (body.resourceArn !== undefined && a.associatedEntity !== body.resourceArn) continue;
          if (body.principal !== undefined && a.associatedEntity !== body.principal) continue;
          if (body.associationStatus !== undefined && a.status !== body.associationStatus) continue;
          out.push(renderAssociation(s, a));
        }
      }
      return { resourceShareAssociations: out };
    },
    GetResourceShareInvitations(req, body) {
      const arns = strings(body.resourceShareInvitationArns);
      const shareArns = strings(body.resourceShareArns);
      const list = store.invitationsFor(req.caller.accountId, req.region)
        .filter((i) => (!arns || arns.includes(i.arn)) && (!shareArns || shareArns.includes(i.shareArn)));
      if (arns) {
        const missing = arns.find((a) => !list.some((i) => i.arn === a));
        if (missing) throw new RamError('ResourceShareInvitationArnNotFoundException', `The resource share invitation ARN ${missing} could not be found.`);
      }
      return { resourceShareInvitations: list.map((i) => renderInvitation(store, i)) };
    },
    AcceptResourceShareInvitation(req, body) {
      const inv = store.acceptInvitation(req.caller.accountId, req.region, required(body, 'resourceShareInvitationArn'));
      return { resourceShareInvitation: renderInvitation(store, inv), clientToken: body.clientToken };
    },
  };
}

export function createRamService(store: RamStore): LocalService {
  const ops = operations(store);
  return {
    name: 'ram',
    operationOf: (req) => (req.method === 'POST' ? OPERATIONS[req.path] : undefined),
    async handle(req) {
      let body: Body;
      try {
        body = req.body ? (JSON.parse(req.body) as Body) : {};
      } catch {
        return restJsonError(400, 'InvalidParameterException', 'The request body is not valid JSON.');
      }
      try {
        return restJsonResponse(ops[req.operation](req, body));
      } catch (e) {
        if (e instanceof RamError) return restJsonError(e.status, WIRE[e.code] ?? e.code, e.message);
        throw e;
      }
    },
    error: (status, code, message) => restJsonError(status, code, message),
  };
}
