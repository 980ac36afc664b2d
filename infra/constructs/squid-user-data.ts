/**
 * Boot script of a Squid instance (Amazon Linux 2023). The Squid config is rendered at synth time
 * from infra/squid/ (the same template the local cloud and the tests run), so a config change is
 * a launch-template change and the Auto Scaling group's instance refresh rolls it out.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { renderSquidConfig } from '../squid/render';

export interface SquidUserDataProps {
  /** Client CIDRs: the resource gateway's subnets (its ENIs are the only clients Squid sees). */
  sources: string[];
  port: number;
  allowPorts: number[];
  allowDomains: string[];
  /** The fixed network interface of this AZ: the address the resource configuration names. */
  networkInterfaceId: string;
}

export function squidUserData(props: SquidUserDataProps): ec2.UserData {
  const config = renderSquidConfig({
    sources: props.sources,
    port: props.port,
    allowPorts: props.allowPorts,
    ...(props.allowDomains.length ? { allowDomains: props.allowDomains } : {}),
  });
  if (config.includes('EGRESS_SQUID_CONF')) throw new Error('squid config must not contain the heredoc marker');

  const userData = ec2.UserData.forLinux();
  userData.addCommands(
    'set -euo pipefail',
    'dnf install -y squid',
    "cat > /etc/squid/squid.conf <<'EGRESS_SQUID_CONF'",
    config,
    'EGRESS_SQUID_CONF',
    // Refuse to start on a config Squid cannot parse: the ASG health check then replaces the instance.
    'squid -k parse -f /etc/squid/squid.conf',
    // IMDSv2 only (the launch template requires tokens).
    'TOKEN=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")',
    'imds() { curl -sS -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }',
    'INSTANCE_ID=$(imds instance-id)',
    'REGION=$(imds placement/region)',
    // The fixed interface stays attached to a failed instance until EC2 terminates it: keep trying
    // for up to ten minutes. amazon-ec2-net-utils then routes replies out of the same interface.
    `ENI_ID=${props.networkInterfaceId}`,
    'attached=no',
    'for attempt in $(seq 1 60); do',
    '  if aws ec2 attach-network-interface --region "$REGION" --network-interface-id "$ENI_ID" --instance-id "$INSTANCE_ID" --device-index 1; then attached=yes; break; fi',
    '  sleep 10',
    'done',
    // Without the fixed address this instance serves nobody: stop, and the ASG replaces it.
    'if [ "$attached" != yes ]; then echo "could not attach $ENI_ID" >&2; shutdown -h now; exit 1; fi',
    // A crashed Squid process on a healthy instance is invisible to the EC2 health check: systemd restarts it.
    'mkdir -p /etc/systemd/system/squid.service.d',
    "printf '[Service]\\nRestart=always\\nRestartSec=2\\n' > /etc/systemd/system/squid.service.d/restart.conf",
    'systemctl daemon-reload',
    'systemctl enable --now squid',
  );
  return userData;
}
