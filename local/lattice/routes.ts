/**
 * REST routes of the local VPC Lattice, taken from the SDK's model (local/model/service-model.json:
 * method and path template of each implemented operation), so a path never drifts from what
 * @aws-sdk/client-vpc-lattice sends. Labels are percent-decoded (the SDK encodes ARNs in the path).
 */
import { serviceModel } from '../model';

export interface RouteMatch {
  operation: string;
  /** Path labels by member name (`resourceGatewayIdentifier`). */
  labels: Record<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  labels: string[];
  operation: string;
}

function compile(operation: string, method: string, template: string): Route {
  const labels: string[] = [];
  const body = template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`))
    .replace(/\{(\w+)\+?\}/g, (_m, name: string) => {
      labels.push(name);
      return '([^/]+)';
    });
  return { method, pattern: new RegExp(`^${body}$`), labels, operation };
}

let routes: Route[] | undefined;

function allRoutes(): Route[] {
  routes ??= Object.entries(serviceModel('vpc-lattice')?.operations ?? {})
    .filter(([, op]) => op.http)
    .map(([name, op]) => compile(name, op.http![0], op.http![1]))
    // Literal paths before templated ones: `/resourcegateways` must not be read as a label.
    .sort((a, b) => a.labels.length - b.labels.length);
  return routes;
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const r of allRoutes()) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (!m) continue;
    const labels: Record<string, string> = {};
    r.labels.forEach((name, i) => { labels[name] = decodeURIComponent(m[i + 1]); });
    return { operation: r.operation, labels };
  }
  return undefined;
}
