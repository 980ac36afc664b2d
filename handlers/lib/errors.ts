/**
 * Named errors matched by the ASL `Retry`/`Catch` blocks (`ErrorEquals` uses `error.name`).
 * Two families: retryable inside a run (ASL Retry) and not (Catch → status). Which Error status the
 * sweep requeues with backoff is handlers/lib/plan/requeue.ts's decision. Every custom name used in
 * statemachines/*.asl.json must exist here; test/statemachines checks it.
 */
export abstract class OperatorError extends Error {
  abstract readonly retryable: boolean;
  /** CamelCase reason written to `egress-proxy:reason`. */
  get reason(): string { return this.name; }
}

abstract class RetryableError extends OperatorError { readonly retryable = true; }
abstract class TerminalError extends OperatorError { readonly retryable = false; }

// ---- retryable: the ASL Retry handles these with backoff -----------------------------------
/** The endpoint exists but is not Available (and associated) yet: requeue. */
export class EndpointNotReady extends RetryableError { readonly name = 'EndpointNotReady'; }
/** Finalize asked AWS to delete what we own and it is not gone yet (or still in use): requeue. */
export class DeletionInProgress extends RetryableError { readonly name = 'DeletionInProgress'; }
/** AWS throttled us (Throttling, RequestLimitExceeded, …). */
export class AwsThrottled extends RetryableError { readonly name = 'AwsThrottled'; }
/** A transient AWS fault (5xx, timeouts, eventual consistency NotFound right after create). */
export class AwsTransient extends RetryableError { readonly name = 'AwsTransient'; }
/**
 * An AWS error we do not classify (the message carries its code). Retried like a transient fault, as
 * controller-runtime requeues any error it does not know: retrying costs little, parking a VPC costs egress.
 */
export class AwsFailure extends RetryableError { readonly name = 'AwsFailure'; }

// ---- terminal: Catch routes these to PublishStatus ------------------------------------------
/** The VPC no longer exists: finalize what we own and end cleanly. */
export class VpcGone extends TerminalError { readonly name = 'VpcGone'; }
/** The owner's tags are invalid (bad subnet IDs, bad deletion policy, …). */
export class InvalidSpec extends TerminalError { readonly name = 'InvalidSpec'; }
/** Private DNS is used but the VPC's DNS attributes are off: the proxy name would never resolve. */
export class VpcDnsDisabled extends TerminalError { readonly name = 'VpcDnsDisabled'; }
/** The hub's RAM share has not reached the member account and the operator cannot accept it. */
export class ShareNotAccepted extends TerminalError { readonly name = 'ShareNotAccepted'; }
/** The hub's resource configuration or gateway is missing, not shared, or unusable. */
export class HubUnavailable extends TerminalError { readonly name = 'HubUnavailable'; }
/** The endpoint reached a failed/rejected/deleted state. */
export class EndpointFailed extends TerminalError { readonly name = 'EndpointFailed'; }
/** The proxy could not be reached or refused the check through the resource path. */
export class ProxyCheckFailed extends TerminalError { readonly name = 'ProxyCheckFailed'; }
/**
 * What Ready needs on the project side (VerifyProxy, handlers/lib/plan/reachability.ts): each names
 * the resource and the fix. docs/design.md#workflows, "What Ready means"
 */
/** The endpoint's association is not Accessible (the hub's configuration is not AVAILABLE or not shared). */
export class EndpointNotAccessible extends TerminalError { readonly name = 'EndpointNotAccessible'; }
/** The endpoint's security groups do not admit every VPC CIDR on the proxy port. */
export class SecurityGroupBlocksProxyPort extends TerminalError { readonly name = 'SecurityGroupBlocksProxyPort'; }
/** A network ACL of an endpoint subnet denies the proxy port inbound. */
export class NetworkAclBlocksProxyPort extends TerminalError { readonly name = 'NetworkAclBlocksProxyPort'; }
/** A network ACL of an endpoint subnet denies the answers (ephemeral ports) outbound. */
export class NetworkAclBlocksReturnTraffic extends TerminalError { readonly name = 'NetworkAclBlocksReturnTraffic'; }
/** AWS denied the call (IAM, SCP, missing member role). */
export class AccessDenied extends TerminalError { readonly name = 'AccessDenied'; }
/** The owner changed the spec while this run worked: it stops without writing; the change has its own run. */
export class Superseded extends TerminalError { readonly name = 'Superseded'; }
/** Something carrying our names but not our ownership tags is in the way; a person must resolve it. */
export class OwnershipConflict extends TerminalError { readonly name = 'OwnershipConflict'; }
/** Opting out: our security group is still referenced by something we do not own. */
export class SecurityGroupInUse extends TerminalError { readonly name = 'SecurityGroupInUse'; }
/**
 * PublishStatus wrote a failed status (Error, or Degraded for a proxy that did not answer): the run
 * ends failed, so the console and `ListExecutions` show it; the VPC's status tags say why.
 */
export class ReconcileFailed extends TerminalError { readonly name = 'ReconcileFailed'; }
/** A function's setting (an environment variable the stack sets) is not what it must be: the message names it and the value (handlers/lib/settings.ts). */
export class InvalidSetting extends TerminalError { readonly name = 'InvalidSetting'; }


const RETRYABLE_ERROR_NAMES = ['EndpointNotReady', 'DeletionInProgress', 'AwsThrottled', 'AwsTransient', 'AwsFailure'] as const;
const TERMINAL_ERROR_NAMES = [
  'VpcGone', 'Superseded', 'SecurityGroupInUse', 'ReconcileFailed', 'InvalidSpec', 'VpcDnsDisabled',
  'EndpointNotAccessible', 'SecurityGroupBlocksProxyPort', 'NetworkAclBlocksProxyPort', 'NetworkAclBlocksReturnTraffic', 'ShareNotAccepted', 'HubUnavailable', 'EndpointFailed', 'ProxyCheckFailed', 'AccessDenied', 'OwnershipConflict', 'InvalidSetting',
] as const;
export const ERROR_NAMES: readonly string[] = [...RETRYABLE_ERROR_NAMES, ...TERMINAL_ERROR_NAMES];
