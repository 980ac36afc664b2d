/**
 * What one sweep (or one naive round) costs, measured from the local cloud's counters and execution
 * histories, and priced per month at a 15-minute schedule from AWS public prices.
 */
import type { LocalCloud } from '../../local/cloud';

/** Public prices, us-east-1, as listed on aws.amazon.com/step-functions/pricing and /lambda/pricing (taken 2026-11). */
export const PRICES = {
  date: '2026-11 (us-east-1 public price pages)',
  standardTransition: 0.025 / 1000,
  expressRequest: 1.0 / 1_000_000,
  lambdaRequest: 0.2 / 1_000_000,
  lambdaGbSecondArm: 0.0000133334,
  lambdaMemoryGb: 256 / 1024, // infra/constructs/operator-functions.ts: 256 MB, arm64
};
export const SWEEPS_PER_MONTH = 4 * 24 * 30;

export interface Figures {
  /** Standard transitions AWS would bill (Distributed Map children are Express: not transitions). */
  transitions: number;
  expressRequests: number;
  apiCalls: number;
  apiByOperation: Record<string, number>;
  executionsStarted: number;
  lambdaInvocations: number;
  lambdaSeconds: number;
}

const EXPRESS_STATES = /Express$/;
/** The one Task of the Express children: it calls StartExecution (`arn:aws:states:::states:startExecution`). */
const EXPRESS_TASK = 'StartReconcileExpress';

interface HistoryLike { type: string; details?: Record<string, unknown> }

/**
 * Transitions of Express child workflows in one Standard execution's history, which the local cloud's
 * counter (every StateEntered and StateRetried) includes: each Express state entered, plus each retry of
 * the Express Task — its attempts (TaskScheduled of startExecution, only the Distributed Map's in an
 * execution that took it) beyond its entries.
 */
export function expressTransitions(events: readonly HistoryLike[]): { entered: number; retried: number; requests: number } {
  let entered = 0;
  let taskEntries = 0;
  let startAttempts = 0;
  for (const h of events) {
    const name = (h.details as { name?: string } | undefined)?.name ?? '';
    if (h.type.endsWith('StateEntered') && EXPRESS_STATES.test(name)) entered += 1;
    if (h.type === 'TaskStateEntered' && name === EXPRESS_TASK) taskEntries += 1;
    if (h.type === 'TaskScheduled' && (h.details as { resource?: string } | undefined)?.resource === 'startExecution') startAttempts += 1;
  }
  return { entered, retried: taskEntries ? Math.max(0, startAttempts - taskEntries) : 0, requests: taskEntries };
}

/**
 * Figures for everything that ran since `stats.reset()`, from the executions newer than `since`.
 * `callerStarts`: StartExecution calls the benchmark made itself to start sweeps (the schedule's, not the operator's).
 */
export function measure(cloud: LocalCloud, since: number, callerStarts = 0): Figures {
  const snap = cloud.stats.snapshot();
  const apiByOperation = { ...snap.apiCalls };
  const starts = (apiByOperation['states:StartExecution'] ?? 0) - callerStarts;
  if (starts > 0) apiByOperation['states:StartExecution'] = starts;
  else delete apiByOperation['states:StartExecution'];
  let transitions = Object.values(snap.stateTransitions).reduce((a, b) => a + b, 0);
  let expressRequests = 0;
  let lambdaInvocations = 0;
  let lambdaSeconds = 0;
  for (const machine of ['reconcile-fleet', 'reconcile-vpc']) {
    for (const e of cloud.stepFunctions.executions.list(machine)) {
      if (e.startDate < since) continue;
      let started: number | undefined;
      for (const h of e.history.events) {
        if (h.type === 'LambdaFunctionStarted') started = h.timestamp;
        if (/^LambdaFunction(Succeeded|Failed|TimedOut)$/.test(h.type) && started !== undefined) {
          lambdaInvocations += 1;
          lambdaSeconds += Math.max(1, h.timestamp - started) / 1000; // billed per ms, at least 1 ms
          started = undefined;
        }
      }
      const express = expressTransitions(e.history.events);
      transitions -= express.entered + express.retried;
      expressRequests += express.requests;
    }
  }
  return {
    transitions, expressRequests, apiByOperation,
    apiCalls: Object.values(apiByOperation).reduce((a, b) => a + b, 0),
    executionsStarted: snap.executions['reconcile-vpc'] ?? 0,
    lambdaInvocations, lambdaSeconds,
  };
}

export function scale(f: Figures, k: number): Figures {
  const s = (n: number) => Math.round(n * k * 100) / 100;
  return {
    transitions: s(f.transitions), expressRequests: s(f.expressRequests), apiCalls: s(f.apiCalls),
    apiByOperation: Object.fromEntries(Object.entries(f.apiByOperation).map(([o, n]) => [o, s(n)])),
    executionsStarted: s(f.executionsStarted), lambdaInvocations: s(f.lambdaInvocations), lambdaSeconds: f.lambdaSeconds * k,
  };
}

export interface MonthlyCost { transitions: number; express: number; lambdaRequests: number; lambdaCompute: number; total: number }

export function monthly(f: Figures, runsPerMonth = SWEEPS_PER_MONTH): MonthlyCost {
  const transitions = f.transitions * PRICES.standardTransition * runsPerMonth;
  const express = f.expressRequests * PRICES.expressRequest * runsPerMonth;
  const lambdaRequests = f.lambdaInvocations * PRICES.lambdaRequest * runsPerMonth;
  const lambdaCompute = f.lambdaSeconds * PRICES.lambdaMemoryGb * PRICES.lambdaGbSecondArm * runsPerMonth;
  return { transitions, express, lambdaRequests, lambdaCompute, total: transitions + express + lambdaRequests + lambdaCompute };
}
