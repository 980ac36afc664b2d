/** The name of the hub's RAM share of the resource configuration (Hub stack, member role's RAM condition, local cloud seed). */
export function hubShareName(prefix: string): string {
  return `${prefix}-squid`;
}
