/**
 * DescribeRegions: the Regions the local cloud serves (local/regions.ts), with the RegionName and
 * filter (region-name, endpoint, opt-in-status) of the API reference
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html).
 */
import { parseFilters, type QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { REGIONS } from '../../regions';
import { invalidValue } from '../errors';
import { applyFilters, type FilterFields } from '../filters';
import type { Ec2State } from '../state';
import type { Resource } from '../types';

interface RegionRow extends Resource {
  endpoint: string;
}

const fields: FilterFields<RegionRow> = {
  'region-name': (r) => r.id,
  endpoint: (r) => r.endpoint,
  'opt-in-status': () => 'opt-in-not-required',
};

export const regionOps = {
  DescribeRegions(_state: Ec2State, p: QueryParams): XmlObject {
    const rows: RegionRow[] = REGIONS.map((r, i) => ({ id: r.name, seq: i + 1, tags: new Map(), endpoint: `ec2.${r.name}.amazonaws.com` }));
    const names = p.list('RegionName');
    const unknown = names.filter((n) => !rows.some((r) => r.id === n));
    if (unknown.length > 0) throw invalidValue(`Invalid region names: ${unknown.join(', ')}`);
    const selected = names.length > 0 ? rows.filter((r) => names.includes(r.id)) : rows;
    return {
      regionInfo: applyFilters(selected, parseFilters(p), fields).map((r) => ({
        regionName: r.id, regionEndpoint: r.endpoint, optInStatus: 'opt-in-not-required',
      })),
    };
  },
};
