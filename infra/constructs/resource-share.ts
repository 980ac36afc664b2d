/**
 * AWS RAM share of the resource configuration with the project accounts (or the whole
 * organization), so they can create resource endpoints for it. Single-account setups need none.
 */
import * as ram from 'aws-cdk-lib/aws-ram';
import { Construct } from 'constructs';

export interface ProxyShareProps {
  resourceConfigurationArn: string;
  accounts: string[];
  organizationArn?: string;
  name: string;
}

export class ProxyShare extends Construct {
  readonly share: ram.CfnResourceShare;

  constructor(scope: Construct, id: string, props: ProxyShareProps) {
    super(scope, id);
    const principals = [...props.accounts, ...(props.organizationArn ? [props.organizationArn] : [])];
    if (principals.length === 0) throw new Error('ProxyShare needs at least one account or the organization ARN');
    this.share = new ram.CfnResourceShare(this, 'Share', {
      name: props.name,
      resourceArns: [props.resourceConfigurationArn],
      principals,
      // Inside the organization only: a typo in an account ID must not share the proxy outside it.
      allowExternalPrincipals: props.organizationArn === undefined,
    });
  }
}
