/**
 * `egress cost`: per-VPC NAT gateways against the shared hub plus the operator itself, with the prices
 * used, their date, and which of them are uncertain. The model (and the CDK app's defaults it reads) is
 * loaded only when the command runs.
 */
import type { Command } from 'commander';
import { integerOption, numberOption } from '../lib/options';

export interface CostFlags { vpcs: number; azs: number; gbPerMonth: number; hubAzs?: number; ha?: boolean; natPerAz?: boolean; changesPerVpc: number; json?: boolean }

export function register(program: Command): void {
  program
    .command('cost')
    .description('monthly cost: per-VPC NAT gateways vs the shared hub (NAT, Squid, resource endpoints, data) plus the operator')
    .requiredOption('--vpcs <n>', 'number of project VPCs (at least 1)', integerOption(1, 1_000_000))
    .option('--azs <n>', 'AZs per project VPC', integerOption(1, 6), 2)
    .option('--gb-per-month <gb>', 'internet-bound GB per VPC per month', numberOption(0), 100)
    .option('--hub-azs <n>', 'AZs of the hub (default: the CDK config\'s availabilityZoneIds count, else 2); with --ha / --nat-per-az, one Squid / NAT gateway each', integerOption(1, 6))
    .option('--ha', 'one Squid per hub AZ (CDK highAvailability=true); default: one Squid')
    .option('--nat-per-az', 'one NAT gateway per hub AZ (CDK natGateways=per-az); default: one NAT gateway')
    .option('--changes-per-vpc <n>', 'reconciles per VPC per month (spec changes, drift repairs)', numberOption(0), 1)
    .option('--json', 'print JSON')
    .action(async (flags: CostFlags) => {
      const { estimateCost, HUB_DEFAULTS } = require('../lib/cost-model') as typeof import('../lib/cost-model');
      const { costJson, renderCost } = require('../lib/cost-view') as typeof import('../lib/cost-view');
      const { printJson } = require('../lib/output') as typeof import('../lib/output');
      const estimate = estimateCost({
        vpcs: flags.vpcs, azs: flags.azs, gbPerMonth: flags.gbPerMonth, changesPerVpc: flags.changesPerVpc,
        hubAzs: flags.hubAzs ?? HUB_DEFAULTS.hubAzs, ha: flags.ha === true, natPerAz: flags.natPerAz === true,
      });
      if (flags.json) printJson(costJson(estimate));
      else process.stdout.write(`${renderCost(estimate)}\n`);
    });
}
