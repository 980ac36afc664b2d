/**
 * How a denied call answers, per protocol, naming the caller, the action and the resource as AWS's
 * access-denied messages do: https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 * EC2: `UnauthorizedOperation`, HTTP 403 (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html);
 * STS: `AccessDenied`, 403; JSON services: `AccessDeniedException` (400 for AWS JSON 1.0/1.1, 403 for REST-JSON).
 */
import { awsJsonError, restJsonError } from '../protocol/json';
import { ec2ErrorResponse } from '../protocol/xml';
import type { LocalResponse } from '../service';
import type { Decision } from './evaluate';
import { stsErrorResponse } from '../sts/xml';

export interface DeniedCall {
  service: string;
  callerArn: string;
  action: string;
  resource: string;
  decision: Exclude<Decision, 'Allow'>;
}

export function denialMessage(d: DeniedCall): string {
  const why = d.decision === 'ExplicitDeny'
    ? 'with an explicit deny in an identity-based policy'
    : `because no identity-based policy allows the ${d.action} action`;
  const on = d.resource === '*' ? '' : ` on resource: ${d.resource}`;
  return `User: ${d.callerArn} is not authorized to perform: ${d.action}${on} ${why}`;
}

export function denialResponse(d: DeniedCall): LocalResponse {
  const message = denialMessage(d);
  switch (d.service) {
    case 'ec2': return ec2ErrorResponse(403, 'UnauthorizedOperation', `You are not authorized to perform this operation. ${message}`);
    case 'sts': return stsErrorResponse(403, 'AccessDenied', message);
    case 'states': return awsJsonError(400, 'AccessDeniedException', message, '1.0');
    case 'events': return awsJsonError(400, 'AccessDeniedException', message, '1.1');
    default: return restJsonError(403, 'AccessDeniedException', message);
  }
}
