/**
 * EventBridge patterns and event shapes, defined once: the CDK rules and the local cloud's rules
 * both use these objects, so what routes locally routes the same way in AWS.
 */
import { OWNER_KEYS } from './tags';

export const TAG_EVENT_SOURCE = 'aws.tag';
export const TAG_EVENT_DETAIL_TYPE = 'Tag Change on Resource';

/**
 * Tag changes on VPCs that touch an owner key. The operator's own status writes (egress-proxy*)
 * never match, so they never retrigger the workflow.
 */
export const TAG_CHANGE_PATTERN = {
  source: [TAG_EVENT_SOURCE],
  'detail-type': [TAG_EVENT_DETAIL_TYPE],
  detail: {
    service: ['ec2'],
    'resource-type': ['vpc'],
    'changed-tag-keys': Object.values(OWNER_KEYS),
  },
};

export const STATUS_EVENT_SOURCE = 'egress-operator';
export const STATUS_EVENT_DETAIL_TYPE = 'Egress Proxy Status Changed';

/** What subscribers match to follow status changes. */
export const STATUS_CHANGE_PATTERN = {
  source: [STATUS_EVENT_SOURCE],
  'detail-type': [STATUS_EVENT_DETAIL_TYPE],
};
