/** Structured JSON logs (Powertools Logger), keyed by VPC and execution in every handler. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'egress-operator' });
