/** The shape of local/model/service-model.json (written by local/model/generate.ts). */
export interface MemberModel {
  /** The member name in the SDK (`VpcIds`). */
  member: string;
  /** The name on the wire (`VpcId` in EC2 Query, the JSON member, the path label or query key). */
  name: string;
  kind: 'scalar' | 'list' | 'struct' | 'map';
  required: boolean;
  /** REST-JSON only: where the member travels. */
  location?: 'label' | 'query' | 'header' | 'body';
  enum?: string[];
}

export interface OperationModel {
  members: MemberModel[];
  /** REST-JSON only: method and path template (`/resourcegateways/{resourceGatewayIdentifier}`). */
  http?: [string, string];
}

export interface ServiceModel {
  protocol: 'ec2' | 'json' | 'rest-json';
  /** The SDK package and version the model was read from. */
  sdk: string;
  operations: Record<string, OperationModel>;
}
