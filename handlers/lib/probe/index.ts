/** The proxy probe used by VerifyProxy: one CONNECT, classified. */
export { probeProxy } from './probe';
export { classifyAnswer, classifyHead, parseHead, MAX_HEAD_BYTES } from './answer';
export type { AnswerContext, AnswerHead } from './answer';
export { parseTarget } from './target';
export type { ProbeOptions, ProbeOutcome, ProbeResult } from './types';
export { DEFAULT_ANSWER_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './types';
